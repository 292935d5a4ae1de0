// Backup and restore of a PostgreSQL site. The backup is one `pg_dump --format=custom`: pg_dump reads every
// table in one repeatable-read snapshot, so the copy is consistent while servers keep writing, and its
// locks (ACCESS SHARE) block no insert or update. The dump goes into the same container as a lowdb backup
// (backup.ts), as its single entry, so one reader checks both. A restore checks the whole file, runs
// pg_restore into an empty database in one transaction, then opens the store and verifies the log chain;
// when that fails it drops the tables it made, so the target is left as empty as it was found.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, readdirSync } from 'node:fs';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { FILE_MODE } from './durable-file.ts';
import { writeContainer, type BackupSummary } from './backup.ts';
import { BackupError, readBackupEntries, type EntrySink } from './backup-reader.ts';
import { checkRestoredStore, expectSource, type StoreCheck } from './restore.ts';
import { openPostgresStore } from './postgres-store.ts';

/** The name of the one entry of a PostgreSQL backup. */
export const DUMP_ENTRY = 'postgres.dump';

const run = promisify(execFile);

/** Where a PostgreSQL client tool is: on PATH, else the newest /usr/lib/postgresql/N/bin (Debian keeps them there). */
export function findPgTool(tool: 'pg_dump' | 'pg_restore'): string {
  const executable = (file: string) => { try { accessSync(file, constants.X_OK); return true; } catch { return false; } };
  const onPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, tool)).find(executable);
  if (onPath) return onPath;
  let versions: string[] = [];
  try {
    versions = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  } catch { /* no such folder: not installed there */ }
  const found = versions.map((v) => join('/usr/lib/postgresql', v, 'bin', tool)).find(executable);
  if (!found) throw new Error(`${tool} was not found on PATH nor in /usr/lib/postgresql/*/bin: install the PostgreSQL client (e.g. apt install postgresql-client)`);
  return found;
}

/** The database a URL names, for messages: never its password. */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'the database (its URL does not parse)';
  }
}

/** The URL without its password, and the password apart: a command line is readable by every user of the
 *  machine (ps), the environment is not, so the password goes to the tool as PGPASSWORD. */
function splitPassword(url: string): { dbname: string; password?: string } {
  const u = new URL(url);
  if (!u.password) return { dbname: url };
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), password };
}

/** Runs pg_dump or pg_restore against url; a failure says what the tool said, without the password. */
async function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], url: string): Promise<void> {
  const { dbname, password } = splitPassword(url);
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  try {
    await run(findPgTool(tool), [...args, `--dbname=${dbname}`], { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    const err = e as Error & { stderr?: string; code?: number | string };
    const said = (err.stderr ?? '').trim().split('\n').slice(0, 6).join(' / ') || err.message;
    throw new Error(`${tool} failed${typeof err.code === 'number' ? ` (exit ${err.code})` : ''}: ${password ? said.split(password).join('***') : said}`);
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(`cannot connect to ${describeDatabase(url)}: ${(e as Error).message}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The tables of the database outside PostgreSQL's own schemas, as schema.table. */
async function userTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select format('%I.%I', schemaname, tablename) as name from pg_tables
     where schemaname not in ('pg_catalog', 'information_schema') order by 1`);
  return rows.map((r) => r.name);
}

export interface PostgresBackupSummary extends BackupSummary { database: string }

/** Writes a backup of the database at url to file. */
export async function writePostgresBackup(url: string, file: string, now = new Date()): Promise<PostgresBackupSummary> {
  const database = describeDatabase(url);
  // A wrong URL would otherwise give a "good" backup of an empty database.
  const isFoyer = await withClient(url, async (c) => (await c.query(`select to_regclass('public.schema_migrations') as t`)).rows[0].t !== null);
  if (!isFoyer) throw new Error(`${database} holds no Foyer tables: is the database URL right?`);
  // The dump holds the site's secrets: made 0600 before pg_dump writes into it (it keeps the mode).
  const dump = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.dump.tmp`;
  await (await open(dump, 'wx', FILE_MODE)).close();
  try {
    await runPgTool('pg_dump', ['--format=custom', '--exclude-table-data=socket_io_attachments', `--file=${dump}`], url);
    return { ...(await writeContainer(file, 'postgres', (writer) => writer.addFile(DUMP_ENTRY, dump), now)), database };
  } finally {
    await rm(dump, { force: true });
  }
}

export interface PostgresRestoreSummary extends StoreCheck { database: string; createdAt: string; dumpBytes: number }

/** The dump as it is read from a backup: into a file of its own (0600); any other entry is refused. */
class DumpFile {
  size = 0;
  #handle: FileHandle | undefined;
  constructor(readonly from: string, readonly path: string) {}

  async sink(rel: string, size: number): Promise<EntrySink> {
    if (rel !== DUMP_ENTRY || this.#handle) throw new BackupError(`${this.from} is damaged: a PostgreSQL backup holds only ${DUMP_ENTRY}, not ${rel}`);
    const handle = (this.#handle = await open(this.path, 'wx', FILE_MODE));
    this.size = size;
    return { write: async (chunk) => void (await handle.write(chunk)), end: () => handle.sync() };
  }

  /** Also when the reading failed half way. */
  async close(): Promise<void> {
    await this.#handle?.close();
  }
}

/** Refuses a database that holds tables: a restore never mixes a backup into a site's data. */
async function checkEmpty(url: string, when: string): Promise<void> {
  const tables = await withClient(url, userTables);
  if (tables.length === 0) return;
  const named = tables.slice(0, 4).join(', ') + (tables.length > 4 ? ', …' : '');
  throw new BackupError(`${describeDatabase(url)} ${when} ${tables.length} table${tables.length === 1 ? '' : 's'} (${named}): restore into a new, empty database (createdb NAME)`);
}

/** Opens the restored database with the store and checks its log. */
async function verifyRestoredDatabase(url: string, log: (line: string) => void): Promise<StoreCheck> {
  const store = await openPostgresStore(url, { log, poolSize: 2 }).catch((e: Error) => {
    throw new BackupError(`the restored database does not open: ${e.message}`);
  });
  try {
    return await checkRestoredStore(store);
  } finally {
    await store.close();
  }
}

/** After a failed check: drops every table (the database had none before the restore). */
async function dropRestored(url: string): Promise<string> {
  try {
    await withClient(url, async (c) => {
      const tables = await userTables(c);
      if (tables.length) await c.query(`drop table if exists ${tables.join(', ')} cascade`);
    });
    return `the restored tables were dropped again: ${describeDatabase(url)} is empty, as before`;
  } catch (e) {
    return `dropping the restored tables failed too (${(e as Error).message}): do not use ${describeDatabase(url)}; drop it or its tables before trying again`;
  }
}

/** Restores the PostgreSQL backup at from into the empty database at url. */
export async function restorePostgresBackup(from: string, url: string, log: (line: string) => void = () => undefined): Promise<PostgresRestoreSummary> {
  await checkEmpty(url, 'already holds');
  const temp = await mkdtemp(join(tmpdir(), 'foyer-restore-'));
  try {
    const dump = new DumpFile(from, join(temp, DUMP_ENTRY));
    // The whole file is checked (every hash and the trailer) before pg_restore sees any of it.
    const { header, files } = await readBackupEntries(from, {
      header: expectSource(from, 'postgres'),
      entry: (rel, size) => dump.sink(rel, size),
    }).finally(() => dump.close());
    if (files !== 1) throw new BackupError(`${from} is damaged: a PostgreSQL backup holds one file, this one ${files}`);
    await checkEmpty(url, 'was filled while the backup was read: it holds');
    // One transaction: a pg_restore that fails half way leaves no table behind.
    await runPgTool('pg_restore', ['--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', dump.path], url);
    let checked: StoreCheck;
    try {
      checked = await verifyRestoredDatabase(url, log);
    } catch (e) {
      throw new BackupError(`${(e as Error).message}; ${await dropRestored(url)}`);
    }
    return { database: describeDatabase(url), createdAt: header.createdAt, dumpBytes: dump.size, ...checked };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
