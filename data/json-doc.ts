// JSON files checked on read; a file that does not parse stops the store and is never written over.
import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { TextFile } from 'lowdb/node';

/** Recognises a file's shape; may fill in collections that an older file lacks. */
export type Check<T> = (data: unknown) => data is T;

export class CorruptFileError extends Error {
  constructor(readonly file: string, why: string) {
    super(`${file} ${why}; fix or move it away — Foyer never overwrites it`);
    this.name = 'CorruptFileError';
  }
}

// lowdb's JSONFile, but a parse error names the file and a wrong shape is refused, not replaced.
class CheckedJsonFile<T> implements Adapter<T> {
  readonly #text: TextFile;
  constructor(readonly file: string, readonly check: Check<T>, readonly what: string) {
    this.#text = new TextFile(file);
  }

  async read(): Promise<T | null> {
    const text = await this.#text.read();
    if (text === null) return null;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new CorruptFileError(this.file, `is not valid JSON (${(e as Error).message})`);
    }
    if (!this.check(data)) throw new CorruptFileError(this.file, `is not a Foyer ${this.what} file`);
    return data;
  }

  write(data: T): Promise<void> {
    return this.#text.write(JSON.stringify(data, null, 2));
  }
}

/** Reads file (or starts from empty() when it does not exist); low.write() replaces it atomically. */
export async function openDoc<T>(file: string, what: string, check: Check<T>, empty: () => T): Promise<Low<T>> {
  const low = new Low<T>(new CheckedJsonFile(file, check, what), empty());
  await low.read();
  return low;
}

export async function readDoc<T>(file: string, what: string, check: Check<T>): Promise<T | null> {
  return new CheckedJsonFile(file, check, what).read();
}

/** Writes a file readable by its owner only, synced before and after the rename. */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.tmp`);
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.chmod(0o600); // a temp file left by a crash keeps its old mode otherwise
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  const folder = await open(dirname(file), 'r');
  await folder.sync().finally(() => folder.close());
}

export const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** An array of objects that each have a string id. */
export const isRecordList = (x: unknown): x is { id: string }[] =>
  Array.isArray(x) && x.every((item) => isRecord(item) && typeof item.id === 'string');
