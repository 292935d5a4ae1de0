// Approved: the badge prints, or the visitor is sent to reception when it cannot.
import type { Visit } from '../../server/protocol.ts';
import { Button } from '../ui/Button.tsx';
import { useT } from '../ui/i18n.ts';
import { Notice } from '../ui/Screen.tsx';
import { HostMessage } from './HostMessage.tsx';

export function Badge({ visit, onDone }: { visit: Visit; onDone: () => void }) {
  const t = useT();
  const print = visit.badge?.print ?? 'pending';
  const host = visit.host?.name ?? '';
  const done = <Button onClick={onDone}>{t('done')}</Button>;
  if (print === 'failed') {
    return (
      <Notice name="badge" tone="stop" title={t('badgeFailedTitle')} actions={done}>
        <p class="lead">{t('badgeFailedBody')}</p>
        <p class="visit-number">{t('waitingNumber')} <strong>{visit.number}</strong></p>
      </Notice>
    );
  }
  return (
    <Notice
      name="badge" tone="good" title={print === 'printed' ? t('badgeTake') : t('approvedTitle')}
      actions={print === 'printed' ? done : undefined}
    >
      <p class="lead" role="status">{print === 'printed' ? t('badgeTakeHint') : t('badgePrinting')}</p>
      <HostMessage visit={visit} />
      {visit.escortRequired && <p class="lead">{t('escortNote', { host })}</p>}
    </Notice>
  );
}
