// The one accessor for the site's settings: every reader (badges, escalation, retention, the kiosk) asks here, so a
// stored change applies at once on every server of the site.
import type { Ctx } from '../context.ts';
import type { SiteSettings } from '../protocol.ts';
import type { SettingsRecord } from '../../data/store.ts';
import type { SiteHours } from '../domain/visit-times.ts';
import { effectiveSettings, publicSettings, SETTINGS_ID } from '../domain/settings.ts';
import { checkSecondApproval } from './second-approval.ts';
import { checkAgreementIds } from '../domain/agreements.ts';
import { keepSmsWebhook, type SentSmsWebhook } from '../domain/desk-phrases.ts';
import { maskUrl } from '../http/host-channels.ts';

export async function siteSettings(ctx: Pick<Ctx, 'store' | 'config'>): Promise<SiteSettings> {
  return effectiveSettings(ctx.config, await ctx.store.get('settings', SETTINGS_ID));
}

/** What badges, waits and overstays end by: the time zone from the environment, the rest from the settings. */
export async function siteHours(ctx: Pick<Ctx, 'store' | 'config'>): Promise<SiteHours> {
  const { closingTime, badgeHours } = await siteSettings(ctx);
  return { timeZone: ctx.config.timeZone, badgeHours, ...(closingTime ? { closingTime } : {}) };
}

/** Lays change over what is stored in one step of the store: PATCHes of different fields fired together all land. */
/** A field given as undefined goes back to its default. */
export async function changeSettings(ctx: Ctx, change: Omit<SettingsRecord, 'id' | 'updatedAt'>): Promise<SiteSettings> {
  const updatedAt = ctx.clock().toISOString();
  const stored = await ctx.store.update('settings', SETTINGS_ID, (current) => {
    const next: SettingsRecord = { ...(current ?? { id: SETTINGS_ID }), ...change, id: SETTINGS_ID, updatedAt };
    for (const [key, value] of Object.entries(change)) if (value === undefined) delete next[key as keyof SettingsRecord];
    if ('purposes' in change || 'secondApprover' in change) checkSecondApproval(next, 'purposes' in change);
    // A purpose's agreement must be in the list as stored after this change (a throw stores nothing).
    if ('purposes' in change || 'agreements' in change) checkAgreementIds(next.purposes ?? [], next.agreements, 'purposes' in change);
    // The SMS bridge sent back as read (URL masked, no secret) keeps what is stored.
    if (change.smsWebhook) next.smsWebhook = keepSmsWebhook(current?.smsWebhook, change.smsWebhook as SentSmsWebhook, maskUrl);
    return next;
  });
  const settings = effectiveSettings(ctx.config, stored);
  // Every screen is told live; the public part only (kiosks and anyone may read it).
  ctx.io.emit('settings:updated', { settings: publicSettings(settings) });
  return settings;
}
