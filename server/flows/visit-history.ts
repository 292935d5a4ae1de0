// Visits over any range of days, newest first, a page at a time: the cursor names the day and the visit number
// to go on from, so the next page starts there (never from the start), and visits arriving meanwhile (newer,
// so before the cursor) neither repeat nor push others out. A page reads at most MAX_DAYS days that hold
// visits: its cost does not grow with the years.
import type { Ctx } from '../context.ts';
import type { VisitRecord } from '../../data/store.ts';
import type { VisitStatus } from '../protocol.ts';
import { invalid } from '../domain/errors.ts';

export const PAGE = 50;
/** Days holding visits that one page may look through; a sparse search hands back a cursor and goes on from there. */
const MAX_DAYS = 62;
const STATUSES: readonly VisitStatus[] = ['awaiting-host', 'approved', 'on-site', 'checked-out', 'denied', 'refused', 'expired', 'cancelled'];

export interface HistoryQuery {
  from: string; to: string; q?: string; hostId?: string; status?: VisitStatus;
  company?: string; department?: string; kioskId?: string;
}
export interface Cursor { day: string; number?: string }
export interface HistoryPage { visits: VisitRecord[]; next?: string }

/** Reads and checks the history filters of a query string; day= is from=to=day. */
export function parseHistory(query: URLSearchParams, today: string): { filter: HistoryQuery; cursor?: Cursor; limit: number } {
  const day = dateParam(query, 'day');
  const from = day ?? dateParam(query, 'from') ?? '2000-01-01';
  const to = day ?? dateParam(query, 'to') ?? today;
  if (from > to) throw invalid('from', 'from must not be after to');
  const status = query.get('status') || undefined;
  if (status && !STATUSES.includes(status as VisitStatus)) throw invalid('status', `status must be one of ${STATUSES.join(', ')}`);
  const limitText = query.get('limit');
  const limit = limitText ? Number(limitText) : PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw invalid('limit', 'limit must be a whole number from 1 to 500');
  const filter: HistoryQuery = {
    from, to, status: status as VisitStatus | undefined,
    q: textParam(query, 'q', 64), hostId: textParam(query, 'hostId', 64), company: textParam(query, 'company', 100)?.toLowerCase(),
    department: textParam(query, 'department', 64), kioskId: textParam(query, 'kiosk', 64),
  };
  return { filter, cursor: cursorParam(query.get('cursor')), limit };
}

/** Whether a query asks for history (a range, a search or a page) rather than today's open visits. */
export const asksHistory = (query: URLSearchParams) =>
  ['from', 'to', 'q', 'hostId', 'status', 'cursor', 'company', 'department', 'kiosk', 'limit'].some((k) => query.has(k));

export async function visitHistory(ctx: Ctx, f: HistoryQuery, limit: number, cursor?: Cursor): Promise<HistoryPage> {
  const last = cursor ? (cursor.day < f.to ? cursor.day : f.to) : f.to;
  const days = (await ctx.store.visitDays()).filter((d) => d >= f.from && d <= last).reverse();
  const visits: VisitRecord[] = [];
  let looked = 0;
  for (const day of days) {
    if (looked === MAX_DAYS) return { visits, next: encodeCursor({ day }) };
    looked++;
    const after = cursor?.day === day ? cursor.number : undefined;
    const ids = f.q || f.hostId ? new Set(await ctx.store.findVisits(day, day, { ...(f.q ? { text: f.q } : {}), ...(f.hostId ? { hostId: f.hostId } : {}) })) : undefined;
    if (ids && !ids.size) continue;
    const found = (await ctx.store.visitsOfDay(day))
      .filter((v) => (!ids || ids.has(v.id)) && (after === undefined || byNumber(v.number, after) < 0) && matches(v, f))
      .sort((a, b) => byNumber(b.number, a.number));
    for (const v of found) {
      visits.push(v);
      if (visits.length === limit) return { visits, next: encodeCursor({ day, number: v.number }) };
    }
  }
  return { visits };
}

/** Every page of the query, for an export; at most `max` visits. */
export async function allHistory(ctx: Ctx, f: HistoryQuery, max: number): Promise<{ visits: VisitRecord[]; more: boolean }> {
  const visits: VisitRecord[] = [];
  let cursor: Cursor | undefined;
  for (;;) {
    const page = await visitHistory(ctx, f, 500, cursor);
    visits.push(...page.visits);
    if (visits.length > max) return { visits: visits.slice(0, max), more: true };
    if (!page.next) return { visits, more: false };
    cursor = decodeCursor(page.next);
  }
}

function matches(v: VisitRecord, f: HistoryQuery): boolean {
  return (!f.status || v.status === f.status)
    && (!f.company || Boolean(v.visitor.company?.toLowerCase().includes(f.company)))
    && (!f.department || v.host?.department === f.department)
    && (!f.kioskId || v.kioskId === f.kioskId);
}

/** Visit numbers of a day: shorter first, then by text (A2 before A10). */
const byNumber = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');

function cursorParam(v: string | null): Cursor | undefined {
  if (!v) return undefined;
  const c = v.length <= 200 ? decodeCursor(v) : undefined;
  if (!c) throw invalid('cursor', 'cursor must be the next value of an earlier page');
  return c;
}

function decodeCursor(v: string): Cursor | undefined {
  try {
    const c = JSON.parse(Buffer.from(v, 'base64url').toString('utf8'));
    if (typeof c?.day !== 'string' || !isDate(c.day)) return undefined;
    if (c.number !== undefined && (typeof c.number !== 'string' || !/^[A-Z0-9-]{1,16}$/i.test(c.number))) return undefined;
    return { day: c.day, ...(c.number ? { number: c.number } : {}) };
  } catch { return undefined; }
}

function isDate(v: string): boolean {
  const t = Date.parse(`${v}T00:00:00Z`);
  return /^\d{4}-\d\d-\d\d$/.test(v) && !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
}

function dateParam(query: URLSearchParams, field: string): string | undefined {
  const v = query.get(field);
  if (v === null || v === '') return undefined;
  if (v.length > 10 || !isDate(v)) throw invalid(field, `${field} must be a date YYYY-MM-DD`);
  return v;
}

function textParam(query: URLSearchParams, field: string, max: number): string | undefined {
  const v = query.get(field)?.normalize('NFC').trim();
  if (!v) return undefined;
  if (v.length > max) throw invalid(field, `${field} is longer than ${max} characters`, 'too-long');
  if (/[\u0000-\u001f\u007f]/.test(v)) throw invalid(field, `${field} contains control characters`);
  return v;
}
