// Reception hours: when the kiosk takes walk-in visitors (settings.receptionHours, in the site's time zone).
// The kiosk imports this file too, so both decide alike; it is free of node modules.
import type { SiteSettings } from '../protocol.ts';
import { siteTime } from './sitetime.ts';

/** Open from `open` up to (not including) `close`, site time; no hours set: always open. */
export function receptionOpen(hours: SiteSettings['receptionHours'], now: Date | number, timeZone: string): boolean {
  if (!hours) return true;
  const time = siteTime(new Date(now).toISOString(), timeZone);
  return time >= hours.open && time < hours.close;
}
