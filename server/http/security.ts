// Security's tools: the tamper-evident log, the watchlist.
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { IdType, LogEvent, WatchlistEntry } from '../protocol.ts';
import { ID_TYPES } from '../protocol.ts';
import { invalid } from '../domain/errors.ts';
import { checkIdNumber, hashIdNumber, maskIdNumber } from '../domain/ids.ts';
import { normalizeName, normalizePhone } from '../domain/watchlist.ts';
import { verifyChain } from '../domain/log.ts';
import { actorOf } from '../auth.ts';
import { oneOf, PHONE, text } from './validate.ts';
import { record } from '../events.ts';

const DAY_MS = 24 * 3600 * 1000;

export function securityRoutes(ctx: Ctx, r: Router): void {
  r.add('GET', '/api/log', ['security', 'admin'], async ({ query }) => {
    const to = timeParam(query.get('to'), 'to') ?? await logEnd(ctx);
    const from = timeParam(query.get('from'), 'from') ?? new Date(Date.parse(to) - DAY_MS).toISOString();
    if (from > to) throw invalid('from', 'from must be before to');
    if (Date.parse(to) - Date.parse(from) > 92 * DAY_MS) throw invalid('from', 'Ask for at most 92 days at a time');
    const q = (query.get('q') ?? '').trim().toLowerCase();
    if (q.length > 64) throw invalid('q', 'q is longer than 64 characters', 'too-long');
    const events = await ctx.store.events(from, to);
    const found = q ? await filterByQuery(ctx, events, q) : events;
    return { body: { events: found, actors: await actorNames(ctx, found), chain: events.length ? verifyChain(events, events[0].prevHash) : { ok: true, count: 0 } } };
  });

  r.add('GET', '/api/log/verify', ['security', 'admin'], async ({ query }) => {
    const anchor = anchorParams(query);
    const events = await ctx.store.events('1970-01-01T00:00:00.000Z', await logEnd(ctx));
    const last = events.at(-1);
    // The head lets security note the latest hash elsewhere: a cut-off tail is only found against it.
    const body: Record<string, unknown> = { chain: verifyChain(events), head: last ? { seq: last.seq, at: last.at, hash: last.hash } : null };
    if (anchor) {
      const event = events.find((e) => e.seq === anchor.seq);
      body.anchor = { ...anchor, found: Boolean(event), matches: Boolean(event?.hash.startsWith(anchor.hash)) };
    }
    return { body };
  });

  r.add('POST', '/api/watchlist', ['security', 'admin'], async ({ body, who }) => {
    const idNumber = text(body, 'idNumber', { max: 40 });
    const idType = oneOf<IdType>(body, 'idType', ID_TYPES, Boolean(idNumber));
    const name = text(body, 'name', { max: 64 });
    const phone = text(body, 'phone', { max: 24, pattern: PHONE, hint: 'phone must be a phone number' });
    const reason = text(body, 'reason', { max: 200, required: true })!;
    if (!idNumber && !name && !phone) throw invalid('name', 'Give an ID number, a name or a phone number to match', 'missing-field');
    const entry: WatchlistEntry = {
      id: `w-${randomBytes(6).toString('hex')}`,
      ...(idNumber && idType ? idFields(ctx, idType, idNumber) : {}),
      ...(name ? { name } : {}),
      ...(phone ? { phone: normalizePhone(phone) } : {}),
      reason,
      createdAt: ctx.clock().toISOString(),
      createdBy: actorOf(who),
    };
    await ctx.store.put('watchlist', entry);
    await record(ctx, { kind: 'watchlist-added', actor: actorOf(who), data: { entry: entry.id } });
    return { status: 201, body: { entry: publicEntry(entry) } };
  });

  r.add('GET', '/api/watchlist', ['security', 'admin'], async () =>
    ({ body: { entries: (await ctx.store.list('watchlist')).map(publicEntry) } }));
}

/** Staff and kiosk names for the actors in these events, so a reviewer reads people, not ids. */
async function actorNames(ctx: Ctx, events: LogEvent[]): Promise<Record<string, string>> {
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

/** q matches an event's kind, ids and actor, or the visit's number or visitor name (joined, never stored in the log). */
async function filterByQuery(ctx: Ctx, events: LogEvent[], q: string): Promise<LogEvent[]> {
  const names = new Map<string, string>();
  for (const id of new Set(events.map((e) => e.visitId).filter((x): x is string => Boolean(x)))) {
    const v = await ctx.store.getVisit(id);
    if (v) names.set(id, `${v.number} ${normalizeName(v.visitor.name)}`.toLowerCase());
  }
  const nq = normalizeName(q);
  return events.filter((e) =>
    [e.kind, e.visitId ?? '', e.actor ?? '', JSON.stringify(e.data ?? {})].some((s) => s.toLowerCase().includes(q)) ||
    (e.visitId && names.get(e.visitId)?.includes(nq)));
}
