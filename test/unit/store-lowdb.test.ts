import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openLowdbStore } from '../../data/lowdb-store.ts';
import { storeContract } from './store-contract.ts';
import { chain, failure, host, jsonFiles, removeDir, tempDir, visit } from './store-fixtures.ts';

const dirs: string[] = [];
const freshDir = () => (dirs.push(tempDir()), dirs.at(-1)!);
test.after(() => dirs.forEach(removeDir));

storeContract(test, 'lowdb', () => openLowdbStore(freshDir()));

const secrets = { badgePrivateKey: 'priv', badgePublicKey: 'pub', idHashKey: 'k1', tokenKey: 'k2' };
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const readLines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

test('lowdb: files are one per day, secrets 0600, lock held while open', async () => {
  const dir = freshDir();
  const store = await openLowdbStore(dir);
  await store.secrets(() => secrets);
  await store.put('hosts', host(1));
  await store.putVisit(visit('2026-11-26', 1));
  await store.putVisit(visit('2026-11-27', 2));
  for (const e of chain(['2026-11-26T10:00:00.000Z', '2026-11-27T10:00:00.000Z'])) await store.appendEvent(e);
  assert.is(readFileSync(join(dir, 'foyer.lock'), 'utf8').trim(), String(process.pid));
  await store.close();

  assert.equal(readJson(join(dir, 'directory.json')).hosts, [host(1)]);
  assert.equal(readLines(join(dir, 'visits/2026-11-27.jsonl')), [visit('2026-11-27', 2)]);
  assert.equal(readLines(join(dir, 'events/2026-11-26.jsonl')).map((e: { seq: number }) => e.seq), [1]);
  assert.equal(readJson(join(dir, 'open-index.json')), { day: '2026-11-27', open: ['20261126-0001'] });
  assert.is(statSync(join(dir, 'secrets.json')).mode & 0o777, 0o600);
  assert.not.ok(existsSync(join(dir, 'foyer.lock')), 'close() releases the lock');
});

test('lowdb: reopening after close sees everything', async () => {
  const dir = freshDir();
  const first = await openLowdbStore(dir);
  await first.secrets(() => secrets);
  const log = chain(['2026-11-26T10:00:00.000Z', '2026-11-27T10:00:00.000Z', '2026-11-27T11:00:00.000Z']);
  await first.put('hosts', host(1));
  await first.putVisit(visit('2026-11-26', 1, 'on-site'));
  await first.putVisit(visit('2026-11-27', 2, 'checked-out'));
  for (const e of log) await first.appendEvent(e);
  await first.close();

  const again = await openLowdbStore(dir);
  assert.equal(await again.list('hosts'), [host(1)]);
  assert.equal(await again.getVisit('20261127-0002'), visit('2026-11-27', 2, 'checked-out'));
  assert.equal(await again.openVisits(), [visit('2026-11-26', 1, 'on-site')]);
  assert.equal(await again.lastEvent(), log[2]);
  assert.equal(await again.events('2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'), log);
  assert.equal(await again.secrets(() => { throw new Error('made twice'); }), secrets);
  await again.appendEvent(chain(['2026-11-27T12:00:00.000Z'], log[2])[0]);
  await again.close();
});

test('lowdb: 100 overlapping writes are all on disk after reopen, every file valid JSON', async () => {
  const dir = freshDir();
  const store = await openLowdbStore(dir);
  await Promise.all(Array.from({ length: 100 }, (_, n) =>
    n % 2 ? store.put('hosts', host(n)) : store.putVisit(visit(n % 4 ? '2026-11-27' : '2026-11-26', n))));
  await store.close();
  assert.equal(jsonFiles(dir).filter((f) => !f.valid), []);
  const again = await openLowdbStore(dir);
  assert.is((await again.list('hosts')).length, 50);
  assert.is((await again.visitsOfDay('2026-11-26')).length + (await again.visitsOfDay('2026-11-27')).length, 50);
  assert.is((await again.openVisits()).length, 50);
  await again.close();
});

test('lowdb: open visits of earlier days are indexed; a stale index entry is ignored; a new day rolls the index', async () => {
  const dir = freshDir();
  const first = await openLowdbStore(dir);
  await first.putVisit(visit('2026-10-01', 1, 'on-site')); // an overstay from weeks ago
  await first.putVisit(visit('2026-10-02', 2, 'checked-out'));
  await first.putVisit(visit('2026-11-27', 3, 'approved'));
  await first.putVisit(visit('2026-11-27', 4));
  await first.putVisit(visit('2026-11-27', 4, 'denied'));
  await first.close();
  const index = join(dir, 'open-index.json');
  assert.equal(readJson(index), { day: '2026-11-27', open: ['20261001-0001'] }, 'only earlier days are listed');
  // As a crash between a day file and the index would leave it: a closed and a missing visit listed.
  writeFileSync(index, JSON.stringify({ day: '2026-11-27', open: ['20261001-0001', '20261002-0002', '20261120-0009'] }));

  const again = await openLowdbStore(dir);
  const open = [visit('2026-10-01', 1, 'on-site'), visit('2026-11-27', 3, 'approved')];
  assert.equal(await again.openVisits(), open);
  await again.putVisit(visit('2026-10-01', 1, 'checked-out'));
  await again.putVisit(visit('2026-11-28', 5)); // a new day: the index says where yesterday's open visit is
  await again.close();
  assert.equal(readJson(index), { day: '2026-11-28', open: ['20261127-0003'] });
  const third = await openLowdbStore(dir);
  assert.equal((await third.openVisits()).map((v) => v.id), ['20261127-0003', '20261128-0005']);
  await third.close();
});

test('lowdb: a change appends one line; a finished day is compacted to one line per visit when the next day starts', async () => {
  const dir = freshDir();
  const store = await openLowdbStore(dir);
  for (const status of ['awaiting-host', 'approved', 'on-site', 'checked-out'] as const) await store.putVisit(visit('2026-11-27', 1, status));
  await store.putVisit(visit('2026-11-27', 2, 'denied'));
  assert.is(readLines(join(dir, 'visits/2026-11-27.jsonl')).length, 5, 'one line per change');
  await store.putVisit(visit('2026-11-28', 3));
  await store.close();
  assert.equal(readLines(join(dir, 'visits/2026-11-27.jsonl')), [visit('2026-11-27', 1, 'checked-out'), visit('2026-11-27', 2, 'denied')]);
});

test('lowdb: older days load lazily and stay writable after being evicted', async () => {
  const dir = freshDir();
  const days = ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-27'];
  const first = await openLowdbStore(dir);
  for (const [n, day] of days.entries()) await first.putVisit(visit(day, n, 'checked-out'));
  await first.close();
  writeFileSync(join(dir, 'visits/2026-11-20.jsonl'), '{"id":'); // not read unless asked for

  const again = await openLowdbStore(dir, { cacheDays: 1 });
  assert.equal(await again.visitsOfDay('2026-11-21'), [visit('2026-11-21', 1, 'checked-out')]);
  assert.equal(await again.getVisit('20261122-0002'), visit('2026-11-22', 2, 'checked-out'));
  await again.putVisit(visit('2026-11-21', 5, 'checked-out'));
  await again.visitsOfDay('2026-11-22');
  await again.putVisit(visit('2026-11-21', 6, 'checked-out'));
  assert.match((await failure(again.visitsOfDay('2026-11-20'))).message, '2026-11-20.jsonl');
  await again.close();
  assert.equal(readLines(join(dir, 'visits/2026-11-21.jsonl')).map((v: { id: string }) => v.id),
    ['20261121-0001', '20261121-0005', '20261121-0006']);
});

test('lowdb: a search over finished days reads their summaries and event indexes, not the visits or the whole log', async () => {
  const dir = freshDir();
  const first = await openLowdbStore(dir);
  const named = (day: string, n: number, name: string) => ({ ...visit(day, n, 'checked-out'), visitor: { ...visit(day, n).visitor, name } });
  await first.putVisit(named('2026-11-25', 1, 'Zhang Wei'));
  await first.putVisit(named('2026-11-25', 2, 'Li Na'));
  await first.putVisit(named('2026-11-26', 3, 'Today Visitor'));
  const log = chain(['2026-11-25T09:00:00.000Z', '2026-11-25T10:00:00.000Z', '2026-11-26T09:00:00.000Z']);
  for (const [i, e] of log.entries()) await first.appendEvent({ ...e, visitId: ['20261125-0001', '20261125-0002', '20261126-0003'][i] });
  await first.close();
  assert.equal(readFileSync(join(dir, 'visits/2026-11-25.idx'), 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 3)),
    [['20261125-0001', 'zhangwei', '1'], ['20261125-0002', 'lina', '2']], 'written when the next day started');
  assert.ok(existsSync(join(dir, 'events/2026-11-25.idx')));
  // Break the old day's visits and Li Na's event line: a search for Zhang Wei needs neither.
  writeFileSync(join(dir, 'visits/2026-11-25.jsonl'), '{"broken": ');
  const events = readFileSync(join(dir, 'events/2026-11-25.jsonl'), 'utf8').split('\n');
  writeFileSync(join(dir, 'events/2026-11-25.jsonl'), [events[0], events[1].replace('"kind"', '"kin'), ...events.slice(2)].join('\n'));
  const again = await openLowdbStore(dir);
  assert.equal(await again.findVisits('2026-11-01', '2026-11-30', { text: 'zhang wei' }), ['20261125-0001']);
  assert.equal((await again.eventsOfVisits(['20261125-0001'], '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z')).map((e) => e.seq), [1]);
  assert.equal(await again.findVisits('2026-11-01', '2026-11-30', { text: 'today' }), ['20261126-0003'], 'the newest day from memory');
  assert.match((await failure(again.eventsOfVisits(['20261125-0002'], '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'))).message, 'events/2026-11-25.jsonl');
  await again.close();
});

test('lowdb: an event index that is missing, or in the old JSON format, is made again by the search that needs it', async () => {
  const dir = freshDir();
  const first = await openLowdbStore(dir);
  await first.putVisit(visit('2026-11-25', 1, 'checked-out'));
  await first.putVisit(visit('2026-11-26', 2));
  const log = chain(['2026-11-25T09:00:00.000Z', '2026-11-25T10:00:00.000Z', '2026-11-26T09:00:00.000Z']);
  for (const [i, e] of log.entries()) await first.appendEvent({ ...e, visitId: ['20261125-0001', '20261125-0001', '20261126-0002'][i] });
  await first.close();
  const index = join(dir, 'events/2026-11-25.idx');
  const made = readFileSync(index, 'utf8');
  for (const [what, damage] of [['missing', () => rmSync(index)], ['old JSON', () => writeFileSync(index, '{"20261125-0001":[[0,10]]}')]] as const) {
    damage();
    const again = await openLowdbStore(dir);
    assert.equal((await again.eventsOfVisits(['20261125-0001'], '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z')).map((e) => e.seq), [1, 2], what);
    await again.close();
    assert.is(readFileSync(index, 'utf8'), made, `${what}: written again`);
  }
});

test('lowdb: lastEvent after restart is the last event of the newest events file', async () => {
  const dir = freshDir();
  const log = chain(['2026-11-25T10:00:00Z', '2026-11-26T10:00:00Z', '2026-11-26T11:00:00Z']);
  const first = await openLowdbStore(dir);
  for (const e of log) await first.appendEvent(e);
  await first.close();
  const again = await openLowdbStore(dir);
  assert.equal(await again.lastEvent(), log[2]);
  assert.match((await failure(again.appendEvent(log[1]))).message, 'prevHash');
  await again.close();
});

test('lowdb: events(from, to) reads only the days in the range', async () => {
  const dir = freshDir();
  const log = chain(['2026-11-24T10:00:00Z', '2026-11-25T10:00:00Z', '2026-11-26T10:00:00Z']);
  const first = await openLowdbStore(dir);
  for (const e of log) await first.appendEvent(e);
  await first.close();
  const outside = join(dir, 'events/2026-11-24.jsonl');
  writeFileSync(outside, '{"id": "e1",\n');

  const again = await openLowdbStore(dir);
  assert.equal(await again.events('2026-11-25T00:00:00Z', '2026-11-27T00:00:00Z'), log.slice(1));
  assert.match((await failure(again.events('2026-11-24T00:00:00Z', '2026-11-25T00:00:00Z'))).message, outside);
  await again.close();
});

test.run();
