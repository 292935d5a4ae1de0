// The desk's reports (每月事务统计、分析、汇报): a month's or a week's numbers as JSON for the reports screen, and as CSV.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { Role } from '../protocol.ts';
import { actorOf } from '../auth.ts';
import { invalid } from '../domain/errors.ts';
import { siteDay } from '../domain/sitetime.ts';
import { toCsv } from '../domain/csv.ts';
import { record } from '../events.ts';
import { buildReport, monthPeriod, reportRows, weekPeriod } from '../flows/reports.ts';

export const REPORT_READERS: readonly Role[] = ['reception', 'security', 'supervisor', 'admin'];
/** The oldest period a report is made for: nothing is kept from before it. */
const FIRST_DAY = '2000-01-01';
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function periodOf(ctx: Ctx, kind: 'monthly' | 'weekly', query: URLSearchParams) {
  const today = siteDay(ctx.clock(), ctx.config.timeZone);
  if (kind === 'monthly') {
    const month = query.get('month') ?? today.slice(0, 7);
    if (!MONTH.test(month)) throw invalid('month', 'month must be YYYY-MM');
    if (month < FIRST_DAY.slice(0, 7) || month > today.slice(0, 7)) throw invalid('month', `month must be between ${FIRST_DAY.slice(0, 7)} and this month`);
    return monthPeriod(month);
  }
  const week = query.get('week') ?? today;
  if (!DAY.test(week) || Number.isNaN(Date.parse(`${week}T00:00:00Z`)) || new Date(`${week}T00:00:00Z`).toISOString().slice(0, 10) !== week) {
    throw invalid('week', 'week must be a date, YYYY-MM-DD (any day of the week)');
  }
  if (week < FIRST_DAY || week > today) throw invalid('week', `week must be between ${FIRST_DAY} and today`);
  return weekPeriod(week);
}

export function reportRoutes(ctx: Ctx, r: Router): void {
  for (const kind of ['monthly', 'weekly'] as const) {
    r.add('GET', `/api/reports/${kind}`, REPORT_READERS, async ({ query }) => ({ body: { report: await buildReport(ctx, periodOf(ctx, kind, query)) } }));

    r.add('GET', `/api/reports/${kind}.csv`, REPORT_READERS, async ({ query, who }) => {
      const report = await buildReport(ctx, periodOf(ctx, kind, query));
      await record(ctx, { kind: 'report-exported', actor: actorOf(who), data: { period: report.period.kind, label: report.period.label, format: 'csv' } });
      const data = Buffer.from(toCsv(['section', 'item', 'value'], reportRows(report)), 'utf8');
      return { raw: { type: 'text/csv; charset=utf-8', data, filename: `foyer-report-${report.period.kind}-${report.period.label}.csv` } };
    });
  }
}
