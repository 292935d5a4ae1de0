import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createMemoryStore } from '../../data/memory-store.ts';
import { storeContract } from './store-contract.ts';
import { visit } from './store-fixtures.ts';

storeContract(test, 'memory', async () => createMemoryStore());

test('memory: stores are independent of each other', async () => {
  const [a, b] = [createMemoryStore(), createMemoryStore()];
  await a.putVisit(visit('2026-11-27', 1));
  assert.equal(await b.openVisits(), []);
});

test.run();
