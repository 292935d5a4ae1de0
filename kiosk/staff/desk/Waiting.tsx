// Visitors still waiting for a decision; reception decides for hosts who have not answered, on the host's own card
// (plate, escort, companions, items, words and quick phrases to the visitor), a denial asked once more.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { User, Visit } from '../../../server/protocol.ts';
import { VisitCard } from '../host/VisitCard.tsx';
import { Button } from '../../ui/Button.tsx';
import { useAction } from '../../ui/useAction.ts';
import { decideVisit } from '../calls.ts';
import { ID_TYPE_LABEL, formatTime, useLang, useT, type StaffKey } from '../i18n.ts';
import { failure, say, type Message } from '../problems.ts';
import { Panel } from '../forms.tsx';
import { CompanionsDetail } from '../Companions.tsx';
import { AgreementTag } from '../AgreementTag.tsx';
import { GroupCard } from './GroupCard.tsx';
import { cardsOf } from './group.ts';

const LEVEL: Record<Visit['escalation']['level'], StaffKey> = { host: 'levelHost', delegate: 'levelDelegate', reception: 'levelReception' };

export function Waiting({ visits, canDecide, onDecided, me }: { visits: Visit[]; canDecide: boolean; onDecided: (visit: Visit) => void; me: User }) {
  const t = useT();
  const [denying, setDenying] = useState<{ visit: Visit; settle: (sure: boolean) => void } | null>(null);
  const decideOnCard = async (visit: Visit, decision: 'approve' | 'deny', message: string) =>
    onDecided(await decideVisit(visit.id, decision, message || undefined));
  // A denial turns someone away: the desk confirms it first; until then nothing is sent, words to the visitor included.
  const confirmDeny = (visit: Visit) => new Promise<boolean>((settle) => setDenying({ visit, settle }));
  // Those escalated to the desk first: nobody else will answer them (a second approval is never the desk's).
  const sorted = [...visits].sort((a, b) => Number(deskDecides(b)) - Number(deskDecides(a)));
  return (
    <Panel title={t('waitingTitle')}>
      {sorted.length === 0 && <p class="muted">{t('noneWaitingDesk')}</p>}
      <ul class="cards">
        {(canDecide ? cardsOf(sorted) : sorted).map((visit) => Array.isArray(visit) ? (
          <li key={visit[0].group!.id}>
            <div class={visit[0].escalation.level === 'reception' ? 'visit-escalated' : undefined}>
              <span class={`tag${visit[0].escalation.level === 'reception' ? ' tag-escalated' : ''}`}>{t(LEVEL[visit[0].escalation.level])}</span>
              {visit[0].host && <p class="desk-card-host">{t('colHost')}: {visit[0].host.name} · {visit[0].host.department}</p>}
              <GroupCard visits={visit} onDecide={decideOnCard} />
            </div>
          </li>
        ) : (
          <li key={visit.id}>
            {canDecide ? (
              <div class={deskDecides(visit) ? 'visit-escalated' : undefined}>
                <span class={`tag${deskDecides(visit) ? ' tag-escalated' : ''}`}>{visit.awaiting === 'second' ? t('secondTag', { department: visit.secondApprover!.department }) : t(LEVEL[visit.escalation.level])}</span>
                {visit.host && <p class="desk-card-host">{t('colHost')}: {visit.host.name} · {visit.host.department}</p>}
                {/* As the host's card, minus "you are the delegate": the desk decides for the host. */}
                <VisitCard visit={visit} me={{ ...me, hostId: visit.hostId }} onDecide={decideOnCard} confirmDeny={confirmDeny} />
              </div>
            ) : <WaitingCard visit={visit} canDecide={false} onDecided={onDecided} />}
          </li>
        ))}
      </ul>
      {denying && (
        <DenyDialog visit={denying.visit} onClose={(sure) => { denying.settle(sure); setDenying(null); }} />
      )}
    </Panel>
  );
}

const deskDecides = (v: Visit) => v.escalation.level === 'reception' && v.awaiting !== 'second';

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
      <AgreementTag visit={visit} />
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

function DenyDialog({ visit, onClose }: { visit: Visit; onClose: (sure: boolean) => void }) {
  const t = useT();
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => { dialog.current?.showModal(); }, []);
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby={titleId} onCancel={(event) => { event.preventDefault(); onClose(false); }}>
      <h2 id={titleId} class="panel-title">{t('deny')} · {visit.number}</h2>
      <p>{t('denyConfirm', { name: visit.visitor.name })}</p>
      <div class="form-actions">
        <Button onClick={() => onClose(true)}>{t('denyConfirmButton')}</Button>
        <Button kind="secondary" onClick={() => onClose(false)}>{t('cancel')}</Button>
      </div>
    </dialog>
  );
}
