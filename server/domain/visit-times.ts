// When a visit's time is up: a visit may cross midnight, so its badge, its wait and its overstay
// follow the visit and the site's closing time, never the calendar day.
import type { Visit } from '../protocol.ts';
import { nextSiteTime } from './sitetime.ts';

const HOUR_MS = 3_600_000;
/** A visitor left waiting (or approved but never badged) this long has gone: the visit expires. */
export const WAIT_LIMIT_MS = 4 * HOUR_MS;

export interface SiteHours {
  timeZone: string;
  /** HH:MM site time; absent when the site never closes. */
  closingTime?: string;
  /** A badge's longest validity. */
  badgeHours: number;
}

/** The next closing after an instant, or undefined for a site that never closes. */
function closingAfter(at: Date, hours: SiteHours): number | undefined {
  return hours.closingTime ? nextSiteTime(at, hours.closingTime, hours.timeZone).getTime() : undefined;
}

/** A badge issued at `issued` ends after badgeHours, or at the next closing time if that comes first. */
export function badgeValidUntil(issued: Date, hours: SiteHours): Date {
  const limit = issued.getTime() + hours.badgeHours * HOUR_MS;
  return new Date(Math.min(limit, closingAfter(issued, hours) ?? limit));
}

/** When a visit that never got its visitor in stops waiting: a few hours, or closing time if sooner. */
export function staleAt(visit: Pick<Visit, 'status' | 'createdAt' | 'decidedAt'>, hours: SiteHours): number | undefined {
  const since = visit.status === 'awaiting-host' ? visit.createdAt : visit.status === 'approved' ? visit.decidedAt ?? visit.createdAt : undefined;
  if (!since) return undefined;
  const start = new Date(since);
  const limit = start.getTime() + WAIT_LIMIT_MS;
  return Math.min(limit, closingAfter(start, hours) ?? limit);
}

/** An on-site visitor overstays once their badge's time is over. */
export function overstaysAt(visit: Pick<Visit, 'status' | 'badge' | 'checkedInAt'>, hours: SiteHours): number | undefined {
  if (visit.status !== 'on-site') return undefined;
  if (visit.badge?.validUntil) return Date.parse(visit.badge.validUntil);
  return visit.checkedInAt ? badgeValidUntil(new Date(visit.checkedInAt), hours).getTime() : undefined;
}

/** 'A-0042': the day's sequence, after a letter for the weekday (A Monday … G Sunday), so a badge from another day stands out. */
export function formatVisitNumber(day: string, sequence: number): string {
  const weekday = (new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7;
  return `${'ABCDEFG'[weekday]}-${String(sequence).padStart(4, '0')}`;
}
