// A visit that needs a second approval (server/flows/second-approval.ts): its two steps on the host's and the desk's
// cards, and what the person looking at the card may do about the second.
import type { Approval, User, Visit } from '../../../server/protocol.ts';
import { formatTime, STATUS_LABEL, useLang, useT } from '../i18n.ts';

/** none: no second step is waiting; decide: it is this person's to give; first: they gave the first, so not theirs;
 *  wait: someone else's (the host, the delegate, the desk: nobody stands in for the department). */
export type SecondTurn = 'none' | 'decide' | 'first' | 'wait';

export function secondTurn(visit: Visit, me: User): SecondTurn {
  if (visit.awaiting !== 'second' || !visit.secondApprover) return 'none';
  const first = visit.approvals?.find((a) => a.step === 'host');
  const host = me.role === 'host' ? me.hostId : undefined;
  if (first && (first.by === `user:${me.id}` || (host && first.hostId === host))) return 'first';
  return host && visit.secondApprover.asked.includes(host) ? 'decide' : 'wait';
}

export function ApprovalSteps({ visit, turn }: { visit: Visit; turn: SecondTurn }) {
  const t = useT();
  const lang = useLang();
  const second = visit.secondApprover;
  if (!second) return null;
  const { department } = second;
  const host = visit.host?.name ?? '';
  // The approver's name when another than the host (the delegate, the desk, an officer).
  const agreed = (a: Approval) => a.name && a.name !== host ? t('stepAgreedBy', { name: a.name, time: formatTime(a.at, lang) }) : t('stepAgreed', { time: formatTime(a.at, lang) });
  const first = visit.approvals?.find((a) => a.step === 'host');
  const last = visit.approvals?.find((a) => a.step === 'second');
  const [state, said] = last ? ['done', agreed(last)]
    : visit.awaiting === 'second' ? ['waiting', t('stepChecking')]
    : visit.status === 'denied' ? ['denied', t('stepDenied')]
    : ['closed', t(STATUS_LABEL[visit.status])];
  const note = turn === 'decide' ? t('secondYourTurn', { department }) : turn === 'first' ? t('secondNotYou', { department })
    : turn === 'wait' ? t('secondWaiting', { department }) : undefined;
  return (
    <section class="approval-steps" aria-label={t('stepsTitle')} data-steps={state}>
      <ol>
        <li class="step step-done"><span class="step-name">{t('stepHost', { host })}</span> <span class="step-state">{first ? agreed(first) : t('stepNotYet')}</span></li>
        <li class={`step step-${state}`}><span class="step-name">{t('stepSecond', { department })}</span> <span class="step-state">{said}</span></li>
      </ol>
      {note && <p class="step-note">{note}</p>}
      {visit.awaiting === 'second' && !second.reached && <p class="tag tag-escalated" role="note">{t('secondUnreached', { department })}</p>}
    </section>
  );
}
