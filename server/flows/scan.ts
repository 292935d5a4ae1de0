// A badge scanned at a kiosk or gate: verify offline-style, refuse closed visits, log the movement.
import type { Ctx } from '../context.ts';
import type { Principal } from '../auth.ts';
import { actorOf } from '../auth.ts';
import type { VisitRecord } from '../../data/store.ts';
import type { Movement } from '../protocol.ts';
import { DomainError } from '../domain/errors.ts';
import { verifyBadge } from '../domain/badges.ts';
import { applyVisit, isOpen } from '../domain/visits.ts';
import { oneOf, text } from '../http/validate.ts';
import { record } from '../events.ts';
import { changeVisit } from './visit-lock.ts';

export function parseScan(body: Record<string, unknown>) {
  return {
    code: text(body, 'code', { max: 200, required: true })!,
    direction: oneOf(body, 'direction', ['in', 'out'] as const)!,
  };
}

export async function scan(ctx: Ctx, who: Principal, code: string, direction: 'in' | 'out'): Promise<{ visit: VisitRecord; movement: Movement }> {
  // Leaving always works with a genuine badge, even past its time; coming in does not.
  const { visitId } = verifyBadge(ctx.secrets.badgePublicKey, code, ctx.clock().getTime(), { allowExpired: direction === 'out' });
  const by = actorOf(who);
  const movement: Movement = { visitId, direction, at: ctx.clock().toISOString(), by };
  const visit = await changeVisit(ctx, visitId, (v) => {
    if (!isOpen(v.status)) throw new DomainError('badge-closed', `This badge is no longer valid: the visit is ${v.status}`, 409, 'code');
    if (v.badge?.code !== code.trim()) throw new DomainError('badge-replaced', 'This badge was replaced by a newer one', 409, 'code');
    if (direction === 'out') return { ...applyVisit(v, 'check-out', { now: movement.at, by }), lastMovement: movement };
    if (v.lastMovement?.direction === 'in') throw new DomainError('already-in', 'This visitor is already inside: scan out first', 409, 'code');
    const entered = v.status === 'approved' ? applyVisit(v, 'check-in', { now: movement.at, by }) : v;
    return { ...entered, lastMovement: movement };
  });
  await record(ctx, { kind: direction === 'out' ? 'visit-checked-out' : 'visit-scanned-in', visitId, actor: by, data: { direction } });
  return { visit, movement };
}

/** Reception, security or an admin checks a visitor out without the badge (left it behind, lost it, left by another door). */
export async function checkOutByHand(ctx: Ctx, by: string, visitId: string, reason: string | undefined): Promise<VisitRecord> {
  const at = ctx.clock().toISOString();
  const visit = await changeVisit(ctx, visitId, (v) => ({
    ...applyVisit(v, 'check-out', { now: at, by }),
    lastMovement: { visitId, direction: 'out', at, by },
    ...(reason ? { checkoutReason: reason } : {}),
  }));
  // The reason is free text and may name people: it stays on the visit, the log says only who and how.
  await record(ctx, { kind: 'visit-checked-out', visitId, actor: by, data: { direction: 'out', by: 'hand' } });
  return visit;
}
