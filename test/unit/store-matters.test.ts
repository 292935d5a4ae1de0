// Calls and cases on every Store: memory, lowdb and PostgreSQL (in a database made for this file and dropped
// after it; skipped, saying so, where no PostgreSQL answers, except in CI).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import pg from 'pg';
import { createMemoryStore } from '../../data/memory-store.ts';
import { openLowdbStore } from '../../data/lowdb-store.ts';
import { openPostgresStore } from '../../data/postgres-store.ts';
import { freshDatabase, postgresReachable, TEST_DATABASE_SERVER } from '../helpers/postgres.ts';
import { mattersContract } from './store-matters-contract.ts';
import { removeDir, tempDir } from './store-fixtures.ts';
import { caseDraft } from './matters-fixtures.ts';
import type { CaseRecord } from '../../data/matters.ts';

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

  test('postgres: two servers on one database number cases without a clash and take rival steps one at a time', async () => {
    const [a, b] = [await openPostgresStore(database.url), await openPostgresStore(database.url)];
    try {
      await db.query('truncate calls, cases, case_numbers restart identity');
      const made = await Promise.all(Array.from({ length: 30 }, (_, n) => (n % 2 ? a : b).insertCase(caseDraft('2026-11-27', n + 1))));
      assert.is(new Set(made.map((c) => c!.number)).size, 30);
      assert.equal(made.map((c) => c!.number).sort().at(-1), 'C-20261127-0030');
      const id = made[0]!.id;
      await a.updateCase(id, (c) => ({ ...c, status: 'resolved' }));
      const callback = (by: string) => (c: CaseRecord) => {
        if (c.status !== 'resolved') throw new Error('called back already');
        return { ...c, status: 'called-back' as const, callback: { at: '2026-11-28T09:00:00.000Z', by, reachedContact: true } };
      };
      const results = await Promise.allSettled([a.updateCase(id, callback('u-a')), b.updateCase(id, callback('u-b'))]);
      assert.equal(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    } finally {
      await a.close();
      await b.close();
    }
  });
} else if (process.env.CI === 'true') {
  test('postgres: calls and cases', () => { throw new Error(`PostgreSQL is not reachable at ${TEST_DATABASE_SERVER} (${reachable.why}); CI requires it`); });
} else {
  console.log(`store-matters: PostgreSQL not reachable at ${TEST_DATABASE_SERVER} (${reachable.why}); its contract skipped`);
}

test.run();
