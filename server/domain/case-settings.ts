// The cases' (事务) calendar in the site settings: working hours and weekdays, holidays and make-up working days,
// a paid service's own hours, and the quality department complaints are copied to. Read from a PATCH body (each
// error names its field) and turned into the WorkCalendar deadlines are counted on.
import type { SiteSettings } from '../protocol.ts';
import { DEFAULT_WORKDAYS, type WorkCalendar } from './deadlines.ts';
import { invalid } from './errors.ts';

export const DEFAULT_WORKING_HOURS = { open: '09:00', close: '18:00' };
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A few years of holidays at most. */
const MAX_DAYS = 400;

type Body = Record<string, unknown>;
type Hours = { open: string; close: string };

const isObject = (v: unknown): v is Body => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

function hours(v: unknown, field: string, extra: string[] = []): Hours & Body {
  if (!isObject(v)) throw invalid(field, `${field} must be {open, close} as HH:MM`);
  for (const k of Object.keys(v)) if (!['open', 'close', ...extra].includes(k)) throw invalid(`${field}.${k.slice(0, 40)}`, `${field} has open and close${extra.length ? ` and ${extra.join(', ')}` : ''} only`);
  for (const k of ['open', 'close']) {
    if (typeof v[k] !== 'string' || !TIME.test(v[k] as string)) throw invalid(`${field}.${k}`, `${field}.${k} must be HH:MM (24-hour)`);
  }
  if ((v.open as string) >= (v.close as string)) throw invalid(`${field}.close`, `${field}.close must come after open`);
  return { open: v.open as string, close: v.close as string };
}

function weekdays(v: unknown, field: string): number[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > 7 || v.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    throw invalid(field, `${field} must be a list of ISO weekdays, 1 (Monday) to 7 (Sunday), at least one`);
  }
  if (new Set(v).size !== v.length) throw invalid(field, `${field} repeats a weekday`, 'duplicate');
  return [...v].sort() as number[];
}

function days(v: unknown, field: string): string[] {
  if (!Array.isArray(v)) throw invalid(field, `${field} must be a list of days as YYYY-MM-DD`);
  if (v.length > MAX_DAYS) throw invalid(field, `at most ${MAX_DAYS} days`, 'too-long');
  v.forEach((d, i) => {
    if (typeof d !== 'string' || !DAY.test(d) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d) {
      throw invalid(`${field}[${i}]`, `${field}[${i}] must be a day as YYYY-MM-DD`);
    }
  });
  return [...new Set(v as string[])].sort();
}

/** The settings readers for PATCH /api/settings (null, handled there, puts a field back to its default). */
export const caseSettingReaders: Record<string, (b: Body) => unknown> = {
  workingHours: (b) => hours(b.workingHours, 'workingHours'),
  workdays: (b) => weekdays(b.workdays, 'workdays'),
  holidays: (b) => days(b.holidays, 'holidays'),
  makeUpWorkdays: (b) => days(b.makeUpWorkdays, 'makeUpWorkdays'),
  paidServiceHours: (b) => {
    const h = hours(b.paidServiceHours, 'paidServiceHours', ['workdays']);
    const raw = b.paidServiceHours as Body;
    return { ...h, ...(raw.workdays === undefined ? {} : { workdays: weekdays(raw.workdays, 'paidServiceHours.workdays') }) };
  },
  qualityDepartment: (b) => {
    const v = b.qualityDepartment;
    if (typeof v !== 'string' || v.trim() === '' || v.length > 64) throw invalid('qualityDepartment', 'qualityDepartment must be a department\'s name');
    return v.trim();
  },
};

/** The calendar deadlines are counted on: the settings over the defaults. */
export function workCalendar(s: Pick<SiteSettings, 'workingHours' | 'workdays' | 'holidays' | 'makeUpWorkdays' | 'paidServiceHours'>, timeZone: string): WorkCalendar {
  return {
    timeZone,
    workingHours: s.workingHours ?? DEFAULT_WORKING_HOURS,
    workdays: s.workdays ?? DEFAULT_WORKDAYS,
    holidays: s.holidays ?? [],
    makeUpWorkdays: s.makeUpWorkdays ?? [],
    ...(s.paidServiceHours ? { serviceHours: s.paidServiceHours } : {}),
  };
}
