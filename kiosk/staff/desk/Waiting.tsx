// Visitors still waiting for a decision; reception decides for hosts who have not answered.
import { useState } from 'preact/hooks';
import type { Visit } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { useAction } from '../../ui/useAction.ts';
import { decideVisit } from '../calls.ts';
import { ID_TYPE_LABEL, formatTime, useLang, useT, type StaffKey } from '../i18n.ts';
import { failure, say, type Message } from '../problems.ts';
import { Panel } from '../forms.tsx';
import { CompanionsDetail } from '../Companions.tsx';

const LEVEL: Record<Visit['escalation']['level'], StaffKey> = { host: 'levelHost', delegate: 'levelDelegate', reception: 'levelReception' };

export function Waiting({ visits, canDecide, onDecided }: { visits: Visit[]; canDecide: boolean; onDecided: (visit: Visit) => void }) {
  const t = useT();
  // Those escalated to the desk first: nobody else will answer them.
  const sorted = [...visits].sort((a, b) => Number(b.escalation.level === 'reception') - Number(a.escalation.level === 'reception'));
  return (
    <Panel title={t('waitingTitle')}>
      {sorted.length === 0 && <p class="muted">{t('noneWaitingDesk')}</p>}
      <ul class="cards">
        {sorted.map((visit) => <li key={visit.id}><WaitingCard visit={visit} canDecide={canDecide} onDecided={onDecided} /></li>)}
      </ul>
    </Panel>
  );
}

function WaitingCard({ visit, canDecide, onDecided }: { visit: Visit; canDecide: boolean; onDecided: (visit: Visit) => void }) {
  const t = useT();
  const lang = useLang();
  const [problem, setProblem] = useState<Message | null>(null);
  const [choice, setChoice] = useState<'approve' | 'deny' | null>(null);
  const [decide, busy] = useAction(async (decision: 'approve' | 'deny') => {
    setChoice(decision);
    setProblem(null);
    try { onDecided(await decideVisit(visit.id, decision)); } catch (error) { setProblem(failure(error)); }
  });
  const escalated = visit.escalation.level === 'reception';
  return (
    <article class={`visit-card${escalated ? ' visit-escalated' : ''}`} aria-labelledby={`w-${visit.id}`} data-visit={visit.id}>
      <header class="visit-card-head">
        <h3 id={`w-${visit.id}`} class="visit-name">{visit.visitor.name}</h3>
        {visit.visitor.company && <span class="visit-company">{visit.visitor.company}</span>}
        <span class={`tag${escalated ? ' tag-escalated' : ''}`}>{t(LEVEL[visit.escalation.level])}</span>
      </header>
      <dl class="facts">
        <dt>{t('colHost')}</dt><dd>{visit.host ? `${visit.host.name} · ${visit.host.department}` : '—'}</dd>
        <dt>{t('purpose')}</dt><dd>{visit.purpose}</dd>
        {visit.companions > 0 && <><dt>{t('companions')}</dt><dd><CompanionsDetail visit={visit} /></dd></>}
        {visit.items.length > 0 && <><dt>{t('items')}</dt><dd>{visit.items.join('、')}</dd></>}
        <dt>{t('idMasked')}</dt><dd><span class="muted">{t(ID_TYPE_LABEL[visit.visitor.idType])}</span> <span class="mono">{visit.visitor.idNumberMasked}</span></dd>
        <dt>{t('visitNumber')}</dt><dd class="mono">{visit.number}</dd>
      </dl>
      {visit.invitedAs && <p class="tag tag-escalated" role="note">{t('invitedAs', { name: visit.invitedAs })}</p>}
      <p class="muted">{t('waitingSince', { time: formatTime(visit.createdAt, lang) })}</p>
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      {canDecide && (
        <div class="card-actions">
          <Button busy={busy && choice === 'approve'} disabled={busy} onClick={() => decide('approve')}>{t('approve')}</Button>
          <Button kind="secondary" busy={busy && choice === 'deny'} disabled={busy} onClick={() => decide('deny')}>{t('deny')}</Button>
        </div>
      )}
    </article>
  );
}
