// Visits over any range of days, newest first, a page at a time: the cursor names the day and the visit number
// to go on from, so the next page starts there (never from the start), and visits arriving meanwhile (newer,
// so before the cursor) neither repeat nor push others out. A page reads at most MAX_DAYS days that hold
// visits: its cost does not grow with the years.
import type { Ctx } from '../context.ts';
import type { VisitRecord } from '../../data/store.ts';
import type { LogEvent, VisitStatus } from '../protocol.ts';
import { invalid } from '../domain/errors.ts';

export const PAGE = 50;
/** Days holding visits that one page may look through; a sparse search hands back a cursor and goes on from there. */
const MAX_DAYS = 62;
const STATUSES: readonly VisitStatus[] = ['awaiting-host', 'approved', 'on-site', 'checked-out', 'denied', 'refused', 'expired', 'cancelled'];

export interface HistoryQuery {
  from: string; to: string; q?: string; hostId?: string; status?: VisitStatus;
  company?: string; department?: string; kioskId?: string; event?: EventFilter;
}

/** `event=`: visits with such an event in the log. `maybe` reads the visit alone and spares the log wherever the
 *  visit cannot have one (most visits); `proof`, when set, is then looked for among the visit's own events. */
const EVENT_FILTERS: Record<string, { maybe: (v: VisitRecord) => boolean; proof?: (e: LogEvent) => boolean }> = {
  'badge-lost': { maybe: (v) => (v.badge?.serial ?? 0) > 0, proof: (e) => e.kind === 'badge-lost' },
  // The flag is set in the same step as visit-overstay and survives erasure: no log read.
  overstay: { maybe: (v) => Boolean(v.overstay) },
  'watchlist-hit': { maybe: (v) => v.status === 'refused' || v.escalation.level === 'reception', proof: (e) => e.kind === 'visit-refused' || e.kind === 'visit-held' },
  'checked-out-by-hand': { maybe: (v) => v.status === 'checked-out', proof: (e) => e.kind === 'visit-checked-out' && e.data?.by === 'hand' },
  escalated: { maybe: (v) => v.escalation.level !== 'host', proof: (e) => e.kind === 'visit-escalated' || e.kind === 'host-unreachable' },
};
export type EventFilter = keyof typeof EVENT_FILTERS;
export const EVENT_KINDS = Object.keys(EVENT_FILTERS);
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
  const event = query.get('event') || undefined;
  if (event && !Object.hasOwn(EVENT_FILTERS, event)) throw invalid('event', `event must be one of ${EVENT_KINDS.join(', ')}`);
  const limitText = query.get('limit');
  const limit = limitText ? Number(limitText) : PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw invalid('limit', 'limit must be a whole number from 1 to 500');
  const filter: HistoryQuery = {
    from, to, status: status as VisitStatus | undefined,
    q: textParam(query, 'q', 64), hostId: textParam(query, 'hostId', 64), company: textParam(query, 'company', 100)?.toLowerCase(),
    department: textParam(query, 'department', 64), kioskId: textParam(query, 'kiosk', 64), ...(event ? { event } : {}),
  };
  return { filter, cursor: cursorParam(query.get('cursor')), limit };
}

/** Whether a query asks for history (a range, a search or a page) rather than today's open visits. */
export const asksHistory = (query: URLSearchParams) =>
  ['from', 'to', 'q', 'hostId', 'status', 'cursor', 'company', 'department', 'kiosk', 'event', 'limit'].some((k) => query.has(k));

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
    const matching = (await ctx.store.visitsOfDay(day))
      .filter((v) => (!ids || ids.has(v.id)) && (after === undefined || byNumber(v.number, after) < 0) && matches(v, f))
      .sort((a, b) => byNumber(b.number, a.number));
    const found = f.event ? await havingEvent(ctx, day, matching, f.event) : matching;
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

/** The visits (of one day) that have an event of the kind: the candidates' events are read through the log's
 *  per-visit index on the visit's own days (site day ± 1); a hand check-out on a later day is read at its time. */
async function havingEvent(ctx: Ctx, day: string, visits: VisitRecord[], kind: EventFilter): Promise<VisitRecord[]> {
  const { maybe, proof } = EVENT_FILTERS[kind];
  const candidates = visits.filter(maybe);
  if (!proof || !candidates.length) return candidates;
  const at = Date.parse(`${day}T00:00:00Z`);
  const events = await ctx.store.eventsOfVisits(candidates.map((v) => v.id), new Date(at - 2 * DAY_MS).toISOString(), new Date(at + 3 * DAY_MS).toISOString());
  const proven = new Set(events.filter(proof).map((e) => e.visitId));
  for (const v of candidates) {
    const out = v.checkedOutAt ? Date.parse(v.checkedOutAt) : 0;
    if (kind !== 'checked-out-by-hand' || proven.has(v.id) || out < at + 2 * DAY_MS) continue;
    const later = await ctx.store.events(v.checkedOutAt!, new Date(out + 60_000).toISOString());
    if (later.some((e) => e.visitId === v.id && proof(e))) proven.add(v.id);
  }
  return candidates.filter((v) => proven.has(v.id));
}

const DAY_MS = 86_400_000;

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

export function dateParam(query: URLSearchParams, field: string): string | undefined {
  const v = query.get(field);
  if (v === null || v === '') return undefined;
  if (v.length > 10 || !isDate(v)) throw invalid(field, `${field} must be a date YYYY-MM-DD`);
  return v;
}

export function textParam(query: URLSearchParams, field: string, max: number): string | undefined {
  const v = query.get(field)?.normalize('NFC').trim();
  if (!v) return undefined;
  if (v.length > max) throw invalid(field, `${field} is longer than ${max} characters`, 'too-long');
  if (/[\u0000-\u001f\u007f]/.test(v)) throw invalid(field, `${field} contains control characters`);
  return v;
}
