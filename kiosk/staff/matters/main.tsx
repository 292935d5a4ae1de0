// /matters/: 来电与事务, the front desk's calls and matters. Reception logs every call (a message taken or a transfer
// reaches the person live), opens matters from calls or by hand, dispatches, records answers, callbacks and closes;
// supervisors and admins follow and step the matters (a supervisor lands here). Live: call:updated, case:updated and
// the alerts the desk sees (overdue answers and callbacks, a major matter, a transfer come back).
import './matters.css';
import { useEffect, useState } from 'preact/hooks';
import type { Alert, User } from '../../../server/protocol.ts';
import { OfflineBanner } from '../../ui/OfflineBanner.tsx';
import { connectStaff } from '../live.ts';
import { mountPage } from '../Shell.tsx';
import { Panel } from '../forms.tsx';
import { formatTime, useLang, useT } from '../i18n.ts';
import { failure, say, type Message } from '../problems.ts';
import { Alerts } from '../desk/Alerts.tsx';
import { caseOrder, openCase, openCases, todaysCalls, upsert, type Call, type CaseRecord } from './calls.ts';
import { CallForm } from './CallForm.tsx';
import { CallList } from './CallList.tsx';
import { CaseCard } from './CaseCard.tsx';
import { CaseSearch, NewCaseForm } from './CaseForms.tsx';
import { CallSearch } from './CallSearch.tsx';
import { Phrases } from './Phrases.tsx';
import { statusKey } from './words.ts';

const MAX_ALERTS = 20;
const TICK_MS = 60_000;

function MattersPage({ user }: { user: User }) {
  const t = useT();
  const lang = useLang();
  const [calls, setCalls] = useState<Call[]>([]);
  const [cases, setCases] = useState<CaseRecord[]>([]);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [online, setOnline] = useState(true);
  const [problem, setProblem] = useState<Message | null>(null);
  /** The last case this page opened or stepped: said in the language of the moment. */
  const [done, setDone] = useState<{ opened: boolean; c: CaseRecord } | null>(null);
  const [now, setNow] = useState(Date.now());
  const reception = user.role === 'reception';

  const reload = () => Promise.all([todaysCalls(), openCases()]).then(([c, k]) => { setCalls(c); setCases(k); setProblem(null); }, (error) => setProblem(failure(error)));
  useEffect(() => {
    void reload();
    const live = connectStaff({
      onAlert: (alert) => setAlerts((list) => [alert, ...list].slice(0, MAX_ALERTS)),
      onConnected: (connected) => { setOnline(connected); if (connected) void reload(); },
    });
    live.socket.on('call:updated', ({ call }) => setCalls((list) => upsert(list, call)));
    live.socket.on('case:updated', ({ case: c }) => takeCase(c));
    const tick = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => { live.close(); clearInterval(tick); };
  }, []);

  const takeCase = (c: CaseRecord) => setCases((list) => (c.status === 'closed' ? list.filter((x) => x.id !== c.id) : upsert(list, c)));
  const changed = (c: CaseRecord) => {
    takeCase(c);
    setDone({ opened: false, c });
  };
  const created = (c: CaseRecord) => {
    takeCase(c);
    setDone({ opened: true, c });
    setTimeout(() => document.querySelector(`[data-case="${c.number}"]`)?.scrollIntoView({ block: 'center' }), 0);
  };
  /** One tap: the call's caller, subject, category and importance become the matter's. */
  const fromCall = async (call: Call) => {
    const c = await openCase({
      category: call.category, importance: call.importance, subject: call.subject,
      contact: { name: call.caller.name, ...(call.caller.phone ? { phone: call.caller.phone } : {}) }, from: { callId: call.id },
    });
    created(c);
    setCalls((list) => list.map((x) => (x.id === call.id ? { ...x, caseId: c.id } : x)));
  };

  return (
    <>
      <OfflineBanner online={online} text={t('offline')} />
      <Alerts alerts={alerts} visits={new Map()} onDismiss={(gone) => setAlerts((list) => list.filter((a) => a !== gone))} />
      <nav class="staff-page matters-links">
        {user.role !== 'admin' && <a class="button button-secondary" href="/desk/">{t('deskLink')}</a>}
        <a class="button button-secondary" href="/reports/">{t('reportsLink')}</a>
      </nav>
      {problem && <p class="form-problem staff-page" role="alert">{say(t, problem)}</p>}
      <div class="staff-page staff-grid matters">
        <div>
          {reception && <CallForm onLogged={(c) => setCalls((list) => upsert(list, c))} onOpenCase={fromCall} />}
          <CallList calls={calls} user={user} onChanged={(c) => setCalls((list) => upsert(list, c))} onOpenCase={fromCall} />
          <CallSearch />
          <Phrases />
        </div>
        <div>
          <Panel title={t('casesOpenTitle')} class="cases-open">
            <p class="form-done" role="status">
              {done && (done.opened
                ? t('caseCreated', { number: done.c.number, due: formatTime(done.c.dueAt, lang, { day: true }) })
                : t('caseDone', { number: done.c.number, status: t(statusKey(done.c.status)) }))}
            </p>
            {cases.length === 0 && <p class="lead">{t('casesNone')}</p>}
            <ul class="cards" aria-live="polite">
              {[...cases].sort(caseOrder(now)).map((c) => <li key={c.id}><CaseCard value={c} user={user} now={now} onChanged={changed} /></li>)}
            </ul>
          </Panel>
          <NewCaseForm onCreated={created} fromVisit={new URLSearchParams(location.search).get('visit') ?? undefined} />
          <CaseSearch user={user} now={now} onChanged={changed} />
        </div>
      </div>
    </>
  );
}

mountPage({ title: 'mattersTitle', roles: ['reception', 'supervisor', 'admin'], page: ({ user }) => <MattersPage user={user} /> });
