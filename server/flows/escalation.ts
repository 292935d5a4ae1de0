// The clock's work: pass unanswered visitors on (host → delegate → reception) and close the day.
import type { Ctx } from '../context.ts';
import type { VisitRecord } from '../../data/store.ts';
import { applyVisit, nextEscalation, siteDay } from '../domain/visits.ts';
import { record } from '../events.ts';
import { alert, hostRoom, roleRoom, visitArrived } from '../notify.ts';
import { changeVisit } from './visit-lock.ts';

export async function tick(ctx: Ctx): Promise<void> {
  const today = siteDay(ctx.clock(), ctx.config.timeZone);
  for (const visit of await ctx.store.openVisits()) {
    if (visit.day < today) await closeDay(ctx, visit);
    else if (visit.status === 'awaiting-host') await escalate(ctx, visit);
  }
}

async function escalate(ctx: Ctx, visit: VisitRecord): Promise<void> {
  const host = visit.hostId ? await ctx.store.get('hosts', visit.hostId) : undefined;
  const now = ctx.clock().toISOString();
  const level = nextEscalation(visit, now, ctx.config.hostTimeoutS, Boolean(host?.delegateId));
  if (!level) return;
  // Re-checked under the lock: a decision may have arrived since the list was read.
  const moved = await changeVisit(ctx, visit.id, (v) =>
    v.status === 'awaiting-host' && v.escalation.level === visit.escalation.level ? { ...v, escalation: { level, since: now } } : v);
  if (moved.escalation.level !== level) return;
  await record(ctx, { kind: 'visit-escalated', visitId: visit.id, actor: 'system', data: { level } });
  if (level === 'delegate' && host?.delegateId) {
    visitArrived(ctx, moved, [hostRoom(host.delegateId)]);
  } else {
    visitArrived(ctx, moved, [roleRoom('reception')]);
    alert(ctx, { kind: 'escalation', visitId: visit.id, message: `Visitor ${visit.number} has waited without an answer: please decide at the desk` }, ['reception']);
  }
}

/** Yesterday's undecided visits expire; visitors still on site are flagged, never checked out. */
async function closeDay(ctx: Ctx, visit: VisitRecord): Promise<void> {
  const now = ctx.clock().toISOString();
  if (visit.status === 'on-site') {
    if (visit.overstay) return;
    await changeVisit(ctx, visit.id, (v) => ({ ...v, overstay: true }));
    await record(ctx, { kind: 'visit-overstay', visitId: visit.id, actor: 'system' });
    alert(ctx, { kind: 'overstay', visitId: visit.id, message: `Visitor ${visit.number} is still on site from ${visit.day}` }, ['security', 'reception']);
    return;
  }
  await changeVisit(ctx, visit.id, (v) => applyVisit(v, 'expire', { now, by: 'system' }));
  await record(ctx, { kind: 'visit-expired', visitId: visit.id, actor: 'system' });
}
