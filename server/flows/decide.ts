// A host, delegate, reception or admin approves or denies a waiting visitor.
import type { Ctx } from '../context.ts';
import type { Principal } from '../auth.ts';
import type { VisitRecord } from '../../data/store.ts';
import type { Host, HostWords } from '../protocol.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { applyVisit } from '../domain/visits.ts';
import { bool, oneOf } from '../http/validate.ts';
import { record } from '../events.ts';
import { changeVisit } from './visit-lock.ts';
import { printInBackground } from './badge.ts';
import { parseWords, withWords, wordsData } from './host-message.ts';
import { approverOf, askSecond, decideSecond, firstOfTwo, isSecondStep, secondStepFor, type Approver } from './second-approval.ts';
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
  if (who.kind !== 'user') throw new DomainError('forbidden', 'A kiosk may not decide visits', 403);
  return decideAs(ctx, approverOf(who), visitId, d, (v, host) => mayDecideFor(who, v, host));
}

/** A host's answer from a message's link (server/notify/links.ts): the host it was sent to, or their delegate. */
export async function decideByLink(ctx: Ctx, hostId: string, visitId: string, d: Decision): Promise<VisitRecord> {
  const name = (await ctx.store.get('hosts', hostId))?.name;
  const approver: Approver = { by: `link:${hostId}`, role: 'host', hostId, ...(name ? { name } : {}), fromLink: true };
  return decideAs(ctx, approver, visitId, d, (v, host) =>
    !v.watchlistEntryId && Boolean(v.hostId) && (v.hostId === hostId || host?.delegateId === hostId));
}

/** actor: who decides; with a second approval (flows/second-approval.ts) the host's step and the second are told apart here. */
async function decideAs(ctx: Ctx, actor: Approver, visitId: string, d: Decision, may: (v: VisitRecord, host: Host | undefined) => boolean, alone = false): Promise<VisitRecord> {
  const before = await ctx.store.getVisit(visitId);
  if (!before) throw new DomainError('not-found', 'No visit has this id', 404);
  const host = before.hostId ? await ctx.store.get('hosts', before.hostId) : undefined; // a visit's host never changes
  const plan = await secondStepFor(ctx, before);
  let step = 'only' as 'only' | 'host' | 'second'; // set in the store's step
  const visit = await changeVisit(ctx, visitId, (v) => {
    const now = ctx.clock();
    if (isSecondStep(v)) {
      step = 'second';
      // The second approver's words would reach the visitor as the host's: none are taken (a link's "coming" approves).
      if (!actor.fromLink && (d.message !== undefined || d.phrase !== undefined || d.comingInMinutes !== undefined)) {
        throw invalid(d.message !== undefined ? 'message' : d.phrase !== undefined ? 'phrase' : 'comingInMinutes', 'The second approval says nothing to the visitor');
      }
      const second = decideSecond(v, actor, d.decision, now.toISOString());
      return d.escortRequired === undefined ? second : { ...second, escortRequired: second.escortRequired || d.escortRequired };
    }
    if (!may(v, host)) throw new DomainError('forbidden', 'Only the host, the delegate or reception may decide this visit', 403);
    step = plan && d.decision === 'approve' && v.status === 'awaiting-host' ? 'host' : 'only';
    const decided = withWords(step === 'host' ? firstOfTwo(v, actor, plan!, now.toISOString()) : applyVisit(v, d.decision, { now: now.toISOString(), by: actor.by }), d, now);
    // The host may ask for the visitor to be escorted; it is printed on the badge.
    return d.escortRequired === undefined ? decided : { ...decided, escortRequired: decided.escortRequired || d.escortRequired };
  });
  if (step === 'host') {
    await record(ctx, { kind: 'visit-approved-first', visitId, actor: actor.by, data: { level: visit.escalation.level, department: plan!.department, ...wordsData(d) } });
    // A group is decided through one of its cards: the office is told once, of that one (the others come quietly).
    await askSecond(ctx, visit, plan!, alone);
  } else {
    const kind = d.decision === 'approve' ? 'visit-approved' : 'visit-denied';
    if (step === 'second') await record(ctx, { kind, visitId, actor: actor.by, data: { step: 'second', department: visit.secondApprover!.department } });
    else await record(ctx, { kind, visitId, actor: actor.by, data: { level: visit.escalation.level, ...wordsData(d) } });
  }
  if (visit.status === 'approved') printInBackground(ctx, visitId, actor.by);
  if (!alone) await decideGroup(ctx, visit, (id) => decideAs(ctx, actor, id, d, may, true));
  return visit;
}

