// Rules both stores share, so that memory and lowdb answer the same under the contract tests.
import type { LogEvent } from '../server/protocol.ts';
import { OPEN_STATUSES, type VisitRecord } from './store.ts';

// Records go in and out as copies, so no caller can change stored state behind the store's back.
export const copy = <T>(value: T): T => structuredClone(value);

/** prevHash of the first event of the log. */
export const ZERO_HASH = '0'.repeat(64);

/** appendEvent lost a race or was built on a stale lastEvent(): re-read it and rebuild the event. */
export class EventChainError extends Error {
  readonly code = 'event-chain-conflict';
  constructor(expected: string, got: string) {
    super(`event prevHash ${got} is not the hash of the last event (${expected})`);
    this.name = 'EventChainError';
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function checkDay(day: string): string {
  if (!DAY.test(day) || Number.isNaN(Date.parse(day))) {
    throw new Error(`invalid day "${day}", expected YYYY-MM-DD`);
  }
  return day;
}

/** The day a visit id names (YYYYMMDD-…), or undefined when the id has no day. */
export function dayOfVisitId(id: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})-/.exec(id);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

// getVisit finds a visit's file from its id alone, so the id must name the visit's day.
export function checkVisit(visit: VisitRecord): void {
  checkDay(visit.day);
  if (dayOfVisitId(visit.id) !== visit.day) {
    throw new Error(`visit id ${visit.id} does not start with its day ${visit.day} as YYYYMMDD-`);
  }
}

export const isOpen = (visit: VisitRecord): boolean =>
  (OPEN_STATUSES as readonly string[]).includes(visit.status);

export function checkNext(last: LogEvent | undefined, event: LogEvent): void {
  const expected = last?.hash ?? ZERO_HASH;
  if (event.prevHash !== expected) throw new EventChainError(expected, event.prevHash);
}

function parseTime(iso: string, what: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`invalid ${what} "${iso}", expected an ISO time`);
  return t;
}

/** The UTC day of a time: events are filed by it. */
export const utcDay = (t: number): string => new Date(t).toISOString().slice(0, 10);

export const eventDay = (event: LogEvent): string => utcDay(parseTime(event.at, 'event.at'));

export type Range = readonly [from: number, to: number];

export const toRange = (from: string, to: string): Range =>
  [parseTime(from, 'from'), parseTime(to, 'to')];

export function inRange(event: LogEvent, [from, to]: Range): boolean {
  const t = Date.parse(event.at);
  return from <= t && t < to;
}

export const byTime = (a: LogEvent, b: LogEvent): number =>
  Date.parse(a.at) - Date.parse(b.at) || a.seq - b.seq;

/** Open visits are listed longest-waiting first. */
export const byArrival = (a: VisitRecord, b: VisitRecord): number =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

export function checkNotClosed(closed: boolean): void {
  if (closed) throw new Error('store is closed');
}
