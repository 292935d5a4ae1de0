// Identity-document numbers: validation (GB 11643 for resident IDs), masking and keyed hashing.
import { createHmac } from 'node:crypto';
import type { IdType } from '../protocol.ts';

export type IdCheck =
  | { ok: true; normalized: string }
  | { ok: false; code: 'id-length' | 'id-charset' | 'id-checksum' | 'id-birthdate'; message: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The GB 11643 (ISO 7064 MOD 11-2) check character for the first 17 digits. */
export function computeIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Trims, drops every space and uppercases; NFKC first so full-width digits from an IME count. */
export function normalizeIdNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

export function checkIdNumber(idType: IdType, raw: string, now: Date): IdCheck {
  const s = normalizeIdNumber(raw);
  const failure =
    idType === 'cn-resident' ? checkResident(s, now)
    : idType === 'passport' ? checkPlain(s, 5, 20, /^[A-Z0-9]+$/, 'A passport number uses only letters A–Z and digits.')
    : checkPlain(s, 4, 30, /^[A-Z0-9-]+$/, 'An ID number uses only letters A–Z, digits and "-".');
  return failure ?? { ok: true, normalized: s };
}

type Failure = Extract<IdCheck, { ok: false }>;
const fail = (code: Failure['code'], message: string): Failure => ({ ok: false, code, message });

function checkPlain(s: string, min: number, max: number, charset: RegExp, charsetMessage: string) {
  if (s.length < min || s.length > max) {
    return fail('id-length', `The number must have ${min} to ${max} characters; this one has ${s.length}.`);
  }
  return charset.test(s) ? undefined : fail('id-charset', charsetMessage);
}

function checkResident(s: string, now: Date): Failure | undefined {
  if (s.length !== 18) {
    return fail('id-length', `A resident ID number has 18 characters; this one has ${s.length}.`);
  }
  if (!/^\d{17}[\dX]$/.test(s)) {
    return fail('id-charset', 'A resident ID number is 17 digits followed by a digit or X.');
  }
  const birth = checkBirthDate(s.slice(6, 14), now);
  if (birth) return fail('id-birthdate', birth);
  if (computeIdCheckChar(s) !== s[17]) {
    return fail('id-checksum', 'The check digit does not match: check the last character.');
  }
  return undefined;
}

function checkBirthDate(yyyymmdd: string, now: Date): string | undefined {
  const [y, m, d] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)].map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return `The birth date in the ID number (characters 7–14, ${yyyymmdd}) is not a real date.`;
  }
  if (y < 1900) return `The birth date in the ID number (${yyyymmdd}) is before 1900.`;
  // Compare with the latest calendar date anywhere (UTC+14) so a birthday "today" is never refused.
  const latest = new Date(now.getTime() + 14 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  if (yyyymmdd > latest) return `The birth date in the ID number (${yyyymmdd}) is in the future.`;
  return undefined;
}

/** 110105********002X; shorter numbers show less so that most of the number stays hidden. */
export function maskIdNumber(normalized: string): string {
  const n = normalized.length;
  // 15+ characters: resident IDs (old 15-digit ones too) keep the region code and last 4.
  const [head, tail] = n >= 15 ? [6, 4] : n >= 7 ? [2, 2] : n >= 3 ? [1, 1] : [0, 0];
  return normalized.slice(0, head) + '*'.repeat(n - head - tail) + normalized.slice(n - tail);
}

/** HMAC-SHA256 (hex) keyed by the site secret: the same number gives the same hash on this site only. */
export function hashIdNumber(key: string, idType: IdType, normalized: string): string {
  return createHmac('sha256', Buffer.from(key, 'base64')).update(`${idType}:${normalized}`).digest('hex');
}
