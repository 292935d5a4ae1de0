// What every screen may know about the site: its rules as configured, nothing secret.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { SiteInfo } from '../protocol.ts';

export function siteInfo(ctx: Ctx): SiteInfo {
  const { retentionDays, timeZone, closingTime, badgeHours } = ctx.config;
  return { retentionDays, timeZone, badgeHours, ...(closingTime ? { closingTime } : {}) };
}

export function siteRoutes(ctx: Ctx, r: Router): void {
  r.add('GET', '/api/site', 'anyone', () => ({ body: { site: siteInfo(ctx) } }));
}
