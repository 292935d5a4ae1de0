// Security's list of alerts (watchlist hits, printer faults, escalations, overstays, channel failures, panic):
// kept when raised (notify.ts alert), listed by role, acknowledged once.
import type { Ctx } from '../context.ts';
import type { AlertRecord } from '../../data/store.ts';
import { DomainError } from '../domain/errors.ts';
import { record } from '../events.ts';
import { alertView, roleRoom } from '../notify.ts';

/** The roles that hear an acknowledgement: everyone who keeps the list. */
/** Who reads the kept alerts (those sent to their role) and acknowledges them: supervisors have the cases' alerts. */
export const ALERT_READERS = ['security', 'reception', 'supervisor', 'admin'] as const;
/** At most this many alerts in one answer, the newest. */
export const MAX_LISTED = 200;

/** Who sees an alert: the roles it was sent to; an admin sees them all. */
const seenBy = (a: AlertRecord, role: string) => role === 'admin' || a.roles.includes(role);

export async function listAlerts(ctx: Ctx, role: string, openOnly: boolean): Promise<{ alerts: ReturnType<typeof alertView>[]; more?: number }> {
  const found = (await ctx.store.list('alerts'))
    .filter((a) => seenBy(a, role) && (!openOnly || !a.ackedAt))
    .sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
  return { alerts: found.slice(0, MAX_LISTED).map(alertView), ...(found.length > MAX_LISTED ? { more: found.length - MAX_LISTED } : {}) };
}

/** One atomic step: of two acknowledgements at once, one lands; the other is told who acknowledged it. */
export async function ackAlert(ctx: Ctx, id: string, role: string, actor: string): Promise<AlertRecord> {
  const at = ctx.clock().toISOString();
  let earlier: AlertRecord | undefined;
  const acked = await ctx.store.update('alerts', id, (current) => {
    if (!current || !seenBy(current, role)) throw new DomainError('alert-not-found', 'No such alert', 404);
    if (current.ackedAt) { earlier = current; return undefined; }
    return { ...current, ackedAt: at, ackedBy: actor };
  });
  if (earlier) {
    throw new DomainError('alert-acknowledged', 'Someone acknowledged this alert already', 409, undefined, { alert: alertView(earlier) });
  }
  await record(ctx, { kind: 'alert-acknowledged', actor, data: { alert: id, alertKind: acked!.kind } });
  ctx.io.to(ALERT_READERS.map(roleRoom)).emit('alert:acked', { alert: alertView(acked!) });
  return acked!;
}
