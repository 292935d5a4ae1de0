// What every screen may know about the site: its rules as configured, nothing secret.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { SiteInfo } from '../protocol.ts';
import { siteSettings } from '../flows/settings.ts';
import { publicSettings } from '../domain/settings.ts';

/** The rules in force (the stored settings over the environment's defaults), and the public settings for screens. */
export async function siteInfo(ctx: Ctx): Promise<SiteInfo> {
  const settings = await siteSettings(ctx);
  const { retentionDays, closingTime, badgeHours } = settings;
  return { retentionDays, timeZone: ctx.config.timeZone, badgeHours, ...(closingTime ? { closingTime } : {}), settings: publicSettings(settings) };
}

export function siteRoutes(ctx: Ctx, r: Router): void {
  r.add('GET', '/api/site', 'anyone', async () => ({ body: { site: await siteInfo(ctx), now: ctx.clock().toISOString() } }));
}
