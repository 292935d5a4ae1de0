// The days a folder holds a journal for (YYYY-MM-DD.jsonl), kept sorted: asking for the newest day or the
// list costs nothing per change, however many years the folder holds.
import { readdirSync } from 'node:fs';

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;

export class DayFiles {
  readonly #days: Set<string>;
  #sorted: string[] | undefined;

  constructor(folder: string) {
    this.#days = new Set(readdirSync(folder).flatMap((name) => DAY_FILE.exec(name)?.[1] ?? []));
  }

  has(day: string): boolean {
    return this.#days.has(day);
  }

  add(day: string): void {
    if (this.#days.has(day)) return;
    this.#days.add(day);
    this.#sorted = undefined;
  }

  /** Oldest first; the same array until a day is added (do not change it). */
  sorted(): readonly string[] {
    return (this.#sorted ??= [...this.#days].sort());
  }

  get newest(): string | undefined {
    return this.sorted().at(-1);
  }
}
