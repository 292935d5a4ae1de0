// The embedded default Store: readable files under one data directory, where one change costs the same
// at visit 10 and at visit 10,000. lowdb keeps the small documents (directory.json: staff, sessions,
// hosts, kiosks, watchlist, marks; open-index.json; log-head.json; secrets.json). What grows is
// appended as JSON lines, one journal per day: visits/ (by the visit's site day), events/ (by the
// UTC day of event.at), appointments/ (by the start's UTC day, with an index of ids and codes).
// Every write is durable (fsync) before it is answered, writes that meet share an fsync, the folder
// is 0700 and its files 0600, and foyer.lock keeps a second server out. Start-up reads the small
// documents, the newest visits day, the days of open visits, the invitation index and the last event.
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Appointment, LogEvent } from '../server/protocol.ts';
import type { Change, Directory, DirectoryKind, SiteSecrets, Store, VisitRecord } from './store.ts';
import { acquireLock } from './lock.ts';
import { openDirectory, readSecrets } from './site-files.ts';
import { LogHeadFile } from './log-head.ts';
import { DIR_MODE, type FileOps } from './durable-file.ts';
import { VisitDays } from './visit-days.ts';
import { AppointmentDays } from './appointment-days.ts';
import { EventLog } from './event-log.ts';
import { upgradeDataDir } from './upgrade.ts';
import { bookAttempts } from './attempt-book.ts';
import { openLowdbMatters } from './lowdb-matters.ts';
import {
  applyChange, byArrival, byTime, checkDay, codeKey, copy, checkNext, checkNotClosed, checkVisit, dayOfVisitId, eventDay,
  eventDaysOfVisit, InFlight, inRange, toRange, utcDay,
} from './rules.ts';

export interface LowdbOptions {
  /** Visit days kept in memory after use; the newest day and days of open visits always stay. */
  cacheDays?: number;
  /** The file calls durable writes use (tests wrap them). */
  files?: FileOps;
  /** Where the store reports what it repaired or upgraded at start-up. */
  log?: (line: string) => void;
  /** Make new site keys even though the directory holds data (FOYER_ACCEPT_NEW_SECRETS). */
  acceptNewSecrets?: boolean;
}

const ownFolder = (folder: string) => {
  mkdirSync(folder, { recursive: true, mode: DIR_MODE });
  chmodSync(folder, DIR_MODE); // also a folder made by an older version
};

export async function openLowdbStore(dir: string, options: LowdbOptions = {}): Promise<Store> {
  ownFolder(dir);
  const release = acquireLock(dir);
  try {
    await upgradeDataDir(dir, options.log ?? (() => undefined));
    for (const folder of ['visits', 'events', 'appointments', 'calls', 'cases']) ownFolder(join(dir, folder));
    return await assemble(dir, options, release);
  } catch (e) {
    release();
    throw e;
  }
}

type SmallKind = Exclude<DirectoryKind, 'appointments'>;
const isSmall = (kind: DirectoryKind): kind is SmallKind => kind !== 'appointments';

async function assemble(dir: string, options: LowdbOptions, release: () => void): Promise<Store> {
  const { cacheDays = 7, files, log = () => undefined } = options;
  const directory = await openDirectory(join(dir, 'directory.json'), files);
  const visits = await VisitDays.open(dir, files, log);
  const appointments = await AppointmentDays.open(dir, files);
  const events = await EventLog.open(join(dir, 'events'), files);
  const logHead = await LogHeadFile.open(join(dir, 'log-head.json'), files);
  const holdsData = () => visits.days.known().length > 0 || events.known().length > 0 || appointments.count > 0 || matters.holdsData() ||
    Object.values(directory.data).some((rows) => rows.length > 0);

  let secrets: Promise<SiteSecrets> | undefined;
  // Brute-force counts stay in memory: foyer.lock lets one process own the directory, so no other server shares
  // them, and each call runs synchronously, one atomic step. A restart forgets them (as it did before the store kept them).
  let closed = false;
  const live = () => checkNotClosed(closed);
  // The first search over years should not wait for years of summaries: they are read in the background.
  const warmStart = performance.now();
  const warming = visits.warm(() => closed).then(
    (days) => { if (days) log(`store: ${days} days of visit summaries read in ${((performance.now() - warmStart) / 1000).toFixed(1)} s`); },
    (e: Error) => log(`store: visit summaries not read: ${e.message}`));

  // Changes run one at a time in call order; a turn stages its writes and returns them un-awaited,
  // so the next change can join the same fsync.
  let tail: Promise<unknown> = Promise.resolve();
  const inTurn = <R>(change: () => Promise<R>): Promise<R> => {
    const run = tail.then(change);
    tail = run.catch(() => undefined);
    return run;
  };
  // close() waits for every operation still in flight.
  const inFlight = new InFlight();
  const track = inFlight.track;
  // Only inside a turn: no change is then between loading a day and appending to it.
  const trimSoon = () => void inTurn(async () => {
    visits.trim(cacheDays);
    appointments.trim(cacheDays);
  });
  const matters = await openLowdbMatters(dir, { inTurn, track, live, files, log, cacheDays });

  async function changeVisit(id: string, change: Change<VisitRecord, VisitRecord>): Promise<VisitRecord | undefined> {
    const [saved, stored] = await inTurn(async (): Promise<[Promise<void> | undefined, VisitRecord | undefined]> => {
      visits.trim(cacheDays);
      const current = await visits.get(id);
      if (!current) return [undefined, undefined];
      const next = applyChange(current, id, change);
      if (!next) return [undefined, current];
      checkVisit(next);
      const [save] = await visits.stage(next);
      return [save, next];
    });
    await saved;
    return copy(stored);
  }

  async function changeAppointment(id: string, change: Change<Appointment | undefined, Appointment>): Promise<Appointment | undefined> {
    const [saved, stored] = await inTurn(async (): Promise<[Promise<void> | undefined, Appointment | undefined]> => {
      const current = await appointments.get(id);
      const next = applyChange(current, id, change);
      if (!next) return [undefined, current];
      const [save] = await appointments.stage(next);
      return [save, next];
    });
    await saved;
    return copy(stored);
  }

  async function appendEvent(event: LogEvent): Promise<void> {
    const [saved] = await inTurn(async () => {
      checkNext(events.last, event);
      const day = eventDay(event);
      await events.startDay(day);
      return [events.append(event, day)];
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
      for (const e of await events.day(day)) if (inRange(e, range)) found.push(e);
    }
    return found.sort(byTime).map(copy);
  }

  // One list per small kind; typed loosely here, each method hands records back as their kind.
  const rowsOf = (kind: SmallKind) => directory.data[kind] as Array<{ id: string }>;

  const store: Store = {
    async get(kind, id) {
      live();
      if (!isSmall(kind)) {
        const found = await appointments.get(id);
        trimSoon();
        return copy(found) as Directory[typeof kind] | undefined;
      }
      return copy(rowsOf(kind).find((r) => r.id === id)) as Directory[typeof kind] | undefined;
    },
    async list(kind) {
      live();
      if (!isSmall(kind)) return (await inTurn(() => appointments.all())).map(copy) as Directory[typeof kind][];
      return rowsOf(kind).map(copy) as Directory[typeof kind][];
    },
    async put(kind, record) {
      live();
      if (!isSmall(kind)) {
        await changeAppointment(record.id, () => record as Appointment);
        return;
      }
      const rows = rowsOf(kind);
      const at = rows.findIndex((r) => r.id === record.id);
      if (at === -1) rows.push(copy(record));
      else rows[at] = copy(record);
      await track(directory.write());
    },
    async remove(kind, id) {
      live();
      if (!isSmall(kind)) {
        const [saved] = await inTurn(() => appointments.stageRemoval(id));
        await track(saved);
        return;
      }
      const rows = rowsOf(kind);
      const at = rows.findIndex((r) => r.id === id);
      if (at === -1) return;
      rows.splice(at, 1);
      await track(directory.write());
    },
    async update(kind, id, change, rule) {
      live();
      if (rule && !isSmall(kind)) throw new Error(`update(${kind}) with a rule would read every record; only small kinds take one`);
      if (!isSmall(kind)) return track(changeAppointment(id, change as Change<Appointment | undefined, Appointment>)) as Promise<Directory[typeof kind] | undefined>;
      // Read, change and replace in one synchronous step: no other call runs in between.
      const rows = rowsOf(kind);
      const at = rows.findIndex((r) => r.id === id);
      const next = applyChange(at === -1 ? undefined : rows[at], id, change as Change<unknown, { id: string }>);
      if (!next) return copy(rows[at]) as Directory[typeof kind] | undefined;
      if (rule) (rule as (next: unknown, others: unknown[]) => void)(copy(next), rows.filter((r) => r.id !== id).map(copy));
      if (at === -1) rows.push(next);
      else rows[at] = next;
      await track(directory.write());
      return copy(next) as Directory[typeof kind];
    },
    async insert(kind, record, clashes) {
      live();
      if (!isSmall(kind)) {
        // Invite codes are unique by the store's own index; a rule that would read every invitation is refused.
        if (clashes) throw new Error('insert(appointments) keeps invite codes unique itself; pass no clash rule');
        const [saved] = await inTurn(async () => (appointments.clashes(record as Appointment) ? [undefined] : appointments.stage(copy(record as Appointment))));
        if (!saved) return false;
        await track(saved);
        trimSoon(); // invitations for many days ahead must not keep them all open
        return true;
      }
      const rows = rowsOf(kind);
      if (rows.some((r) => r.id === record.id || (clashes?.(copy(r) as Directory[typeof kind]) ?? false))) return false;
      rows.push(copy(record));
      await track(directory.write());
      return true;
    },
    async appointmentsStarting(fromDay, toDay) {
      live();
      return (await inTurn(() => appointments.between(fromDay, toDay))).map(copy);
    },
    async appointmentByCode(code) {
      live();
      const id = appointments.idOfCode(codeKey(code));
      const found = id ? await appointments.get(id) : undefined;
      trimSoon();
      return copy(found);
    },

    async getVisit(id) {
      live();
      const visit = await visits.get(id);
      trimSoon();
      return copy(visit);
    },
    async putVisit(visit) {
      live();
      checkVisit(visit);
      const [saved] = await inTurn(async () => {
        visits.trim(cacheDays);
        return visits.stage(copy(visit));
      });
      await track(saved);
    },
    async updateVisit(id, change) {
      live();
      return track(changeVisit(id, change));
    },
    async nextVisitNumber(day) {
      live();
      return track(inTurn(() => visits.nextNumber(checkDay(day))));
    },
    async visitDays() {
      live();
      return [...visits.days.known()];
    },
    async visitByRequest(day, createdBy, requestId) {
      live();
      return copy(await visits.byRequest(checkDay(day), createdBy, requestId));
    },
    async forgetOldVersions(kind, ids) {
      live();
      await track(inTurn(() => (kind === 'visits' ? visits.compactDaysOf(ids) : appointments.compactDaysOf(ids))));
    },
    async openVisits(pick) {
      live();
      return (await visits.openRecords(pick)).sort(byArrival).map(copy);
    },
    async visitsOfDay(day) {
      live();
      const found = await visits.ofDay(checkDay(day));
      trimSoon();
      return found.map(copy);
    },

    async appendEvent(event) {
      live();
      eventDay(event);
      await track(appendEvent(copy(event)));
    },
    async lastEvent() {
      live();
      return copy(events.last);
    },
    async anchoredHead() {
      live();
      return copy(logHead.head);
    },
    async eventDays() {
      live();
      return [...events.known()];
    },
    async findVisits(fromDay, toDay, query) {
      live();
      return visits.search(fromDay, toDay, query);
    },
    async eventsOfVisits(ids, from, to) {
      live();
      const range = toRange(from, to);
      const [first, last] = [utcDay(range[0]), utcDay(Math.max(range[0], range[1] - 1))];
      // Each UTC day is asked only for the visits whose events it may hold.
      const byDay = new Map<string, Set<string>>();
      for (const id of ids) {
        for (const d of eventDaysOfVisit(dayOfVisitId(id) ?? '1970-01-01')) {
          if (d < first || d > last) continue;
          const set = byDay.get(d) ?? new Set<string>();
          byDay.set(d, set.add(id));
        }
      }
      const found = await events.ofVisits(byDay);
      return found.filter((e) => inRange(e, range)).sort(byTime).map(copy);
    },
    async events(from, to) {
      live();
      return eventsBetween(from, to);
    },

    ...bookAttempts(live),
    ...matters.methods,

    async secrets(make) {
      live();
      secrets ??= track(readSecrets(join(dir, 'secrets.json'), make, options.acceptNewSecrets || !holdsData(), files));
      secrets.catch(() => (secrets = undefined));
      return copy(await secrets);
    },
    async close() {
      if (closed) return;
      closed = true;
      await inFlight.settled();
      await tail;
      await warming;
      await Promise.all([visits.close(), appointments.close(), events.close(), matters.close()]);
      release();
    },
  };
  return store;
}
