// /host/: the host console. Visitors waiting for this host appear live; approve or deny with a message.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { User, Visit } from '../../../server/protocol.ts';
import type { LiveSocket } from '../../api.ts';
import { OfflineBanner } from '../../ui/OfflineBanner.tsx';
import { listVisits } from '../calls.ts';
import { connectStaff, decideLive } from '../live.ts';
import { mountPage } from '../Shell.tsx';
import { formatTime, STATUS_LABEL, useLang, useT } from '../i18n.ts';
import { failure, msg, say, type Message } from '../problems.ts';
import { Panel } from '../forms.tsx';
import { byTime, merge } from '../visits.ts';
import { VisitCard } from './VisitCard.tsx';
import { GroupCard } from '../desk/GroupCard.tsx';
import { cardsOf } from '../desk/group.ts';
import { Invite } from './Invite.tsx';
import { useArrivalAlerts } from './alerts.tsx';
import { HostMatters } from './Matters.tsx';

function HostConsole({ user }: { user: User }) {
  const t = useT();
  const lang = useLang();
  const [visits, setVisits] = useState(new Map<string, Visit>());
  const [online, setOnline] = useState(true);
  const [problem, setProblem] = useState<Message | null>(null);
  const [flash, setFlash] = useState<Message | null>(null);
  const socket = useRef<LiveSocket | null>(null);
  const seen = useRef(new Set<string>());
  const [focused, setFocused] = useState<string | null>(() => new URLSearchParams(location.search).get('visit'));
  const alerts = useArrivalAlerts(user, setFocused);

  const reload = () => listVisits().then(
    (list) => { list.forEach((v) => seen.current.add(v.id)); setVisits((known) => merge(known, list)); setProblem(null); },
    (error) => setProblem(failure(error)),
  );
  useEffect(() => {
    void reload();
    const live = connectStaff({
      onVisit: (visit, arrived) => {
        alerts.notify(visit, arrived, seen.current.has(visit.id));
        seen.current.add(visit.id);
        setVisits((known) => merge(known, [visit]));
      },
      onConnected: (connected) => { setOnline(connected); if (connected) void reload(); },
    });
    socket.current = live.socket;
    return live.close;
  }, []);

  const all = [...visits.values()].sort(byTime);
  const waiting = all.filter((v) => v.status === 'awaiting-host');
  const others = all.filter((v) => v.status === 'approved' || v.status === 'on-site');
  useEffect(() => { document.title = `${waiting.length ? `(${waiting.length}) ` : ''}${t('hostTitle')} · Foyer`; }, [waiting.length, lang]);

  // A notification clicked (or ?visit= from the service worker): the visit's card comes into view, outlined.
  useEffect(() => {
    if (!focused) return;
    const card = document.getElementById(`waiting-${focused}`);
    card?.scrollIntoView({ block: 'center' });
    card?.focus();
  }, [focused, visits]);

  const decide = async (visit: Visit, decision: 'approve' | 'deny', message: string) => {
    const decided = await decideLive(socket.current!, visit.id, decision, message.trim() || undefined);
    setVisits((known) => merge(known, [decided]));
    setFlash(decided.awaiting === 'second'
      ? msg('approvedFirst', { name: decided.visitor.name, department: decided.secondApprover!.department })
      : msg(decision === 'approve' ? 'approved' : 'denied', { name: decided.visitor.name }));
  };

  return (
    <>
      <OfflineBanner online={online} text={t('offline')} />
      {alerts.banner && <div class="staff-page notify-banner-page">{alerts.banner}</div>}
      <div class="staff-page staff-grid">
        <Panel title={t('waitingForYou')} class="waiting-panel">
          <p class="form-done flash" role="status">{say(t, flash) ?? ''}</p>
          {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
          {waiting.length === 0 && <p class="lead">{t('noneWaiting')}</p>}
          <ul class="cards" aria-live="polite">
            {cardsOf(waiting).map((visit) => Array.isArray(visit) ? (
              <li key={visit[0].group!.id} id={`waiting-${visit[0].group!.lead}`} tabIndex={-1} class={visit.some((v) => v.id === focused) ? 'visit-focused' : undefined}><GroupCard visits={visit} onDecide={decide} /></li>
            ) : (
              <li key={visit.id} id={`waiting-${visit.id}`} tabIndex={-1} class={visit.id === focused ? 'visit-focused' : undefined}><VisitCard visit={visit} me={user} onDecide={decide} /></li>
            ))}
          </ul>
        </Panel>
        <div>
          <HostMatters user={user} />
          <Invite user={user} />
          {others.length > 0 && (
            <Panel title={t('yourVisitorsToday')}>
              <ul class="rows">
                {others.map((visit) => (
                  <li key={visit.id} class="row">
                    <span class="picked-name">{visit.visitor.name}</span>
                    <span class="picked-detail">{[visit.visitor.company, formatTime(visit.checkedInAt ?? visit.decidedAt ?? visit.createdAt, lang)].filter(Boolean).join(' · ')}</span>
                    <span class={`tag tag-${visit.status}`}>{t(STATUS_LABEL[visit.status])}</span>
                  </li>
                ))}
              </ul>
            </Panel>
          )}
        </div>
      </div>
    </>
  );
}

mountPage({ title: 'hostTitle', roles: ['host'], page: ({ user }) => <HostConsole user={user} /> });
