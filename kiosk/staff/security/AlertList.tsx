// The kept alerts to acknowledge: open ones first (newest first), then, on request, those acknowledged, with who and
// when. Live: new alerts and acknowledgements elsewhere arrive over its own socket. On /security/ and, for
// reception, on the desk. Times on the site's clock.
import './security.css';
import { io } from 'socket.io-client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { openSocket, RequestError } from '../../api.ts';
import { STAFF } from '../calls.ts';
import { useT, type StaffKey } from '../i18n.ts';
import { failure, msg, say, type Message } from '../problems.ts';
import { ackAlert, listAlerts, type Actors, type KeptAlert } from './calls.ts';
import { siteStampOf, useSiteZone } from './site-time.ts';
import { alertText } from '../alert-text.ts';

export function AlertList({ visible = true, onOnline }: { visible?: boolean; onOnline?: (online: boolean) => void }) {
  const t = useT();
  const zone = useSiteZone();
  const [alerts, setAlerts] = useState<KeptAlert[]>([]);
  const [actors, setActors] = useState<Actors>({});
  const [all, setAll] = useState(false);
  const [problem, setProblem] = useState<Message | null>(null);
  const showAll = useRef(all); // read by the socket's handlers, which stay from the first render
  showAll.current = all;
  const reload = () => listAlerts(!showAll.current).then(
    (list) => { setAlerts(list.alerts); setActors((known) => ({ ...known, ...list.actors })); setProblem(null); },
    (e) => setProblem(failure(e)),
  );
  useEffect(() => { void reload(); }, [all]);
  useEffect(() => {
    const live = openSocket(io, STAFF, (connected) => { onOnline?.(connected); if (connected) void reload(); });
    live.socket.on('alert', ({ alert }) => { if (alert.id) setAlerts((list) => [alert as KeptAlert, ...list.filter((a) => a.id !== alert.id)]); });
    // Shown at once; read again for the name of who acknowledged it.
    live.socket.on('alert:acked', ({ alert }) => { setAlerts((list) => list.map((a) => (a.id === alert.id ? alert as KeptAlert : a))); void reload(); });
    return live.close;
  }, []);
  const ack = async (a: KeptAlert) => {
    try { const done = await ackAlert(a.id); setAlerts((list) => list.map((x) => (x.id === a.id ? done : x))); setProblem(null); void reload(); }
    catch (e) {
      if (e instanceof RequestError && e.code === 'alert-acknowledged') { setProblem(msg('alertAckedElsewhere')); void reload(); }
      else setProblem(failure(e));
    }
  };
  if (!visible || !zone) return null;
  const open = alerts.filter((a) => !a.ackedAt);
  const shown = all ? [...open, ...alerts.filter((a) => a.ackedAt)] : open;
  return (
    <section class="security-section" aria-label={t('secTabAlerts')}>
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      <button type="button" class="button button-quiet security-toggle" aria-pressed={all} onClick={() => setAll(!all)}>{t('alertsShowAll')}</button>
      {open.length === 0 && <p class="lead">{t('alertsNone')}</p>}
      <ul class="security-cards">
        {shown.map((a) => (
          <li class={`security-card alert-card alert-card-${a.kind}${a.ackedAt ? ' alert-card-acked' : ''}`} data-alert={a.id}>
            <p class="security-card-head"><strong>{t(`alertKind_${a.kind.replace('-', '_')}` as StaffKey)}</strong> <span>{siteStampOf(a.at, zone)}</span></p>
            <p class="security-card-text">{alertText(t, a)}</p>
            {a.ackedAt
              ? <p class="security-card-note">{t('alertAckedBy', { time: siteStampOf(a.ackedAt, zone), who: actors[a.ackedBy ?? ''] ?? a.ackedBy ?? '' })}</p>
              : <button type="button" class="button button-primary" onClick={() => void ack(a)}>{t('alertAck')}</button>}
          </li>
        ))}
      </ul>
    </section>
  );
}
