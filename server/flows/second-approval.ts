// A second approval (regulations: 涉密的来访人员…由保密管理部门审核): a purpose with secondApproval is approved only when,
// after the host's step (the host, their delegate or reception for them), one host of the settings' secondApprover
// department agrees too. The visit stays awaiting-host meanwhile (`awaiting: 'second'`), so expiry, cancelling and
// every waiting list keep working; escalation stops (nobody stands in for that department, reception neither).
import type { Ctx } from '../context.ts';
import type { Principal } from '../auth.ts';
import type { SettingsRecord, VisitRecord } from '../../data/store.ts';
import type { Approval, Host, Role } from '../protocol.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { applyVisit } from '../domain/visits.ts';
import { obj, text } from '../http/validate.ts';
import { record } from '../events.ts';
import { alert, hostRoom, visitArrived } from '../notify.ts';
import { withDepartmentChannels } from '../notify/departments.ts';
import { waysToReach } from './reach.ts';
import { siteSettings } from './settings.ts';

/** Who decides: the actor as logged, and the host behind it (a console account or a message's link). */
export interface Approver { by: string; role: Role; hostId?: string; name?: string; fromLink?: boolean }

export const approverOf = (who: Principal & { kind: 'user' }): Approver =>
  ({ by: `user:${who.user.id}`, role: who.user.role, name: who.user.name, ...(who.user.hostId ? { hostId: who.user.hostId } : {}) });

/** Who will be asked, worked out before the host's step is stored: the department's active hosts, and who of them can be told now. */
export interface SecondPlan { department: string; asked: Host[]; reachable: Array<{ host: Host; via: string[] }> }

/** The plan when this visit's purpose needs a second approval and the host's step is still to come; else undefined. */
export async function secondStepFor(ctx: Ctx, visit: VisitRecord): Promise<SecondPlan | undefined> {
  if (visit.secondApprover || visit.status !== 'awaiting-host') return undefined;
  const settings = await siteSettings(ctx);
  const purpose = settings.purposes.find((p) => p.zh === visit.purpose || p.en === visit.purpose);
  if (!purpose?.secondApproval || !settings.secondApprover) return undefined;
  const { department } = settings.secondApprover;
  const asked = (await ctx.store.list('hosts')).filter((h) => h.department === department && h.active !== false);
  const reachable: SecondPlan['reachable'] = [];
  for (const host of asked) {
    const told = await withDepartmentChannels(ctx, host);
    const via = await waysToReach(ctx, told);
    if (via.length > 0) reachable.push({ host: told, via });
  }
  return { department, asked, reachable };
}

const approval = (step: Approval['step'], a: Approver, at: string): Approval =>
  ({ step, by: a.by, role: a.role, at, ...(a.hostId ? { hostId: a.hostId } : {}), ...(a.name ? { name: a.name } : {}) });

/** The host's step agreed: still awaiting-host, now waiting for the second approver. */
export function firstOfTwo(v: VisitRecord, a: Approver, plan: SecondPlan, at: string): VisitRecord {
  return {
    ...v, approvals: [approval('host', a, at)], awaiting: 'second',
    secondApprover: { department: plan.department, asked: plan.asked.map((h) => h.id), reached: plan.reachable.length > 0 },
  };
}

/** Whether this visit's next decision is the second approver's (also after it was made: a late rival gets 409). */
export const isSecondStep = (v: VisitRecord) => Boolean(v.secondApprover);

const samePerson = (x: Approval, a: Approver) => x.by === a.by || (Boolean(x.hostId) && x.hostId === a.hostId);

/** The second approver's decision: one of the hosts asked, never the one who gave the first approval. */
export function decideSecond(v: VisitRecord, a: Approver, decision: 'approve' | 'deny', at: string): VisitRecord {
  const second = v.secondApprover!;
  if (v.status !== 'awaiting-host') throw new DomainError('wrong-state', `Visit is ${v.status}; cannot ${decision}`, 409);
  const first = v.approvals?.find((x) => x.step === 'host');
  if (first && samePerson(first, a)) {
    throw new DomainError('same-approver', `You gave the first approval: another person of ${second.department} must give the second`, 409);
  }
  if (a.role !== 'host' || !a.hostId || !second.asked.includes(a.hostId)) {
    throw new DomainError('forbidden', `Only ${second.department} may give the second approval`, 403);
  }
  const { awaiting: _a, ...waiting } = v;
  const decided = applyVisit(waiting, decision, { now: at, by: a.by });
  return decision === 'approve' ? { ...decided, approvals: [...(v.approvals ?? []), approval('second', a, at)] } : decided;
}

/** A host sees a visit they were asked to approve second (GET /api/visits, the card), beside their own. */
export function askedSecond(who: Principal, v: VisitRecord): boolean {
  return who.kind === 'user' && who.user.role === 'host' && Boolean(who.user.hostId) && Boolean(v.secondApprover?.asked.includes(who.user.hostId!));
}

/** After the host's step: the department's consoles get visit:arrived, its reachable hosts their channels (a
 *  department's shared channels once); with nobody reachable, reception and security are alerted. Logged without names.
 *  quiet: a group member decided along with the card the host answered: its card reaches the consoles, but the
 *  department's channels and the desk hear of the group once, through that card. */
export async function askSecond(ctx: Ctx, visit: VisitRecord, plan: SecondPlan, quiet = false): Promise<void> {
  const base = { visitId: visit.id, actor: 'system' };
  visitArrived(ctx, visit, plan.asked.map((h) => hostRoom(h.id)));
  if (quiet) return;
  if (plan.reachable.length === 0) {
    await record(ctx, { ...base, kind: 'second-approver-unreachable', data: { department: plan.department, asked: plan.asked.length } });
    alert(ctx, { kind: 'escalation', visitId: visit.id, message: `Visitor ${visit.number} waits for the second approval of ${plan.department}, and nobody of it can be reached now`, data: { step: 'second', reason: 'second-unreachable', department: plan.department, number: visit.number } }, ['reception', 'security']);
    return;
  }
  const via = new Set<string>();
  const shared = new Set<string>(); // a department's channels, told once for all its hosts without their own
  for (const { host, via: ways } of plan.reachable) {
    if (ways.includes('console')) via.add('console');
    const own = plan.asked.find((h) => h.id === host.id)?.channels?.length;
    const again = !own && Boolean(host.channels?.length) && shared.has(host.department);
    if (!own && host.channels?.length) shared.add(host.department);
    // Told again, a shared channel is left out: the host's own browsers (push) still hear of it.
    for (const kind of ctx.deliveries.tell(visit, again ? { ...host, channels: [] } : host, 'arrived')) via.add(kind);
    if (ways.includes('push')) via.add('push');
  }
  await record(ctx, { ...base, kind: 'second-approver-notified', data: { department: plan.department, hosts: plan.reachable.length, via: [...via].join(',') } });
}

// Settings: secondApprover {department}, and purposes' secondApproval.

export function readSecondApprover(b: Record<string, unknown>): { department: string } {
  const s = obj(b, 'secondApprover')!;
  for (const k of Object.keys(s)) if (k !== 'department') throw invalid(`secondApprover.${k.slice(0, 40)}`, 'secondApprover has department only');
  return { department: text(s, 'secondApprover.department', { max: 64, required: true })! };
}

/** A department is known when a host is in it (its hosts are who decide). */
export async function checkSecondApprover(ctx: Ctx, change: Partial<SettingsRecord>): Promise<void> {
  const department = change.secondApprover?.department;
  if (department === undefined) return;
  const hosts = await ctx.store.list('hosts');
  if (!hosts.some((h) => h.department === department)) {
    throw invalid('secondApprover.department', 'No host is in this department', 'unknown-department');
  }
}

/** In the settings' atomic step, over what will be stored: a purpose with secondApproval needs the host's approval
 *  and a secondApprover. The field named is the one this change touched. */
export function checkSecondApproval(next: Partial<SettingsRecord>, purposesChanged: boolean): void {
  const i = (next.purposes ?? []).findIndex((p) => p.secondApproval);
  if (i < 0) return;
  const bad = (next.purposes ?? []).findIndex((p) => p.secondApproval && !p.approval);
  if (bad >= 0) throw invalid(`purposes[${bad}].secondApproval`, 'A second approval follows the host\'s: set approval too');
  if (!next.secondApprover) {
    throw purposesChanged
      ? invalid(`purposes[${i}].secondApproval`, 'Set secondApprover (the department that approves second) first')
      : invalid('secondApprover', 'Purposes need a second approver: turn their secondApproval off first');
  }
}
