// Which records are about one person: every criterion given must match (ID hash, phone, name).
import type { Appointment, Visit, WatchlistEntry } from '../protocol.ts';
import { normalizeName, normalizePhone } from './watchlist.ts';

/** Normalised criteria: idHash from hashIdNumber, phone from normalizePhone, name from normalizeName. */
export interface PersonCriteria {
  idHash?: string;
  phone?: string;
  name?: string;
}

const same = (wanted: string | undefined, stored: string | undefined, normalize: (s: string) => string): boolean =>
  wanted === undefined || (stored !== undefined && stored !== '' && normalize(stored) === wanted);

export function visitMatches(v: Visit & { idHash?: string }, c: PersonCriteria): boolean {
  return (c.idHash === undefined || v.idHash === c.idHash) &&
    same(c.phone, v.visitor.phone, normalizePhone) && same(c.name, v.visitor.name, normalizeName);
}

/** An invitation holds no ID number: with one asked for, only invitations used by a matching visit count. */
export function appointmentMatches(a: Appointment, c: PersonCriteria, visitIds: ReadonlySet<string>): boolean {
  if (a.usedByVisitId && visitIds.has(a.usedByVisitId)) return true;
  return c.idHash === undefined && same(c.phone, a.visitor.phone, normalizePhone) && same(c.name, a.visitor.name, normalizeName);
}

export function watchlistMatches(e: WatchlistEntry, c: PersonCriteria): boolean {
  return (c.idHash === undefined || e.idHash === c.idHash) &&
    same(c.phone, e.phone, normalizePhone) && same(c.name, e.name, normalizeName);
}

/** Which kinds of criteria were used ("id,phone"): what a log event may say, never the values. */
export const criteriaUsed = (c: PersonCriteria): string =>
  [c.idHash && 'id', c.phone && 'phone', c.name && 'name'].filter(Boolean).join(',');
