// Upgrading a v1 data directory: an upgrade that stops half-way (a file it cannot read) leaves the old
// files and starts over once that file is fixed; nothing acknowledged before is lost.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLowdbStore } from '../../data/lowdb-store.ts';
import { verifyChain } from '../../server/domain/log.ts';
import { failure } from './store-fixtures.ts';

const FIXTURE = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/v1-site');
const parent = mkdtempSync(join(tmpdir(), 'foyer-upgrade-unit-'));
test.after(() => rmSync(parent, { recursive: true, force: true }));

test('an upgrade stopped by an unreadable old file names it, changes nothing it cannot redo, and finishes once it is fixed', async () => {
  const dir = join(parent, 'db');
  cpSync(FIXTURE, dir, { recursive: true });
  const eventsFile = join(dir, 'events/2026-11-28.json');
  const good = readFileSync(eventsFile, 'utf8');
  writeFileSync(eventsFile, good.slice(0, 200));
  const refused = await failure(openLowdbStore(dir));
  assert.match(refused.message, eventsFile);
  assert.ok(readdirSync(join(dir, 'visits')).includes('2026-11-27.json'), 'the old files stay until the upgrade is done');
  writeFileSync(eventsFile, good);

  const store = await openLowdbStore(dir);
  try {
    assert.is((await store.visitsOfDay('2026-11-27')).length, 2);
    assert.is((await store.list('appointments')).length, 2);
    const events = await store.events('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
    assert.ok(verifyChain(events).ok);
    assert.equal(await store.lastEvent(), events.at(-1));
    assert.ok((await store.openVisits()).length >= 3);
  } finally {
    await store.close();
  }
  assert.ok(readdirSync(parent).filter((n) => n.startsWith('db.v1-backup-')).length >= 1);
});

test.run();
