// Records kept per day as journals (visits/, appointments/): a change appends the record's new version;
// replaying a day keeps the last version of each id. Days load on demand and leave memory when idle;
// a day whose records are done is compacted to one line per record, so superseded versions (and any
// personal data erased from them) leave the disk.
import { join } from 'node:path';
import { DayFiles } from './day-files.ts';
import { Journal, readJournal } from './journal.ts';
import { writeDurably, type FileOps } from './durable-file.ts';
import { isRecord } from './json-doc.ts';


/** A removed record is a line of its own: the journal never forgets by rewriting, until it is compacted. */
interface Removal { removed: string }
const isRemoval = (x: unknown): x is Removal => isRecord(x) && typeof x.removed === 'string' && Object.keys(x).length === 1;

/** One day in memory: the current version of each record, in the order first stored. */
export class Day<T extends { id: string }> {
  /** Lines in the file: a day with many more lines than records is worth compacting. */
  lines: number;
  constructor(readonly records: Map<string, T>, lines: number, readonly journal: Journal) {
    this.lines = lines;
  }
}

interface Entry<T extends { id: string }> { loading: Promise<Day<T>>; day?: Day<T>; usedAt: number }

export class DayLog<T extends { id: string }> {
  readonly #days: DayFiles;
  readonly #cache = new Map<string, Entry<T>>();
  #clock = 0;

  constructor(readonly folder: string, readonly what: string, readonly check: (x: unknown) => x is T, readonly files?: FileOps) {
    this.#days = new DayFiles(folder);
  }

  known(): readonly string[] {
    return this.#days.sorted();
  }

  get latest(): string | undefined {
    return this.#days.newest;
  }

  fileOf(day: string): string {
    return join(this.folder, `${day}.jsonl`);
  }

  /** The day, or undefined when it has no file; never creates one. */
  find(day: string): Promise<Day<T> | undefined> {
    return this.#days.has(day) ? this.load(day) : Promise.resolve(undefined);
  }

  /** The day, starting an empty one if needed; day must be a checked YYYY-MM-DD. */
  load(day: string): Promise<Day<T>> {
    const entry = this.#cache.get(day) ?? this.#start(day);
    entry.usedAt = ++this.#clock;
    return entry.loading;
  }

  /** Stores the record's new version (in memory now, durable when the promise resolves). */
  write(day: Day<T>, name: string, record: T): Promise<void> {
    day.records.set(record.id, record);
    return this.#append(day, name, record);
  }

  remove(day: Day<T>, name: string, id: string): Promise<void> {
    day.records.delete(id);
    return this.#append(day, name, { removed: id });
  }

  #append(day: Day<T>, name: string, line: unknown): Promise<void> {
    this.#days.add(name);
    day.lines++;
    return day.journal.append(line);
  }

  /** Rewrites the day's file to one line per record (atomic and durable); call with no write of the day in between. */
  async compact(name: string): Promise<void> {
    const day = await this.find(name);
    if (!day) return;
    await day.journal.close();
    const text = [...day.records.values()].map((r) => `${JSON.stringify(r)}\n`).join('');
    await writeDurably(this.fileOf(name), text, this.files);
    const fresh = new Day(day.records, day.records.size, new Journal(this.fileOf(name), this.files));
    const entry = this.#cache.get(name);
    if (entry) {
      entry.day = fresh;
      entry.loading = Promise.resolve(fresh);
    }
  }

  #start(day: string): Entry<T> {
    const entry: Entry<T> = { loading: this.#read(day), usedAt: 0 };
    this.#cache.set(day, entry);
    entry.loading.then((loaded) => { entry.day = loaded; }, () => this.#cache.delete(day)); // a corrupt file is read again next time
    return entry;
  }

  async #read(day: string): Promise<Day<T>> {
    const file = this.fileOf(day);
    const lines = await readJournal(file, this.what, (x): x is T | Removal => isRemoval(x) || this.check(x));
    const records = new Map<string, T>();
    for (const line of lines) {
      if (isRemoval(line)) records.delete(line.removed);
      else records.set(line.id, line);
    }
    return new Day(records, lines.length, new Journal(file, this.files));
  }

  /** Lets go of the least recently used idle days beyond max that are not pinned (a day being written stays). */
  trim(max: number, pinned: (day: string) => boolean): void {
    const idle = [...this.#cache]
      .filter(([name, e]) => e.day && !e.day.journal.busy && !pinned(name))
      .sort(([, a], [, b]) => a.usedAt - b.usedAt);
    for (const [name, entry] of idle) {
      if (this.#cache.size <= max) return;
      this.#cache.delete(name);
      void entry.day!.journal.close(); // waits for its appends, then closes the file
    }
  }

  /** Closes every journal after its appends: the store is closing. */
  async close(): Promise<void> {
    await Promise.all([...this.#cache.values()].map(async (e) => (await e.loading.catch(() => undefined))?.journal.close()));
  }
}
