// Live status while the host decides: who has been asked, and anything the host said.
import type { Visit } from '../../server/protocol.ts';
import { Button } from '../ui/Button.tsx';
import { useT } from '../ui/i18n.ts';
import { Notice } from '../ui/Screen.tsx';
import { HostMessage } from './HostMessage.tsx';

/** `onNextVisitor` frees the kiosk for someone else; the visit goes on without the screen. */
export function Waiting({ visit, onNextVisitor }: { visit: Visit; onNextVisitor: () => void }) {
  const t = useT();
  const host = visit.host?.name ?? '';
  const level = visit.escalation.level;
  // Passed over at registration (the host could not be reached at all) is said as such, not as "has not replied".
  const atOnce = visit.escalation.since === visit.createdAt;
  const told = level === 'host' ? t('waitingHostNotified', { host })
    : level === 'delegate' ? t(atOnce ? 'waitingDelegateNow' : 'waitingDelegate', { host }) : t('waitingReception');
  // The host agreed; a second approver (the confidentiality office) decides now.
  const second = visit.awaiting === 'second';
  return (
    <Notice
      name="waiting" tone="wait" title={t('waitingTitle')}
      actions={<Button kind="quiet" onClick={onNextVisitor}>{t('waitingNextVisitor')}</Button>}
    >
      {second
        ? <p class="lead" data-second={visit.secondApprover?.reached ? 'reached' : 'unreached'}>{t('waitingSecond', { host })}</p>
        : <p class="lead" data-escalation={level}>{told}</p>}
      {second && !visit.secondApprover?.reached && <p class="field-hint">{t('waitingSecondUnreached')}</p>}
      <HostMessage visit={visit} />
      <p class="visit-number">{t('waitingNumber')} <strong>{visit.number}</strong></p>
      <p class="field-hint">{t('waitingSeat')}</p>
      <p class="field-hint">{t('waitingStepAway')}</p>
    </Notice>
  );
}
