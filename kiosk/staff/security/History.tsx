// Visit history for security: any range of site days, narrowed by visitor, company, status, host, department, kiosk
// and event; a page at a time with load more; CSV and Excel of the same query. Days and times on the site's clock.
import { useEffect, useState } from 'preact/hooks';
import type { HostSummary, Visit } from '../../../server/protocol.ts';
import { DateField } from '../../ui/DateField.tsx';
import { HostSearch } from '../HostSearch.tsx';
import { STATUS_LABEL, useLang, useT, type StaffKey } from '../i18n.ts';
import { failure, say, type Message } from '../problems.ts';
import { historyQuery, visitFilters, visitHistory, type FilterChoices, type HistoryFilter } from './calls.ts';
import { downloadExport } from '../calls.ts';
import { siteStampOf, siteToday, useSiteZone } from './site-time.ts';

const STATUSES = ['awaiting-host', 'approved', 'on-site', 'checked-out', 'denied', 'refused', 'expired', 'cancelled'] as const;
export const eventLabel = (kind: string) => `event_${kind.replace(/-/g, '_')}` as StaffKey;

export function History() {
  const zone = useSiteZone();
  return zone ? <HistoryIn zone={zone} /> : null;
}

function HistoryIn({ zone }: { zone: string }) {
  const t = useT();
  const lang = useLang();
  const today = siteToday(zone);
  const [filter, setFilter] = useState<HistoryFilter>({
    from: siteToday(zone, 31), to: today, q: '', hostId: '', status: '', company: '', department: '', kiosk: '', event: '',
  });
  const [choices, setChoices] = useState<FilterChoices>({ departments: [], kiosks: [], events: [] });
  const [host, setHost] = useState<HostSummary | null>(null);
  const [visits, setVisits] = useState<Visit[] | null>(null);
  const [next, setNext] = useState<string | undefined>();
  const [problem, setProblem] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { visitFilters().then(setChoices, (e) => setProblem(failure(e))); }, []);
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
  const put = (k: keyof HistoryFilter) => (value: string) => setFilter((f) => ({ ...f, [k]: value }));
  const set = (k: keyof HistoryFilter) => (e: Event) => put(k)((e.currentTarget as HTMLInputElement).value);
  const exportAs = (ext: 'csv' | 'xlsx') => downloadExport(`/api/visits.${ext}?${historyQuery(asked)}`, `visits.${ext}`).catch((e) => setProblem(failure(e)));
  const kioskName = new Map(choices.kiosks.map((k) => [k.id, k.name]));
  return (
    <section class="security-section" aria-label={t('secTabHistory')}>
      <form class="security-filters" onSubmit={(e) => { e.preventDefault(); void run(); }}>
        <DateField label={t('histFrom')} value={filter.from} onInput={put('from')} lang={lang} today={today} />
        <DateField label={t('histTo')} value={filter.to} onInput={put('to')} lang={lang} today={today} />
        <label>{t('histQuery')}<input type="search" value={filter.q} maxLength={64} onInput={set('q')} /></label>
        <label>{t('histCompany')}<input type="search" value={filter.company} maxLength={100} onInput={set('company')} /></label>
        <label>{t('histStatus')}
          <select value={filter.status} onChange={set('status')}>
            <option value="">{t('histAnyStatus')}</option>
            {STATUSES.map((s) => <option value={s}>{t(STATUS_LABEL[s])}</option>)}
          </select>
        </label>
        <label>{t('histDepartment')}
          <select value={filter.department} onChange={set('department')}>
            <option value="">{t('histAnyDepartment')}</option>
            {choices.departments.map((d) => <option value={d}>{d}</option>)}
          </select>
        </label>
        <label>{t('histKiosk')}
          <select value={filter.kiosk} onChange={set('kiosk')}>
            <option value="">{t('histAnyKiosk')}</option>
            {choices.kiosks.map((k) => <option value={k.id}>{k.name}</option>)}
          </select>
        </label>
        <label>{t('histEvent')}
          <select value={filter.event} onChange={set('event')}>
            <option value="">{t('histAnyEvent')}</option>
            {choices.events.map((k) => <option value={k}>{t(eventLabel(k))}</option>)}
          </select>
        </label>
        <div class="security-host"><HostSearch label={t('histHost')} optional={t('optional')} picked={host} onPick={setHost} /></div>
        <p class="security-zone">{t('histSiteTime', { zone })}</p>
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
              <p class="security-card-text history-times">
                {t('histArrived', { time: siteStampOf(v.createdAt, zone) })}
                {v.checkedOutAt ? ` · ${t('histLeft', { time: siteStampOf(v.checkedOutAt, zone) })}` : ''}
              </p>
              <p class="security-card-note">
                {[v.visitor.company, v.host ? `${t('histHostCol')}: ${v.host.name} (${v.host.department})` : '', v.kioskId ? kioskName.get(v.kioskId) ?? '' : '']
                  .filter(Boolean).join(' · ')}
              </p>
              <p class="security-card-note">{t('idMasked')} {v.visitor.idNumberMasked}</p>
            </li>
          ))}
        </ul>
      )}
      {next && <button type="button" class={`button button-secondary security-more${busy ? ' busy' : ''}`} onClick={() => void run(next)}>{t('histMore')}</button>}
    </section>
  );
}
