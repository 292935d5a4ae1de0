// Builds the desk's monthly and weekly reports from the store, one site day at a time: what a report holds in
// memory is its counters (and one day's visits while they are counted), never the month's records.
import type { Ctx } from '../context.ts';
import type { CallRecord, CaseRecord, Page, PageQuery } from '../../data/matters.ts';
import { nextDay, siteDay } from '../domain/sitetime.ts';
import { analyse, callTally, caseTally, visitTally, type Report, type ReportNumbers } from '../domain/reports.ts';

export interface Period { kind: 'month' | 'week'; label: string; from: string; to: string }

/** Site days from..to, both included. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = nextDay(d)) days.push(d);
  return days;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** YYYY-MM as its first and last day; the month before it. */
export function monthPeriod(month: string): { period: Period; previous: Period } {
  const [y, m] = month.split('-').map(Number);
  const period: Period = { kind: 'month', label: month, from: `${month}-01`, to: `${month}-${pad(lastDayOfMonth(y, m))}` };
  const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
  const prev = `${py}-${pad(pm)}`;
  return { period, previous: { kind: 'month', label: prev, from: `${prev}-01`, to: `${prev}-${pad(lastDayOfMonth(py, pm))}` } };
}

/** The week (Monday to Sunday) holding day; the week before it. */
export function weekPeriod(day: string): { period: Period; previous: Period } {
  const at = new Date(`${day}T00:00:00Z`);
  const monday = new Date(at.getTime() - ((at.getUTCDay() + 6) % 7) * 86_400_000);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const plus = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);
  const period: Period = { kind: 'week', label: iso(monday), from: iso(monday), to: iso(plus(monday, 6)) };
  const before = plus(monday, -7);
  return { period, previous: { kind: 'week', label: iso(before), from: iso(before), to: iso(plus(before, 6)) } };
}

/** Every page of a paged day-range read, handed on page by page. */
async function eachPage<T>(read: (q: PageQuery) => Promise<Page<T>>, take: (items: T[]) => void): Promise<void> {
  for (let after: string | undefined, first = true; first || after; first = false) {
    const page = await read({ limit: 500, ...(after ? { after } : {}) });
    take(page.items);
    after = page.next;
  }
}

async function numbersOf(ctx: Ctx, period: Period): Promise<ReportNumbers> {
  const now = ctx.clock();
  // Days after today hold nothing yet: they are not read.
  const today = siteDay(now, ctx.config.timeZone);
  const days = daysOf(period.from, period.to);
  const visits = visitTally(days);
  for (const day of days) if (day <= today) visits.add(await ctx.store.visitsOfDay(day));
  const calls = callTally();
  await eachPage<CallRecord>((q) => ctx.store.callsBetween(period.from, period.to, q), (items) => calls.add(items));
  const hosts = new Map((await ctx.store.list('hosts')).map((h) => [h.id, h.department]));
  const cases = caseTally(now, (c) => c.assignee?.department ?? (c.assignee?.hostId ? hosts.get(c.assignee.hostId) : undefined));
  await eachPage<CaseRecord>((q) => ctx.store.casesBetween(period.from, period.to, q), (items) => cases.add(items));
  return { visits: visits.result(), calls: calls.result(), cases: cases.result() };
}

export async function buildReport(ctx: Ctx, { period, previous }: { period: Period; previous: Period }): Promise<Report> {
  const now = await numbersOf(ctx, period);
  const before = await numbersOf(ctx, previous);
  const prev: Report['previous'] = {
    label: previous.label, from: previous.from, to: previous.to,
    visits: before.visits.total, calls: before.calls.total, cases: before.cases.total,
    deadlineShare: before.cases.deadlines.share, callbackShare: before.cases.callbacks.share,
    medianResponse: before.visits.hostResponseMinutes.median,
  };
  return { period: { kind: period.kind, label: period.label, from: period.from, to: period.to }, ...now, previous: prev, analysis: analyse(now, prev) };
}

/** The report as CSV rows (section, item, value): every number of the JSON, one per row. */
export function reportRows(r: Report): Array<Record<string, unknown>> {
  const rows: Array<Record<string, unknown>> = [];
  const add = (section: string, item: string, value: unknown) => rows.push({ section, item, value: value ?? '' });
  add('period', r.period.kind, `${r.period.from}..${r.period.to}`);
  add('visits', 'total', r.visits.total);
  add('visits', 'companions', r.visits.companions);
  for (const c of r.visits.byDay) add('visits.byDay', c.key, c.count);
  for (const c of r.visits.byPurpose) add('visits.byPurpose', c.key, c.count);
  for (const c of r.visits.byDepartment) add('visits.byDepartment', c.key, c.count);
  for (const h of r.visits.byHost) add('visits.byHost', `${h.name} (${h.department})`, h.count);
  for (const c of r.visits.byStatus) add('visits.byStatus', c.key, c.count);
  add('visits.hostResponseMinutes', 'decided', r.visits.hostResponseMinutes.decided);
  add('visits.hostResponseMinutes', 'median', r.visits.hostResponseMinutes.median);
  add('visits.hostResponseMinutes', 'p90', r.visits.hostResponseMinutes.p90);
  for (const [k, v] of Object.entries(r.visits.rates)) add('visits.rates', k, v === null ? '' : v.toFixed(3));
  add('visits', 'overstays', r.visits.overstays);
  add('calls', 'total', r.calls.total);
  for (const c of r.calls.byKind) add('calls.byKind', c.key, c.count);
  for (const c of r.calls.byCategory) add('calls.byCategory', c.key, c.count);
  add('calls', 'transfersReturned', r.calls.transfersReturned);
  add('cases', 'total', r.cases.total);
  for (const c of r.cases.byCategory) {
    add('cases.byCategory', c.key, c.count);
    add('cases.byCategory.met', c.key, c.met);
    add('cases.byCategory.missed', c.key, c.missed);
  }
  for (const c of r.cases.byDepartment) add('cases.byDepartment', c.key, c.count);
  for (const [k, v] of Object.entries(r.cases.deadlines)) add('cases.deadlines', k, k === 'share' && typeof v === 'number' ? v.toFixed(3) : v);
  for (const [k, v] of Object.entries(r.cases.callbacks)) add('cases.callbacks', k, k === 'share' && typeof v === 'number' ? v.toFixed(3) : v);
  add('cases.satisfaction', 'responses', r.cases.satisfaction.responses);
  add('cases.satisfaction', 'average', r.cases.satisfaction.average);
  r.cases.satisfaction.distribution.forEach((n, i) => add('cases.satisfaction.distribution', String(i + 1), n));
  for (const [k, v] of Object.entries(r.previous)) add('previous', k, v);
  r.analysis['zh-CN'].forEach((line, i) => add('analysis.zh-CN', String(i + 1), line));
  r.analysis.en.forEach((line, i) => add('analysis.en', String(i + 1), line));
  return rows;
}
