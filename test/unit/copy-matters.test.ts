// Calls and cases travel with the site: npm run migrate (copySite) and a lowdb backup restored elsewhere.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { createMemoryStore } from '../../data/memory-store.ts';
import { openLowdbStore } from '../../data/lowdb-store.ts';
import { copySite } from '../../data/copy-site.ts';
import { writeBackup } from '../../data/backup.ts';
import { restoreBackup } from '../../data/restore.ts';
import type { Store } from '../../data/store.ts';
import { call, caseDraft } from './matters-fixtures.ts';
import { failure, removeDir, tempDir } from './store-fixtures.ts';

const dirs: string[] = [];
const freshDir = () => (dirs.push(tempDir()), dirs.at(-1)!);
test.after(() => dirs.forEach(removeDir));
const secrets = { badgePrivateKey: 'priv', badgePublicKey: 'pub', idHashKey: 'k1', tokenKey: 'k2' };

/** Two days of calls and cases: a read message, an unread one, a closed case and open ones. */
async function fill(store: Store): Promise<void> {
  await store.secrets(() => secrets);
  await store.insertCall(call('2026-11-26', 1, 'message'));
  await store.insertCall(call('2026-11-26', 2, 'message'));
  await store.updateCall('20261126-K0001', (c) => ({ ...c, message: { ...c.message!, readAt: '2026-11-26T12:00:00.000Z' } }));
  await store.insertCall(call('2026-11-27', 3, 'transfer'));
  for (let n = 1; n <= 3; n++) await store.insertCase(caseDraft('2026-11-26', n));
  await store.updateCase('20261126-S0002', (c) => ({ ...c, status: 'closed', closedAt: '2026-11-27T09:00:00.000Z', closeReason: 'duplicate' }));
  await store.insertCase(caseDraft('2026-11-27', 4));
}

const everything = async (store: Store) => ({
  calls: (await store.callsBetween('2000-01-01', '2099-12-31')).items,
  cases: (await store.casesBetween('2000-01-01', '2099-12-31')).items,
  pending: (await store.pendingCalls()).map((c) => c.id),
  open: (await store.openCases()).map((c) => c.id),
});

test('a migrated site holds every call and case as stored, numbers included, and numbers go on after them', async () => {
  const source = createMemoryStore();
  await fill(source);
  const target = await openLowdbStore(freshDir());
  await copySite(source, target);
  const copied = await everything(target);
  assert.equal(copied, await everything(source));
  assert.equal([copied.pending, copied.open], [['20261126-K0002', '20261127-K0003'], ['20261126-S0001', '20261126-S0003', '20261127-S0004']]);
  assert.is((await target.insertCase(caseDraft('2026-11-26', 9)))!.number, 'C-20261126-0004');
  await target.close();
});

test('a target that holds calls or cases is refused, naming them', async () => {
  const source = createMemoryStore();
  await fill(source);
  const target = createMemoryStore();
  await target.insertCall(call('2026-11-01', 1));
  assert.match((await failure(copySite(source, target))).message, 'calls');
});

test('a lowdb backup restored elsewhere brings the calls and cases back, and their open index', async () => {
  const dir = freshDir();
  const store = await openLowdbStore(dir);
  await fill(store);
  await store.close();
  const file = join(freshDir(), 'site.foyer-backup');
  await writeBackup(dir, file);
  const restored = join(freshDir(), 'site');
  await restoreBackup(file, restored);
  const [before, after] = [await openLowdbStore(dir), await openLowdbStore(restored)];
  assert.equal(await everything(after), await everything(before));
  await before.close();
  await after.close();
});

test.run();
