// The embedded default Store: JSON files under one data directory, kept small so check-ins stay fast.
// Layout: directory.json, visits/YYYY-MM-DD.json (by visit.day), events/YYYY-MM-DD.json (by the UTC
// day of event.at), open-index.json, log-head.json, secrets.json, foyer.lock; the directory is 0700,
// its files 0600, and every write is durable (fsync) before it is answered. Start-up reads the directory,
// the index, the newest visits and events days and the days of open visits; other days load on use.
// lastEvent() after a restart is the end of the newest events file: event.at must not run backwards.
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEvent } from '../server/protocol.ts';
import type { Change, SiteSecrets, Store, VisitRecord } from './store.ts';
import { DayFiles, type Day } from './day-files.ts';
import { acquireLock } from './lock.ts';
import { OpenIndex } from './open-index.ts';
import { openDirectory, readSecrets } from './site-files.ts';
import { LogHeadFile } from './log-head.ts';
import { DIR_MODE, type FileOps } from './durable-file.ts';
import {
  applyChange, byArrival, byTime, checkDay, copy, checkNext, checkNotClosed, checkVisit, dayOfVisitId, eventDay, inRange,
  isOpen, toRange, utcDay, visitSequence,
} from './rules.ts';

export interface LowdbOptions {
  /** Days per folder kept in memory after use; the newest day and days of open visits always stay. */
  cacheDays?: number;
  /** The file calls durable writes use (tests wrap them). */
  files?: FileOps;
  /** Where the store reports what it repaired at start-up. */
  log?: (line: string) => void;
  /** Make new site keys even though the directory holds data (FOYER_ACCEPT_NEW_SECRETS). */
  acceptNewSecrets?: boolean;
}

export async function openLowdbStore(dir: string, options: LowdbOptions = {}): Promise<Store> {
  for (const folder of [dir, join(dir, 'visits'), join(dir, 'events')]) {
    mkdirSync(folder, { recursive: true, mode: DIR_MODE });
    chmodSync(folder, DIR_MODE); // also a folder made by an older version
  }
  const release = acquireLock(dir);
  try {
    return await assemble(dir, options, release);
  } catch (e) {
    release();
    throw e;
  }
}

// Forgets ids whose visit is closed or was never written: a crash between the two writes leaves them.
async function forgetClosed(index: OpenIndex, visits: DayFiles<VisitRecord>): Promise<void> {
  for (const id of [...index.ids]) {
    const day = await visits.find(dayOfVisitId(id) ?? '');
    const visit = day?.get(id);
    if (!visit || !isOpen(visit)) index.forget(id);
  }
}

// open-index.json lost: the open visits are found again in the day files, never assumed to be none.
async function rebuildIndex(index: OpenIndex, visits: DayFiles<VisitRecord>, cacheDays: number, log: (line: string) => void): Promise<void> {
  const open: string[] = [];
  for (const day of visits.known()) {
    open.push(...(await visits.load(day)).items.filter(isOpen).map((v) => v.id));
    visits.trim(cacheDays, () => false);
  }
  await index.rebuild(open);
  log(`store: open-index.json was missing; rebuilt from ${visits.known().length} day files (${open.length} open visits)`);
}

async function assemble(dir: string, options: LowdbOptions, release: () => void): Promise<Store> {
  const { cacheDays = 31, files, log = () => undefined } = options;
  const directory = await openDirectory(join(dir, 'directory.json'), files);
  const indexFile = join(dir, 'open-index.json');
  const indexLost = !existsSync(indexFile);
  const index = await OpenIndex.open(indexFile, files);
  const visits = new DayFiles<VisitRecord>(join(dir, 'visits'), 'visits', files);
  const events = new DayFiles<LogEvent>(join(dir, 'events'), 'events', files);
  const logHead = await LogHeadFile.open(join(dir, 'log-head.json'), files);
  if (indexLost) {
    if (visits.known().length) await rebuildIndex(index, visits, cacheDays, log);
    else await index.rebuild([]); // a new site starts with an index file, so that a lost one is noticed
  }
  if (visits.latest) await visits.load(visits.latest);
  let last = events.latest ? (await events.load(events.latest)).items.at(-1) : undefined;
  await forgetClosed(index, visits);
  const holdsData = () => visits.known().length > 0 || events.known().length > 0 || Object.values(directory.data).some((rows) => rows.length > 0);

  let secrets: Promise<SiteSecrets> | undefined;
  let closed = false;
  const live = () => checkNotClosed(closed);

  // Changes run one at a time in call order; their file writes overlap (steno keeps the latest).
  let tail: Promise<unknown> = Promise.resolve();
  const inTurn = <R>(change: () => Promise<R>): Promise<R> => {
    const run = tail.then(change);
    tail = run.catch(() => undefined);
    return run;
  };
  // close() waits for every operation still in flight.
  const pending = new Set<Promise<unknown>>();
  const track = <R>(operation: Promise<R>): Promise<R> => {
    pending.add(operation);
    const done = () => pending.delete(operation);
    operation.then(done, done);
    return operation;
  };
  // Only inside a turn: no change is then between loading a day and starting its write.
  const trim = () => {
    const openDays = index.days();
    visits.trim(cacheDays, (day) => openDays.has(day));
    events.trim(cacheDays, () => false);
  };
  const trimSoon = () => void inTurn(async () => trim());

  // Inside a turn: the id goes into the open index before any day file holds it open. The save is
  // returned in an array, not awaited: the turn ends and the next change can join the same fsync.
  async function stage(day: Day<VisitRecord>, record: VisitRecord): Promise<[Promise<void>]> {
    if (isOpen(record)) await index.add(record.id);
    day.upsert(record);
    return [day.save()];
  }

  // After the day file is on disk: only now may a closed visit leave the index.
  async function settle(record: VisitRecord): Promise<void> {
    if (!index.has(record.id)) return;
    const current = (await visits.load(record.day)).get(record.id);
    if (current && !isOpen(current)) await index.drop(record.id);
  }

  async function putVisit(record: VisitRecord): Promise<void> {
    const [saved] = await inTurn(async () => {
      trim();
      return stage(await visits.load(record.day), record);
    });
    await saved;
    await settle(record);
  }

  async function updateVisit(id: string, change: Change<VisitRecord, VisitRecord>): Promise<VisitRecord | undefined> {
    const [saved, stored] = await inTurn(async () => {
      trim();
      const day = await visits.find(dayOfVisitId(id) ?? '');
      const current = day?.get(id);
      if (!day || !current) return [undefined, undefined];
      const next = applyChange(current, id, change);
      if (!next) return [undefined, current];
      checkVisit(next);
      const [save] = await stage(day, next);
      return [save, next];
    });
    if (saved) {
      await saved;
      await settle(stored!);
    }
    return copy(stored);
  }

  // The last number handed out per day; a day's first call starts above every stored visit's number.
  const lastNumber = new Map<string, number>();
  function nextVisitNumber(day: string): Promise<number> {
    return inTurn(async () => {
      let last = lastNumber.get(day);
      if (last === undefined) {
        const stored = (await visits.find(day))?.items ?? [];
        last = stored.reduce((max, v) => Math.max(max, visitSequence(v.number)), 0);
      }
      lastNumber.set(day, last + 1);
      return last + 1;
    });
  }

  async function appendEvent(event: LogEvent): Promise<void> {
    const [saved] = await inTurn(async () => {
      trim();
      checkNext(last, event);
      const day = await events.load(eventDay(event));
      day.append(event);
      last = event;
      return [day.save()];
    });
    await saved;
    // Not awaited by the caller: a head behind the events after a crash is harmless, one ahead would not be.
    track(logHead.advance(event)).catch((e: Error) => log(`store: log-head.json not written: ${e.message}`));
  }

  async function eventsBetween(from: string, to: string): Promise<LogEvent[]> {
    const range = toRange(from, to);
    if (range[1] <= range[0]) return [];
    const [first, lastDay] = [utcDay(range[0]), utcDay(range[1] - 1)];
    const found: LogEvent[] = [];
    for (const day of events.known().filter((d) => d >= first && d <= lastDay)) {
      found.push(...(await events.load(day)).items.filter((e) => inRange(e, range)));
      trimSoon(); // a year's range passes through the cache instead of filling it
    }
    return found.sort(byTime).map(copy);
  }

  return {
    async get(kind, id) {
      live();
      return copy(directory.data[kind].find((r) => r.id === id));
    },
    async list(kind) {
      live();
      return directory.data[kind].map(copy);
    },
    async put(kind, record) {
      live();
      const rows = directory.data[kind];
      const at = rows.findIndex((r) => r.id === record.id);
      if (at === -1) rows.push(copy(record));
      else rows[at] = copy(record);
      await track(directory.write());
    },
    async remove(kind, id) {
      live();
      const rows = directory.data[kind];
      const at = rows.findIndex((r) => r.id === id);
      if (at === -1) return;
      rows.splice(at, 1);
      await track(directory.write());
    },
    async update(kind, id, change) {
      live();
      // Read, change and replace in one synchronous step: no other call runs in between.
      const rows = directory.data[kind];
      const at = rows.findIndex((r) => r.id === id);
      const next = applyChange(at === -1 ? undefined : rows[at], id, change);
      if (!next) return copy(rows[at]);
      if (at === -1) rows.push(next);
      else rows[at] = next;
      await track(directory.write());
      return copy(next);
    },
    async insert(kind, record, clashes) {
      live();
      const rows = directory.data[kind];
      if (rows.some((r) => r.id === record.id || (clashes?.(copy(r)) ?? false))) return false;
      rows.push(copy(record));
      await track(directory.write());
      return true;
    },

    async getVisit(id) {
      live();
      const day = await visits.find(dayOfVisitId(id) ?? '');
      trimSoon();
      return copy(day?.get(id));
    },
    async putVisit(visit) {
      live();
      checkVisit(visit);
      await track(putVisit(copy(visit)));
    },
    async updateVisit(id, change) {
      live();
      return track(updateVisit(id, change));
    },
    async nextVisitNumber(day) {
      live();
      return track(nextVisitNumber(checkDay(day)));
    },
    async visitDays() {
      live();
      return visits.known();
    },
    async openVisits() {
      live();
      const found: VisitRecord[] = [];
      for (const id of [...index.ids]) {
        const visit = (await visits.find(dayOfVisitId(id) ?? ''))?.get(id);
        if (visit && isOpen(visit)) found.push(visit);
      }
      return found.sort(byArrival).map(copy);
    },
    async visitsOfDay(day) {
      live();
      const found = await visits.find(checkDay(day));
      trimSoon();
      return found ? found.items.map(copy) : [];
    },

    async appendEvent(event) {
      live();
      eventDay(event);
      await track(appendEvent(copy(event)));
    },
    async lastEvent() {
      live();
      return copy(last);
    },
    async anchoredHead() {
      live();
      return copy(logHead.head);
    },
    async events(from, to) {
      live();
      return eventsBetween(from, to);
    },

    async secrets(make) {
      live();
      secrets ??= track(readSecrets(join(dir, 'secrets.json'), make, options.acceptNewSecrets || !holdsData(), files));
      secrets.catch(() => (secrets = undefined));
      return copy(await secrets);
    },
    async close() {
      if (closed) return;
      closed = true;
      while (pending.size > 0) await Promise.allSettled([...pending]);
      await tail;
      release();
    },
  };
}
