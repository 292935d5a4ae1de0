// Today's calls, live: pending messages and transfers first (a transfer that came back to the desk highlighted), each
// with "mark read" / "acknowledge" on the person's behalf (reception), and "open a matter" from a call.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { User } from '../../../server/protocol.ts';
import { Panel } from '../forms.tsx';
import { formatTime, useLang, useT } from '../i18n.ts';
import { failure, say, type Message } from '../problems.ts';
import { acknowledge, callOrder, exportCallForm, isPending, markRead, printCallForm, readDeskWords, sendSms, type Call, type DeskWords } from './calls.ts';
import { categoryKey, whom } from './words.ts';
import { fillTemplate, siteNameIn } from '../../../server/domain/desk-phrases.ts';
import { useStaffSite } from '../Shell.tsx';

export function CallList({ calls, user, onChanged, onOpenCase }: {
  calls: Call[]; user: User; onChanged: (call: Call) => void; onOpenCase: (call: Call) => Promise<void>;
}) {
  const t = useT();
  const lang = useLang();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<Message | null>(null);
  const [words, setWords] = useState<DeskWords | null>(null);
  const [texting, setTexting] = useState<string | null>(null);
  const [texted, setTexted] = useState<Record<string, string>>({});
  const site = useStaffSite();
  const textLang = lang === 'en' ? 'en' : 'zh-CN';
  /** The text as the caller will read it: filled in as the server fills it (server/domain/desk-phrases.ts). */
  const preview = (c: Call, tpl: DeskWords['smsTemplates'][number]) =>
    fillTemplate(tpl, textLang, { name: c.caller.name, site: siteNameIn({ siteName: site?.siteName ?? '' }, textLang), subject: c.subject, staff: user.name });
  const reception = user.role === 'reception';
  useEffect(() => { if (reception) void readDeskWords().then(setWords); }, [reception]);
  /** The regulations' standard text to the caller after the call: chosen from the admin's templates, sent once. */
  const text = (c: Call, templateId: string) => act(`sms-${c.id}`, async () => {
    const sent = await sendSms(c.id, templateId, lang === 'en' ? 'en' : 'zh-CN');
    setTexted((m) => ({ ...m, [c.id]: sent.at }));
    setTexting(null);
  });
  const mayOpen = user.role !== 'host';
  const act = async (id: string, work: () => Promise<void>) => {
    setBusy(id);
    setProblem(null);
    try { await work(); } catch (error) { setProblem(failure(error)); } finally { setBusy(null); }
  };
  const sorted = [...calls].sort(callOrder);
  return (
    <Panel title={t('callsTodayTitle')} class="call-list">
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      {mayOpen && (
        <div class="form-actions call-form-actions">
          <button type="button" class="button button-secondary" disabled={busy !== null} onClick={() => act('form-csv', exportCallForm)}>{t('callFormExport')}</button>
          <button type="button" class="button button-secondary" disabled={busy !== null} onClick={() => act('form-print', printCallForm)}>{t('callFormPrint')}</button>
        </div>
      )}
      {sorted.length === 0 && <p class="lead">{t('callsNone')}</p>}
      <ul class="cards" aria-live="polite">
        {sorted.map((c) => {
          const pending = isPending(c);
          const returned = Boolean(c.kind === 'transfer' && c.transfer?.returnedAt && pending);
          return (
            <CallCard key={c.id} call={c} desk>
              <div class="form-actions call-actions">
                {reception && pending && c.kind === 'message' && (
                  <button type="button" class={`button button-secondary${busy === c.id ? ' busy' : ''}`} disabled={busy !== null}
                    onClick={() => act(c.id, async () => onChanged(await markRead(c.id)))}>{t('callMarkRead')}</button>
                )}
                {reception && pending && c.kind === 'transfer' && (
                  <button type="button" class={`button ${returned ? 'button-primary' : 'button-secondary'}${busy === c.id ? ' busy' : ''}`} disabled={busy !== null}
                    onClick={() => act(c.id, async () => onChanged(await acknowledge(c.id)))}>{t('callAcknowledge')}</button>
                )}
                {reception && words?.smsConfigured && c.caller.phone && !c.sms?.ok && !texted[c.id] && (
                  <button type="button" class="button button-secondary" aria-expanded={texting === c.id} disabled={busy !== null}
                    onClick={() => setTexting(texting === c.id ? null : c.id)}>{t('callSms')}</button>
                )}
                {mayOpen && !c.caseId && (
                  <button type="button" class="button button-secondary" disabled={busy !== null} onClick={() => act(`case-${c.id}`, () => onOpenCase(c))}>{t('callOpenCase')}</button>
                )}
              </div>
              {texting === c.id && words && (
                <div class="call-sms" role="group" aria-label={t('callSmsChoose')}>
                  <p class="call-sms-title">{t('callSmsChoose')}</p>
                  {words.smsTemplates.map((tpl) => (
                    <button type="button" class={`button button-secondary call-sms-choice${busy === `sms-${c.id}` ? ' busy' : ''}`} disabled={busy !== null} onClick={() => text(c, tpl.id)}>
                      {preview(c, tpl)}
                    </button>
                  ))}
                </div>
              )}
              {(texted[c.id] ?? (c.sms?.ok ? c.sms.at : undefined)) && <p class="call-state-done">{t('callSmsSent', { time: formatTime(texted[c.id] ?? c.sms!.at, lang) })}</p>}
            </CallCard>
          );
        })}
      </ul>
    </Panel>
  );
}

/** One call as a card: who called and when, about what, the message's words and where it stands; `children`, the
 *  buttons of the page showing it. The desk (`desk`) also sees its kind, category, importance and whom it is for. */
/** showDay: a call of another day (a search) shows its date with the time. */
export function CallCard({ call: c, desk = false, showDay = false, children }: { call: Call; desk?: boolean; showDay?: boolean; children?: ComponentChildren }) {
  const t = useT();
  const lang = useLang();
  const pending = isPending(c);
  const returned = c.kind === 'transfer' && c.transfer?.returnedAt && pending;
  const to = whom(t, c);
  return (
    <li class={`call-card${pending ? ' call-pending' : ''}${returned ? ' call-returned' : ''}`} data-call={c.id}>
      <p class="call-head">
        <strong>{c.caller.name}</strong>
        {c.caller.organisation && <span> · {c.caller.organisation}</span>}
        {c.caller.phone && <span> · {c.caller.phone}</span>}
        <span class="call-time">{showDay ? `${c.day} ` : ''}{formatTime(c.at, lang)}</span>
      </p>
      <p class="call-subject">{c.subject}</p>
      {desk && (
        <p class="call-tags">
          <span class="tag">{t(c.kind === 'message' ? 'callKindMessage' : c.kind === 'transfer' ? 'callKindTransfer' : 'callKindCall')}</span>
          <span class="tag">{t(categoryKey(c.category))}</span>
          {c.importance !== 'normal' && <span class="tag case-importance-important">{t(`importance_${c.importance}` as 'importance_important')}</span>}
          {to && <span>{t('callForWhom', { name: to })}</span>}
        </p>
      )}
      {c.message && <p class="call-message">{c.message.text}</p>}
      {returned && <p class="call-state call-state-returned" role="status">{t('callReturned')}</p>}
      {pending && !returned && <p class="call-state">{t(c.kind === 'message' ? 'callPendingMessage' : 'callPendingTransfer')}</p>}
      {c.message?.readAt && <p class="call-state-done">{t('callRead', { time: formatTime(c.message.readAt, lang) })}</p>}
      {c.message?.remindedAt && !c.message.readAt && <p class="call-state-done">{t('callReminded', { time: formatTime(c.message.remindedAt, lang) })}</p>}
      {c.transfer?.acknowledgedAt && <p class="call-state-done">{t('callAcknowledged', { time: formatTime(c.transfer.acknowledgedAt, lang) })}</p>}
      {desk && c.caseId && <p class="call-state-done">{t('callCaseOpened')}</p>}
      {children}
    </li>
  );
}
