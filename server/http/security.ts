// Security's tools: the tamper-evident log, the watchlist.
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { IdType, LogEvent, WatchlistEntry } from '../protocol.ts';
import { ID_TYPES } from '../protocol.ts';
import { invalid } from '../domain/errors.ts';
import { checkIdNumber, hashIdNumber, maskIdNumber } from '../domain/ids.ts';
import { normalizePhone } from '../domain/watchlist.ts';
import { verifyChain, verifyLogByDay } from '../domain/log.ts';
import { siteDay } from '../domain/visits.ts';
import { actorOf } from '../auth.ts';
import { isoTime, oneOf, PHONE, text } from './validate.ts';
import { record } from '../events.ts';
import { listEntries, watchlistManageRoutes } from './watchlist-manage.ts';

const DAY_MS = 24 * 3600 * 1000;
const EPOCH = '1970-01-01T00:00:00.000Z';
/** A search answers at most this many events, the newest; `more` says how many were left out. */
const MAX_FOUND = 5000;
/** A query that names an event kind, an id or an actor is looked for in the events themselves (not by name). */
const EVENT_TERM = /^([a-z]+-[a-z-]*|(user|kiosk):\S*|[a-z]{1,3}-[0-9a-f]+|job-\S+|e-\S+)$/;

export function securityRoutes(ctx: Ctx, r: Router): void {
  r.add('GET', '/api/log', ['security', 'admin'], async ({ query }) => {
    const to = timeParam(query.get('to'), 'to') ?? await logEnd(ctx);
    const q = (query.get('q') ?? '').trim().toLowerCase();
    if (q.length > 64) throw invalid('q', 'q is longer than 64 characters', 'too-long');
    const hostId = text(Object.fromEntries(query), 'host', { max: 64 });
    const searching = Boolean(q || hostId);
    // A search runs on the visit summaries, so any range is fine; a plain listing reads the days themselves.
    const from = timeParam(query.get('from'), 'from') ?? (searching ? EPOCH : new Date(Date.parse(to) - DAY_MS).toISOString());
    if (from > to) throw invalid('from', 'from must be before to');
    if (!searching && Date.parse(to) - Date.parse(from) > 92 * DAY_MS) throw invalid('from', 'Ask for at most 92 days at a time, or search with q');
    if (!searching) {
      const events = await ctx.store.events(from, to);
      return { body: { events, actors: await actorNames(ctx, events), chain: events.length ? verifyChain(events, events[0].prevHash) : { ok: true, count: 0 } } };
    }
    const found = await searchLog(ctx, from, to, q, hostId);
    const events = found.slice(-MAX_FOUND);
    return { body: { events, actors: await actorNames(ctx, events), ...(found.length > MAX_FOUND ? { more: found.length - MAX_FOUND } : {}) } };
  });

  r.add('GET', '/api/log/verify', ['security', 'admin'], async ({ query }) => {
    const anchor = anchorParams(query);
    const check = await verifyLogByDay(ctx.store, anchor?.seq);
    // The head lets security note the latest hash elsewhere: a cut-off tail is only found against it.
    const body: Record<string, unknown> = { chain: check.chain, head: check.last ? { seq: check.last.seq, at: check.last.at, hash: check.last.hash } : null };
    if (anchor) body.anchor = { ...anchor, found: Boolean(check.anchored), matches: Boolean(check.anchored?.hash.startsWith(anchor.hash)) };
    return { body };
  });

  r.add('POST', '/api/watchlist', ['security', 'admin'], async ({ body, who }) => {
    const idNumber = text(body, 'idNumber', { max: 40 });
    const idType = oneOf<IdType>(body, 'idType', ID_TYPES, Boolean(idNumber));
    const name = text(body, 'name', { max: 64 });
    const phone = text(body, 'phone', { max: 24, pattern: PHONE, hint: 'phone must be a phone number' });
    const reason = text(body, 'reason', { max: 200, required: true })!;
    const expiresAt = isoTime(body, 'expiresAt', false);
    if (!idNumber && !name && !phone) throw invalid('name', 'Give an ID number, a name or a phone number to match', 'missing-field');
    const entry: WatchlistEntry = {
      id: `w-${randomBytes(6).toString('hex')}`,
      ...(idNumber && idType ? idFields(ctx, idType, idNumber) : {}),
      ...(name ? { name } : {}),
      ...(phone ? { phone: normalizePhone(phone) } : {}),
      reason,
      ...(expiresAt ? { expiresAt } : {}),
      createdAt: ctx.clock().toISOString(),
      createdBy: actorOf(who),
    };
    await ctx.store.put('watchlist', entry);
    await record(ctx, { kind: 'watchlist-added', actor: actorOf(who), data: { entry: entry.id } });
    return { status: 201, body: { entry: publicEntry(entry) } };
  });

  r.add('GET', '/api/watchlist', ['security', 'admin'], async ({ query }) => {
    const entries = listEntries(await ctx.store.list('watchlist'), query, ctx.clock());
    return { body: { entries, actors: await actorNames(ctx, entries.flatMap((e) => [{ actor: e.createdBy }, { actor: e.updatedBy }])) } };
  });
  watchlistManageRoutes(ctx, r);
}

/** Staff and kiosk names for the actors in these events (or entries), so a reviewer reads people, not ids. */
export async function actorNames(ctx: Ctx, events: Array<Pick<LogEvent, 'actor'>>): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  const users = new Map((await ctx.store.list('users')).map((u) => [`user:${u.id}`, `${u.name} (${u.role})`]));
  const kiosks = new Map((await ctx.store.list('kiosks')).map((k) => [`kiosk:${k.id}`, `${k.name} (kiosk)`]));
  for (const e of events) {
    const name = e.actor && (users.get(e.actor) ?? kiosks.get(e.actor));
    if (name) names[e.actor!] = name;
  }
  return names;
}

function idFields(ctx: Ctx, idType: IdType, idNumber: string) {
  const id = checkIdNumber(idType, idNumber, ctx.clock());
  if (!id.ok) throw invalid('idNumber', id.message, id.code);
  return { idType, idHash: hashIdNumber(ctx.secrets.idHashKey, idType, id.normalized), idNumberMasked: maskIdNumber(id.normalized) };
}

/** A watchlist entry as staff see it: never its ID hash. */
export const publicEntry = ({ idHash: _h, ...entry }: WatchlistEntry) => entry;

/** Just after the newest event, even when the clock has stepped back behind it. */
async function logEnd(ctx: Ctx): Promise<string> {
  const last = await ctx.store.lastEvent();
  return new Date(Math.max(ctx.clock().getTime(), last ? Date.parse(last.at) : 0) + 1000).toISOString();
}

/** A head written down earlier (from a muster print or the desk): seq and at least 16 hex characters of its hash. */
function anchorParams(query: URLSearchParams): { seq: number; hash: string } | undefined {
  const seq = query.get('seq'), hash = query.get('hash');
  if (seq === null && hash === null) return undefined;
  if (!seq || !/^[1-9]\d{0,15}$/.test(seq)) throw invalid('seq', 'seq must be the event number written down (1 or more)');
  if (!hash || !/^[0-9a-f]{16,64}$/i.test(hash)) throw invalid('hash', 'hash must be 16 to 64 hex characters of the written-down hash');
  return { seq: Number(seq), hash: hash.toLowerCase() };
}

function timeParam(v: string | null, field: string): string | undefined {
  if (!v) return undefined;
  const t = Date.parse(/^\d{4}-\d\d-\d\d$/.test(v) ? `${v}T00:00:00Z` : v);
  if (Number.isNaN(t) || v.length > 40) throw invalid(field, `${field} must be a date (YYYY-MM-DD) or an ISO date-time`);
  return new Date(t).toISOString();
}

/** Events of the visits whose visitor (name, number, id) or host matches, found through the visit
 *  summaries; and, for a query that looks like an event kind, id or actor, events within 92 days that
 *  name it. Newest last. */
async function searchLog(ctx: Ctx, from: string, to: string, q: string, hostId: string | undefined): Promise<LogEvent[]> {
  const tz = ctx.config.timeZone;
  // A visit of the day before `from` may still have events inside the range (it ended after midnight).
  const fromDay = siteDay(new Date(Date.parse(from) - DAY_MS), tz), toDay = siteDay(new Date(to), tz);
  const ids = await ctx.store.findVisits(fromDay, toDay, { ...(q ? { text: q } : {}), ...(hostId ? { hostId } : {}) });
  const found = new Map((await ctx.store.eventsOfVisits(ids, from, to)).map((e) => [e.seq, e]));
  if (q && !hostId && EVENT_TERM.test(q)) {
    const recent = new Date(Math.max(Date.parse(from), Date.parse(to) - 92 * DAY_MS)).toISOString();
    for (const e of await ctx.store.events(recent, to)) {
      if ([e.kind, e.visitId ?? '', e.actor ?? '', JSON.stringify(e.data ?? {})].some((s) => s.toLowerCase().includes(q))) found.set(e.seq, e);
    }
  }
  return [...found.values()].sort((a, b) => a.seq - b.seq);
}

