// A host, delegate, reception or admin approves or denies a waiting visitor.
import type { Ctx } from '../context.ts';
import type { Principal } from '../auth.ts';
import { actorOf } from '../auth.ts';
import type { VisitRecord } from '../../data/store.ts';
import type { Host, HostWords } from '../protocol.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { applyVisit } from '../domain/visits.ts';
import { bool, oneOf } from '../http/validate.ts';
import { record } from '../events.ts';
import { changeVisit } from './visit-lock.ts';
import { printInBackground } from './badge.ts';
import { parseWords, withWords, wordsData } from './host-message.ts';
import { decideGroup } from './group.ts';

export interface Decision extends HostWords { decision: 'approve' | 'deny'; escortRequired?: boolean }

export function parseDecision(body: Record<string, unknown>): Decision {
  const d: Decision = {
    decision: oneOf(body, 'decision', ['approve', 'deny'] as const)!,
    ...parseWords(body),
    escortRequired: bool(body, 'escortRequired'),
  };
  // Nobody comes down to a visitor they turned away: a countdown on a denial would only mislead.
  if (d.decision === 'deny' && d.comingInMinutes) throw invalid('comingInMinutes', 'A denial cannot say the host is coming');
  return d;
}

/** The host, the host's delegate (host is the visit's directory entry), and the desk may decide; other hosts may not. */
function mayDecideFor(who: Principal, visit: VisitRecord, host: Host | undefined): boolean {
  if (who.kind !== 'user') return false;
  const { role, hostId } = who.user;
  if (role === 'reception' || role === 'admin') return true;
  // A visit held on a watchlist likeness is reception's to decide, and the host is not told why.
  if (role !== 'host' || !hostId || !visit.hostId || visit.watchlistEntryId) return false;
  return hostId === visit.hostId || host?.delegateId === hostId;
}

export async function mayDecide(ctx: Ctx, who: Principal, visit: VisitRecord): Promise<boolean> {
  return mayDecideFor(who, visit, visit.hostId ? await ctx.store.get('hosts', visit.hostId) : undefined);
}

export function decide(ctx: Ctx, who: Principal, visitId: string, d: Decision): Promise<VisitRecord> {
  return decideAs(ctx, actorOf(who), visitId, d, (v, host) => mayDecideFor(who, v, host));
}

/** A host's answer from a message's link (server/notify/links.ts): the host it was sent to, or their delegate. */
export function decideByLink(ctx: Ctx, hostId: string, visitId: string, d: Decision): Promise<VisitRecord> {
  return decideAs(ctx, `link:${hostId}`, visitId, d, (v, host) =>
    !v.watchlistEntryId && Boolean(v.hostId) && (v.hostId === hostId || host?.delegateId === hostId));
}

async function decideAs(ctx: Ctx, actor: string, visitId: string, d: Decision, may: (v: VisitRecord, host: Host | undefined) => boolean, alone = false): Promise<VisitRecord> {
  const before = await ctx.store.getVisit(visitId);
  if (!before) throw new DomainError('not-found', 'No visit has this id', 404);
  const host = before.hostId ? await ctx.store.get('hosts', before.hostId) : undefined; // a visit's host never changes
  const visit = await changeVisit(ctx, visitId, (v) => {
    if (!may(v, host)) throw new DomainError('forbidden', 'Only the host, the delegate or reception may decide this visit', 403);
    const now = ctx.clock();
    const decided = withWords(applyVisit(v, d.decision, { now: now.toISOString(), by: actor }), d, now);
    // The host may ask for the visitor to be escorted; it is printed on the badge.
    return d.escortRequired === undefined ? decided : { ...decided, escortRequired: decided.escortRequired || d.escortRequired };
  });
  await record(ctx, { kind: d.decision === 'approve' ? 'visit-approved' : 'visit-denied', visitId, actor, data: { level: visit.escalation.level, ...wordsData(d) } });
  if (d.decision === 'approve') printInBackground(ctx, visitId, actor);
  if (!alone) await decideGroup(ctx, visit, (id) => decideAs(ctx, actor, id, d, may, true));
  return visit;
}

