// Matching a visitor against the watchlist: by ID hash, then phone, then name for name-only entries.
import type { WatchlistEntry } from '../protocol.ts';

/** "Lǚ Xiǎo Míng", "LU xiaoming" and "lu·xiao.ming" all become "luxiaoming". */
export function normalizeName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    // U+00B7 is the standard separator in transcribed names; • ‧ ・ are its common stand-ins.
    .replace(/[\s·•‧・.]+/g, '');
}

/** Digits only, without a +86 / 0086 / 86 prefix in front of a mainland mobile number. */
export function normalizePhone(s: string): string {
  const digits = s.normalize('NFKC').replace(/\D+/g, '');
  if (digits.length === 13 && /^861[3-9]/.test(digits)) return digits.slice(2);
  if (digits.length === 15 && /^00861[3-9]/.test(digits)) return digits.slice(4);
  return digits;
}

export interface WatchlistSubject { idHash?: string; name: string; phone?: string }

export function matchWatchlist(entries: WatchlistEntry[], who: WatchlistSubject): WatchlistEntry | undefined {
  const phone = who.phone ? normalizePhone(who.phone) : '';
  const name = normalizeName(who.name);
  // Strongest evidence first, so the alert names the entry that identifies the person best.
  return (
    (who.idHash ? entries.find((e) => e.idHash === who.idHash) : undefined) ??
    (phone ? entries.find((e) => e.phone && normalizePhone(e.phone) === phone) : undefined) ??
    // A name alone is weak (thousands share 张伟): it only counts for entries that have nothing better.
    (name ? entries.find((e) => !e.idHash && !e.phone && e.name && normalizeName(e.name) === name) : undefined)
  );
}
