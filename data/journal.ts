// An append-only JSON-lines file. A change costs one line, whatever the file already holds: appends
// that arrive while a write is on its way share the next one (one write and one fdatasync per batch),
// and each append is answered only once its line is on disk. Reading replays every line; a line that
// does not parse, or a last line cut short, stops the store naming the file and the line.
import { existsSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CorruptFileError } from './json-doc.ts';
import { FILE_MODE, nodeFiles, syncFolder, type FileHandleOps, type FileOps } from './durable-file.ts';

interface Batch { lines: string[]; promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void }

export class Journal {
  #handle: FileHandleOps | undefined;
  #running: Promise<void> = Promise.resolve();
  #next: Batch | undefined;
  #inFlight = 0;
  #closed = false;

  constructor(readonly file: string, readonly files: FileOps = nodeFiles) {}

  /** Appends one record as a line; resolves once it is durable. */
  append(record: unknown): Promise<void> {
    if (this.#closed) return Promise.reject(new Error(`${this.file}: the journal is closed`));
    const line = `${JSON.stringify(record)}\n`;
    if (this.#next) {
      this.#next.lines.push(line); // joins the batch that has not started yet
      return this.#next.promise;
    }
    let resolve!: () => void, reject!: (e: unknown) => void;
    const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
    const batch: Batch = (this.#next = { lines: [line], promise, resolve, reject });
    this.#inFlight++;
    this.#running = this.#running.then(async () => {
      this.#next = undefined; // later appends wait for the batch after this one
      try {
        const handle = await this.#open();
        await handle.appendFile(batch.lines.join(''));
        await handle.datasync();
        batch.resolve();
      } catch (e) {
        batch.reject(e);
      } finally {
        this.#inFlight--;
      }
    });
    return promise;
  }

  /** Appends are waiting or being written: the file must not be reopened or replaced now. */
  get busy(): boolean {
    return this.#inFlight > 0;
  }

  /** Resolves once every append made so far is durable (or failed). */
  flushed(): Promise<void> {
    return this.#next ? this.#next.promise.catch(() => undefined) : this.#running;
  }

  /** Waits for what was appended, then lets go of the file (a compaction may replace it). */
  async close(): Promise<void> {
    this.#closed = true;
    await this.flushed();
    await this.#running;
    await this.#handle?.close();
    this.#handle = undefined;
  }

  async #open(): Promise<FileHandleOps> {
    if (this.#handle) return this.#handle;
    const created = !existsSync(this.file);
    const handle = await this.files.open(this.file, 'a', FILE_MODE);
    if (created) {
      await handle.chmod(FILE_MODE);
      await syncFolder(dirname(this.file), this.files); // the new file's name survives a power cut too
    }
    return (this.#handle = handle);
  }
}

/** Every line of a journal, checked; [] when the file does not exist. */
export async function readJournal<T>(file: string, what: string, check: (x: unknown) => x is T): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return parseLines(file, what, text, check);
}

export function parseLines<T>(file: string, what: string, text: string, check: (x: unknown) => x is T, firstLine = 1): T[] {
  if (text === '') return [];
  if (!text.endsWith('\n')) {
    throw new CorruptFileError(file, `ends in a cut-off line ${firstLine + text.split('\n').length - 1} (a write a crash interrupted, never acknowledged): remove that last line`);
  }
  const lines = text.slice(0, -1).split('\n');
  return lines.map((line, i) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new CorruptFileError(file, `line ${firstLine + i} is not valid JSON (${(e as Error).message})`);
    }
    if (!check(value)) throw new CorruptFileError(file, `line ${firstLine + i} is not a Foyer ${what} record`);
    return value;
  });
}

/** The last line of a journal, read from its end (a day's log can be large): undefined when empty or absent. */
export async function readLastLine<T>(file: string, what: string, check: (x: unknown) => x is T): Promise<T | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const { size } = await handle.stat();
    for (let chunk = 64 * 1024; ; chunk *= 4) {
      const start = Math.max(0, size - chunk);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      const text = buffer.toString('utf8');
      const cut = text.lastIndexOf('\n', text.length - 2);
      if (cut >= 0 || start === 0) {
        const tail = cut >= 0 ? text.slice(cut + 1) : text;
        return parseLines(file, what, tail, check).at(-1);
      }
    }
  } finally {
    await handle.close();
  }
}
