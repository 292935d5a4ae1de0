// A host, delegate, reception or admin approves or denies a waiting visitor.
import type { Ctx } from '../context.ts';
import type { Principal } from '../auth.ts';
import { actorOf } from '../auth.ts';
import type { VisitRecord } from '../../data/store.ts';
import { DomainError } from '../domain/errors.ts';
import { applyVisit } from '../domain/visits.ts';
import { bool, oneOf, text } from '../http/validate.ts';
import { record } from '../events.ts';
import { changeVisit } from './visit-lock.ts';
import { printInBackground } from './badge.ts';

export interface Decision { decision: 'approve' | 'deny'; message?: string; escortRequired?: boolean }

export function parseDecision(body: Record<string, unknown>): Decision {
  return {
    decision: oneOf(body, 'decision', ['approve', 'deny'] as const)!,
    message: text(body, 'message', { max: 200 }),
    escortRequired: bool(body, 'escortRequired'),
  };
}

/** The host, the host's delegate, and the desk may decide; other hosts may not. */
export async function mayDecide(ctx: Ctx, who: Principal, visit: VisitRecord): Promise<boolean> {
  if (who.kind !== 'user') return false;
  const { role, hostId } = who.user;
  if (role === 'reception' || role === 'admin') return true;
  if (role !== 'host' || !hostId || !visit.hostId) return false;
  if (hostId === visit.hostId) return true;
  const host = await ctx.store.get('hosts', visit.hostId);
  return host?.delegateId === hostId;
}

export async function decide(ctx: Ctx, who: Principal, visitId: string, d: Decision): Promise<VisitRecord> {
  const actor = actorOf(who);
  const visit = await changeVisit(ctx, visitId, async (v) => {
    if (!(await mayDecide(ctx, who, v))) throw new DomainError('forbidden', 'Only the host, the delegate or reception may decide this visit', 403);
    const decided = applyVisit(v, d.decision, { now: ctx.clock().toISOString(), by: actor, message: d.message });
    // The host may ask for the visitor to be escorted; it is printed on the badge.
    return d.escortRequired === undefined ? decided : { ...decided, escortRequired: decided.escortRequired || d.escortRequired };
  });
  await record(ctx, { kind: d.decision === 'approve' ? 'visit-approved' : 'visit-denied', visitId, actor, data: { level: visit.escalation.level } });
  if (d.decision === 'approve') printInBackground(ctx, visitId, actor);
  return visit;
}

