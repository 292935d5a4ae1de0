// Brings a database's schema up to date from data/migrations/postgres/NNN_name.sql, in order, each once.
// The whole run is one transaction under an advisory lock: servers starting together wait for each
// other instead of applying a migration twice, and a failed migration leaves the schema as it was.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pool } from 'pg';
import { LOCKS, lockUntilCommit, transaction } from './postgres-tx.ts';

const FOLDER = fileURLToPath(new URL('./migrations/postgres/', import.meta.url));

export interface Migration { version: number; name: string; sql: string }

/** The migrations in a folder, by version; two files with one version are refused. */
export function readMigrations(folder = FOLDER): Migration[] {
  const found = readdirSync(folder).flatMap((file) => {
    const m = /^(\d+)_[\w-]+\.sql$/.exec(file);
    return m ? [{ version: Number(m[1]), name: file, sql: readFileSync(join(folder, file), 'utf8') }] : [];
  });
  found.sort((a, b) => a.version - b.version);
  const twice = found.find((m, i) => i > 0 && found[i - 1].version === m.version);
  if (twice) throw new Error(`two migrations have version ${twice.version} in ${folder}`);
  return found;
}

/** Applies the migrations the database lacks; resolves with the names of those it applied. */
export function migrate(pool: Pool, log: (line: string) => void = () => undefined, migrations = readMigrations()): Promise<string[]> {
  return transaction(pool, async (db) => {
    await lockUntilCommit(db, LOCKS.migrations);
    await db.query(`create table if not exists schema_migrations (
      version integer primary key, name text not null, applied_at timestamptz not null default now())`);
    const { rows } = await db.query<{ version: number }>('select version from schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await db.query(m.sql);
      await db.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      applied.push(m.name);
      log(`store: applied migration ${m.name}`);
    }
    const newest = Math.max(0, ...done);
    if (newest > (migrations.at(-1)?.version ?? 0)) log(`store: the database has migration ${newest}, newer than this server knows`);
    return applied;
  });
}
