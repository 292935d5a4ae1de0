// Copies a whole site from one Store into another, empty one (npm run migrate: lowdb to PostgreSQL and back),
// through the Store interface alone, so any pair of stores works. Records go across as stored, never
// re-derived: an erased visit stays erased, the log keeps its hashes. Visits and events go a day at a time,
// so years of history never sit in memory together. Then the target's log chain is verified and every
// count compared with the source's.
import { isDeepStrictEqual } from 'node:util';
import { verifyLogByDay } from '../server/domain/log.ts';
import type { LogEvent } from '../server/protocol.ts';
import type { DirectoryKind, LogHead, SiteSecrets, Store } from './store.ts';
import { copyMatters, mattersHeld } from './copy-matters.ts';

/** Why a copy was refused or does not match its source; the message is for the person running it. */
export class CopyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyError';
  }
}

// Every kind of Directory: the object's type makes the compiler name a kind added later and missing here.
const KINDS = Object.keys({
  users: 0, sessions: 0, hosts: 0, kiosks: 0, appointments: 0, watchlist: 0, marks: 0, departments: 0, pushSubscriptions: 0, settings: 0, alerts: 0, printers: 0,
} satisfies Record<DirectoryKind, 0>) as DirectoryKind[];

export type KindCounts = Record<DirectoryKind, number>;

export interface CopySummary {
  records: KindCounts;
  visits: number;
  visitDays: number;
  events: number;
  /** The newest event of the target's verified log; undefined for an empty log. */
  head?: Pick<LogHead, 'seq' | 'hash'>;
}

const DAY_MS = 86_400_000;
/** The UTC day's bounds as events(from, to) takes them. */
const dayRange = (day: string): [string, string] => {
  const from = `${day}T00:00:00.000Z`;
  return [from, new Date(Date.parse(from) + DAY_MS).toISOString()];
};

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

async function countRecords(store: Store): Promise<KindCounts> {
  const counts = {} as KindCounts;
  for (const kind of KINDS) counts[kind] = (await store.list(kind)).length;
  return counts;
}

/** Refuses a target that holds anything: copying into a site would mix two logs and two sets of keys. */
async function checkEmpty(target: Store): Promise<void> {
  const counts = await countRecords(target);
  const held = KINDS.filter((k) => counts[k] > 0).map((k) => `${k}: ${counts[k]}`);
  const [visitDays, eventDays] = [(await target.visitDays()).length, (await target.eventDays()).length];
  if (visitDays) held.push(`days of visits: ${visitDays}`);
  if (eventDays) held.push(`days of events: ${eventDays}`);
  held.push(...(await mattersHeld(target)));
  if (held.length) throw new CopyError(`the target is not empty (it holds ${held.join(', ')}): migrate into a new, empty store; nothing was written`);
}

/** The source's keys become the target's: badges, sessions and device tokens, ID hashes all stay valid. */
async function copySecrets(source: Store, target: Store): Promise<void> {
  const secrets = await source.secrets(() => {
    throw new CopyError('the source holds no site secrets: it is not a Foyer site that has ever started (check the --from location)');
  });
  const kept: SiteSecrets = await target.secrets(() => secrets);
  // A target that started once on its own made keys of its own: its secrets() hands those back instead.
  if (!isDeepStrictEqual(kept, secrets)) throw new CopyError('the target already has site secrets of its own: migrate into a new, empty store; nothing else was written');
}

/** Every directory record, kind by kind, in the source's order. These collections are small by design. */
async function copyDirectory(source: Store, target: Store): Promise<KindCounts> {
  const counts = {} as KindCounts;
  for (const kind of KINDS) {
    const records = await source.list(kind);
    for (const record of records) await target.put(kind, record);
    counts[kind] = records.length;
  }
  return counts;
}

/** Every visit, one site day at a time; returns how many each day holds (to compare afterwards). Each day's
 *  visits go in one after another: the stores keep a day's visits in the order they were put. The target
 *  derives its next visit numbers from the stored numbers, so no number is handed out again. */
async function copyVisits(source: Store, target: Store): Promise<Map<string, number>> {
  const perDay = new Map<string, number>();
  for (const day of await source.visitDays()) {
    const visits = await source.visitsOfDay(day);
    for (const visit of visits) await target.putVisit(visit);
    perDay.set(day, visits.length);
  }
  return perDay;
}

/** The whole log in order, one UTC day at a time; appendEvent checks each link as it goes. A day's appends are
 *  issued together: every store appends in call order (lowdb then shares one fsync among them), and a
 *  broken link still rejects. */
async function copyEvents(source: Store, target: Store): Promise<number> {
  let count = 0;
  for (const day of await source.eventDays()) {
    const events = await source.events(...dayRange(day));
    await Promise.all(events.map((event) => target.appendEvent(event)));
    count += events.length;
  }
  return count;
}

const headOf = (e: Pick<LogEvent, 'seq' | 'hash'> | undefined) => (e ? `#${e.seq} (hash ${e.hash.slice(0, 16)}…)` : 'none (an empty log)');

/** The target's chain whole and ending where the source's ends, with as many events as were copied. */
async function verifyLog(source: Store, target: Store, copied: number): Promise<LogEvent | undefined> {
  const { chain, last } = await verifyLogByDay(target);
  if (!chain.ok) throw new CopyError(`the copied log chain is broken at event #${chain.seq} (${chain.reason})`);
  const sourceLast = await source.lastEvent();
  if (last?.seq !== sourceLast?.seq || last?.hash !== sourceLast?.hash) {
    throw new CopyError(`the copied log ends at ${headOf(last)} but the source's at ${headOf(sourceLast)}: is a server still running on the source?`);
  }
  if (chain.count !== copied) throw new CopyError(`${copied} events were copied but the target's log holds ${chain.count}`);
  return last;
}

/** Each day's visits and each kind's records counted again on the target, against what the source gave. */
async function compareCounts(target: Store, perDay: Map<string, number>, records: KindCounts): Promise<void> {
  const stored = await countRecords(target);
  const kind = KINDS.find((k) => stored[k] !== records[k]);
  if (kind) throw new CopyError(`${kind}: the source holds ${records[kind]}, the target ${stored[kind]}`);
  const days = await target.visitDays();
  if (days.length !== perDay.size) throw new CopyError(`the source holds visits on ${perDay.size} days, the target on ${days.length}`);
  for (const day of days) {
    const [want, got] = [perDay.get(day), (await target.visitsOfDay(day)).length];
    if (want !== got) throw new CopyError(`visits of ${day}: the source holds ${want ?? 0}, the target ${got}`);
  }
}

/** Copies source into target (which must be empty) and checks the copy; throws a CopyError saying what differs. */
export async function copySite(source: Store, target: Store): Promise<CopySummary> {
  await checkEmpty(target);
  await copySecrets(source, target); // first: a lowdb store makes no keys of its own once it holds data
  try {
    const records = await copyDirectory(source, target);
    const perDay = await copyVisits(source, target);
    await copyMatters(source, target);
    const events = await copyEvents(source, target);
    const last = await verifyLog(source, target, events);
    await compareCounts(target, perDay, records);
    const visits = [...perDay.values()].reduce((sum, n) => sum + n, 0);
    return { records, visits, visitDays: perDay.size, events, head: last && { seq: last.seq, hash: last.hash } };
  } catch (e) {
    // The target now holds part of a site (or one that does not match): it is no target for another attempt.
    throw new CopyError(`${(e as Error).message}; the target holds an incomplete or unverified copy: do not start a server on it, empty it and migrate again`);
  }
}

/** The summary as one line, e.g. "3 users, 12 hosts, 1,234 visits on 40 days, 5,678 events; log verified to #5678 (hash abcd…)". */
export function describeCopy(done: CopySummary): string {
  const { records } = done;
  const what = `${plural(records.users, 'user')}, ${plural(records.hosts, 'host')}, ${plural(done.visits, 'visit')} on ${plural(done.visitDays, 'day')}, ${plural(done.events, 'event')}`;
  return `${what}; log verified to ${headOf(done.head)}`;
}
