// Who hears about a visit: rooms by host, kiosk and role. The only place that picks the rooms.
import type { Ctx } from './context.ts';
import { randomBytes } from 'node:crypto';
import type { AlertRecord, VisitRecord } from '../data/store.ts';
import type { Alert, Visit } from './protocol.ts';
import { dropExpiredSockets } from './sockets/expiry.ts';

/** A visit as any client sees it: no ID hash, no refusal reason. */
export function visitView(v: VisitRecord): Visit {
  const { idHash: _h, refusalReason: _r, requestId: _q, watchlistEntryId: _w, agreementSignature: _s, ...view } = v;
  return view;
}

export const hostRoom = (hostId: string) => `host:${hostId}`;
export const kioskRoom = (kioskId: string) => `kiosk:${kioskId}`;
export const roleRoom = (role: string) => `role:${role}`;

/** The rooms of everyone who follows this visit, including whoever it has been escalated to. */
export async function followers(ctx: Ctx, v: VisitRecord): Promise<string[]> {
  const rooms = [roleRoom('reception'), roleRoom('security'), roleRoom('supervisor'), roleRoom('admin')];
  if (v.kioskId) rooms.push(kioskRoom(v.kioskId));
  // A visit held on a watchlist likeness is reception's until decided: the host hears of it only then.
  const held = Boolean(v.watchlistEntryId) && v.status === 'awaiting-host';
  if (v.hostId && !held) {
    rooms.push(hostRoom(v.hostId));
    const host = await ctx.store.get('hosts', v.hostId);
    if (host?.delegateId && v.escalation.level !== 'host') rooms.push(hostRoom(host.delegateId));
  }
  // Those asked for a second approval follow it to the end (flows/second-approval.ts).
  for (const id of v.secondApprover?.asked ?? []) rooms.push(hostRoom(id));
  return rooms;
}

export async function visitUpdated(ctx: Ctx, v: VisitRecord): Promise<void> {
  const rooms = await followers(ctx, v);
  dropExpiredSockets(ctx);
  ctx.io.to(rooms).emit('visit:updated', { visit: visitView(v), now: ctx.clock().toISOString() });
}

/** A decision is needed: the host (or delegate) hears visit:arrived; reception hears it at the last step. */
export function visitArrived(ctx: Ctx, v: VisitRecord, rooms: string[]): void {
  dropExpiredSockets(ctx);
  ctx.io.to(rooms).emit('visit:arrived', { visit: visitView(v) });
}

/** Kept in the store first (security's list, acknowledged once: flows/alerts.ts), then told live; a store
 *  that fails still lets the live alert through. */
export function alert(ctx: Ctx, a: Omit<Alert, 'at'>, roles: string[] = ['security', 'reception', 'admin']): void {
  const kept: AlertRecord = { ...a, id: `al-${randomBytes(8).toString('hex')}`, at: ctx.clock().toISOString(), roles };
  void ctx.store.put('alerts', kept)
    .catch((err) => ctx.log?.(`alerts: could not keep a ${a.kind} alert: ${(err as Error)?.message ?? err}`))
    .finally(() => {
      dropExpiredSockets(ctx);
      ctx.io.to(roles.map(roleRoom)).emit('alert', { alert: alertView(kept) });
    });
}

/** An alert as staff see it: who it went to stays on the server. */
export const alertView = ({ roles: _r, ...view }: AlertRecord) => view;
