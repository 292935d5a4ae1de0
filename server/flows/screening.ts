// A watchlist match: refused outright when the person is identified, held for reception when it is only a likeness.
import type { Ctx } from '../context.ts';
import type { VisitRecord } from '../../data/store.ts';
import type { WatchlistEntry } from '../protocol.ts';
import { record } from '../events.ts';
import { alert, roleRoom, visitArrived, visitUpdated } from '../notify.ts';

export async function refuse(ctx: Ctx, visit: VisitRecord, entry: WatchlistEntry): Promise<VisitRecord> {
  const refused: VisitRecord = { ...visit, status: 'refused', decidedAt: visit.createdAt, decidedBy: 'watchlist', refusalReason: entry.reason, watchlistEntryId: entry.id };
  await ctx.store.putVisit(refused);
  await record(ctx, { kind: 'visit-refused', visitId: refused.id, actor: visit.createdBy, data: { watchlistEntry: entry.id } });
  alert(ctx, { kind: 'watchlist-hit', visitId: refused.id, message: `Watchlist match at ${visit.createdBy}: see reception`, data: { watchlistEntry: entry.id, reason: entry.reason, action: 'refuse', number: refused.number } });
  await visitUpdated(ctx, refused);
  return refused;
}

/** Waiting, but for reception only: the host is not asked, and only reception or an admin may decide. */
export async function holdForReception(ctx: Ctx, visit: VisitRecord, entry: WatchlistEntry): Promise<VisitRecord> {
  const held: VisitRecord = { ...visit, escalation: { level: 'reception', since: visit.createdAt }, watchlistEntryId: entry.id };
  await ctx.store.putVisit(held);
  await record(ctx, { kind: 'visit-held', visitId: held.id, actor: visit.createdBy, data: { watchlistEntry: entry.id } });
  alert(ctx, { kind: 'watchlist-hit', visitId: held.id, message: `Possible watchlist match at ${visit.createdBy}: reception must check this visitor`, data: { watchlistEntry: entry.id, reason: entry.reason, action: 'hold', number: held.number } });
  await visitUpdated(ctx, held);
  visitArrived(ctx, held, [roleRoom('reception')]);
  return held;
}
