// /desk/: reception and security. Who is on site, who waits for a decision, live alerts; reception registers visitors;
// security keeps the log and the watchlist.
import { useEffect, useState } from 'preact/hooks';
import type { Alert, LogEvent, User, Visit } from '../../../server/protocol.ts';
import { OfflineBanner } from '../../ui/OfflineBanner.tsx';
import { listOnsite, listVisits } from '../calls.ts';
import { connectStaff } from '../live.ts';
import { mountPage } from '../Shell.tsx';
import { useT } from '../i18n.ts';
import { failure, say, type Message } from '../problems.ts';
import { byTime, merge } from '../visits.ts';
import { AlertQueue, Alerts } from './Alerts.tsx';
import { Waiting } from './Waiting.tsx';
import { Onsite } from './Onsite.tsx';
import { EntryLog } from './EntryLog.tsx';
import { WatchlistForm } from './WatchlistForm.tsx';
import { Register } from './Register.tsx';
import { PanicButton } from './PanicButton.tsx';
import { ExpectedToday } from './ExpectedToday.tsx';
import './desk-exceptions.css';

const MAX_ALERTS = 20;

function Desk({ user }: { user: User }) {
  const t = useT();
  const [visits, setVisits] = useState(new Map<string, Visit>());
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [live, setLive] = useState<LogEvent[]>([]);
  const [online, setOnline] = useState(true);
  const [problem, setProblem] = useState<Message | null>(null);
  const reception = user.role === 'reception';
  // A supervisor (主管) reads the desk: who waits and who is expected; no visitor's steps, no roll call or panic.
  const supervisor = user.role === 'supervisor';
  const take = (visit: Visit) => setVisits((known) => merge(known, [visit]));

  const reload = () => Promise.all([listVisits(), listOnsite()]).then(
    ([open, onsite]) => {
      // A visit that left the open list while we were away is dropped, not kept at its old status.
      setVisits((known) => merge(new Map([...known].filter(([, v]) => !isOpen(v))), [...open, ...onsite]));
      setProblem(null);
    },
    (error) => setProblem(failure(error)),
  );
  useEffect(() => {
    void reload();
    const socket = connectStaff({
      onVisit: take,
      onAlert: (alert) => setAlerts((list) => [alert, ...list].slice(0, MAX_ALERTS)),
      onLog: (event) => setLive((list) => [...list, event]),
      onConnected: (connected) => { setOnline(connected); if (connected) void reload(); },
    });
    return socket.close;
  }, []);

  const all = [...visits.values()].sort(byTime);
  const waiting = all.filter((v) => v.status === 'awaiting-host');
  const present = all.filter((v) => v.status === 'on-site' || v.status === 'approved');
  return (
    <>
      <OfflineBanner online={online} text={t('offline')} />
      <Alerts alerts={alerts} visits={visits} onDismiss={(gone) => setAlerts((list) => list.filter((a) => a !== gone))} />
      {problem && <p class="form-problem staff-page" role="alert">{say(t, problem)}</p>}
      <nav class="staff-page desk-links">
        {!supervisor && <a class="button button-secondary" href="/rollcall/">{t('rollcallLink')}</a>}
        {!reception && !supervisor && <a class="button button-secondary" href="/security/">{t('securityLink')}</a>}
        {/* The supervisor answers for the matters' deadlines: their way there comes first. */}
        {(reception || supervisor) && <a class={`button ${supervisor ? 'button-primary' : 'button-secondary'}`} href="/matters/">{t('mattersLink')}</a>}
        <a class="button button-secondary" href="/reports/">{t('reportsLink')}</a>
        {!supervisor && <PanicButton where={`${t('panicWhereDesk')} · ${user.name}`} />}
      </nav>
      <div class={`staff-page staff-grid${reception ? ' desk-reception' : ''}`}>
        {reception ? (
          <>
            {/* Reception's own work first: the visitor at the desk, beside those waiting for a decision. */}
            <Register visits={visits} onRegistered={take} />
            {/* The alerts to acknowledge under those waiting, beside the register form rather than below it. */}
            <div class="desk-side">
              <Waiting visits={waiting} canDecide onDecided={take} me={user} />
              <AlertQueue />
            </div>
            <Onsite visits={present} canReprint onCheckedOut={take} />
            <ExpectedToday changed={visits.size} />
          </>
        ) : supervisor ? (
          <>
            <Waiting visits={waiting} canDecide={false} onDecided={take} me={user} />
            <ExpectedToday changed={visits.size} />
          </>
        ) : (
          <>
            <Onsite visits={present} canReprint={false} onCheckedOut={take} />
            <Waiting visits={waiting} canDecide={false} onDecided={take} me={user} />
            <WatchlistForm />
            <EntryLog live={live} visits={visits} />
          </>
        )}
      </div>
    </>
  );
}

const isOpen = (v: Visit) => v.status === 'awaiting-host' || v.status === 'approved' || v.status === 'on-site';

mountPage({
  title: (user) => (user?.role === 'security' ? 'securityTitle' : 'deskTitle'),
  roles: ['reception', 'security', 'supervisor'],
  page: ({ user }) => <Desk user={user} />,
});
