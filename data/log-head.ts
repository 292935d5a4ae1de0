// log-head.json keeps the log's newest seq and hash outside the event files: if the newest events
// are cut off, the head no longer matches at the next start. It is written after the events it names.
import type { LogEvent } from '../server/protocol.ts';
import type { LogHead } from './store.ts';
import { DurableFile, type FileOps } from './durable-file.ts';
import { isRecord, readDoc } from './json-doc.ts';

const isHead = (x: unknown): x is LogHead =>
  isRecord(x) && Number.isInteger(x.seq) && typeof x.hash === 'string' && typeof x.at === 'string';

const WRITE_EVERY_MS = 100;

export class LogHeadFile {
  #head: LogHead | undefined;
  #soon: Promise<void> | undefined;
  readonly #out: DurableFile<LogHead>;

  private constructor(file: string, head: LogHead | undefined, files?: FileOps) {
    this.#head = head;
    this.#out = new DurableFile(file, (h) => JSON.stringify(h, null, 2), files);
  }

  static async open(file: string, files?: FileOps): Promise<LogHeadFile> {
    return new LogHeadFile(file, (await readDoc(file, 'log-head', isHead)) ?? undefined, files);
  }

  /** What the file says: undefined when there is none (a new site, or one from before the file existed). */
  get head(): LogHead | undefined {
    return this.#head;
  }

  /** Call once the event is durable in its events file. The file follows within WRITE_EVERY_MS: a head
   *  behind the events after a crash is harmless, and a rush writes it a few times a second, not per event. */
  advance(event: LogEvent): Promise<void> {
    if (this.#head && this.#head.seq >= event.seq) return this.#soon ?? Promise.resolve(); // saves of two day files may finish out of order
    this.#head = { seq: event.seq, hash: event.hash, at: event.at };
    this.#soon ??= new Promise<void>((resolve) => setTimeout(resolve, WRITE_EVERY_MS)).then(() => {
      this.#soon = undefined;
      return this.#out.write(this.#head!);
    });
    return this.#soon;
  }
}
