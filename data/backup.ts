// A backup of a lowdb data directory, taken while its server keeps writing, without its lock (a PostgreSQL
// site's backup, postgres-backup.ts, is one pg_dump in the same container). The file is one gzip stream:
// a header line, then per file a line {path,size,sha256} and its raw bytes, then a trailer line
// {files,sha256} whose hash covers every byte before it. The copy is consistent because of
// the order it reads in: the files that point into the journals (log-head.json, open-index.json, the
// invitation index) first, the journals after them, each up to its last complete line, so the copy's
// events reach at least as far as its log head. Derived files (*.idx) are left out: they are made again on use.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, readdirSync, statSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname, join, posix, sep } from 'node:path';
import { createGzip } from 'node:zlib';
import { FILE_MODE, syncFolder } from './durable-file.ts';

export const BACKUP_FORMAT = 'foyer-backup';
export const BACKUP_VERSION = 1;

/** What a backup holds: a lowdb data directory's files, or one pg_dump of a PostgreSQL database (postgres-backup.ts). */
export type BackupSource = 'lowdb' | 'postgres';
export interface BackupHeader { format: string; version: number; createdAt: string; source: BackupSource }
export interface BackupEntry { path: string; size: number; sha256: string }
export interface BackupTrailer { files: number; sha256: string }
export interface BackupSummary { file: string; files: number; bytes: number }

// Read before the journals, in this order: each names places in the files read after it.
const POINTERS = ['log-head.json', 'open-index.json', 'appointments/index.jsonl', 'calls/open-index.json', 'cases/open-index.json'];
// Not copied: the writer's lock, badge PNGs, temp files of an atomic write, derived indexes.
const skipped = (rel: string) =>
  rel === 'foyer.lock' || rel === 'prints' || rel.startsWith('prints/') || /(^|\/)\.[^/]*\.tmp$/.test(rel) || rel.endsWith('.idx');
// Journals are appended in place; every other file is replaced whole by rename (or never changes).
const isJournal = (rel: string) => rel.endsWith('.jsonl');
// Journal folders last, events after visits: the log head read first must not be ahead of the copied events.
const rank = (rel: string) => (POINTERS.includes(rel) ? 0 : rel.startsWith('visits/') ? 2 : rel.startsWith('appointments/') ? 3 : rel.startsWith('events/') ? 4 : 1);

/** Every file of dir (relative, with "/"), except what is skipped. */
function listFiles(dir: string, under = ''): string[] {
  return readdirSync(join(dir, under), { withFileTypes: true }).flatMap((entry) => {
    const rel = under ? `${under}/${entry.name}` : entry.name;
    if (skipped(rel)) return [];
    if (entry.isDirectory()) return listFiles(dir, rel);
    return entry.isFile() ? [rel] : [];
  });
}

/** A journal as far as its last complete line (a line being appended right now is left for the next backup). */
async function readJournalPrefix(file: string): Promise<Buffer> {
  const bytes = await readFile(file);
  return bytes.subarray(0, bytes.lastIndexOf(10) + 1);
}

async function readSnapshot(dir: string, rel: string): Promise<Buffer | undefined> {
  const file = join(dir, ...rel.split('/'));
  try {
    return isJournal(rel) ? await readJournalPrefix(file) : await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // replaced or removed since it was listed
    throw e;
  }
}

/** Adds entries to a backup being written. */
export interface BackupWriter {
  /** One file from memory. */
  add(rel: string, data: Buffer): Promise<void>;
  /** One file from disk, streamed: a database dump may not fit in memory. It must not change meanwhile. */
  addFile(rel: string, path: string): Promise<void>;
}

/** The sha256 and size of a file on disk, read as a stream. */
async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** Writes a backup container to file (through its own temp file, fsynced, then renamed into place):
 *  the header naming source, the entries fill adds, the trailer. Every kind of backup goes through here. */
export async function writeContainer(file: string, source: BackupSource, fill: (writer: BackupWriter) => Promise<void>, now = new Date()): Promise<BackupSummary> {
  // Its own temp name: two backups to one file at once must not write into each other's bytes.
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const out = createWriteStream(temp, { mode: FILE_MODE });
  const gzip = createGzip();
  gzip.pipe(out);
  const whole = createHash('sha256');
  let bytes = 0;
  const put = async (chunk: Buffer) => {
    whole.update(chunk);
    bytes += chunk.length;
    if (!gzip.write(chunk)) await once(gzip, 'drain');
  };
  const line = (value: unknown) => Buffer.from(`${JSON.stringify(value)}\n`);
  let files = 0;
  const writer: BackupWriter = {
    async add(rel, data) {
      const entry: BackupEntry = { path: rel, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
      await put(line(entry));
      await put(data);
      files++;
    },
    async addFile(rel, path) {
      // The entry line comes before the bytes, so the file is read twice: once for its hash, once to copy.
      const entry: BackupEntry = { path: rel, ...(await hashFile(path)) };
      await put(line(entry));
      const again = createHash('sha256');
      let size = 0;
      for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
        again.update(chunk);
        size += chunk.length;
        await put(chunk);
      }
      if (size !== entry.size || again.digest('hex') !== entry.sha256) throw new Error(`${path} changed while it was being backed up`);
      files++;
    },
  };
  try {
    const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: now.toISOString(), source };
    await put(line(header));
    await fill(writer);
    const trailer: BackupTrailer = { files, sha256: whole.digest('hex') };
    gzip.end(line(trailer));
    await once(out, 'close');
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    await syncFolder(dirname(file));
    return { file, files, bytes };
  } catch (e) {
    gzip.destroy();
    out.destroy();
    await rm(temp, { force: true });
    throw e;
  }
}

/** Writes a backup of the lowdb data directory dir to file. */
export async function writeBackup(dir: string, file: string, now = new Date()): Promise<BackupSummary> {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${dir} is not a folder: give the data directory with --dir or FOYER_DATA_DIR`);
  return writeContainer(file, 'lowdb', async (writer) => {
    const copy = async (rel: string) => {
      const data = await readSnapshot(dir, rel);
      if (data) await writer.add(rel, data);
    };
    for (const rel of POINTERS) await copy(rel);
    // Listed only after the pointers are read: every journal they name already exists.
    const rest = listFiles(dir).filter((rel) => !POINTERS.includes(rel)).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    for (const rel of rest) await copy(rel);
  }, now);
}

/** A path from a backup, checked: relative, no "..", no empty or dot parts (a backup never writes outside its folder). */
export function safeRelative(rel: unknown): string | undefined {
  if (typeof rel !== 'string' || rel === '' || rel.includes('\\') || rel.includes('\0') || posix.isAbsolute(rel)) return undefined;
  const parts = rel.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return undefined;
  return parts.join(sep);
}
