// A waiting group as one card, on the host console and at the desk: "Group of 5 from X", who they are, and one
// decision for all of them (the server decides the group with any one of its waiting members: flows/group.ts).
import { useState } from 'preact/hooks';
import type { Visit } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { formatTime, useLang, useT } from '../i18n.ts';
import { failure, say, type Message } from '../problems.ts';
import './group.css';

export function GroupCard({ visits, onDecide }: {
  visits: Visit[];
  onDecide: (visit: Visit, decision: 'approve' | 'deny', message: string) => Promise<void>;
}) {
  const t = useT();
  const lang = useLang();
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<Message | null>(null);
  const [denying, setDenying] = useState(false);
  const [choice, setChoice] = useState<'approve' | 'deny' | null>(null);
  const order = visits[0].group?.visitIds ?? [];
  const members = [...visits].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id)); // as reception typed them
  const lead = members.find((v) => v.id === v.group?.lead) ?? members[0];
  const n = visits.length;
  const company = lead.visitor.company;
  const names = members.map((v) => v.visitor.name).join(t('listSeparator'));
  const [decide, busy] = useAction(async (decision: 'approve' | 'deny') => {
    setChoice(decision);
    setProblem(null);
    try {
      await onDecide(lead, decision, message.trim());
      setDenying(false);
    } catch (error) { setProblem(failure(error)); }
  });
  const titleId = `group-${lead.group?.id ?? lead.id}`;
  return (
    <article class="visit-card group-card" aria-labelledby={titleId} data-group={lead.group?.id}>
      <header class="visit-card-head">
        <h3 id={titleId} class="visit-name">{company ? t('groupCardTitle', { n, company }) : t('groupCardTitleAlone', { n })}</h3>
        <span class="visit-time">{t('arrivedAt', { time: formatTime(lead.createdAt, lang) })}</span>
      </header>
      <dl class="facts">
        <dt>{t('purpose')}</dt><dd>{lead.purpose}</dd>
        <dt>{t('groupCardNames')}</dt>
        <dd>
          <ol class="group-names">
            {members.map((v) => <li key={v.id} data-visit={v.id}><span class="group-name">{v.visitor.name}</span> <span class="mono muted">{v.number}</span></li>)}
          </ol>
        </dd>
      </dl>
      {visits.some((v) => v.escortRequired) && <p class="tag tag-escort">{t('escort')}</p>}
      <Field label={t('messageToVisitor')} value={message} onInput={setMessage} optional={t('optional')} maxLength={200} />
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      {denying ? (
        <div class="group-deny" role="group" aria-label={t('groupDenyAll')}>
          <p>{t('groupDenyConfirm', { n, names })}</p>
          <div class="card-actions">
            <Button busy={busy && choice === 'deny'} disabled={busy} onClick={() => decide('deny')}>{t('denyConfirmButton')}</Button>
            <Button kind="secondary" disabled={busy} onClick={() => setDenying(false)}>{t('cancel')}</Button>
          </div>
        </div>
      ) : (
        <div class="card-actions">
          <Button busy={busy && choice === 'approve'} disabled={busy} onClick={() => decide('approve')}>{t('groupApproveAll', { n })}</Button>
          <Button kind="secondary" disabled={busy} onClick={() => setDenying(true)}>{t('groupDenyAll')}</Button>
        </div>
      )}
    </article>
  );
}
