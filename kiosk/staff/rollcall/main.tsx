// /rollcall/: the evacuation roll call, phone first. Marshals tap each person they see; counts and marks arrive live
// from the other marshals (rollcall:updated). The desk starts and ends it here too.
import './rollcall.css';
import { io } from 'socket.io-client';
import { useEffect, useState } from 'preact/hooks';
import type { RollCall, RollCallEntry } from '../../../server/protocol.ts';
import { openSocket } from '../../api.ts';
import { OfflineBanner } from '../../ui/OfflineBanner.tsx';
import { STAFF } from '../calls.ts';
import { mountPage } from '../Shell.tsx';
import { useLang, useT } from '../i18n.ts';
import { failure, say, type Message } from '../problems.ts';
import {
  endRollCall, exportRollCall, getRollCall, listRollCalls, markRollCall, printRollCall, startRollCall, type RollCallSummary,
} from './calls.ts';

function RollCallPage() {
  const t = useT();
  const lang = useLang();
  const [current, setCurrent] = useState<RollCall | null>(null);
  const [past, setPast] = useState<RollCallSummary[]>([]);
  const [online, setOnline] = useState(true);
  const [problem, setProblem] = useState<Message | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [ending, setEnding] = useState(false);
  const [missingOnly, setMissingOnly] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const time = (iso: string) => new Date(iso).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
  const dateTime = (iso: string) => new Date(iso).toLocaleString(lang, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

  const reload = async () => {
    try {
      const list = await listRollCalls();
      setPast(list.filter((r) => r.endedAt));
      const open = list.find((r) => !r.endedAt);
      setCurrent((shown) => (open ? shown : shown?.endedAt ? shown : null));
      if (open) { const found = await getRollCall(open.id); setCurrent((shown) => newer(shown, found)); }
      setProblem(null);
    } catch (error) { setProblem(failure(error)); }
  };
  useEffect(() => {
    void reload();
    const live = openSocket(io, STAFF, (connected) => { setOnline(connected); if (connected) void reload(); });
    live.socket.on('rollcall:updated', ({ rollcall }) => {
      setCurrent((shown) => newer(shown, rollcall));
      if (rollcall.endedAt) void listRollCalls().then((list) => setPast(list.filter((r) => r.endedAt)), () => {});
    });
    return live.close;
  }, []);

  const act = async (what: string, work: () => Promise<void>) => {
    setBusy(what);
    setProblem(null);
    try { await work(); } catch (error) { setProblem(failure(error)); } finally { setBusy(null); }
  };
  const start = () => act('start', async () => {
    try { setCurrent(await startRollCall()); } catch (error) {
      if ((error as { code?: string }).code !== 'rollcall-open') throw error;
      setNotice(t('rollcallOpenElsewhere'));
      await reload();
    }
  });
  const toggle = (entry: RollCallEntry) => current && act(entry.visitId, async () => {
    const marked = await markRollCall(current.id, entry.visitId, !entry.accounted);
    setCurrent((shown) => newer(shown, marked));
  });
  const end = () => current && act('end', async () => { setCurrent(await endRollCall(current.id)); setEnding(false); });

  const open = current && !current.endedAt ? current : null;
  const shown = current ? current.entries.filter((e) => !missingOnly || !e.accounted || !open) : [];
  return (
    <div class="staff-page rollcall">
      <OfflineBanner online={online} text={t('offline')} />
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      {notice && <p class="form-done" role="status">{notice}</p>}
      {!open && (
        <section class="rollcall-start">
          {!current && <p class="lead">{t('rollcallNone')}</p>}
          <p>{t('rollcallStartHint')}</p>
          <button type="button" class={`button button-primary rollcall-big${busy === 'start' ? ' busy' : ''}`} disabled={busy !== null} onClick={start}>{t('rollcallStart')}</button>
        </section>
      )}
      {current && (
        <section class="rollcall-counts" aria-live="polite">
          <p class="rollcall-count rollcall-count-good"><strong data-count="accounted">{current.counts.accounted}</strong> {t('rollcallAccounted')}</p>
          <p class="rollcall-count rollcall-count-bad"><strong data-count="missing">{current.counts.missing}</strong> {t('rollcallMissing')}</p>
          <p class="rollcall-total">{t('rollcallPeople', { n: current.counts.people })} · {t('rollcallStartedAt', { time: time(current.startedAt) })}</p>
        </section>
      )}
      {current?.endedAt && (
        <p class="form-done rollcall-ended" role="status">
          {t('rollcallEnded', { time: time(current.endedAt), accounted: current.counts.accounted, missing: current.counts.missing })}
        </p>
      )}
      {current && (
        <>
          {open && (
            <div class="rollcall-tools">
              <p class="rollcall-hint">{t('rollcallTapToMark')}</p>
              <button type="button" class="button button-quiet" aria-pressed={missingOnly} onClick={() => setMissingOnly(!missingOnly)}>
                {missingOnly ? t('rollcallShowAll') : t('rollcallShowMissing')}
              </button>
            </div>
          )}
          {current.entries.length === 0 && <p>{t('rollcallEmpty')}</p>}
          <ul class="rollcall-list">
            {shown.map((e) => (
              <li key={e.visitId}>
                <button type="button" class={`rollcall-person${e.accounted ? ' rollcall-person-ok' : ''}${busy === e.visitId ? ' busy' : ''}`}
                  aria-pressed={e.accounted} disabled={!open} data-visit={e.visitId} onClick={() => toggle(e)}>
                  <span class="rollcall-mark" aria-hidden="true">{e.accounted ? '✓' : ''}</span>
                  <span class="rollcall-who">
                    <span class="rollcall-name">{e.name}</span>
                    {e.companions > 0 && (
                      <span class="rollcall-detail">{t('rollcallCompanions', { n: e.companions })}{e.companionNames?.length ? `: ${e.companionNames.join(lang === 'en' ? ', ' : '、')}` : ''}</span>
                    )}
                    {e.hostName && <span class="rollcall-detail">{t('rollcallHost', { name: e.hostName })}</span>}
                    <span class="rollcall-detail rollcall-state-inline">{e.accounted ? t('rollcallAccounted') : t('rollcallMissing')}</span>
                    <span class="rollcall-detail">#{e.number}{e.accounted && e.at ? ` · ${t('rollcallMarkedBy', { time: time(e.at) })}` : ''}</span>
                  </span>
                  <span class="rollcall-state">{e.accounted ? t('rollcallAccounted') : t('rollcallMissing')}</span>
                </button>
              </li>
            ))}
          </ul>
          <div class="rollcall-actions">
            <button type="button" class="button button-secondary" onClick={() => act('print', async () => { await printRollCall(current.id); setNotice(t('rollcallPrinted')); })}>{t('rollcallPrint')}</button>
            <button type="button" class="button button-secondary" onClick={() => act('export', () => exportRollCall(current.id))}>{t('rollcallExport')}</button>
            {open && !ending && <button type="button" class="button button-primary rollcall-end" onClick={() => setEnding(true)}>{t('rollcallEnd')}</button>}
          </div>
          {open && ending && (
            <div class="rollcall-confirm" role="alertdialog" aria-label={t('rollcallEnd')}>
              <p>{t('rollcallEndConfirm')}</p>
              <button type="button" class={`button button-primary${busy === 'end' ? ' busy' : ''}`} onClick={end}>{t('rollcallEnd')}</button>
              <button type="button" class="button button-secondary" onClick={() => setEnding(false)}>{t('cancel')}</button>
            </div>
          )}
        </>
      )}
      {past.length > 0 && (
        <section class="rollcall-past">
          <h2>{t('rollcallPast')}</h2>
          <ul>
            {past.map((r) => (
              <li key={r.id}>
                <button type="button" class="button button-quiet" onClick={() => act(r.id, async () => { setCurrent(await getRollCall(r.id)); })}>
                  {dateTime(r.startedAt)} · {t('rollcallAccounted')} {r.counts.accounted} / {r.counts.people} · {t('rollcallMissing')} {r.counts.missing}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** An answer and a live event can cross: of two copies of the same roll call keep the newer; another open one wins. */
function newer(shown: RollCall | null, incoming: RollCall): RollCall | null {
  if (!shown || shown.id !== incoming.id) return !shown || !incoming.endedAt ? incoming : shown;
  return incoming.version >= shown.version ? incoming : shown;
}

mountPage({ title: 'rollcallTitle', roles: ['security', 'reception', 'admin'], page: () => <RollCallPage /> });
