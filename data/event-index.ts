// Where each visit's events sit in a finished day's events file (events/YYYY-MM-DD.idx: visit id → byte
// offsets and lengths), so a search reads those lines alone. Made when the next day starts, or on first use.
import { open, readFile } from 'node:fs/promises';
import { writeDurably, type FileOps } from './durable-file.ts';
import type { LogEvent } from '../server/protocol.ts';
import { parseLines } from './journal.ts';

export type Spans = Record<string, Array<[offset: number, length: number]>>;
const VISIT_ID = /"visitId":"([^"\\]+)"/;
const CACHED = 64;

/** Scans a day's events file once: every line that names a visit, by visit. */
export function spansOf(buffer: Buffer): Spans {
  const spans: Spans = {};
  for (let start = 0; start < buffer.length;) {
    let end = buffer.indexOf(10, start);
    if (end < 0) end = buffer.length;
    const m = VISIT_ID.exec(buffer.toString('utf8', start, end));
    if (m) (spans[m[1]] ??= []).push([start, end - start]);
    start = end + 1;
  }
  return spans;
}

export class EventIndex {
  readonly #cache = new Map<string, Promise<Spans>>();

  constructor(readonly files?: FileOps) {}

  /** Writes the index of a finished day's file (its last append is durable). */
  async write(eventsFile: string, indexFile: string): Promise<void> {
    const spans = spansOf(await readFile(eventsFile));
    await writeDurably(indexFile, JSON.stringify(spans), this.files);
  }

  spans(eventsFile: string, indexFile: string): Promise<Spans> {
    let found = this.#cache.get(indexFile);
    if (!found) {
      found = readFile(indexFile, 'utf8').then((t) => JSON.parse(t) as Spans, async (e) => {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        await this.write(eventsFile, indexFile);
        return JSON.parse(await readFile(indexFile, 'utf8')) as Spans;
      });
      this.#cache.set(indexFile, found);
      found.catch(() => this.#cache.delete(indexFile));
      if (this.#cache.size > CACHED) this.#cache.delete(this.#cache.keys().next().value!);
    }
    return found;
  }

  /** The events of these visits in a finished day's file, read line by line at their offsets. */
  async read(eventsFile: string, indexFile: string, visitIds: Iterable<string>, check: (x: unknown) => x is LogEvent): Promise<LogEvent[]> {
    const spans = await this.spans(eventsFile, indexFile);
    const wanted = [...visitIds].flatMap((id) => spans[id] ?? []).sort((a, b) => a[0] - b[0]);
    if (!wanted.length) return [];
    const handle = await open(eventsFile, 'r');
    try {
      const found: LogEvent[] = [];
      for (const [offset, length] of wanted) {
        const buffer = Buffer.alloc(length + 1);
        await handle.read(buffer, 0, length + 1, offset);
        found.push(...parseLines(eventsFile, 'event', buffer.toString('utf8'), check));
      }
      return found;
    } finally {
      await handle.close();
    }
  }
}
