// Databases made for one test and dropped after it, on the PostgreSQL server tests are given
// (FOYER_TEST_DATABASE_URL, else this machine kind's postgres://postgres@127.0.0.1:5432/test).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Test } from 'uvu';

export const TEST_DATABASE_SERVER = process.env.FOYER_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The API suite runs on PostgreSQL when test/run.ts sets this (its second pass over test/api). */
export const testsOnPostgres = () => process.env.FOYER_TEST_STORE === 'postgres';

async function withServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_SERVER, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Whether the test server answers, and if not, why. */
export async function postgresReachable(): Promise<{ ok: true } | { ok: false; why: string }> {
  try {
    await withServer((c) => c.query('select 1'));
    return { ok: true };
  } catch (e) {
    return { ok: false, why: (e as Error).message };
  }
}

/** A new empty database; drop() removes it, closing whatever is still connected. */
export async function freshDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `foyer_test_${randomBytes(6).toString('hex')}`;
  await withServer((c) => c.query(`create database ${name}`));
  const url = new URL(TEST_DATABASE_SERVER);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => withServer((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined) };
}

/** The tables of a database whose rows hold needle anywhere (as text), named `table:NAME`. */
export async function tablesHolding(url: string, needle: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by tablename`);
    const found: string[] = [];
    for (const { name } of rows) {
      const hit = await client.query(`select 1 from ${name} t where strpos(t::text, $1) > 0 limit 1`, [needle]);
      if (hit.rowCount) found.push(`table:${name}`);
    }
    return found;
  } finally {
    await client.end();
  }
}

/** A uvu test that needs PostgreSQL: skipped, saying so once (what), where none answers; under CI=true a failure. */
export async function postgresTests(test: Test, what: string): Promise<(name: string, fn: () => Promise<void>) => void> {
  const reachable = await postgresReachable();
  const onCI = process.env.CI === 'true';
  if (!reachable.ok && !onCI) console.log(`skipped: ${what}, no PostgreSQL reachable at ${TEST_DATABASE_SERVER} (${reachable.why})`);
  return (name, fn) => {
    if (reachable.ok) return test(`PostgreSQL: ${name}`, fn);
    if (onCI) return test(`PostgreSQL: ${name}`, () => { throw new Error(`PostgreSQL is not reachable at ${TEST_DATABASE_SERVER} (${reachable.why}); CI requires it`); });
    return test.skip(`PostgreSQL: ${name}`, fn);
  };
}
