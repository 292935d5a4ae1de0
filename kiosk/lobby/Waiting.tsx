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
  return (
    <Notice
      name="waiting" tone="wait" title={t('waitingTitle')}
      actions={<Button kind="quiet" onClick={onNextVisitor}>{t('waitingNextVisitor')}</Button>}
    >
      <p class="lead" data-escalation={level}>{told}</p>
      <HostMessage visit={visit} />
      <p class="visit-number">{t('waitingNumber')} <strong>{visit.number}</strong></p>
      <p class="field-hint">{t('waitingSeat')}</p>
      <p class="field-hint">{t('waitingStepAway')}</p>
    </Notice>
  );
}
