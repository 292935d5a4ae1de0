// The clock's work: pass unanswered visitors on (host → delegate → reception), let go of visitors who
// never came in, and flag those who stay past their badge. Visits cross midnight: no calendar day ends them.
import type { Ctx } from '../context.ts';
import type { VisitRecord } from '../../data/store.ts';
import { applyVisit, nextEscalation } from '../domain/visits.ts';
import { overstaysAt, staleAt } from '../domain/visit-times.ts';
import { record } from '../events.ts';
import { alert, hostRoom, roleRoom, visitArrived } from '../notify.ts';
import { changeVisit } from './visit-lock.ts';
import { siteHours } from './settings.ts';

export async function tick(ctx: Ctx): Promise<void> {
  const now = ctx.clock().getTime();
  const nowIso = new Date(now).toISOString();
  const hours = await siteHours(ctx);
  // Only visits whose time has come are read out of the store: the clock costs little on a day of thousands.
  const due = (v: Readonly<VisitRecord>) =>
    (staleAt(v, hours) ?? Infinity) <= now ||
    (!v.overstay && (overstaysAt(v, hours) ?? Infinity) <= now) ||
    nextEscalation(v, nowIso, ctx.config.hostTimeoutS, true) !== undefined; // with or without a delegate, it is due
  for (const visit of await ctx.store.openVisits(due)) {
    if ((staleAt(visit, hours) ?? Infinity) <= now) await expire(ctx, visit);
    else if ((overstaysAt(visit, hours) ?? Infinity) <= now) await flagOverstay(ctx, visit);
    else if (visit.status === 'awaiting-host') await escalate(ctx, visit);
  }
}

async function escalate(ctx: Ctx, visit: VisitRecord): Promise<void> {
  const host = visit.hostId ? await ctx.store.get('hosts', visit.hostId) : undefined;
  const now = ctx.clock().toISOString();
  const level = nextEscalation(visit, now, ctx.config.hostTimeoutS, Boolean(host?.delegateId));
  if (!level) return;
  // Re-checked in the store's step: a decision may have arrived since the list was read.
  const moved = await changeVisit(ctx, visit.id, (v) =>
    v.status === 'awaiting-host' && v.escalation.level === visit.escalation.level ? { ...v, escalation: { level, since: now } } : v);
  if (moved.escalation.level !== level || moved.escalation.since !== now) return;
  await record(ctx, { kind: 'visit-escalated', visitId: visit.id, actor: 'system', data: { level } });
  if (moved.group && moved.group.lead !== moved.id) return; // a group is passed on once, with its lead
  if (level === 'delegate' && host?.delegateId) {
    visitArrived(ctx, moved, [hostRoom(host.delegateId)]);
  } else {
    visitArrived(ctx, moved, [roleRoom('reception')]);
    alert(ctx, { kind: 'escalation', visitId: visit.id, message: `Visitor ${visit.number} has waited without an answer: please decide at the desk`, data: { reason: 'no-answer', number: visit.number } }, ['reception']);
  }
}

/** On site past the badge's time: flagged once and alerted, never checked out by the clock. */
async function flagOverstay(ctx: Ctx, visit: VisitRecord): Promise<void> {
  if (visit.overstay) return;
  let flagged = false;
  await changeVisit(ctx, visit.id, (v) => {
    if (v.status !== 'on-site' || v.overstay) return v;
    flagged = true;
    return { ...v, overstay: true };
  });
  if (!flagged) return;
  await record(ctx, { kind: 'visit-overstay', visitId: visit.id, actor: 'system' });
  alert(ctx, { kind: 'overstay', visitId: visit.id, message: `Visitor ${visit.number} is still on site after their badge ended`, data: { number: visit.number } }, ['security', 'reception']);
}

/** Waited too long without coming in (undecided, or approved but never badged): the visit expires. */
async function expire(ctx: Ctx, visit: VisitRecord): Promise<void> {
  const now = ctx.clock();
  let expired = false;
  await changeVisit(ctx, visit.id, (v) => {
    if ((staleAt(v, ctx.config) ?? Infinity) > now.getTime()) return v;
    expired = true;
    return applyVisit(v, 'expire', { now: now.toISOString(), by: 'system' });
  });
  if (expired) await record(ctx, { kind: 'visit-expired', visitId: visit.id, actor: 'system' });
}
