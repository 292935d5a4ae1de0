// Approved visit → signed badge → print queue → on-site. A failed print never loses the visit.
import type { Ctx } from '../context.ts';
import type { PrintJobView } from '../protocol.ts';
import type { VisitRecord } from '../../data/store.ts';
import { DomainError } from '../domain/errors.ts';
import { signBadge } from '../domain/badges.ts';
import { applyVisit, siteDay, siteTime } from '../domain/visits.ts';
import { badgeValidUntil, type SiteHours } from '../domain/visit-times.ts';
import { siteHours, siteSettings } from './settings.ts';
import { readLogo } from './logo.ts';
import { record } from '../events.ts';
import { alert } from '../notify.ts';
import { changeVisit } from './visit-lock.ts';
import { badgeRoute } from './printers.ts';

/** A kiosk may reprint a visit's badge this many times; after that the visitor asks reception. */
export const KIOSK_REPRINTS = 1;

export interface BadgeRequest { actor: string; reprint: boolean; fromKiosk?: boolean }

/** Issues the badge (a reprint always gets a new code, which replaces the old) and prints it; resolves with the print job. */
export async function issueBadge(ctx: Ctx, visitId: string, request: BadgeRequest): Promise<PrintJobView> {
  const { actor, reprint } = request;
  const hours = await siteHours(ctx);
  const visit = await changeVisit(ctx, visitId, (v) => nextBadge(ctx, v, request, hours));
  const badge = visit.badge!;
  const [{ siteName }, logo] = await Promise.all([siteSettings(ctx), readLogo(ctx)]);
  const job = await ctx.queue.printBadge({
    visitId,
    number: visit.number,
    name: visit.visitor.name,
    company: visit.visitor.company,
    hostName: visit.host?.name,
    department: visit.host?.department,
    purpose: visit.purpose,
    date: visit.day,
    validUntil: untilLabel(badge.validUntil, visit.day, ctx.config.timeZone),
    escortRequired: visit.escortRequired,
    companions: visit.companions,
    companionNames: visit.companionNames,
    code: badge.code,
    ...(siteName ? { siteName } : {}),
    ...(logo ? { logo: logo.data } : {}),
  }, { by: actor, reprint, route: await badgeRoute(ctx, visit, request) });

  const printed = job.status === 'printed';
  await changeVisit(ctx, visitId, (v) => {
    if (v.badge?.code !== badge.code) return v; // a newer reprint has taken over
    const next = { ...v, badge: { ...v.badge, jobId: job.id, print: printed ? 'printed' as const : 'failed' as const } };
    return printed && next.status === 'approved' ? applyVisit(next, 'print', { now: ctx.clock().toISOString(), by: actor }) : next;
  });
  await record(ctx, {
    kind: printed ? (reprint ? 'badge-reprinted' : 'badge-printed') : 'badge-failed',
    visitId, actor, data: { job: job.id, printer: job.printer ?? null, serial: badge.serial ?? 0 },
  });
  if (!printed) {
    alert(ctx, { kind: 'printer', visitId, message: `Badge ${visit.number} could not print (${job.error ?? 'printer unavailable'}); reprint from the desk`, data: { reason: 'badge-failed', number: visit.number } }, ['reception', 'security']);
  }
  return job;
}

function nextBadge(ctx: Ctx, v: VisitRecord, { reprint, fromKiosk }: BadgeRequest, hours: SiteHours): VisitRecord {
  if (v.status !== 'approved' && v.status !== 'on-site') {
    throw new DomainError('wrong-state', `Visit is ${v.status}; only approved or on-site visits get a badge`, 409);
  }
  const kioskReprints = (v.badge?.kioskReprints ?? 0) + (reprint && fromKiosk ? 1 : 0);
  if (kioskReprints > KIOSK_REPRINTS) {
    throw new DomainError('reprint-limit', 'This badge was already reprinted here: please ask reception for another', 409);
  }
  if (v.badge && !reprint) return v; // the first badge is printed once
  // The visit's time, not the reprint's: a new badge does not stretch the visit.
  const validUntil = v.badge?.validUntil ?? badgeValidUntil(ctx.clock(), hours).toISOString();
  const serial = v.badge ? (v.badge.serial ?? 0) + 1 : 0;
  const code = signBadge(ctx.secrets.badgePrivateKey, { visitId: v.id, exp: Math.floor(Date.parse(validUntil) / 1000), serial });
  return { ...v, badge: { code, validUntil, print: 'pending', serial, ...(kioskReprints ? { kioskReprints } : {}) } };
}

/** "18:00", or "12-01 09:30" when the badge runs into another day than the visit's. */
function untilLabel(validUntil: string, day: string, timeZone: string): string {
  const until = new Date(validUntil);
  const time = siteTime(validUntil, timeZone);
  const untilDay = siteDay(until, timeZone);
  return untilDay === day ? time : `${untilDay.slice(5)} ${time}`;
}

/** Printing after an approval does not hold up the answer; a failure is logged and alerted, never thrown. */
export function printInBackground(ctx: Ctx, visitId: string, actor: string): void {
  issueBadge(ctx, visitId, { actor, reprint: false }).catch((e: Error) => ctx.log(`badge: visit ${visitId} not printed: ${e.message}`));
}
