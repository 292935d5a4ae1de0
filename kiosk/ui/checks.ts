// As-you-type checks of a visitor's details, shared by the lobby and the desk; each returns the problem to show, or null.
import type { IdType } from '../../server/protocol.ts';
import type { CheckKey } from './strings.checks.ts';

export type { CheckKey };
/** A message key (a CheckKey from these checks; a page may widen it) and its placeholders. */
export type Problem<K extends string = CheckKey> = { key: K; vars?: Record<string, string | number> } | null;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** GB 11643 MOD 11-2 check character of the first 17 digits. */
export function residentCheckChar(first17: string): string {
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17[i]), 0);
  return CHECK_CHARS[sum % 11];
}

function isRealBirthDate(yyyymmdd: string, today: Date): boolean {
  const [y, m, d] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)].map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return real && y >= 1900 && date.getTime() <= today.getTime();
}

/** As the server reads an ID number: full-width digits from an IME count, spaces do not. */
export const normaliseIdNumber = (raw: string) => raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

/** `finished` is false while the visitor is still typing: only say what is already certainly wrong. */
export function checkResidentId(raw: string, finished: boolean, today = new Date()): Problem {
  const value = normaliseIdNumber(raw);
  if (!value) return finished ? { key: 'errRequired' } : null;
  if (!/^\d{0,17}[\dX]?$/.test(value) || (value.includes('X') && value.length < 18)) return { key: 'errIdChars' };
  if (value.length > 18 || (finished && value.length < 18)) return { key: 'errIdLength', vars: { n: value.length } };
  if (value.length >= 14 && !isRealBirthDate(value.slice(6, 14), today)) {
    const date = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
    return { key: 'errIdBirthDate', vars: { date } };
  }
  if (value.length === 18 && residentCheckChar(value) !== value[17]) return { key: 'errIdCheckDigit' };
  return null;
}

export function checkIdNumber(idType: IdType, raw: string, finished: boolean): Problem {
  if (idType === 'cn-resident') return checkResidentId(raw, finished);
  const value = normaliseIdNumber(raw);
  if (!value) return finished ? { key: 'errRequired' } : null;
  if (idType === 'passport') {
    const wrong = !/^[A-Z0-9]*$/.test(value) || value.length > 20 || (finished && value.length < 5);
    return wrong ? { key: 'errPassport' } : null;
  }
  const wrong = !/^[A-Z0-9-]*$/.test(value) || value.length > 30 || (finished && value.length < 4);
  return wrong ? { key: 'errIdOther' } : null;
}

/** Mainland mobile 1[3-9]xxxxxxxxx, or + and 6 to 15 digits; spaces and dashes are ignored. */
export function checkPhone(raw: string, finished: boolean, required: boolean): Problem {
  const value = raw.replace(/[\s-]/g, '');
  if (!value) return finished && required ? { key: 'errRequired' } : null;
  if (value.startsWith('+')) {
    const wrong = !/^\+\d*$/.test(value) || value.length > 16 || (finished && value.length < 7);
    return wrong ? { key: 'errPhone' } : null;
  }
  const wrong = !/^\d*$/.test(value) || value.length > 11 || (value.length >= 1 && value[0] !== '1')
    || (value.length >= 2 && !/[3-9]/.test(value[1])) || (finished && value.length < 11);
  return wrong ? { key: 'errPhone' } : null;
}

export function checkRequired(value: string, finished: boolean): Problem {
  return finished && !value.trim() ? { key: 'errRequired' } : null;
}

export const normalisePhone = (raw: string) => raw.replace(/[\s-]/g, '');
