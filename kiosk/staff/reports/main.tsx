// /reports/: the desk's monthly and weekly report (每月事务统计、分析、汇报) — the numbers against the period before,
// the written analysis, charts, a CSV export and a printable page (the browser's print: controls hidden).
import './reports.css';
import { useEffect, useState } from 'preact/hooks';
import type { Count, Report } from '../../../server/domain/reports.ts';
import { mountPage } from '../Shell.tsx';
import { STATUS_LABEL, useLang, useT } from '../i18n.ts';
import { en, type StaffKey } from '../strings.ts';
import { failure, say, type Message } from '../problems.ts';
import { exportReport, getReport, type Period } from './calls.ts';
import { colorAt, ReportChart } from './Chart.tsx';

const pad = (n: number) => String(n).padStart(2, '0');
const todayText = () => { const d = new Date(); return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`; };
const shiftMonth = (month: string, by: number) => {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
};
const shiftDay = (day: string, by: number) => new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
const mondayOf = (day: string) => shiftDay(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

function startPeriod(): Period {
  const asked = new URLSearchParams(location.search);
  const week = asked.get('week');
  if (week && /^\d{4}-\d{2}-\d{2}$/.test(week)) return { kind: 'weekly', week: mondayOf(week) };
  const month = asked.get('month');
  return { kind: 'monthly', month: month && /^\d{4}-\d{2}$/.test(month) ? month : todayText().slice(0, 7) };
}

function ReportsPage() {
  const t = useT();
  const lang = useLang();
  const [period, setPeriod] = useState<Period>(startPeriod);
  const [report, setReport] = useState<Report | null>(null);
  const [problem, setProblem] = useState<Message | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setProblem(null);
    const shown = new URLSearchParams(location.search);
    shown.delete('month');
    shown.delete('week');
    shown.set(period.kind === 'monthly' ? 'month' : 'week', period.kind === 'monthly' ? period.month : period.week);
    history.replaceState(null, '', `?${shown}`);
    getReport(period).then((r) => { if (live) setReport(r); }, (e) => { if (live) setProblem(failure(e)); }).finally(() => { if (live) setLoading(false); });
    return () => { live = false; };
  }, [period.kind === 'monthly' ? period.month : period.week, period.kind]);

  const today = todayText();
  const canGoLater = period.kind === 'monthly' ? shiftMonth(period.month, 1) <= today.slice(0, 7) : shiftDay(period.week, 7) <= today;
  const move = (by: number) => setPeriod((p) => (p.kind === 'monthly' ? { ...p, month: shiftMonth(p.month, by) } : { ...p, week: shiftDay(p.week, 7 * by) }));
  /** A category's or kind's words; a key this page has no words for is shown as it is. */
  const label = (key: string, prefix: string) => (`${prefix}${key}` in en ? t(`${prefix}${key}` as StaffKey) : key);

  return (
    <div class="staff-page reports">
      <div class="report-controls">
        <div class="report-kind" role="group" aria-label={t('reportsTitle')}>
          <button type="button" class={`button ${period.kind === 'monthly' ? 'button-primary' : 'button-secondary'}`} aria-pressed={period.kind === 'monthly'}
            onClick={() => setPeriod({ kind: 'monthly', month: (period.kind === 'weekly' ? period.week : today).slice(0, 7) })}>{t('reportMonthly')}</button>
          <button type="button" class={`button ${period.kind === 'weekly' ? 'button-primary' : 'button-secondary'}`} aria-pressed={period.kind === 'weekly'}
            onClick={() => setPeriod({ kind: 'weekly', week: mondayOf(period.kind === 'monthly' && period.month < today.slice(0, 7) ? `${period.month}-01` : today) })}>{t('reportWeekly')}</button>
        </div>
        <div class="report-move">
          <button type="button" class="button button-secondary" onClick={() => move(-1)}>{t('reportEarlier')}</button>
          <button type="button" class="button button-secondary" disabled={!canGoLater} onClick={() => move(1)}>{t('reportLater')}</button>
        </div>
        <div class="report-actions">
          <button type="button" class="button button-secondary" onClick={() => exportReport(period).catch((e) => setProblem(failure(e)))}>{t('reportExport')}</button>
          <button type="button" class="button button-secondary" onClick={() => print()}>{t('reportPrint')}</button>
        </div>
      </div>
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      {loading && !report && <p class="lead" role="status">{t('reportLoading')}</p>}
      {report && <ReportView report={report} lang={lang} label={label} busy={loading} />}
    </div>
  );
}

interface ViewProps { report: Report; lang: string; label: (key: string, prefix: string) => string; busy: boolean }

function ReportView({ report: r, lang, label, busy }: ViewProps) {
  const t = useT();
  const pct = (x: number | null) => (x === null ? t('reportNone') : `${Math.round(x * 100)}%`);
  const heading = r.period.kind === 'month' ? t('reportMonthLabel', { month: r.period.label }) : t('reportWeekLabel', { from: r.period.from });
  const says = (title: string, items: Count[], prefix = '') =>
    t('reportChartSays', { title, items: items.length ? items.map((c) => `${prefix ? label(c.key, prefix) : c.key} ${c.count}`).join(', ') : t('reportNone') });
  const bars = (items: Count[], title: string, prefix = '', kind: 'bar' | 'horizontal' = 'horizontal', color = colorAt(0)) => (
    <ReportChart kind={kind} labels={items.map((c) => (prefix ? label(c.key, prefix) : c.key))} series={[{ label: t('reportCount'), values: items.map((c) => c.count), color }]}
      description={says(title, items, prefix)} height={kind === 'horizontal' ? Math.max(160, 34 * items.length + 60) : 240} />
  );
  const nothing = r.visits.total + r.calls.total + r.cases.total === 0;
  const pending = r.cases.byCategory.map((c) => c.count - c.due);
  return (
    <article class={`report${busy ? ' report-busy' : ''}`} aria-busy={busy}>
      <header class="report-head">
        <h2>{t('reportsTitle')} · {heading}</h2>
        <p class="muted">{t('reportRange', { from: r.period.from, to: r.period.to, previous: r.previous.label })}</p>
      </header>
      <section class="report-tiles">
        <Tile title={t('reportVisits')} value={String(r.visits.total)} note={t('reportBefore', { n: r.previous.visits })} />
        <Tile title={t('reportCalls')} value={String(r.calls.total)} note={t('reportBefore', { n: r.previous.calls })} />
        <Tile title={t('reportCases')} value={String(r.cases.total)} note={t('reportBefore', { n: r.previous.cases })} />
        <Tile title={t('reportDeadlines')} value={pct(r.cases.deadlines.share)} note={`${r.cases.deadlines.met}/${r.cases.deadlines.due}`} />
        <Tile title={t('reportCallbacks')} value={pct(r.cases.callbacks.share)} note={`${r.cases.callbacks.within24h}/${r.cases.callbacks.resolved}`} />
        <Tile title={t('reportSatisfaction')} value={r.cases.satisfaction.average === null ? t('reportNone') : String(r.cases.satisfaction.average)}
          note={r.cases.satisfaction.average === null ? '' : t('reportSatisfactionOf', { avg: r.cases.satisfaction.average, n: r.cases.satisfaction.responses })} />
        <Tile title={t('reportResponse')} value={r.visits.hostResponseMinutes.median === null ? t('reportNone') : `${r.visits.hostResponseMinutes.median}′`}
          note={r.visits.hostResponseMinutes.median === null ? '' : t('reportResponseValue', { median: r.visits.hostResponseMinutes.median, p90: r.visits.hostResponseMinutes.p90 ?? '' })} />
        <Tile title={t('reportOverstays')} value={String(r.visits.overstays)} note="" />
      </section>
      <section class="report-analysis">
        <h3>{t('reportAnalysis')}</h3>
        {nothing ? <p>{t('reportEmpty')}</p> : <ul>{r.analysis[lang === 'en' ? 'en' : 'zh-CN'].map((line) => <li>{line}</li>)}</ul>}
      </section>
      <section class="report-block report-wide">
        <h3>{t('reportVisitsByDay')}</h3>
        <ReportChart kind="bar" labels={r.visits.byDay.map((d) => d.key.slice(5))}
          series={[{ label: t('reportVisits'), values: r.visits.byDay.map((d) => d.count), color: colorAt(0) }]}
          description={says(t('reportVisitsByDay'), r.visits.byDay.filter((d) => d.count > 0))} />
      </section>
      <section class="report-block">
        <h3>{t('reportByPurpose')}</h3>
        {r.visits.byPurpose.length ? (
          <ReportChart kind="doughnut" labels={r.visits.byPurpose.slice(0, 8).map((c) => c.key)}
            series={[{ label: t('reportVisits'), values: r.visits.byPurpose.slice(0, 8).map((c) => c.count), color: colorAt(0) }]}
            description={says(t('reportByPurpose'), r.visits.byPurpose)} />
        ) : <p class="muted">{t('reportNone')}</p>}
      </section>
      <section class="report-block">
        <h3>{t('reportByDepartment')}</h3>
        {r.visits.byDepartment.length ? bars(r.visits.byDepartment.slice(0, 12), t('reportByDepartment')) : <p class="muted">{t('reportNone')}</p>}
      </section>
      <section class="report-block">
        <h3>{t('reportRates')}</h3>
        <dl class="report-rates">
          <div><dt>{t('reportApproved')}</dt><dd>{pct(r.visits.rates.approved)}</dd></div>
          <div><dt>{t('reportDenied')}</dt><dd>{pct(r.visits.rates.denied)}</dd></div>
          <div><dt>{t('reportEscalated')}</dt><dd>{pct(r.visits.rates.escalated)}</dd></div>
        </dl>
        <h3>{t('reportByStatus')}</h3>
        <ul class="report-list">
          {r.visits.byStatus.map((c) => <li><span>{t(STATUS_LABEL[c.key as keyof typeof STATUS_LABEL] ?? 'reportNone')}</span><b>{c.count}</b></li>)}
        </ul>
      </section>
      <section class="report-block">
        <h3>{t('reportTopHosts')}</h3>
        {r.visits.byHost.length ? (
          <ol class="report-list">
            {r.visits.byHost.map((h) => <li><span>{h.name} <span class="muted">{h.department}</span></span><b>{h.count}</b></li>)}
          </ol>
        ) : <p class="muted">{t('reportNone')}</p>}
      </section>
      <section class="report-block">
        <h3>{t('reportCallsByCategory')}</h3>
        {r.calls.byCategory.length ? bars(r.calls.byCategory, t('reportCallsByCategory'), 'category_', 'horizontal', colorAt(1)) : <p class="muted">{t('reportNone')}</p>}
        <ul class="report-list">
          {r.calls.byKind.map((c) => <li><span>{label(c.key, 'callKind_')}</span><b>{c.count}</b></li>)}
        </ul>
      </section>
      <section class="report-block">
        <h3>{t('reportCasesByCategory')}</h3>
        {r.cases.byCategory.length ? (
          <ReportChart kind="stacked" labels={r.cases.byCategory.map((c) => label(c.key, 'category_'))}
            series={[
              { label: t('reportMet'), values: r.cases.byCategory.map((c) => c.met), color: colorAt(1) },
              { label: t('reportMissed'), values: r.cases.byCategory.map((c) => c.missed), color: colorAt(3) },
              { label: t('reportPending'), values: pending, color: '#afb8c1' },
            ]}
            description={t('reportChartSays', {
              title: t('reportCasesByCategory'),
              items: r.cases.byCategory.map((c, i) => `${label(c.key, 'category_')} ${t('reportMet')} ${c.met}, ${t('reportMissed')} ${c.missed}, ${t('reportPending')} ${pending[i]}`).join('; '),
            })} />
        ) : <p class="muted">{t('reportNone')}</p>}
      </section>
      <section class="report-block">
        <h3>{t('reportCasesByDepartment')}</h3>
        {r.cases.byDepartment.length ? bars(r.cases.byDepartment, t('reportCasesByDepartment'), '', 'horizontal', colorAt(4)) : <p class="muted">{t('reportNone')}</p>}
      </section>
    </article>
  );
}

function Tile({ title, value, note }: { title: string; value: string; note: string }) {
  return (
    <div class="report-tile">
      <span class="report-tile-title">{title}</span>
      <strong class="report-tile-value">{value}</strong>
      {note && <span class="report-tile-note">{note}</span>}
    </div>
  );
}

mountPage({ title: 'reportsTitle', roles: ['reception', 'security', 'supervisor', 'admin'], page: () => <ReportsPage /> });
