// Calls and cases on every Store: memory, lowdb and PostgreSQL (in a database made for this file and dropped
// after it; skipped, saying so, where no PostgreSQL answers, except in CI).
import { test } from 'uvu';
import pg from 'pg';
import { createMemoryStore } from '../../data/memory-store.ts';
import { openLowdbStore } from '../../data/lowdb-store.ts';
import { openPostgresStore } from '../../data/postgres-store.ts';
import { freshDatabase, postgresReachable, TEST_DATABASE_SERVER } from '../helpers/postgres.ts';
import { mattersContract } from './store-matters-contract.ts';
import { removeDir, tempDir } from './store-fixtures.ts';

mattersContract(test, 'memory', async () => createMemoryStore());

const dirs: string[] = [];
test.after(() => dirs.forEach(removeDir));
mattersContract(test, 'lowdb', () => openLowdbStore((dirs.push(tempDir()), dirs.at(-1)!)));

const reachable = await postgresReachable();
if (reachable.ok) {
  const database = await freshDatabase();
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  test.after(async () => {
    await db.end();
    await database.drop();
  });
  // Each test starts from empty calls and cases, after the store has brought the schema up to date.
  mattersContract(test, 'postgres', async () => {
    const store = await openPostgresStore(database.url);
    await db.query('truncate calls, cases, case_numbers restart identity');
    return store;
  });
} else if (process.env.CI === 'true') {
  test('postgres: calls and cases', () => { throw new Error(`PostgreSQL is not reachable at ${TEST_DATABASE_SERVER} (${reachable.why}); CI requires it`); });
} else {
  console.log(`store-matters: PostgreSQL not reachable at ${TEST_DATABASE_SERVER} (${reachable.why}); its contract skipped`);
}

test.run();
