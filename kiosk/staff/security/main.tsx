// /security/: security's own page. Alerts to acknowledge (live), visit history over any range with exports, and
// the watchlist to search, edit, expire and remove. Cards at every width, so a phone at 390 px never scrolls sideways.
import './security.css';
import { io } from 'socket.io-client';
import { useEffect, useState } from 'preact/hooks';
import type { HostSummary, Visit } from '../../../server/protocol.ts';
import { openSocket, RequestError } from '../../api.ts';
import { OfflineBanner } from '../../ui/OfflineBanner.tsx';
import { STAFF } from '../calls.ts';
import { HostSearch } from '../HostSearch.tsx';
import { mountPage } from '../Shell.tsx';
import { formatTime, STATUS_LABEL, useLang, useT } from '../i18n.ts';
import { failure, msg, say, type Message } from '../problems.ts';
import type { StaffKey } from '../strings.ts';
import {
  ackAlert, changeEntry, download, historyQuery, listAlerts, listWatchlist, removeEntry, visitHistory,
  type HistoryFilter, type KeptAlert, type ListedEntry,
} from './calls.ts';

type Tab = 'alerts' | 'history' | 'watchlist';
const STATUSES = ['awaiting-host', 'approved', 'on-site', 'checked-out', 'denied', 'refused', 'expired', 'cancelled'] as const;

function SecurityPage() {
  const t = useT();
  const [tab, setTab] = useState<Tab>(() => (location.hash.slice(1) as Tab) || 'alerts');
  const [online, setOnline] = useState(true);
  useEffect(() => { history.replaceState(null, '', `#${tab}`); }, [tab]);
  return (
    <div class="staff-page security">
      <OfflineBanner online={online} text={t('offline')} />
      <nav class="security-tabs" role="tablist">
        {(['alerts', 'history', 'watchlist'] as const).map((k) => (
          <button type="button" role="tab" aria-selected={tab === k} class={`button ${tab === k ? 'button-primary' : 'button-secondary'}`} onClick={() => setTab(k)}>
            {t(k === 'alerts' ? 'secTabAlerts' : k === 'history' ? 'secTabHistory' : 'secTabWatchlist')}
          </button>
        ))}
      </nav>
      <AlertList visible={tab === 'alerts'} onOnline={setOnline} />
      {tab === 'history' && <History />}
      {tab === 'watchlist' && <Watchlist />}
    </div>
  );
}

/** Open alerts, newest first; new ones and acknowledgements arrive live. Kept mounted so the socket stays. */
function AlertList({ visible, onOnline }: { visible: boolean; onOnline: (v: boolean) => void }) {
  const t = useT();
  const lang = useLang();
  const [alerts, setAlerts] = useState<KeptAlert[]>([]);
  const [all, setAll] = useState(false);
  const [problem, setProblem] = useState<Message | null>(null);
  const reload = () => listAlerts(!all).then((list) => { setAlerts(list); setProblem(null); }, (e) => setProblem(failure(e)));
  useEffect(() => { void reload(); }, [all]);
  useEffect(() => {
    const live = openSocket(io, STAFF, (connected) => { onOnline(connected); if (connected) void reload(); });
    live.socket.on('alert', ({ alert }) => { if (alert.id) setAlerts((list) => [alert as KeptAlert, ...list.filter((a) => a.id !== alert.id)]); });
    live.socket.on('alert:acked', ({ alert }) => setAlerts((list) => list.map((a) => (a.id === alert.id ? alert as KeptAlert : a))));
    return live.close;
  }, []);
  const ack = async (a: KeptAlert) => {
    try { const done = await ackAlert(a.id); setAlerts((list) => list.map((x) => (x.id === a.id ? done : x))); setProblem(null); }
    catch (e) {
      if (e instanceof RequestError && e.code === 'alert-acknowledged') { setProblem(msg('alertAckedElsewhere')); void reload(); }
      else setProblem(failure(e));
    }
  };
  if (!visible) return null;
  const shown = all ? alerts : alerts.filter((a) => !a.ackedAt);
  return (
    <section class="security-section" aria-label={t('secTabAlerts')}>
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      <button type="button" class="button button-quiet security-toggle" aria-pressed={all} onClick={() => setAll(!all)}>{t('alertsShowAll')}</button>
      {shown.length === 0 && <p class="lead">{t('alertsNone')}</p>}
      <ul class="security-cards">
        {shown.map((a) => (
          <li class={`security-card alert-card alert-${a.kind}${a.ackedAt ? ' alert-acked' : ''}`} data-alert={a.id}>
            <p class="security-card-head"><strong>{t(`alertKind_${a.kind.replace('-', '_')}` as StaffKey)}</strong> <span>{formatTime(a.at, lang, { day: true })}</span></p>
            <p class="security-card-text">{a.message}</p>
            {a.ackedAt
              ? <p class="security-card-note">{t('alertAckedBy', { time: formatTime(a.ackedAt, lang, { day: true }), who: a.ackedBy ?? '' })}</p>
              : <button type="button" class="button button-primary" onClick={() => void ack(a)}>{t('alertAck')}</button>}
          </li>
        ))}
      </ul>
    </section>
  );
}

const today = () => new Date().toISOString().slice(0, 10);
const monthAgo = () => new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 10);

function History() {
  const t = useT();
  const lang = useLang();
  const [filter, setFilter] = useState<HistoryFilter>({ from: monthAgo(), to: today(), q: '', hostId: '', status: '', company: '' });
  const [host, setHost] = useState<HostSummary | null>(null);
  const [visits, setVisits] = useState<Visit[] | null>(null);
  const [next, setNext] = useState<string | undefined>();
  const [problem, setProblem] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const asked = { ...filter, hostId: host?.id ?? '' };
  const run = async (cursor?: string) => {
    setBusy(true);
    try {
      const page = await visitHistory(asked, cursor);
      setVisits((shown) => (cursor ? [...(shown ?? []), ...page.visits] : page.visits));
      setNext(page.next);
      setProblem(null);
    } catch (e) { setProblem(failure(e)); } finally { setBusy(false); }
  };
  const set = (k: keyof HistoryFilter) => (e: Event) => setFilter({ ...filter, [k]: (e.currentTarget as HTMLInputElement).value });
  const exportAs = (ext: 'csv' | 'xlsx') => download(`/api/visits.${ext}?${historyQuery(asked)}`).catch((e) => setProblem(failure(e)));
  return (
    <section class="security-section" aria-label={t('secTabHistory')}>
      <form class="security-filters" onSubmit={(e) => { e.preventDefault(); void run(); }}>
        <label>{t('histFrom')}<input type="date" value={filter.from} onInput={set('from')} /></label>
        <label>{t('histTo')}<input type="date" value={filter.to} onInput={set('to')} /></label>
        <label>{t('histQuery')}<input type="search" value={filter.q} maxLength={64} onInput={set('q')} /></label>
        <label>{t('histCompany')}<input type="search" value={filter.company} maxLength={100} onInput={set('company')} /></label>
        <label>{t('histStatus')}
          <select value={filter.status} onChange={set('status')}>
            <option value="">{t('histAnyStatus')}</option>
            {STATUSES.map((s) => <option value={s}>{t(STATUS_LABEL[s])}</option>)}
          </select>
        </label>
        <div class="security-host"><HostSearch label={t('histHost')} optional={t('optional')} picked={host} onPick={setHost} /></div>
        <div class="security-actions">
          <button type="submit" class={`button button-primary${busy ? ' busy' : ''}`}>{t('histSearch')}</button>
          <button type="button" class="button button-secondary" onClick={() => void exportAs('csv')}>{t('histCsv')}</button>
          <button type="button" class="button button-secondary" onClick={() => void exportAs('xlsx')}>{t('histXlsx')}</button>
        </div>
      </form>
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      {visits && visits.length === 0 && <p class="lead">{t('histNone')}</p>}
      {visits && visits.length > 0 && (
        <ul class="security-cards history-cards">
          {visits.map((v) => (
            <li class="security-card" data-visit={v.id}>
              <p class="security-card-head"><strong class="security-name">{v.visitor.name}</strong> <span>#{v.number} · {t(STATUS_LABEL[v.status])}</span></p>
              <p class="security-card-text">{formatTime(v.createdAt, lang, { day: true })}{v.visitor.company ? ` · ${v.visitor.company}` : ''}</p>
              <p class="security-card-note">{t('histHostCol')}: {v.host ? `${v.host.name} (${v.host.department})` : '—'} · {t('idMasked')} {v.visitor.idNumberMasked}</p>
            </li>
          ))}
        </ul>
      )}
      {next && <button type="button" class={`button button-secondary security-more${busy ? ' busy' : ''}`} onClick={() => void run(next)}>{t('histMore')}</button>}
    </section>
  );
}

function Watchlist() {
  const t = useT();
  const lang = useLang();
  const [q, setQ] = useState('');
  const [entries, setEntries] = useState<ListedEntry[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [problem, setProblem] = useState<Message | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const reload = () => listWatchlist(q.trim()).then(setEntries, (e) => setProblem(failure(e)));
  useEffect(() => { const timer = setTimeout(() => void reload(), 250); return () => clearTimeout(timer); }, [q]);
  const gone = (e: unknown) => { if (e instanceof RequestError && e.status === 404) { setProblem(msg('watchGone')); void reload(); } else setProblem(failure(e)); };
  const save = async (id: string, form: HTMLFormElement) => {
    const data = new FormData(form);
    const expires = String(data.get('expiresAt') ?? '');
    try {
      await changeEntry(id, { reason: String(data.get('reason') ?? ''), expiresAt: expires ? new Date(`${expires}T23:59:59`).toISOString() : null });
      setEditing(null); setNotice(t('watchSaved')); setProblem(null); void reload();
    } catch (e) { gone(e); }
  };
  const remove = async (id: string) => {
    if (!confirm(t('watchRemoveConfirm'))) return;
    try { await removeEntry(id); setNotice(t('watchRemoved')); setProblem(null); void reload(); } catch (e) { gone(e); }
  };
  return (
    <section class="security-section" aria-label={t('secTabWatchlist')}>
      <label class="security-search">{t('watchSearch')}<input type="search" value={q} maxLength={64} onInput={(e) => setQ(e.currentTarget.value)} /></label>
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      {notice && <p class="form-done" role="status">{notice}</p>}
      {entries.length === 0 && <p class="lead">{t('watchNone')}</p>}
      <ul class="security-cards">
        {entries.map((e) => (
          <li class={`security-card${e.expired ? ' watch-expired' : ''}`} data-entry={e.id}>
            <p class="security-card-head">
              <strong class="security-name">{e.name ?? e.idNumberMasked ?? e.phone}</strong>
              <span>{e.expired ? t('watchExpired') : e.expiresAt ? `${t('watchExpires')} ${formatTime(e.expiresAt, lang, { day: true })}` : t('watchNoExpiry')}</span>
            </p>
            <p class="security-card-note">{[e.idNumberMasked, e.phone].filter(Boolean).join(' · ')}</p>
            {editing === e.id ? (
              <form class="watch-edit" onSubmit={(ev) => { ev.preventDefault(); void save(e.id, ev.currentTarget); }}>
                <label>{t('watchReason')}<input name="reason" defaultValue={e.reason} maxLength={200} required /></label>
                <label>{t('watchExpires')}<input name="expiresAt" type="date" defaultValue={e.expiresAt?.slice(0, 10) ?? ''} /></label>
                <div class="security-actions">
                  <button type="submit" class="button button-primary">{t('watchSave')}</button>
                  <button type="button" class="button button-secondary" onClick={() => setEditing(null)}>{t('cancel')}</button>
                </div>
              </form>
            ) : (
              <>
                <p class="security-card-text">{t('watchReason')}: {e.reason}</p>
                <div class="security-actions">
                  <button type="button" class="button button-secondary" onClick={() => { setEditing(e.id); setNotice(null); }}>{t('watchEdit')}</button>
                  <button type="button" class="button button-quiet" onClick={() => void remove(e.id)}>{t('watchRemove')}</button>
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

mountPage({ title: 'securityTitle', roles: ['security', 'admin'], page: () => <SecurityPage /> });
