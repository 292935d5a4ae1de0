// Rules both stores share, so that memory and lowdb answer the same under the contract tests.
import type { LogEvent } from '../server/protocol.ts';
import { OPEN_STATUSES, type VisitRecord } from './store.ts';

// Records go in and out as copies, so no caller can change stored state behind the store's back. They are
// plain JSON data, so a plain deep copy does (five times faster than structuredClone, on every read).
export function copy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copy) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = copy((value as Record<string, unknown>)[key]);
    if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out as T;
}

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
  // Events are filed and read back by time: a time before the last would fork the order after a restart.
  if (last && Date.parse(event.at) < Date.parse(last.at)) throw new EventOrderError(last.at, event.at);
}

/** An event timed before the last one: the log's clock must not run backwards (see server/events.ts). */
export class EventOrderError extends Error {
  readonly code = 'event-order';
  constructor(last: string, got: string) {
    super(`event at ${got} is earlier than the last event (${last})`);
    this.name = 'EventOrderError';
  }
}

/** The sequence part of a visit number ("A-0042" → 42, "17" → 17); 0 when it has none. */
export function visitSequence(number: string): number {
  const m = /(\d+)$/.exec(number);
  return m ? Number(m[1]) : 0;
}

/** Applies an update() change to a copy; the stored record is untouched when it throws. */
export function applyChange<In, Out extends { id: string }>(current: In, id: string, change: (c: In) => Out | undefined): Out | undefined {
  const next = change(copy(current));
  if (next === undefined) return undefined;
  if ((next as unknown) instanceof Promise) throw new Error('an update change must be synchronous');
  if (next.id !== id) throw new Error(`an update change may not change the id (${id} → ${next.id})`);
  return copy(next);
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
  compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id);

/** Code-unit order: ISO times and ids sort right, without localeCompare's cost. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function checkNotClosed(closed: boolean): void {
  if (closed) throw new Error('store is closed');
}

/** A store's operations still running, so that close() can wait for them all. */
export class InFlight {
  readonly #pending = new Set<Promise<unknown>>();

  readonly track = <R>(operation: Promise<R>): Promise<R> => {
    this.#pending.add(operation);
    const done = () => this.#pending.delete(operation);
    operation.then(done, done);
    return operation;
  };

  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }
}

/** How stores compare invite codes: no separators, upper case (what normalizeInviteCode gives for a real code). */
export const codeKey = (code: string): string => code.replace(/[^0-9a-z]/gi, '').toUpperCase();

/** The UTC days an event of a visit of this site day is filed under: the day itself, and one either side for the time zone. */
export function eventDaysOfVisit(day: string): string[] {
  const t = Date.parse(`${day}T12:00:00Z`);
  return [-1, 0, 1].map((d) => utcDay(t + d * 86_400_000));
}
