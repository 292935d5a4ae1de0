// An invitation mailed to its visitor (when the host gave an address and the site has e-mail): the code, as text and
// as a QR image, when in site time, where, and whom to ask for; sent in the background and retried.
import type { Ctx } from '../context.ts';
import type { Appointment } from '../protocol.ts';
import { siteDay, siteTime } from '../domain/sitetime.ts';
import { siteSettings } from './settings.ts';

/** Starts the mail; false when the site sends no e-mail (nothing is sent, nothing kept). */
export async function mailInvitation(ctx: Ctx, appt: Appointment, to: string): Promise<boolean> {
  const host = await ctx.store.get('hosts', appt.hostId);
  const tz = ctx.config.timeZone;
  const [startDay, endDay] = [siteDay(new Date(appt.start), tz), siteDay(new Date(appt.end), tz)];
  const when = `${startDay} ${siteTime(appt.start, tz)}–${endDay === startDay ? '' : `${endDay} `}${siteTime(appt.end, tz)}`;
  return ctx.deliveries.mailInvitation({ appointment: appt.id, host: appt.hostId }, to, {
    code: appt.inviteCode, visitorName: appt.visitor.name, hostName: host?.name ?? '', department: host?.department ?? '',
    purpose: appt.purpose, when, site: (await siteSettings(ctx)).siteName || siteOf(ctx),
  });
}

/** The site as a visitor knows it, when the settings name none: the sender's display name ("星河大厦 前台"), else the public address's host. */
function siteOf(ctx: Ctx): string {
  const named = /^\s*"?([^"<]*?)"?\s*</.exec(ctx.config.mail?.from ?? '')?.[1]?.trim();
  if (named) return named;
  return ctx.config.publicUrl ? new URL(ctx.config.publicUrl).host : 'Foyer';
}
