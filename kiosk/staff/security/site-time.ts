// The site's clock on security's screens: days and times in the site's time zone (GET /api/site), as the CSV has them,
// whatever zone this browser is set to. The same functions the server uses (server/domain/sitetime.ts).
import { useEffect, useState } from 'preact/hooks';
import type { SiteInfo } from '../../../server/protocol.ts';
import { siteDay, siteInstant, siteTime } from '../../../server/domain/sitetime.ts';
import { request } from '../../api.ts';
import { STAFF } from '../calls.ts';

let asked: Promise<string> | undefined;

/** The site's time zone, asked once per page; this browser's own if the server cannot say (offline). */
export function useSiteZone(): string | undefined {
  const [zone, setZone] = useState<string>();
  useEffect(() => {
    asked ??= request<{ site: SiteInfo }>(STAFF, 'GET', '/api/site').then(({ site }) => site.timeZone, () => {
      asked = undefined;
      return Intl.DateTimeFormat().resolvedOptions().timeZone;
    });
    void asked.then(setZone);
  }, []);
  return zone;
}

/** 2026-11-30 14:05 on the site's clock ('' for no time). */
export const siteStampOf = (iso: string | undefined, zone: string) => (iso ? `${siteDay(new Date(iso), zone)} ${siteTime(iso, zone)}` : '');
export const siteDayOf = (iso: string, zone: string) => siteDay(new Date(iso), zone);
export const siteToday = (zone: string, daysAgo = 0) => siteDay(new Date(Date.now() - daysAgo * 86_400_000), zone);
/** The last second of a site day, as an instant (a watchlist entry expires at the end of the day chosen). */
export const endOfDay = (day: string, zone: string) => siteInstant(day, '23:59:59', zone).toISOString();
