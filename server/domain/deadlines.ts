// When a case must be answered and when its callback is due (来电处理: ordinary within 24 hours, important the
// same day; 回访 within 24 hours of the handling). "The same day" is a working day on the site's calendar:
// working hours, working weekdays, holidays and make-up working days an admin enters; a paid service keeps its
// own service hours.
import type { CaseCategory, CaseImportance } from '../../data/matters.ts';
import { nextDay, siteDay, siteInstant } from './sitetime.ts';

/** Opening and closing time on the site's clock, HH:MM. */
export interface Hours { open: string; close: string }

export interface WorkCalendar {
  timeZone: string;
  workingHours: Hours;
  /** ISO weekdays that are working days (1 Monday … 7 Sunday); default Monday to Friday. */
  workdays?: number[];
  /** Days off although their weekday works (YYYY-MM-DD). */
  holidays?: string[];
  /** Days that work although their weekday does not (调休). */
  makeUpWorkdays?: string[];
  /** A paid service's own hours and weekdays (default: the working hours and weekdays); holidays still apply. */
  serviceHours?: Hours & { workdays?: number[] };
}

export const DEFAULT_WORKDAYS = [1, 2, 3, 4, 5];
const HOUR_MS = 3_600_000;
/** How long an ordinary matter, and a callback after resolution, may take. */
export const ANSWER_WITHIN_MS = 24 * HOUR_MS;
export const CALLBACK_WITHIN_MS = 24 * HOUR_MS;
/** Days looked ahead for a working day before the calendar is called impossible (a year of holidays). */
const MAX_DAYS_AHEAD = 400;

const isoWeekday = (day: string): number => ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** The hours and weekdays that count for this category. */
function hoursFor(category: CaseCategory, calendar: WorkCalendar): { hours: Hours; workdays: number[] } {
  const service = category === 'paid-service' ? calendar.serviceHours : undefined;
  return {
    hours: service ?? calendar.workingHours,
    workdays: service?.workdays ?? calendar.workdays ?? DEFAULT_WORKDAYS,
  };
}

export function isWorkingDay(day: string, calendar: WorkCalendar, workdays = calendar.workdays ?? DEFAULT_WORKDAYS): boolean {
  if (calendar.makeUpWorkdays?.includes(day)) return true;
  if (calendar.holidays?.includes(day)) return false;
  return workdays.includes(isoWeekday(day));
}

/** The first working day on or after day. */
export function workingDayFrom(day: string, calendar: WorkCalendar, workdays?: number[]): string {
  let d = day;
  for (let i = 0; i < MAX_DAYS_AHEAD; i++, d = nextDay(d)) if (isWorkingDay(d, calendar, workdays)) return d;
  throw new RangeError(`no working day within ${MAX_DAYS_AHEAD} days of ${day}: check the working days and holidays`);
}

/** The close of the working day the instant falls in (also before opening), else of the next working day. */
export function sameWorkingDayClose(at: Date, calendar: WorkCalendar, hours: Hours = calendar.workingHours, workdays?: number[]): Date {
  const today = siteDay(at, calendar.timeZone);
  const closesToday = siteInstant(today, hours.close, calendar.timeZone);
  const day = isWorkingDay(today, calendar, workdays) && at.getTime() < closesToday.getTime()
    ? today
    : workingDayFrom(nextDay(today), calendar, workdays);
  return siteInstant(day, hours.close, calendar.timeZone);
}

/** When the case must be answered: normal within 24 hours; important and major by the close of the same working
 *  day (created after the close or on a day off: the close of the next working day). */
export function dueAt(createdAt: string | Date, importance: CaseImportance, category: CaseCategory, calendar: WorkCalendar): string {
  const at = new Date(createdAt);
  if (Number.isNaN(at.getTime())) throw new RangeError(`invalid time ${String(createdAt)}`);
  if (importance === 'normal') return new Date(at.getTime() + ANSWER_WITHIN_MS).toISOString();
  const { hours, workdays } = hoursFor(category, calendar);
  return sameWorkingDayClose(at, calendar, hours, workdays).toISOString();
}

/** When the person who raised the case must be called back: 24 hours after it was resolved. */
export function callbackDueAt(resolvedAt: string): string {
  const t = Date.parse(resolvedAt);
  if (Number.isNaN(t)) throw new RangeError(`invalid time ${resolvedAt}`);
  return new Date(t + CALLBACK_WITHIN_MS).toISOString();
}

