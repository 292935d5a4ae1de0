// One waiting visitor: who, why, what they carry, and Approve / Deny with words to the visitor: a quick phrase (sent
// as its key, shown in the visitor's language at the kiosk), free text, and "coming in N minutes".
import { useState } from 'preact/hooks';
import type { HostWords, User, Visit } from '../../../server/protocol.ts';
import { PHRASE_KEYS, phraseText, type PhraseKey } from '../../../server/phrases.ts';
import { request } from '../../api.ts';
import { STAFF } from '../calls.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { ID_TYPE_LABEL, formatTime, useLang, useT } from '../i18n.ts';
import { failure, say, type Message } from '../problems.ts';
import { CompanionsDetail } from '../Companions.tsx';
import { AgreementTag } from '../AgreementTag.tsx';
import { ApprovalSteps, secondTurn } from './ApprovalSteps.tsx';

const COMING = [5, 15] as const;

const sendWords = (visitId: string, words: HostWords) =>
  request<{ visit: Visit }>(STAFF, 'POST', `/api/visits/${encodeURIComponent(visitId)}/message`, words);

export function VisitCard({ visit, me, onDecide, confirmDeny }: {
  visit: Visit; me: User; onDecide: (visit: Visit, decision: 'approve' | 'deny', message: string) => Promise<void>;
  /** Asked before anything of a denial is sent (the desk's "are you sure"); false leaves the card as it was. */
  confirmDeny?: (visit: Visit) => Promise<boolean>;
}) {
  const t = useT();
  const lang = useLang();
  const [message, setMessage] = useState('');
  const [phrase, setPhrase] = useState<PhraseKey | null>(null);
  const [coming, setComing] = useState<number | null>(null);
  const [problem, setProblem] = useState<Message | null>(null);
  const [choice, setChoice] = useState<'approve' | 'deny' | 'send' | null>(null);
  const words = (andComing: boolean): HostWords =>
    ({ ...(phrase ? { phrase } : {}), ...(message.trim() ? { message: message.trim() } : {}), ...(coming && andComing ? { comingInMinutes: coming } : {}) });
  const clear = () => { setPhrase(null); setComing(null); setMessage(''); };
  const [decide, busy] = useAction(async (decision: 'approve' | 'deny' | 'send') => {
    setChoice(decision);
    setProblem(null);
    if (decision === 'deny' && confirmDeny && !(await confirmDeny(visit))) return;
    try {
      // A phrase or a countdown goes first on its own, then the decision (whose free text would replace the phrase).
      // Nobody comes down to a visitor they turned away: a denial drops the countdown.
      const spoken = phrase !== null || (coming !== null && decision !== 'deny');
      if (spoken || decision === 'send') await sendWords(visit.id, words(decision !== 'deny'));
      if (decision !== 'send') await onDecide(visit, decision, spoken ? '' : message);
      clear();
    } catch (error) { setProblem(failure(error)); }
  });
  const said = [visit.hostPhrase && phraseText(visit.hostPhrase, lang), visit.hostMessage,
    visit.hostComing && t('comingUntil', { time: formatTime(visit.hostComing.until, lang) })].filter(Boolean).join(' · ');
  const { visitor } = visit;
  const titleId = `visit-${visit.id}`;
  // A second approval waiting: its approver decides without words to the visitor; everyone else may still write.
  const turn = secondTurn(visit, me);
  const asked = Boolean(me.hostId && visit.secondApprover?.asked.includes(me.hostId) && me.role === 'host');
  return (
    <article class="visit-card" aria-labelledby={titleId} data-visit={visit.id}>
      <header class="visit-card-head">
        <h3 id={titleId} class="visit-name">{visitor.name}</h3>
        {visitor.company && <span class="visit-company">{visitor.company}</span>}
        <span class="visit-time">{t('arrivedAt', { time: formatTime(visit.createdAt, lang) })}</span>
      </header>
      {visit.hostId && visit.hostId !== me.hostId && visit.host && !asked && <p class="visit-for">{t('forHost', { host: visit.host.name })}</p>}
      <dl class="facts">
        <dt>{t('purpose')}</dt><dd>{visit.purpose}</dd>
        <dt>{t('companions')}</dt><dd><CompanionsDetail visit={visit} /></dd>
        {visit.items.length > 0 && <><dt>{t('items')}</dt><dd>{visit.items.join('、')}</dd></>}
        <dt>{t('idMasked')}</dt><dd><span class="muted">{t(ID_TYPE_LABEL[visitor.idType])}</span> <span class="mono">{visitor.idNumberMasked}</span></dd>
        {visit.plate && <><dt>{t('plate')}</dt><dd class="mono">{visit.plate}</dd></>}
        <dt>{t('visitNumber')}</dt><dd class="mono">{visit.number}</dd>
      </dl>
      {visit.invitedAs && <p class="tag tag-escalated" role="note">{t('invitedAs', { name: visit.invitedAs })}</p>}
      {visit.escortRequired && <p class="tag tag-escort">{t('escort')}</p>}
      <AgreementTag visit={visit} />
      <ApprovalSteps visit={visit} turn={turn} />
      {turn !== 'decide' && <>
      <Field label={t('messageToVisitor')} value={message} onInput={setMessage} optional={t('optional')} maxLength={200} />
      <div class="chips phrases" role="group" aria-label={t('quickPhrases')}>
        {PHRASE_KEYS.map((key) => (
          <button key={key} type="button" data-phrase={key} class={`chip${phrase === key ? ' chip-on' : ''}`} aria-pressed={phrase === key} onClick={() => setPhrase(phrase === key ? null : key)}>
            {phraseText(key, lang)}
          </button>
        ))}
        {COMING.map((minutes) => (
          <button key={minutes} type="button" data-coming={minutes} class={`chip${coming === minutes ? ' chip-on' : ''}`} aria-pressed={coming === minutes} onClick={() => setComing(coming === minutes ? null : minutes)}>
            {t('comingInChip', { minutes })}
          </button>
        ))}
      </div>
      </>}
      {said && <p class="muted said" role="status">{t('saidToVisitor', { words: said })}</p>}
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      <div class="card-actions">
        {(turn === 'none' || turn === 'decide') && <>
        <Button busy={busy && choice === 'approve'} disabled={busy} onClick={() => decide('approve')}>{t('approve')}</Button>
        <Button kind="secondary" busy={busy && choice === 'deny'} disabled={busy} onClick={() => decide('deny')}>{t('deny')}</Button>
        </>}
        {turn !== 'decide' && <Button kind="secondary" busy={busy && choice === 'send'} disabled={busy || !(phrase || coming || message.trim())} onClick={() => decide('send')}>{t('sendToVisitor')}</Button>}
      </div>
    </article>
  );
}
