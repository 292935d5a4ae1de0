// Approved visit → signed badge → print queue → on-site. A failed print never loses the visit.
import type { Ctx } from '../context.ts';
import type { PrintJobView } from '../protocol.ts';
import { DomainError } from '../domain/errors.ts';
import { signBadge } from '../domain/badges.ts';
import { applyVisit, endOfSiteDay, siteTime } from '../domain/visits.ts';
import { record } from '../events.ts';
import { alert } from '../notify.ts';
import { changeVisit } from './visit-lock.ts';

/** Issues (or reissues) the badge code and prints it; resolves with the print job. */
export async function issueBadge(ctx: Ctx, visitId: string, actor: string, reprint: boolean): Promise<PrintJobView> {
  const visit = await changeVisit(ctx, visitId, (v) => {
    if (v.status !== 'approved' && v.status !== 'on-site') {
      throw new DomainError('wrong-state', `Visit is ${v.status}; only approved or on-site visits get a badge`, 409);
    }
    const validUntil = v.badge?.validUntil ?? endOfSiteDay(ctx.clock(), ctx.config.timeZone).toISOString();
    const code = v.badge?.code ?? signBadge(ctx.secrets.badgePrivateKey, { visitId, exp: Math.floor(Date.parse(validUntil) / 1000) });
    return { ...v, badge: { code, validUntil, print: 'pending' } };
  });
  const badge = visit.badge!;
  const job = await ctx.queue.printBadge({
    visitId,
    number: visit.number,
    name: visit.visitor.name,
    company: visit.visitor.company,
    hostName: visit.host?.name,
    department: visit.host?.department,
    purpose: visit.purpose,
    date: visit.day,
    validUntil: siteTime(badge.validUntil, ctx.config.timeZone),
    escortRequired: visit.escortRequired,
    code: badge.code,
  }, { by: actor, reprint });

  const printed = job.status === 'printed';
  await changeVisit(ctx, visitId, (v) => {
    const next = { ...v, badge: { ...badge, jobId: job.id, print: printed ? 'printed' as const : 'failed' as const } };
    return printed && next.status === 'approved' ? applyVisit(next, 'print', { now: ctx.clock().toISOString(), by: actor }) : next;
  });
  await record(ctx, {
    kind: printed ? (reprint ? 'badge-reprinted' : 'badge-printed') : 'badge-failed',
    visitId, actor, data: { job: job.id, printer: job.printer ?? null },
  });
  if (!printed) {
    alert(ctx, { kind: 'printer', visitId, message: `Badge ${visit.number} could not print (${job.error ?? 'printer unavailable'}); reprint from the desk` }, ['reception', 'security']);
  }
  return job;
}

/** Printing after an approval does not hold up the answer; a failure is logged and alerted, never thrown. */
export function printInBackground(ctx: Ctx, visitId: string, actor: string): void {
  issueBadge(ctx, visitId, actor, false).catch((e: Error) => ctx.log(`badge: visit ${visitId} not printed: ${e.message}`));
}
