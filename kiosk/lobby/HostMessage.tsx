// The host's own words to the visitor, shown as they wrote them, with who wrote them.
import type { Visit } from '../../server/protocol.ts';
import { useT } from '../ui/i18n.ts';

export function HostMessage({ visit }: { visit: Visit }) {
  const t = useT();
  if (!visit.hostMessage) return null;
  return (
    <figure class="host-message">
      <figcaption>{t('waitingMessageFrom', { host: visit.host?.name ?? '' })}</figcaption>
      <blockquote>{visit.hostMessage}</blockquote>
    </figure>
  );
}
