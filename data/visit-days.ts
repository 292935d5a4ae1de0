// Visits for the lowdb store: one journal per day (visits/YYYY-MM-DD.jsonl), the open ones known in
// memory, open-index.json kept so start-up replays only the newest day and the days of open visits.
// Every method that writes runs inside the store's turn (see lowdb-store.ts); the durable part of a
// write is returned, not awaited, so the next change can join the same fsync.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { VisitQuery, VisitRecord } from './store.ts';
import { DayLog, type Day } from './day-log.ts';
import { OpenIndex } from './open-index.ts';
import type { FileOps } from './durable-file.ts';
import { isRecord } from './json-doc.ts';
import { dayOfVisitId, isOpen, visitSequence } from './rules.ts';
import { searchSummary, summaryOf, VisitSummaries } from './visit-summaries.ts';

const isVisit = (x: unknown): x is VisitRecord =>
  isRecord(x) && typeof x.id === 'string' && typeof x.day === 'string' && typeof x.status === 'string';

const requestKey = (createdBy: string, requestId: string) => `${createdBy} ${requestId}`;

export class VisitDays {
  /** Open visits: id → day (change it only through #markOpen). */
  readonly open = new Map<string, string>();
  /** How many open visits each day holds: such days stay in memory. */
  readonly #openPerDay = new Map<string, number>();
  readonly #lastNumber = new Map<string, number>();
  /** Per day, built on first use: (createdBy, requestId) → visit id, so a retried registration is found at once. */
  readonly #requests = new Map<string, Map<string, string>>();

  private constructor(readonly days: DayLog<VisitRecord>, readonly index: OpenIndex, readonly summaries: VisitSummaries) {}

  static async open(dir: string, files: FileOps | undefined, log: (line: string) => void): Promise<VisitDays> {
    const days = new DayLog<VisitRecord>(join(dir, 'visits'), 'visit', isVisit, files);
    const indexFile = join(dir, 'open-index.json');
    const lost = !existsSync(indexFile);
    const visits = new VisitDays(days, await OpenIndex.open(indexFile, files), new VisitSummaries(join(dir, 'visits'), files));
    if (lost) await visits.#rebuild(log);
    await visits.#replay();
    return visits;
  }

  // open-index.json lost: every day is read once, so the on-site list is never silently empty.
  async #rebuild(log: (line: string) => void): Promise<void> {
    const known = this.days.known();
    const open: string[] = [];
    for (const name of known) {
      const day = await this.days.load(name);
      open.push(...[...day.records.values()].filter(isOpen).map((v) => v.id));
      this.days.trim(2, () => false);
    }
    await this.index.set(known.at(-1) ?? '', open);
    if (known.length) log(`store: open-index.json was missing; rebuilt from ${known.length} day files (${open.length} open visits)`);
  }

  async #replay(): Promise<void> {
    const recent = this.days.known().filter((d) => d >= this.index.day);
    const earlier = this.index.earlier.map((id) => dayOfVisitId(id)).filter((d): d is string => Boolean(d));
    for (const name of new Set([...earlier, ...recent])) {
      const day = await this.days.find(name);
      for (const v of day?.records.values() ?? []) if (isOpen(v)) this.#markOpen(v.id, name, true);
    }
  }

  get(id: string): Promise<VisitRecord | undefined> {
    return this.days.find(dayOfVisitId(id) ?? '').then((day) => day?.records.get(id));
  }

  /** Stores the visit's new version; resolves (in an array, so it is not awaited by accident) with its durable write. */
  async stage(record: VisitRecord): Promise<[Promise<void>]> {
    const name = record.day;
    if (name > this.index.day) {
      // A new day: the index first says where the earlier days' open visits are, then the day may start.
      const finished = this.index.day;
      await this.index.set(name, [...this.open].filter(([, d]) => d < name).map(([id]) => id));
      await this.#compactClosedDays(name);
      if (finished) await this.summaries.write(finished, (await this.days.load(finished)).records.values());
    } else if (name < this.index.day && isOpen(record) && !this.index.earlier.includes(record.id)) {
      await this.index.set(this.index.day, [...this.index.earlier, record.id]);
    }
    const day = await this.days.load(name);
    if (name < this.index.day && !day.records.has(record.id)) await this.summaries.forget(name);
    this.#markOpen(record.id, name, isOpen(record));
    if (record.requestId) this.#requests.get(name)?.set(requestKey(record.createdBy, record.requestId), record.id);
    return [this.days.write(day, name, record)];
  }

  async byRequest(name: string, createdBy: string, requestId: string): Promise<VisitRecord | undefined> {
    const day = await this.days.find(name);
    if (!day) return undefined;
    let index = this.#requests.get(name);
    if (!index) {
      index = new Map([...day.records.values()].flatMap((v) => (v.requestId ? [[requestKey(v.createdBy, v.requestId), v.id] as const] : [])));
      this.#requests.set(name, index);
      for (const older of this.#requests.keys()) if (older < name) this.#requests.delete(older); // only the newest day is retried
    }
    const id = index.get(requestKey(createdBy, requestId));
    return id ? day.records.get(id) : undefined;
  }

  // Days before the new one whose visits are all closed keep one line per visit from now on.
  async #compactClosedDays(today: string): Promise<void> {
    for (const name of this.days.known().filter((d) => d < today && !this.#openPerDay.has(d)).slice(-2)) {
      const day = await this.days.find(name);
      if (day && day.lines > day.records.size) await this.days.compact(name);
    }
  }

  /** Rewrites the days of these visits to one line per visit: superseded versions, and what an erasure removed, leave the disk. */
  async compactDaysOf(ids: string[]): Promise<void> {
    for (const name of new Set(ids.map((id) => dayOfVisitId(id) ?? '').filter(Boolean))) {
      await this.days.compact(name);
      if (name !== this.index.day) await this.summaries.write(name, (await this.days.load(name)).records.values());
    }
  }

  /** Ids of the visits of days fromDay..toDay that match, newest day first searched in memory. */
  async search(fromDay: string, toDay: string, query: VisitQuery): Promise<string[]> {
    const found: string[] = [];
    for (const name of this.days.known().filter((d) => d >= fromDay && d <= toDay)) {
      const summary = name === this.index.day
        ? summaryOf((await this.days.load(name)).records.values())
        : await this.summaries.get(name, async () => (await this.days.load(name)).records.values());
      found.push(...searchSummary(summary, query));
    }
    return found;
  }

  /** Reads every finished day's summary in the background, so the first search over years is fast too; resolves
   *  with the number of days read (0 when stopped). */
  async warm(stop: () => boolean): Promise<number> {
    const days = this.days.known().filter((d) => d < this.index.day);
    for (const name of days) {
      if (stop()) return 0;
      await this.summaries.get(name, async () => (await this.days.load(name)).records.values()).catch(() => undefined);
      await new Promise((r) => setImmediate(r));
    }
    return days.length;
  }

  async nextNumber(name: string): Promise<number> {
    let last = this.#lastNumber.get(name);
    if (last === undefined) {
      const day = await this.days.find(name);
      last = [...(day?.records.values() ?? [])].reduce((max, v) => Math.max(max, visitSequence(v.number)), 0);
    }
    this.#lastNumber.set(name, last + 1);
    return last + 1;
  }

  /** The stored open visits that pick chooses (not copied: the caller copies what it hands out). */
  async openRecords(pick?: (visit: Readonly<VisitRecord>) => boolean): Promise<VisitRecord[]> {
    const days = new Map<string, Map<string, VisitRecord>>();
    for (const name of [...this.#openPerDay.keys()]) days.set(name, (await this.days.load(name)).records);
    const found: VisitRecord[] = [];
    for (const [id, name] of this.open) {
      const visit = days.get(name)?.get(id);
      if (visit && isOpen(visit) && (!pick || pick(visit))) found.push(visit);
    }
    return found;
  }

  async ofDay(name: string): Promise<VisitRecord[]> {
    return [...((await this.days.find(name))?.records.values() ?? [])];
  }

  /** Keeps at most max idle days in memory, never today's or one with an open visit. */
  trim(max: number): void {
    this.days.trim(max, (d) => d === this.index.day || this.#openPerDay.has(d));
  }

  #markOpen(id: string, day: string, open: boolean): void {
    const was = this.open.get(id);
    if (was === (open ? day : undefined)) return;
    if (was !== undefined) {
      const left = (this.#openPerDay.get(was) ?? 1) - 1;
      if (left > 0) this.#openPerDay.set(was, left);
      else this.#openPerDay.delete(was);
      this.open.delete(id);
    }
    if (open) {
      this.open.set(id, day);
      this.#openPerDay.set(day, (this.#openPerDay.get(day) ?? 0) + 1);
    }
  }

  close(): Promise<void> {
    return this.days.close();
  }
}

export type { Day };
