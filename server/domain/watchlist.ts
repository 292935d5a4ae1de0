// Matching a visitor against the watchlist: by ID hash, then phone, then name for name-only entries.
import type { WatchlistEntry } from '../protocol.ts';

/** "Lǚ Xiǎo Míng", "LU xiaoming" and "lu·xiao.ming" all become "luxiaoming". */
export function normalizeName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    // U+00B7 is the standard separator in transcribed names; • ‧ ・ are its common stand-ins; hyphens and apostrophes come and go.
    .replace(/[\s·•‧・.\-‐‑'’]+/g, '');
}

/** Digits only, without a +86 / 0086 / 86 prefix in front of a mainland mobile number. */
export function normalizePhone(s: string): string {
  const digits = s.normalize('NFKC').replace(/\D+/g, '');
  if (digits.length === 13 && /^861[3-9]/.test(digits)) return digits.slice(2);
  if (digits.length === 15 && /^00861[3-9]/.test(digits)) return digits.slice(4);
  return digits;
}

/** The entries that screen visitors now: not removed, not expired (expiresAt at or before now). */
export function activeEntries(entries: WatchlistEntry[], now: Date): WatchlistEntry[] {
  const at = now.toISOString();
  return entries.filter((e) => !e.removedAt && !(e.expiresAt && e.expiresAt <= at));
}

export interface WatchlistSubject { idHash?: string; name: string; phone?: string }

/** refuse: the person is identified (ID, or phone with nothing against it); hold: reception must look. */
export interface WatchlistMatch { entry: WatchlistEntry; action: 'refuse' | 'hold' }

/**
 * The matching rules (server/API.md, "Watchlist"), strongest evidence first:
 * - the same ID number (keyed hash) → refuse;
 * - the same phone, on an entry without an ID number whose name (if any) matches too → refuse;
 * - the same phone otherwise (another name, or another ID number than the entry's) → hold;
 * - the same name, on an entry that has only a name → hold. A name alone never refuses, and never
 *   counts against an entry that has an ID number or phone: thousands share 张伟.
 */
export function matchWatchlist(entries: WatchlistEntry[], who: WatchlistSubject): WatchlistMatch | undefined {
  const phone = who.phone ? normalizePhone(who.phone) : '';
  const name = normalizeName(who.name);
  const sameName = (e: WatchlistEntry) => Boolean(name && e.name && normalizeName(e.name) === name);
  const samePhone = (e: WatchlistEntry) => Boolean(phone && e.phone && normalizePhone(e.phone) === phone);
  const byId = who.idHash ? entries.find((e) => e.idHash === who.idHash) : undefined;
  if (byId) return { entry: byId, action: 'refuse' };
  const byPhone = entries.filter(samePhone);
  const identified = byPhone.find((e) => !e.idHash && (!e.name || sameName(e)));
  if (identified) return { entry: identified, action: 'refuse' };
  if (byPhone.length) return { entry: byPhone[0], action: 'hold' };
  const byName = entries.find((e) => !e.idHash && !e.phone && sameName(e));
  return byName ? { entry: byName, action: 'hold' } : undefined;
}
