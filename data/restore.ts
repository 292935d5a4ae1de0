// Restores a backup (backup.ts) into a new data directory: the files go into a temporary folder beside
// it, the store opens that folder and the whole log chain is verified, and only then is it renamed into
// place. A damaged backup or a broken chain leaves nothing behind; an existing non-empty folder is refused.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { verifyLogByDay } from '../server/domain/log.ts';
import { DIR_MODE, FILE_MODE, syncFolder } from './durable-file.ts';
import { openLowdbStore } from './lowdb-store.ts';
import { BackupError, readBackup } from './backup-reader.ts';
import type { Store } from './store.ts';

export interface RestoreSummary {
  dir: string; createdAt: string; files: number; visitDays: number; events: number;
  head: { seq: number; hash: string } | null;
}

async function writeFileDurably(file: string, data: Buffer): Promise<void> {
  mkdirSync(dirname(file), { recursive: true, mode: DIR_MODE });
  const handle = await open(file, 'wx', FILE_MODE);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Folders under root, deepest first (their new entries are made durable before the folder itself moves). */
const foldersOf = (root: string): string[] =>
  readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).flatMap((e) => foldersOf(join(root, e.name))).concat(root);

const isEmptyFolder = (dir: string) => statSync(dir).isDirectory() && readdirSync(dir).length === 0;

/** Opens the restored folder with the store and checks its log: the chain whole, its head not beyond its events. */
async function verifyRestored(dir: string, log: (line: string) => void): Promise<Omit<RestoreSummary, 'dir' | 'createdAt' | 'files'>> {
  let store: Store;
  try {
    store = await openLowdbStore(dir, { log });
  } catch (e) {
    throw new BackupError(`the restored data does not open: ${(e as Error).message}`);
  }
  try {
    const { chain, last } = await verifyLogByDay(store);
    if (!chain.ok) throw new BackupError(`the restored log chain is broken at event #${chain.seq} (${chain.reason})`);
    const head = await store.anchoredHead();
    if (head && (!last || head.seq > last.seq || (head.seq === last.seq && head.hash !== last.hash))) {
      throw new BackupError(`the restored log ends at #${last?.seq ?? 0} but its head says #${head.seq}: the newest events are missing`);
    }
    return { visitDays: (await store.visitDays()).length, events: chain.count, head: last ? { seq: last.seq, hash: last.hash } : null };
  } finally {
    await store.close();
  }
}

/** Restores the backup at from into dir (which must not exist, or be empty). */
export async function restoreBackup(from: string, dir: string, log: (line: string) => void = () => undefined): Promise<RestoreSummary> {
  const target = resolve(dir);
  if (existsSync(target) && !isEmptyFolder(target)) {
    throw new BackupError(`${dir} exists and is not empty: restore into a new or empty folder`);
  }
  mkdirSync(dirname(target), { recursive: true });
  const temp = await mkdtemp(join(dirname(target), `.${basename(target)}.restoring-`));
  try {
    const { header, files } = await readBackup(from, (rel, data) => writeFileDurably(join(temp, rel), data));
    const checked = await verifyRestored(temp, log);
    for (const folder of foldersOf(temp)) await syncFolder(folder);
    if (existsSync(target) && !isEmptyFolder(target)) throw new BackupError(`${dir} was filled while restoring: restore into a new or empty folder`);
    await rename(temp, target); // onto an empty folder too: rename(2) replaces an empty directory
    await syncFolder(dirname(target));
    return { dir: target, createdAt: header.createdAt, files, ...checked };
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    throw e;
  }
}
