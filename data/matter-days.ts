// Calls or cases for the lowdb store: one journal per site day (calls/YYYY-MM-DD.jsonl, cases/…), the ones still
// pending or open known in memory, and an open-index.json beside them (see open-index.ts) so that start-up replays
// only the newest day and the days of open records. A change appends one line; the index is rewritten only when
// the day rolls over or a record of an earlier day opens, never per change. Every method that writes runs inside
// the store's turn, and returns its durable write rather than awaiting it, so the next change joins the fsync.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DayLog } from './day-log.ts';
import { OpenIndex } from './open-index.ts';
import type { FileOps } from './durable-file.ts';
import { dayOfMatterId } from './matters.ts';

export class MatterDays<T extends { id: string; day: string }> {
  /** Records the index tracks (pending calls, open cases): id → day. */
  readonly open = new Map<string, string>();
  /** Days written since start-up that may now be worth compacting. */
  readonly #written = new Set<string>();

  private constructor(readonly days: DayLog<T>, readonly index: OpenIndex, readonly isOpen: (r: T) => boolean) {}

  static async open<T extends { id: string; day: string }>(folder: string, what: string, check: (x: unknown) => x is T,
    isOpen: (r: T) => boolean, files: FileOps | undefined, log: (line: string) => void): Promise<MatterDays<T>> {
    const indexFile = join(folder, 'open-index.json');
    const lost = !existsSync(indexFile);
    const kept = new MatterDays(new DayLog<T>(folder, what, check, files), await OpenIndex.open(indexFile, files), isOpen);
    if (lost) await kept.#rebuild(indexFile, log);
    await kept.#replay();
    return kept;
  }

  // The index lost: every day is read once, so no open record is silently forgotten.
  async #rebuild(file: string, log: (line: string) => void): Promise<void> {
    const known = this.days.known();
    if (!known.length) return; // a new folder: the first record writes the index
    const open: string[] = [];
    for (const name of known) {
      for (const r of (await this.days.load(name)).records.values()) if (this.isOpen(r)) open.push(r.id);
      this.days.trim(2, () => false);
    }
    await this.index.set(known.at(-1)!, open);
    log(`store: ${file} was missing; rebuilt from ${known.length} day files (${open.length} open)`);
  }

  async #replay(): Promise<void> {
    const recent = this.days.known().filter((d) => d >= this.index.day);
    const earlier = this.index.earlier.map((id) => dayOfMatterId(id) ?? '').filter(Boolean);
    for (const name of new Set([...earlier, ...recent])) {
      for (const r of (await this.days.find(name))?.records.values() ?? []) if (this.isOpen(r)) this.open.set(r.id, name);
    }
  }

  async get(id: string): Promise<T | undefined> {
    return (await this.days.find(dayOfMatterId(id) ?? ''))?.records.get(id);
  }

  /** Stores the record's new version; resolves (in an array, so it is not awaited by accident) with its durable write. */
  async stage(record: T): Promise<[Promise<void>]> {
    const name = record.day;
    const open = this.isOpen(record);
    if (name > this.index.day) {
      // A new day: the index first says where the earlier days' open records are, then the day may start.
      await this.index.set(name, [...this.open].filter(([, d]) => d < name).map(([id]) => id));
      await this.#compactDone(name);
    } else if (name < this.index.day && open && !this.index.earlier.includes(record.id)) {
      await this.index.set(this.index.day, [...this.index.earlier, record.id]);
    }
    const day = await this.days.load(name);
    if (open) this.open.set(record.id, name);
    else this.open.delete(record.id);
    this.#written.add(name);
    return [this.days.write(day, name, record)];
  }

  // Days before the new one that were written and hold nothing open keep one line per record from now on.
  async #compactDone(today: string): Promise<void> {
    const busy = new Set(this.open.values());
    for (const name of [...this.#written].filter((d) => d < today && !busy.has(d))) {
      const day = await this.days.find(name);
      if (day && day.lines > day.records.size) await this.days.compact(name);
      this.#written.delete(name);
    }
  }

  /** Rewrites these days to one line per record: superseded versions, and what an erasure removed, leave the disk. */
  async compact(names: Iterable<string>): Promise<void> {
    for (const name of new Set(names)) await this.days.compact(name);
  }

  /** A day's records in stored order (the stored objects: the caller copies what it hands out). */
  async ofDay(name: string): Promise<T[]> {
    return [...((await this.days.find(name))?.records.values() ?? [])];
  }

  /** The stored records the index holds, still open. */
  async openRecords(): Promise<T[]> {
    const found: T[] = [];
    for (const [id, name] of this.open) {
      const r = (await this.days.load(name)).records.get(id);
      if (r && this.isOpen(r)) found.push(r);
    }
    return found;
  }

  /** Keeps at most max idle days in memory, never the newest or one with an open record; inside the store's turn. */
  trim(max: number): void {
    const pinned = new Set(this.open.values());
    this.days.trim(max, (d) => d === this.index.day || pinned.has(d));
  }

  close(): Promise<void> {
    return this.days.close();
  }
}
