// One JSON file per day (visits/ or events/): loaded on demand, cached, evicted only when idle.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Low } from 'lowdb';
import { isRecord, isRecordList, openDoc } from './json-doc.ts';
import type { FileOps } from './durable-file.ts';

type Items<T> = Record<string, T[]>;
const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;

/** One day's file in memory; its items are the stored records themselves, never hand them out. */
export class Day<T extends { id: string }> {
  writing = 0;
  readonly #index = new Map<string, number>();

  constructor(readonly low: Low<Items<T>>, readonly key: string) {
    this.items.forEach((item, i) => this.#index.set(item.id, i));
  }

  get items(): T[] {
    return this.low.data[this.key];
  }

  get(id: string): T | undefined {
    const i = this.#index.get(id);
    return i === undefined ? undefined : this.items[i];
  }

  /** Replaces the item with the same id in place, or appends it. */
  upsert(item: T): void {
    const i = this.#index.get(item.id);
    if (i !== undefined) this.items[i] = item;
    else this.#index.set(item.id, this.items.push(item) - 1);
  }

  /** Adds item at the end even if its id is taken: the log is append-only. */
  append(item: T): void {
    this.#index.set(item.id, this.items.push(item) - 1);
  }

  /** Resolves once a file holding every change made so far is on disk. */
  async save(): Promise<void> {
    this.writing++;
    try {
      await this.low.write();
    } finally {
      this.writing--;
    }
  }
}

interface Entry<T extends { id: string }> {
  loading: Promise<Day<T>>;
  day?: Day<T>;
  usedAt: number;
}

export class DayFiles<T extends { id: string }> {
  readonly #days: Set<string>;
  readonly #cache = new Map<string, Entry<T>>();
  #latest: string | undefined;
  #clock = 0;

  constructor(readonly folder: string, readonly key: string, readonly files?: FileOps) {
    this.#days = new Set(readdirSync(folder).flatMap((name) => DAY_FILE.exec(name)?.[1] ?? []));
    this.#latest = this.known().at(-1);
  }

  /** The newest day with a file: today's on a running site. */
  get latest(): string | undefined {
    return this.#latest;
  }

  known(): string[] {
    return [...this.#days].sort();
  }

  /** The day's file, or undefined when there is none; never creates one. */
  async find(day: string): Promise<Day<T> | undefined> {
    return this.#days.has(day) ? this.load(day) : undefined;
  }

  /** The day's file, starting an empty one if needed; day must be a checked YYYY-MM-DD. */
  load(day: string): Promise<Day<T>> {
    const entry = this.#cache.get(day) ?? this.#start(day);
    entry.usedAt = ++this.#clock;
    return entry.loading;
  }

  #start(day: string): Entry<T> {
    const entry: Entry<T> = { loading: this.#read(day), usedAt: 0 };
    this.#cache.set(day, entry);
    entry.loading.then(
      (loaded) => {
        entry.day = loaded;
        this.#days.add(day);
        if (!this.#latest || day > this.#latest) this.#latest = day;
      },
      () => this.#cache.delete(day), // a corrupt file is read again next time, maybe fixed by then
    );
    return entry;
  }

  async #read(day: string): Promise<Day<T>> {
    const key = this.key;
    const isItems = (x: unknown): x is Items<T> => isRecord(x) && isRecordList(x[key]);
    const low = await openDoc(join(this.folder, `${day}.json`), key, isItems, () => ({ [key]: [] }), this.files);
    return new Day(low, key);
  }

  /** Drops least recently used days beyond max that are idle, loaded and neither latest nor pinned. */
  trim(max: number, pinned: (day: string) => boolean): void {
    const idle = [...this.#cache]
      .filter(([day, e]) => e.day && e.day.writing === 0 && day !== this.#latest && !pinned(day))
      .sort(([, a], [, b]) => a.usedAt - b.usedAt);
    for (const [day] of idle) {
      if (this.#cache.size <= max) return;
      this.#cache.delete(day);
    }
  }
}
