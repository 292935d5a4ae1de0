// Security keeps the watchlist current: search it, change an entry (reason, name, phone, expiry), remove one.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { WatchlistEntry } from '../protocol.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { normalizeName, normalizePhone } from '../domain/watchlist.ts';
import { actorOf } from '../auth.ts';
import { isoTime, PHONE, text } from './validate.ts';
import { record } from '../events.ts';
import { publicEntry } from './security.ts';

const ROLES = ['security', 'admin'] as const;
const ENTRY_ID = /^w-[0-9a-f]{6,32}$/;
const CHANGEABLE = ['name', 'phone', 'reason', 'expiresAt'] as const;

const notFound = () => new DomainError('watchlist-not-found', 'No such watchlist entry (it may have been removed)', 404);

export function watchlistManageRoutes(ctx: Ctx, r: Router): void {
  r.add('PATCH', '/api/watchlist/:id', [...ROLES], async ({ params, body, who }) => {
    const id = entryId(params.id);
    const change = parseChange(body);
    const note = text(body, 'note', { max: 200 });
    const at = ctx.clock().toISOString();
    const stored = await ctx.store.update('watchlist', id, (current) => {
      if (!current || current.removedAt) throw notFound();
      const next: WatchlistEntry = { ...current, updatedAt: at, updatedBy: actorOf(who) };
      for (const field of CHANGEABLE) {
        if (!(field in change)) continue;
        const v = change[field];
        if (v === null) delete next[field as 'name' | 'phone' | 'expiresAt'];
        else (next as unknown as Record<string, string>)[field] = v!;
      }
      if (!next.idHash && !next.name && !next.phone) throw invalid('name', 'An entry without an ID number needs a name or a phone number', 'missing-field');
      return next;
    });
    // The log names the fields changed and who changed them, never their values (a name or phone).
    await record(ctx, { kind: 'watchlist-changed', actor: actorOf(who), data: { entry: id, fields: Object.keys(change).join(','), ...(note ? { note } : {}) } });
    return { body: { entry: publicEntry(stored!) } };
  });

  r.add('DELETE', '/api/watchlist/:id', [...ROLES], async ({ params, query, who }) => {
    const id = entryId(params.id);
    const note = text(Object.fromEntries(query), 'reason', { max: 200 });
    const at = ctx.clock().toISOString();
    // Claimed in one atomic step, personal fields dropped at once: of two removals (or a removal and an
    // edit) exactly one sees the entry; the other is told it is gone.
    await ctx.store.update('watchlist', id, (current) => {
      if (!current || current.removedAt) throw notFound();
      return { id: current.id, reason: '', createdAt: current.createdAt, createdBy: current.createdBy, removedAt: at };
    });
    await ctx.store.remove('watchlist', id);
    await record(ctx, { kind: 'watchlist-removed', actor: actorOf(who), data: { entry: id, ...(note ? { reason: note } : {}) } });
    return { body: { removed: id } };
  });
}

/** GET /api/watchlist: every entry not removed, newest first; q narrows by name, phone, masked ID or reason. */
export function listEntries(entries: WatchlistEntry[], query: URLSearchParams, now: Date): Array<ReturnType<typeof publicEntry> & { expired: boolean }> {
  const q = text(Object.fromEntries(query), 'q', { max: 64 })?.toLowerCase();
  const at = now.toISOString();
  return entries
    .filter((e) => !e.removedAt && (!q || matchesText(e, q)))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((e) => ({ ...publicEntry(e), expired: Boolean(e.expiresAt && e.expiresAt <= at) }));
}

function matchesText(e: WatchlistEntry, q: string): boolean {
  const name = normalizeName(q), digits = q.replace(/\D+/g, '');
  return Boolean((name && e.name && normalizeName(e.name).includes(name))
    || (digits.length >= 3 && e.phone?.includes(normalizePhone(q)))
    || e.idNumberMasked?.toLowerCase().includes(q)
    || e.reason.toLowerCase().includes(q));
}

function entryId(id: string): string {
  if (!ENTRY_ID.test(id)) throw notFound();
  return id;
}

type EntryChange = Partial<Record<(typeof CHANGEABLE)[number], string | null>>;

/** Only the fields sent change; null clears name, phone or expiresAt. */
function parseChange(body: Record<string, unknown>): EntryChange {
  const change: EntryChange = {};
  for (const key of Object.keys(body)) {
    if (key !== 'note' && !(CHANGEABLE as readonly string[]).includes(key)) throw invalid(key, `${key.slice(0, 40)} cannot be changed (change name, phone, reason or expiresAt)`);
  }
  const cleared = (field: string) => field in body && body[field] === null;
  if (cleared('reason')) throw invalid('reason', 'reason is required', 'missing-field');
  if ('reason' in body) change.reason = text(body, 'reason', { max: 200, required: true })!;
  if (cleared('name')) change.name = null;
  else if ('name' in body) change.name = text(body, 'name', { max: 64, required: true })!;
  if (cleared('phone')) change.phone = null;
  else if ('phone' in body) change.phone = normalizePhone(text(body, 'phone', { max: 24, required: true, pattern: PHONE, hint: 'phone must be a phone number' })!);
  if (cleared('expiresAt')) change.expiresAt = null;
  else if ('expiresAt' in body) change.expiresAt = isoTime(body, 'expiresAt')!;
  if (!Object.keys(change).length) throw invalid('reason', 'Send at least one of name, phone, reason, expiresAt', 'missing-field');
  return change;
}
