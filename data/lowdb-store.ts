// The embedded default Store: JSON files under one data directory, kept small so check-ins stay fast.
// Layout: directory.json, visits/YYYY-MM-DD.json (by visit.day), events/YYYY-MM-DD.json (by the UTC
// day of event.at), open-index.json, secrets.json (0600), foyer.lock. Start-up reads the directory,
// the index, the newest visits and events days and the days of open visits; other days load on use.
// lastEvent() after a restart is the end of the newest events file: event.at must not run backwards.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEvent } from '../server/protocol.ts';
import type { SiteSecrets, Store, VisitRecord } from './store.ts';
import { DayFiles } from './day-files.ts';
import { acquireLock } from './lock.ts';
import { OpenIndex } from './open-index.ts';
import { openDirectory, readSecrets } from './site-files.ts';
import {
  byArrival, byTime, checkDay, copy, checkNext, checkNotClosed, checkVisit, dayOfVisitId, eventDay, inRange,
  isOpen, toRange, utcDay,
} from './rules.ts';

export interface LowdbOptions {
  /** Days per folder kept in memory after use; the newest day and days of open visits always stay. */
  cacheDays?: number;
}

export async function openLowdbStore(dir: string, options: LowdbOptions = {}): Promise<Store> {
  mkdirSync(join(dir, 'visits'), { recursive: true });
  mkdirSync(join(dir, 'events'), { recursive: true });
  const release = acquireLock(dir);
  try {
    return await assemble(dir, options.cacheDays ?? 31, release);
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

async function assemble(dir: string, cacheDays: number, release: () => void): Promise<Store> {
  const directory = await openDirectory(join(dir, 'directory.json'));
  const index = await OpenIndex.open(join(dir, 'open-index.json'));
  const visits = new DayFiles<VisitRecord>(join(dir, 'visits'), 'visits');
  const events = new DayFiles<LogEvent>(join(dir, 'events'), 'events');
  if (visits.latest) await visits.load(visits.latest);
  let last = events.latest ? (await events.load(events.latest)).items.at(-1) : undefined;
  await forgetClosed(index, visits);

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

  async function putVisit(record: VisitRecord): Promise<void> {
    const [saved] = await inTurn(async () => {
      trim();
      const day = await visits.load(record.day);
      if (isOpen(record)) await index.add(record.id); // on disk before any day file that holds it open
      day.upsert(record);
      return [day.save()];
    });
    await saved;
    if (!index.has(record.id)) return;
    const current = (await visits.load(record.day)).get(record.id);
    if (current && !isOpen(current)) await index.drop(record.id); // only now: the day file says closed
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
    async events(from, to) {
      live();
      return eventsBetween(from, to);
    },

    async secrets(make) {
      live();
      secrets ??= track(readSecrets(join(dir, 'secrets.json'), make));
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
