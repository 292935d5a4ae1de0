// 留言与事务 on the host console: the messages taken for this host (or their department) and the calls transferred to
// them, marked read / acknowledged here, arriving live with the console's tone and notification; and the matters
// assigned to them, to accept, note and resolve.
import { io } from 'socket.io-client';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { User } from '../../../server/protocol.ts';
import { openSocket } from '../../api.ts';
import { STAFF } from '../calls.ts';
import { Panel } from '../forms.tsx';
import { useT } from '../i18n.ts';
import { failure, say, type Message } from '../problems.ts';
import { acknowledge, callOrder, isPending, markRead, myCalls, openCases, upsert, type Call, type CaseRecord } from '../matters/calls.ts';
import { CaseCard } from '../matters/CaseCard.tsx';
import { CallCard } from '../matters/CallList.tsx';
import { tellHost } from './alerts.tsx';
import '../matters/matters.css';

export function HostMatters({ user }: { user: User }) {
  const t = useT();
  const [calls, setCalls] = useState<Call[]>([]);
  const [cases, setCases] = useState<CaseRecord[]>([]);
  const [problem, setProblem] = useState<Message | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const words = useRef(t); // the socket's handlers are made once: they read the language of the moment
  words.current = t;

  const reload = () => Promise.all([myCalls(), openCases()]).then(([c, k]) => { setCalls(c); setCases(k); }, (error) => setProblem(failure(error)));
  useEffect(() => {
    void reload();
    const live = openSocket(io, STAFF, (connected) => { if (connected) void reload(); });
    const told = (call: Call) => {
      setCalls((list) => upsert(list, call));
      const key = call.kind === 'message' ? 'notifyMessageTitle' : 'notifyTransferTitle';
      tellHost(words.current(key, { name: call.caller.name }), [call.caller.organisation, call.subject, call.message?.text].filter(Boolean).join(' · '), `call-${call.id}`);
    };
    live.socket.on('call:message', ({ call }) => told(call));
    live.socket.on('call:transfer', ({ call }) => told(call));
    live.socket.on('call:updated', ({ call }) => setCalls((list) => upsert(list, call)));
    live.socket.on('case:updated', ({ case: c }) => setCases((list) => (c.status === 'closed' ? list.filter((x) => x.id !== c.id) : upsert(list, c))));
    return live.close;
  }, []);

  const act = async (id: string, work: () => Promise<Call>) => {
    setBusy(id);
    setProblem(null);
    try { const call = await work(); setCalls((list) => upsert(list, call)); } catch (error) { setProblem(failure(error)); } finally { setBusy(null); }
  };
  const shown = [...calls].sort(callOrder);
  const mine = cases.filter((c) => c.status !== 'resolved' && c.status !== 'called-back');
  return (
    <Panel title={t('hostMattersTitle')} class="host-matters">
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      {shown.length === 0 && <p class="lead">{t('hostNoMessages')}</p>}
      <ul class="cards" aria-live="polite">
        {shown.map((c) => (
          <CallCard key={c.id} call={c}>
            {isPending(c) && (
              <div class="form-actions call-actions">
                <button type="button" class={`button button-primary${busy === c.id ? ' busy' : ''}`} disabled={busy !== null}
                  onClick={() => act(c.id, () => (c.kind === 'message' ? markRead(c.id) : acknowledge(c.id)))}>
                  {t(c.kind === 'message' ? 'hostMarkRead' : 'hostAcknowledge')}
                </button>
              </div>
            )}
          </CallCard>
        ))}
      </ul>
      {mine.length > 0 && (
        <>
          <h3 class="form-section">{t('hostCasesTitle')}</h3>
          <ul class="cards">
            {mine.map((c) => <li key={c.id}><CaseCard value={c} user={user} now={Date.now()} onChanged={(k) => setCases((list) => upsert(list, k))} /></li>)}
          </ul>
        </>
      )}
    </Panel>
  );
}
