// Restores a lowdb backup (backup.ts) into a new data directory (a PostgreSQL backup: postgres-backup.ts):
// the files go into a temporary folder beside it, the store opens that folder and the whole log chain is
// verified, and only then is it renamed into place. A damaged backup or a broken chain leaves nothing
// behind; an existing non-empty folder is refused.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { verifyLogByDay } from '../server/domain/log.ts';
import { DIR_MODE, FILE_MODE, syncFolder } from './durable-file.ts';
import { openLowdbStore } from './lowdb-store.ts';
import { BackupError, readBackup } from './backup-reader.ts';
import type { Store } from './store.ts';
import type { BackupHeader, BackupSource } from './backup.ts';

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

export type StoreCheck = Omit<RestoreSummary, 'dir' | 'createdAt' | 'files'>;

/** Checks a restored store's log: the chain whole, its head not beyond its events. Shared by both stores' restores. */
export async function checkRestoredStore(store: Store): Promise<StoreCheck> {
  const { chain, last } = await verifyLogByDay(store);
  if (!chain.ok) throw new BackupError(`the restored log chain is broken at event #${chain.seq} (${chain.reason})`);
  const head = await store.anchoredHead();
  if (head && (!last || head.seq > last.seq || (head.seq === last.seq && head.hash !== last.hash))) {
    throw new BackupError(`the restored log ends at #${last?.seq ?? 0} but its head says #${head.seq}: the newest events are missing`);
  }
  return { visitDays: (await store.visitDays()).length, events: chain.count, head: last ? { seq: last.seq, hash: last.hash } : null };
}

/** Refuses a backup that is not of the kind wanted, before any of it is restored: moving a site between
 *  stores is the migrate command's work, not a restore's. */
export function expectSource(from: string, wanted: BackupSource): (header: BackupHeader) => void {
  return (header) => {
    if (header.source === wanted) return;
    if (header.source === 'postgres') throw new BackupError(`${from} is a backup of a PostgreSQL database: restore it with --database URL (npm run migrate moves a site between stores)`);
    if (header.source === 'lowdb') throw new BackupError(`${from} is a backup of a lowdb data directory: restore it with --dir DATA_DIR (npm run migrate moves a site between stores)`);
    throw new BackupError(`${from} is a backup of an unknown kind (${JSON.stringify(header.source)})`);
  };
}

/** Opens the restored folder with the store and checks its log. */
async function verifyRestored(dir: string, log: (line: string) => void): Promise<StoreCheck> {
  let store: Store;
  try {
    store = await openLowdbStore(dir, { log });
  } catch (e) {
    throw new BackupError(`the restored data does not open: ${(e as Error).message}`);
  }
  try {
    return await checkRestoredStore(store);
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
    const { header, files } = await readBackup(from, (rel, data) => writeFileDurably(join(temp, rel), data), expectSource(from, 'lowdb'));
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
