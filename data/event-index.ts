// Where each visit's events sit in a finished day's events file: events/YYYY-MM-DD.idx holds one line per
// visit, "visit id<TAB>offset,length offset,length …", so a search finds a visit's line by its id without
// parsing the rest and then reads those event lines alone. Made when the next day starts, or on first use.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { writeDurably, type FileOps } from './durable-file.ts';
import type { LogEvent } from '../server/protocol.ts';
import { parseLines } from './journal.ts';

type Span = [offset: number, length: number];
const VISIT_ID = /"visitId":"([^"\\\t\n]+)"/;
const CACHED = 64;

/** Scans a day's events file once: every line that names a visit, by visit, as the index's text. */
export function indexText(buffer: Buffer): string {
  const spans = new Map<string, Span[]>();
  for (let start = 0; start < buffer.length;) {
    let end = buffer.indexOf(10, start);
    if (end < 0) end = buffer.length;
    const m = VISIT_ID.exec(buffer.toString('utf8', start, end));
    if (m) spans.set(m[1], [...(spans.get(m[1]) ?? []), [start, end - start]]);
    start = end + 1;
  }
  let text = '';
  for (const [id, list] of spans) text += `${id}\t${list.map(([o, l]) => `${o},${l}`).join(' ')}\n`;
  return text;
}

/** The spans of one visit in an index file's bytes; [] when the visit has no line there. The bytes are
 *  searched as they are: a search over years reads hundreds of index files, none becomes a string. */
function spansIn(bytes: Buffer, id: string): Span[] {
  const key = Buffer.from(`${id}\t`, 'latin1');
  for (let at = bytes.indexOf(key); at >= 0; at = bytes.indexOf(key, at + 1)) {
    if (at > 0 && bytes[at - 1] !== 10) continue; // an id that ends another line's id
    const end = bytes.indexOf(10, at);
    return bytes.toString('latin1', at + key.length, end < 0 ? undefined : end).split(' ').map((pair) => pair.split(',').map(Number) as Span);
  }
  return [];
}

export class EventIndex {
  readonly #cache = new Map<string, Buffer>();

  constructor(readonly files?: FileOps) {}

  /** Writes the index of a finished day's file (its last append is durable). */
  async write(eventsFile: string, indexFile: string): Promise<Buffer> {
    const text = indexText(await readFile(eventsFile));
    await writeDurably(indexFile, text, this.files);
    return Buffer.from(text, 'latin1');
  }

  /** The index's bytes: from the cache, read at once, or (missing, or of the old JSON format) made again. */
  #bytes(eventsFile: string, indexFile: string): Buffer | Promise<Buffer> {
    const cached = this.#cache.get(indexFile);
    if (cached) return cached;
    let found: Buffer | Promise<Buffer>;
    try {
      found = readFileSync(indexFile);
      if (found[0] === 0x7b) found = this.write(eventsFile, indexFile);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      found = this.write(eventsFile, indexFile);
    }
    if (found instanceof Promise) return found;
    this.#cache.set(indexFile, found);
    if (this.#cache.size > CACHED) this.#cache.delete(this.#cache.keys().next().value!);
    return found;
  }

  /** The events of these visits in a finished day's file, read line by line at their offsets. The reads
   *  are synchronous: a search over years reads hundreds of small files the page cache holds, where a
   *  promised read costs several times the read itself; the caller yields between days. */
  async read(eventsFile: string, indexFile: string, visitIds: Iterable<string>, check: (x: unknown) => x is LogEvent): Promise<LogEvent[]> {
    const bytes = await this.#bytes(eventsFile, indexFile);
    const wanted = [...visitIds].flatMap((id) => spansIn(bytes, id)).sort((a, b) => a[0] - b[0]);
    if (!wanted.length) return [];
    const fd = openSync(eventsFile, 'r');
    try {
      return wanted.flatMap(([offset, length]) => {
        const buffer = Buffer.allocUnsafe(length + 1);
        const got = readSync(fd, buffer, 0, length + 1, offset);
        return parseLines(eventsFile, 'event', buffer.toString('utf8', 0, got), check);
      });
    } finally {
      closeSync(fd);
    }
  }
}
