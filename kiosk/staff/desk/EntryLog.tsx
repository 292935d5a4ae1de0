// Today's tamper-evident log, with whether its hash chain holds and its head to write down; new events arrive live.
import { useEffect, useState } from 'preact/hooks';
import type { LogEvent, Visit } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { listVisits, readLog, type Log } from '../calls.ts';
import { formatTime, localDay, useLang, useT } from '../i18n.ts';
import { failure, say, type Message } from '../problems.ts';
import { Panel } from '../forms.tsx';
import { actorLabel, eventLabel } from './events.ts';
import { AnchorCheck, LogHead } from './LogHead.tsx';

export function EntryLog({ live, visits }: { live: LogEvent[]; visits: Map<string, Visit> }) {
  const t = useT();
  const lang = useLang();
  const [log, setLog] = useState<Log | null>(null);
  const [today, setToday] = useState(new Map<string, Visit>());
  const [problem, setProblem] = useState<Message | null>(null);
  const [reloads, setReloads] = useState(0);

  const load = () => {
    const now = new Date();
    const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    setProblem(null);
    setReloads((n) => n + 1);
    return Promise.all([readLog(midnight.toISOString()), listVisits(localDay(now))]).then(([found, dayVisits]) => {
      setLog(found);
      setToday(new Map(dayVisits.map((v) => [v.id, v])));
    }, (error) => setProblem(failure(error)));
  };
  useEffect(() => { void load(); }, []);

  // Live events that continue the chain are shown at once; anything else is checked again by the server.
  const seen = new Set(log?.events.map((e) => e.id));
  const fresh = live.filter((e) => !seen.has(e.id));
  const events = [...(log?.events ?? []), ...fresh];
  const linked = fresh.every((e, i) => e.prevHash === (i === 0 ? log?.events.at(-1)?.hash : fresh[i - 1].hash));
  useEffect(() => { if (log && fresh.length && !linked) void load(); }, [fresh.length]);

  const visitOf = (id?: string) => (id ? visits.get(id) ?? today.get(id) : undefined);
  return (
    <Panel title={t('logTitle')} class="wide-panel">
      <div class="panel-tools"><Button kind="secondary" onClick={() => void load()}>{t('refresh')}</Button></div>
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      {log && (log.chain.ok
        ? <p class="chain chain-ok" role="status" data-chain="ok">{t('chainOk', { n: events.length })}</p>
        : <p class="chain chain-broken" role="alert" data-chain="broken">{t('chainBroken', { seq: log.chain.seq, reason: log.chain.reason })}</p>)}
      <LogHead latest={live.at(-1)} reloads={reloads} />
      {log && events.length === 0 && <p class="muted">{t('noEvents')}</p>}
      {events.length > 0 && (
        <div class="table-wrap log-wrap">
          <table class="table">
            <thead>
              <tr><th scope="col">{t('colTime')}</th><th scope="col">{t('colEvent')}</th><th scope="col">{t('colVisitor')}</th><th scope="col">{t('colBy')}</th></tr>
            </thead>
            <tbody>
              {[...events].reverse().map((event) => {
                const visit = visitOf(event.visitId);
                return (
                  <tr key={event.id}>
                    <td class="mono">{formatTime(event.at, lang, { seconds: true })}</td>
                    <td>{eventLabel(event.kind, lang)}</td>
                    <td>{visit ? <><span class="mono">{visit.number}</span> {visit.visitor.name}</> : '—'}</td>
                    <td class="cell-detail">{actorLabel(event.actor, log?.actors ?? {}, lang)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <AnchorCheck />
    </Panel>
  );
}
