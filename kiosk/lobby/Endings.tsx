// The turns that end without a badge: denied by the host, or sent to reception with nothing more said.
import type { Visit } from '../../server/protocol.ts';
import { Button } from '../ui/Button.tsx';
import { useT } from '../ui/i18n.ts';
import { Notice } from '../ui/Screen.tsx';
import { HostMessage } from './HostMessage.tsx';

export function Denied({ visit, onDone }: { visit: Visit; onDone: () => void }) {
  const t = useT();
  return (
    <Notice name="denied" tone="stop" title={t('deniedTitle')} actions={<Button onClick={onDone}>{t('done')}</Button>}>
      <HostMessage visit={visit} countdown={false} />
      <p class="lead">{t('deniedBody')}</p>
    </Notice>
  );
}

/** Refused (a watchlist hit), expired or cancelled: the kiosk says only this. */
export function SeeReception({ onDone }: { onDone: () => void }) {
  const t = useT();
  return (
    <Notice name="reception" tone="stop" title={t('receptionTitle')} actions={<Button onClick={onDone}>{t('done')}</Button>}>
      <p class="lead">{t('receptionBody')}</p>
    </Notice>
  );
}
