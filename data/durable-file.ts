// Durable, atomic file writes with group commit: a write is answered only once its bytes and the
// rename are on disk (fsync of the file, then of its folder), and writes that arrive while one is
// on its way share the next one, so a rush pays one fsync per batch, not one per change.
import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file calls durable writes make; tests wrap them to prove the order write → fsync → rename → fsync folder. */
export interface FileOps {
  open(path: string, flags: string, mode?: number): Promise<FileHandleOps>;
  rename(from: string, to: string): Promise<void>;
}

export interface FileHandleOps {
  writeFile(data: string): Promise<void>;
  /** On a file opened with 'a': appends (journals). */
  appendFile(data: string): Promise<void>;
  chmod(mode: number): Promise<void>;
  sync(): Promise<void>;
  /** fsync without the metadata a read does not need: what a journal append waits for. */
  datasync(): Promise<void>;
  close(): Promise<void>;
}

export const nodeFiles: FileOps = { open, rename };

/** Files and folders of the data directory are the owner's alone. */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** Makes a rename or a new file's name durable: fsync of the folder that holds it. */
export async function syncFolder(folder: string, files: FileOps = nodeFiles): Promise<void> {
  const handle = await files.open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces file with text atomically and durably (temp file, fsync, rename, fsync of the folder). */
export async function writeDurably(file: string, text: string, files: FileOps = nodeFiles): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.tmp`);
  const handle = await files.open(temp, 'w', FILE_MODE);
  try {
    await handle.chmod(FILE_MODE); // a temp file left by a crash keeps its old mode otherwise
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await files.rename(temp, file);
  await syncFolder(dirname(file), files);
}

interface Batch { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void }

/** One file written by group commit: write() resolves once a write that began after the call is durable. */
export class DurableFile<T> {
  #latest: T | undefined;
  #running: Promise<void> = Promise.resolve();
  #next: Batch | undefined;

  constructor(readonly file: string, readonly serialize: (data: T) => string, readonly files: FileOps = nodeFiles) {}

  write(data: T): Promise<void> {
    this.#latest = data;
    if (this.#next) return this.#next.promise; // joins the batch that has not started yet
    let resolve!: () => void, reject!: (e: unknown) => void;
    const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
    const batch = (this.#next = { promise, resolve, reject });
    this.#running = this.#running.then(async () => {
      this.#next = undefined; // from here on, callers wait for the batch after this one
      try {
        await writeDurably(this.file, this.serialize(this.#latest as T), this.files);
        batch.resolve();
      } catch (e) {
        batch.reject(e);
      }
    });
    return promise;
  }
}
