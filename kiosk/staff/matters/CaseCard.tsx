// One matter (事务) as a card: what it is, when it is due and how late, its steps (who, when), and the steps its
// status allows to the reader: the desk's roles assign, accept, note, resolve, call back and close; a host accepts,
// notes and resolves. A complaint shows the apology the regulations prescribe, in both languages.
import { useId, useState } from 'preact/hooks';
import type { HostSummary, User } from '../../../server/protocol.ts';
import { Field } from '../../ui/Field.tsx';
import { OneOf } from '../../ui/Choices.tsx';
import { HostSearch } from '../HostSearch.tsx';
import { formatTime, useLang, useT } from '../i18n.ts';
import { RequestError } from '../../api.ts';
import { failure, msg, say, type Message } from '../problems.ts';
import { lateBy, stepCase, type CaseRecord, type Step } from './calls.ts';
import { actorName, learnHost } from './names.ts';
import { PhraseOf } from './Phrases.tsx';
import { categoryKey, duration, importanceKey, statusKey, whom } from './words.ts';

type Action = Step['kind'];
const LABELS = { text: 'caseNoteText', resolution: 'caseResolution', reason: 'caseCloseReason', note: 'caseNoteText', department: 'caseAssignTo', hostId: 'caseAssignTo' } as const;

/** What the reader may do to a case in its status. */
export function actionsFor(c: CaseRecord, user: User): Action[] {
  if (c.status === 'closed') return [];
  const host = user.role === 'host';
  const boss = user.role === 'supervisor' || user.role === 'admin';
  const answering = c.status === 'open' || c.status === 'assigned' || c.status === 'accepted';
  const list: Action[] = [];
  if (!host && answering) list.push('assign');
  if (c.status === 'assigned') list.push('accept');
  if (answering) list.push('resolve');
  if (!host && c.status === 'resolved') list.push('callback');
  if (!host && (c.status === 'called-back' || boss)) list.push('close');
  list.push('note');
  return list;
}

const ACTION_LABEL = { assign: 'caseAssign', accept: 'caseAccept', note: 'caseNote', resolve: 'caseResolve', callback: 'caseCallback', close: 'caseClose' } as const;

export function CaseCard({ value: c, user, now, onChanged }: { value: CaseRecord; user: User; now: number; onChanged: (c: CaseRecord) => void }) {
  const t = useT();
  const lang = useLang();
  const [open, setOpen] = useState<Action | null>(null);
  const [problem, setProblem] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const late = lateBy(c, now);
  const due = c.status === 'resolved' ? c.callbackDueAt : c.dueAt;
  const by = (id: string) => (id === user.id || id === `user:${user.id}` ? t('caseByMe') : actorName(id) ?? '');

  const send = async (step: Step) => {
    setBusy(true);
    setProblem(null);
    try {
      onChanged(await stepCase(c.id, step));
      setOpen(null);
    } catch (error) {
      const code = error instanceof RequestError ? error.code : '';
      setProblem(code === 'callback-missing' ? msg('caseNeedsCallback') : code === 'case-step-out-of-order' ? msg('caseOutOfOrder') : failure(error, LABELS));
    } finally { setBusy(false); }
  };
  const actions = actionsFor(c, user);
  return (
    <article class={`case-card${late ? ' case-late' : ''}${c.category === 'complaint' ? ' case-complaint' : ''}`} data-case={c.number} aria-label={`${c.number} ${c.subject}`}>
      <header class="case-head">
        <strong class="case-number">{c.number}</strong>
        <span class={`tag case-status case-status-${c.status}`}>{t(statusKey(c.status))}</span>
        <span class="tag">{t(categoryKey(c.category))}</span>
        {c.importance !== 'normal' && <span class={`tag case-importance-${c.importance}`}>{t(importanceKey(c.importance))}</span>}
      </header>
      <p class="case-subject">{c.subject}</p>
      {c.detail && <p class="case-detail">{c.detail}</p>}
      <p class="case-meta">
        {c.contact.name}{c.contact.phone ? ` · ${c.contact.phone}` : ''}
        {c.assignee && <> · {t('caseAssignedTo', { who: whom(t, c.assignee) })}</>}
      </p>
      {due && c.status !== 'closed' && c.status !== 'called-back' && (
        <p class={late ? 'case-due case-due-late' : 'case-due'}>
          {t(c.status === 'resolved' ? 'caseCallbackDue' : 'caseDue', { time: formatTime(due, lang, { day: true }) })}
          {late > 0 && <> · <strong>{t('caseLate', { time: duration(t, late) })}</strong></>}
        </p>
      )}
      {c.resolution && <p class="case-detail">{t('caseResolutionShown', { text: c.resolution })}</p>}
      {c.callback && (
        <p class="case-detail">
          {t('caseCallbackShown', { reached: t(c.callback.reachedContact ? 'caseReached' : 'caseNotReached') })}
          {c.callback.satisfaction ? ` · ${t('caseCallbackScore', { n: c.callback.satisfaction })}` : ''}
          {c.callback.note ? ` · ${c.callback.note}` : ''}
        </p>
      )}
      {c.closeReason && <p class="case-detail">{t('caseClosedShown', { reason: c.closeReason })}</p>}
      {c.category === 'complaint' && c.status !== 'closed' && user.role !== 'host' && <PhraseOf which="complaint-apology" />}
      <details class="case-steps">
        <summary>{t('caseSteps')} ({c.steps.length})</summary>
        <ol>
          {c.steps.map((s, i) => (
            <li key={i}>
              <span class="case-step-time">{formatTime(s.at, lang, { day: true })}</span>{' '}
              <span class="case-step-what">
                {t(`caseStep_${s.kind}` as 'caseStep_note', { who: whom(t, s.to) })}
                {s.kind === 'callback' && ` · ${t(s.reachedContact ? 'caseReached' : 'caseNotReached')}`}
              </span>
              {by(s.by) && <span class="case-step-by"> · {by(s.by)}</span>}
              {s.text && <span class="case-step-text">{s.text}</span>}
            </li>
          ))}
        </ol>
      </details>
      {actions.length > 0 && (
        <div class="case-actions">
          {actions.map((a) => (
            <button key={a} type="button" class={`button ${a === 'accept' || open === a ? 'button-primary' : 'button-secondary'}${busy && a === 'accept' ? ' busy' : ''}`}
              aria-expanded={a === 'accept' ? undefined : open === a} disabled={busy}
              onClick={() => (a === 'accept' ? void send({ kind: 'accept' }) : setOpen(open === a ? null : a))}>
              {t(a === 'close' && c.status !== 'called-back' ? 'caseCloseEarly' : ACTION_LABEL[a])}
            </button>
          ))}
        </div>
      )}
      {open && open !== 'accept' && <StepForm action={open} early={c.status !== 'called-back'} busy={busy} onSend={send} onCancel={() => setOpen(null)} />}
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
    </article>
  );
}

function StepForm({ action, early, busy, onSend, onCancel }: { action: Exclude<Action, 'accept'>; early: boolean; busy: boolean; onSend: (s: Step) => void; onCancel: () => void }) {
  const t = useT();
  const [text, setText] = useState('');
  const [host, setHost] = useState<HostSummary | null>(null);
  const [toDepartment, setToDepartment] = useState<'host' | 'department'>('department');
  const [reached, setReached] = useState<'yes' | 'no'>('yes');
  const [score, setScore] = useState<number | undefined>(undefined);
  const words = text.trim();
  let step: Step | null = null;
  if (action === 'assign' && host) step = toDepartment === 'department' ? { kind: 'assign', department: host.department } : { kind: 'assign', hostId: host.id };
  if (action === 'note') step = { kind: 'note', text: words };
  if (action === 'resolve') step = { kind: 'resolve', resolution: words };
  if (action === 'close') step = words ? { kind: 'close', reason: words } : { kind: 'close' };
  if (action === 'callback') {
    step = { kind: 'callback', reachedContact: reached === 'yes', ...(reached === 'yes' && score ? { satisfaction: score } : {}), ...(words ? { note: words } : {}) };
  }
  const label = action === 'note' || action === 'callback' ? 'caseNoteText' : action === 'resolve' ? 'caseResolution' : early ? 'caseCloseWhy' : 'caseCloseReason';
  return (
    <form class="case-step-form" onSubmit={(e) => { e.preventDefault(); if (step) onSend(step); }}>
      {action === 'assign' && (
        <>
          <HostSearch label={t('caseAssignTo')} picked={host} onPick={(h) => { if (h) learnHost(h); setHost(h); }} />
          {host && (
            <OneOf label={t('callForChoice')} value={toDepartment} onChange={setToDepartment} options={[
              { value: 'department', label: t('callForDepartment', { department: host.department }) },
              { value: 'host', label: `${t('callForHost')}: ${host.name}` },
            ]} />
          )}
        </>
      )}
      {action === 'callback' && (
        <>
          <OneOf label={t('caseCallback')} value={reached} onChange={setReached} options={[{ value: 'yes', label: t('caseReached') }, { value: 'no', label: t('caseNotReached') }]} />
          {reached === 'yes' && <Satisfaction value={score} onChange={setScore} />}
        </>
      )}
      {action !== 'assign' && (
        <Field label={t(label)} value={text} onInput={setText} maxLength={2000} optional={action === 'callback' || (action === 'close' && !early) ? t('optional') : undefined} />
      )}
      <div class="form-actions">
        <button type="submit" class={`button button-primary${busy ? ' busy' : ''}`} disabled={busy || !step}>{t('caseSave')}</button>
        <button type="button" class="button button-secondary" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}

/** Satisfaction 1–5 as five big buttons, each with its number and word. */
function Satisfaction({ value, onChange }: { value?: number; onChange: (n: number) => void }) {
  const t = useT();
  const id = useId();
  return (
    <div class="field">
      <p class="field-label" id={id}>{t('caseSatisfaction')}</p>
      <div role="radiogroup" aria-labelledby={id} class="satisfaction">
        {[1, 2, 3, 4, 5].map((n) => (
          <button key={n} type="button" role="radio" aria-checked={value === n} class={`satisfaction-choice${value === n ? ' chip-on' : ''}`} onClick={() => onChange(n)}>
            <strong>{n}</strong><span>{t(`satisfaction_${n}` as 'satisfaction_1')}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
