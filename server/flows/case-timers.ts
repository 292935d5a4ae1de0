// The clock's work on cases (事务), run with the other timers on the one server of a site that runs them: an
// overdue answer or a missed callback alerts the supervisors once per case and kind (a mark in the store decides,
// also across servers), and once a day at FOYER_DIGEST_TIME supervisors get the digest of open cases.
import type { Ctx } from '../context.ts';
import type { CaseRecord } from '../../data/matters.ts';
import type { CaseDigest, Host } from '../protocol.ts';
import { lateness } from '../domain/cases.ts';
import { siteDay, siteInstant } from '../domain/sitetime.ts';
import { record } from '../events.ts';
import { alert, roleRoom } from '../notify.ts';
import { dropExpiredSockets } from '../sockets/expiry.ts';

export const DEFAULT_DIGEST_TIME = '08:30';
const DIGEST_MARK = 'cases-digest';
const ALERT_KIND = { 'answer-overdue': 'case-overdue', 'callback-overdue': 'callback-overdue' } as const;

/** The mark that says this case's alert of this kind was raised (the first server to insert it raises it). */
export const escalationMark = (caseId: string, kind: string) => `case-escalated:${caseId}:${kind}`;

/** A closed case will not escalate again: its marks go, so they do not pile up in the store. */
export async function forgetEscalations(ctx: Ctx, caseId: string): Promise<void> {
  for (const kind of Object.values(ALERT_KIND)) {
    const id = escalationMark(caseId, kind);
    if (await ctx.store.get('marks', id)) await ctx.store.remove('marks', id);
  }
}

export async function caseTimers(ctx: Ctx): Promise<void> {
  const now = ctx.clock();
  const open = await ctx.store.openCases();
  for (const c of open) {
    const late = lateness(c, now);
    if (late) await escalate(ctx, c, ALERT_KIND[late]);
  }
  await digestIfDue(ctx, open, now);
}

async function escalate(ctx: Ctx, c: CaseRecord, kind: 'case-overdue' | 'callback-overdue'): Promise<void> {
  const at = ctx.clock().toISOString();
  if (!(await ctx.store.insert('marks', { id: escalationMark(c.id, kind), value: c.number, at }))) return;
  await record(ctx, { kind: 'case-escalated', actor: 'system', data: { case: c.id, number: c.number, alert: kind } });
  const message = kind === 'case-overdue'
    ? `Case ${c.number} (${c.category}, ${c.importance}) was not answered by its deadline`
    : `Case ${c.number} was not called back within 24 hours of its resolution`;
  alert(ctx, { kind, message, data: { caseId: c.id, number: c.number, status: c.status } }, ['supervisor']);
}

export function digestOf(open: CaseRecord[], now: Date, day: string): CaseDigest {
  const byStatus: Record<string, number> = {};
  for (const c of open) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
  const late = (kind: string) => open.filter((c) => lateness(c, now) === kind).map((c) => c.number).sort();
  return { day, open: open.length, byStatus, overdue: late('answer-overdue'), callbackOverdue: late('callback-overdue') };
}

/** Once a site day, at or after the digest time: the first server to move the mark to today sends it. */
async function digestIfDue(ctx: Ctx, open: CaseRecord[], now: Date): Promise<void> {
  const tz = ctx.config.timeZone;
  const day = siteDay(now, tz);
  if (now.getTime() < siteInstant(day, ctx.config.digestTime ?? DEFAULT_DIGEST_TIME, tz).getTime()) return;
  const at = now.toISOString();
  const stored = await ctx.store.update('marks', DIGEST_MARK, (m) => (m?.value === day ? undefined : { id: DIGEST_MARK, value: day, at }));
  if (stored?.at !== at) return;
  const digest = digestOf(open, now, day);
  await record(ctx, { kind: 'cases-digest', actor: 'system', data: { day, open: digest.open, overdue: digest.overdue.length, callbackOverdue: digest.callbackOverdue.length } });
  const supervisors = (await ctx.store.list('users')).filter((u) => (u.role as string) === 'supervisor' && !u.disabled);
  dropExpiredSockets(ctx);
  ctx.io.to(roleRoom('supervisor')).emit('cases:digest', { digest });
  // A supervisor linked to a host record is told on that host's channels too.
  for (const u of supervisors) {
    const host = u.hostId ? await ctx.store.get('hosts', u.hostId) : undefined;
    if (host?.channels?.length) tellDigest(ctx, host, digest);
  }
}

function tellDigest(ctx: Ctx, host: Host, digest: CaseDigest): void {
  const kinds = ctx.deliveries.tellDigest(host, digest);
  if (kinds.length) void record(ctx, { kind: 'cases-digest-sent', actor: 'system', data: { host: host.id, channels: kinds.join(',') } });
}
