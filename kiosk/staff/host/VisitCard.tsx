// One waiting visitor: who, why, what they carry, and Approve / Deny with an optional message.
import { useState } from 'preact/hooks';
import type { User, Visit } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { ID_TYPE_LABEL, formatTime, useLang, useT, type StaffKey } from '../i18n.ts';
import { failure, say, type Message } from '../problems.ts';
import { CompanionsDetail } from '../Companions.tsx';

const PHRASES: StaffKey[] = ['phraseComingDown', 'phraseReception'];

export function VisitCard({ visit, me, onDecide }: {
  visit: Visit; me: User; onDecide: (visit: Visit, decision: 'approve' | 'deny', message: string) => Promise<void>;
}) {
  const t = useT();
  const lang = useLang();
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<Message | null>(null);
  const [choice, setChoice] = useState<'approve' | 'deny' | null>(null);
  const [decide, busy] = useAction(async (decision: 'approve' | 'deny') => {
    setChoice(decision);
    setProblem(null);
    try { await onDecide(visit, decision, message); } catch (error) { setProblem(failure(error)); }
  });
  const { visitor } = visit;
  const titleId = `visit-${visit.id}`;
  return (
    <article class="visit-card" aria-labelledby={titleId} data-visit={visit.id}>
      <header class="visit-card-head">
        <h3 id={titleId} class="visit-name">{visitor.name}</h3>
        {visitor.company && <span class="visit-company">{visitor.company}</span>}
        <span class="visit-time">{t('arrivedAt', { time: formatTime(visit.createdAt, lang) })}</span>
      </header>
      {visit.hostId && visit.hostId !== me.hostId && visit.host && <p class="visit-for">{t('forHost', { host: visit.host.name })}</p>}
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
      <Field label={t('messageToVisitor')} value={message} onInput={setMessage} optional={t('optional')} maxLength={200} />
      <div class="chips phrases" role="group" aria-label={t('quickPhrases')}>
        {PHRASES.map((key) => (
          <button key={key} type="button" class={`chip${message === t(key) ? ' chip-on' : ''}`} aria-pressed={message === t(key)} onClick={() => setMessage(t(key))}>
            {t(key)}
          </button>
        ))}
      </div>
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      <div class="card-actions">
        <Button busy={busy && choice === 'approve'} disabled={busy} onClick={() => decide('approve')}>{t('approve')}</Button>
        <Button kind="secondary" busy={busy && choice === 'deny'} disabled={busy} onClick={() => decide('deny')}>{t('deny')}</Button>
      </div>
    </article>
  );
}
