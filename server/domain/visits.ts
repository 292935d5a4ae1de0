// The visit state machine, escalation of unanswered requests, and visit ids.
import type { EscalationLevel, Visit, VisitStatus } from '../protocol.ts';
import { encodeCrockford } from './base32.ts';
import { DomainError } from './errors.ts';

export { endOfSiteDay, siteDay, siteTime } from './sitetime.ts';

export type VisitAction = 'approve' | 'deny' | 'print' | 'check-in' | 'check-out' | 'expire' | 'cancel';

export const VISIT_ACTIONS: readonly VisitAction[] = ['approve', 'deny', 'print', 'check-in', 'check-out', 'expire', 'cancel'];
export const VISIT_STATUSES: readonly VisitStatus[] = [
  'awaiting-host', 'approved', 'on-site', 'checked-out', 'denied', 'refused', 'expired', 'cancelled',
];
export const OPEN_VISIT_STATUSES: readonly VisitStatus[] = ['awaiting-host', 'approved', 'on-site'];

export const TRANSITIONS: Record<VisitAction, { from: VisitStatus[]; to: VisitStatus }> = {
  approve: { from: ['awaiting-host'], to: 'approved' },
  deny: { from: ['awaiting-host'], to: 'denied' },
  print: { from: ['approved'], to: 'on-site' },
  // A scan in of an approved visit whose badge was printed elsewhere.
  'check-in': { from: ['approved'], to: 'on-site' },
  // From approved too: a visitor may leave before the badge printed.
  'check-out': { from: ['on-site', 'approved'], to: 'checked-out' },
  expire: { from: ['awaiting-host', 'approved'], to: 'expired' },
  cancel: { from: ['awaiting-host', 'approved'], to: 'cancelled' },
};

export function canApply(status: VisitStatus, action: VisitAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** A new visit after the action; the input is never changed. */
export function applyVisit<V extends Visit>(
  visit: V,
  action: VisitAction,
  ctx: { now: string; by: string; message?: string },
): V {
  if (!canApply(visit.status, action)) {
    throw new DomainError('wrong-state', `Visit is ${visit.status}; cannot ${action}`, 409);
  }
  const next: V = { ...visit, status: TRANSITIONS[action].to };
  if (action === 'approve' || action === 'deny') {
    next.decidedAt = ctx.now;
    next.decidedBy = ctx.by;
    if (ctx.message !== undefined) next.hostMessage = ctx.message;
  } else if (action === 'print' || action === 'check-in') {
    next.checkedInAt = ctx.now;
  } else if (action === 'check-out') {
    next.checkedOutAt = ctx.now;
  }
  return next;
}

export function isOpen(status: VisitStatus): boolean {
  return OPEN_VISIT_STATUSES.includes(status);
}

/** The level to escalate to now, if the current one has waited too long; reception is the last. */
export function nextEscalation(
  visit: Visit,
  now: string,
  timeoutS: number,
  hasDelegate: boolean,
): EscalationLevel | undefined {
  if (visit.status !== 'awaiting-host') return undefined;
  if (visit.awaiting === 'second') return undefined; // the second approver's: nobody stands in (flows/second-approval.ts)
  const waitedMs = Date.parse(now) - Date.parse(visit.escalation.since);
  if (!(waitedMs >= timeoutS * 1000)) return undefined; // Also when a date is unreadable (NaN).
  const level = visit.escalation.level;
  if (level === 'host') return hasDelegate ? 'delegate' : 'reception';
  if (level === 'delegate') return 'reception';
  return undefined; // Reception keeps it: nothing is ever approved by a timeout.
}

/** YYYYMMDD-XXXXXXXX: the store finds a visit's day file from the prefix. */
export function makeVisitId(day: string, random: Buffer): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`day must be YYYY-MM-DD, got ${day}`);
  return `${day.replace(/-/g, '')}-${encodeCrockford(random, 8)}`;
}

/** Four characters said at the desk and printed large on the badge; unique enough within a day. */
export function makeVisitNumber(random: Buffer): string {
  return encodeCrockford(random, 4);
}
