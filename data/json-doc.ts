// JSON files checked on read; a file that does not parse stops the store and is never written over.
import { readFile } from 'node:fs/promises';
import { Low, type Adapter } from 'lowdb';
import { DurableFile, nodeFiles, writeDurably, type FileOps } from './durable-file.ts';

/** Recognises a file's shape; may fill in collections that an older file lacks. */
export type Check<T> = (data: unknown) => data is T;

export class CorruptFileError extends Error {
  constructor(readonly file: string, why: string) {
    super(`${file} ${why}; fix or move it away — Foyer never overwrites it`);
    this.name = 'CorruptFileError';
  }
}

// lowdb's JSONFile, but a parse error names the file, a wrong shape is refused, not replaced, and a write is durable.
class CheckedJsonFile<T> implements Adapter<T> {
  readonly #out: DurableFile<T>;
  constructor(readonly file: string, readonly check: Check<T>, readonly what: string, files: FileOps = nodeFiles) {
    this.#out = new DurableFile(file, (data) => JSON.stringify(data, null, 2), files);
  }

  async read(): Promise<T | null> {
    const text = await readText(this.file);
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

  /** Resolves once a file holding data as it is now (or later) is on disk: see DurableFile. */
  write(data: T): Promise<void> {
    return this.#out.write(data);
  }
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Reads file (or starts from empty() when it does not exist); low.write() replaces it atomically and durably. */
export async function openDoc<T>(file: string, what: string, check: Check<T>, empty: () => T, files: FileOps = nodeFiles): Promise<Low<T>> {
  const low = new Low<T>(new CheckedJsonFile(file, check, what, files), empty());
  await low.read();
  return low;
}

export async function readDoc<T>(file: string, what: string, check: Check<T>): Promise<T | null> {
  return new CheckedJsonFile(file, check, what).read();
}

/** Writes a file readable by its owner only, durably. */
export function writePrivateFile(file: string, text: string, files: FileOps = nodeFiles): Promise<void> {
  return writeDurably(file, text, files);
}

export const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** An array of objects that each have a string id. */
export const isRecordList = (x: unknown): x is { id: string }[] =>
  Array.isArray(x) && x.every((item) => isRecord(item) && typeof item.id === 'string');
