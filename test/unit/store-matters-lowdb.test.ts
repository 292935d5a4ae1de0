// Calls and cases on disk (lowdb): journals replayed at start, the open index, corrupt files, compaction, erasure
// that leaves nothing behind, and kill -9 in the middle of a rush.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { openLowdbStore } from '../../data/lowdb-store.ts';
import type { CaseRecord } from '../../data/matters.ts';
import { applyCaseStep, type CaseAction } from '../../server/domain/cases.ts';
import { DomainError } from '../../server/domain/errors.ts';
import { call, caseDraft } from './matters-fixtures.ts';
import { failure, jsonFiles, removeDir, tempDir } from './store-fixtures.ts';

const dirs: string[] = [];
const freshDir = () => (dirs.push(tempDir()), dirs.at(-1)!);
test.after(() => dirs.forEach(removeDir));

const step = (action: CaseAction, at = '2026-11-28T10:00:00.000Z') => (c: CaseRecord) => {
  const next = applyCaseStep(c, action, { id: 'u-desk' }, at);
  if (next instanceof DomainError) throw next;
  return next;
};
const finish = ['resolve', 'callback', 'close'].map((kind) => ({ kind, resolution: 'done', reachedContact: true }) as CaseAction);
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);
const ids = (records: Array<{ id: string }>) => records.map((r) => r.id);

test('reopening replays the journals: the last version of each call and case, and numbers go on from the last', async () => {
  const dir = freshDir();
  const first = await openLowdbStore(dir);
  await first.insertCall(call('2026-11-27', 1, 'message'));
  await first.updateCall('20261127-K0001', (c) => ({ ...c, message: { ...c.message!, readAt: '2026-11-27T12:00:00.000Z' } }));
  for (let n = 1; n <= 3; n++) await first.insertCase(caseDraft('2026-11-27', n));
  await first.updateCase('20261127-S0002', step({ kind: 'assign', department: 'Works' }));
  await first.close();

  const again = await openLowdbStore(dir);
  assert.is((await again.getCall('20261127-K0001'))!.message!.readAt, '2026-11-27T12:00:00.000Z');
  assert.equal(await again.pendingCalls(), []);
  assert.equal((await again.getCase('20261127-S0002'))!.assignee, { department: 'Works' });
  assert.is((await again.insertCase(caseDraft('2026-11-27', 4)))!.number, 'C-20261127-0004', 'no number handed out twice');
  assert.equal(ids((await again.casesBetween('2026-11-27', '2026-11-27')).items), ['20261127-S0001', '20261127-S0002', '20261127-S0003', '20261127-S0004']);
  await again.close();
});

test('the open index survives a restart: open cases and pending calls of earlier days come back, closed ones do not', async () => {
  const dir = freshDir();
  const first = await openLowdbStore(dir);
  for (const n of [1, 2, 3]) await first.insertCase(caseDraft('2026-11-20', n));
  await first.insertCall(call('2026-11-20', 1, 'transfer'));
  await first.insertCall(call('2026-11-20', 2, 'message'));
  await first.insertCase(caseDraft('2026-11-27', 9)); // a new day: the index now names the earlier open ones
  for (const action of finish) await first.updateCase('20261120-S0002', step(action)); // closed after the index was written
  await first.updateCall('20261120-K0002', (c) => ({ ...c, message: { ...c.message!, readAt: '2026-11-27T09:00:00.000Z' } }));
  await first.close();
  assert.equal(JSON.parse(readFileSync(join(dir, 'cases/open-index.json'), 'utf8')), { day: '2026-11-27', open: ['20261120-S0001', '20261120-S0002', '20261120-S0003'] });

  const again = await openLowdbStore(dir);
  assert.equal(ids(await again.openCases()), ['20261120-S0001', '20261120-S0003', '20261127-S0009']);
  assert.equal(ids(await again.pendingCalls()), ['20261120-K0001']);
  await again.insertCase(caseDraft('2026-11-28', 1)); // the next day drops what closed
  await again.close();
  assert.equal(JSON.parse(readFileSync(join(dir, 'cases/open-index.json'), 'utf8')).open, ['20261120-S0001', '20261120-S0003', '20261127-S0009']);
});

test('a lost open index is rebuilt from the day files, and said', async () => {
  const dir = freshDir();
  const first = await openLowdbStore(dir);
  await first.insertCase(caseDraft('2026-11-20', 1));
  await first.insertCase(caseDraft('2026-11-21', 2));
  for (const action of finish) await first.updateCase('20261121-S0002', step(action));
  await first.insertCase(caseDraft('2026-11-27', 3));
  await first.close();
  rmSync(join(dir, 'cases/open-index.json'));
  const said: string[] = [];
  const again = await openLowdbStore(dir, { log: (l) => said.push(l) });
  assert.equal(ids(await again.openCases()), ['20261120-S0001', '20261127-S0003']);
  assert.ok(said.some((l) => l.includes('cases/open-index.json was missing') && l.includes('3 day files (2 open)')), said.join('\n'));
  await again.close();
});

const journalCorruptions = [
  { file: 'cases/2026-11-27.jsonl', tail: '{"id": "20261127-S0009", "da' },
  { file: 'cases/2026-11-27.jsonl', tail: '{"not": "a case"}\n' },
  { file: 'calls/2026-11-27.jsonl', tail: 'null\n' },
];
for (const { file, tail } of journalCorruptions) {
  test(`a corrupt line in ${file} (${JSON.stringify(tail)}) stops start-up, naming the file, and is left as it was`, async () => {
    const dir = freshDir();
    const first = await openLowdbStore(dir);
    await first.insertCase(caseDraft('2026-11-27', 1));
    await first.insertCall(call('2026-11-27', 1, 'message'));
    await first.close();
    const path = join(dir, file);
    appendFileSync(path, tail);
    const text = readFileSync(path, 'utf8');
    const refused = await failure(openLowdbStore(dir));
    assert.match(refused.message, path);
    assert.match(refused.message, 'never overwrites');
    assert.is(readFileSync(path, 'utf8'), text);
    writeFileSync(path, text.slice(0, text.length - tail.length));
    await (await openLowdbStore(dir)).close(); // the failed open released the lock
  });
}

test('a day whose cases are all closed is compacted to one line per case when a later day starts', async () => {
  const dir = freshDir();
  const store = await openLowdbStore(dir);
  await store.insertCase(caseDraft('2026-11-26', 1));
  await store.insertCase(caseDraft('2026-11-26', 2));
  for (const action of finish) {
    await store.updateCase('20261126-S0001', step(action));
    await store.updateCase('20261126-S0002', step(action));
  }
  assert.is(lines(join(dir, 'cases/2026-11-26.jsonl')).length, 8, 'not yet: no later day has started');
  await store.insertCase(caseDraft('2026-11-27', 3));
  assert.equal(lines(join(dir, 'cases/2026-11-26.jsonl')).map((l) => JSON.parse(l).status), ['closed', 'closed']);
  await store.updateCase('20261127-S0003', step({ kind: 'note', text: 'waiting' }));
  await store.insertCase(caseDraft('2026-11-28', 5));
  assert.is(lines(join(dir, 'cases/2026-11-27.jsonl')).length, 2, 'a day with an open case keeps its journal');
  await store.close();
  const again = await openLowdbStore(dir);
  assert.is((await again.getCase('20261126-S0002'))!.status, 'closed');
  assert.equal((await again.getCase('20261127-S0003'))!.steps.map((s) => s.kind), ['created', 'note']);
  await again.close();
});

test('erasure leaves no earlier version of the record on disk', async () => {
  const dir = freshDir();
  const store = await openLowdbStore(dir);
  await store.insertCall(call('2026-11-26', 1));
  await store.insertCall(call('2026-11-26', 2));
  await store.updateCall('20261126-K0001', (c) => ({ ...c, subject: 'Caller 1 again' }));
  await store.insertCase(caseDraft('2026-11-26', 1));
  for (const action of finish) await store.updateCase('20261126-S0001', step(action));
  await store.eraseMatters({ fromDay: '2026-11-26', toDay: '2026-11-26' }, '2026-12-01T00:00:00.000Z');
  await store.close();
  for (const file of ['calls/2026-11-26.jsonl', 'cases/2026-11-26.jsonl']) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const word of ['Caller 1', 'Contact 1', '138-0000-0001', 'Noise 1']) assert.not.ok(text.includes(word), `${word} in ${file}`);
  }
  assert.is(lines(join(dir, 'calls/2026-11-26.jsonl')).length, 2);
});

// Opens a store and takes cases and calls until killed, printing each acknowledgement.
const writer = `
  const { openLowdbStore } = await import(process.env.STORE);
  const { call, caseDraft } = await import(process.env.FIXTURES);
  const store = await openLowdbStore(process.env.DIR);
  for (let n = 1; n <= 5000; n++) {
    const [made] = await Promise.all([store.insertCase(caseDraft('2026-11-27', n)), store.insertCall(call('2026-11-27', n, 'message'))]);
    await store.updateCase(made.id, (c) => ({ ...c, status: 'assigned', assignee: { department: 'D' + n } }));
    console.log('acked ' + n + ' ' + made.number);
  }
  console.log('done');
`;

test('after kill -9 mid-way every acknowledged call, case and change is there, and every file parses', async () => {
  const dir = freshDir();
  const env = {
    ...process.env, DIR: dir,
    STORE: pathToFileURL(join(import.meta.dirname, '../../data/lowdb-store.ts')).href,
    FIXTURES: pathToFileURL(join(import.meta.dirname, 'matters-fixtures.ts')).href,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', writer], { env });
  const numbers = new Map<number, string>();
  for await (const line of createInterface({ input: child.stdout! })) {
    if (line === 'done') break;
    const [, n, number] = line.split(' ');
    numbers.set(Number(n), number);
    if (numbers.size === 150) child.kill('SIGKILL');
  }
  const [, signal] = await once(child, 'exit');
  assert.is(signal, 'SIGKILL', 'the writer was killed before it finished');

  assert.equal(jsonFiles(dir).filter((f) => !f.valid), []);
  const store = await openLowdbStore(dir);
  for (const [n, number] of numbers) {
    const stored = await store.getCase(caseDraft('2026-11-27', n).id);
    assert.equal([stored?.number, stored?.assignee], [number, { department: `D${n}` }], `case ${n} was acknowledged`);
    assert.ok(await store.getCall(call('2026-11-27', n).id), `call ${n} was acknowledged`);
  }
  const next = (await store.insertCase(caseDraft('2026-11-27', 9999)))!.number;
  const used = new Set((await store.casesBetween('2026-11-27', '2026-11-27', { limit: 500 })).items.map((c) => c.number));
  assert.is(used.size, (await store.casesBetween('2026-11-27', '2026-11-27', { limit: 500 })).items.length, 'numbers unique after the crash');
  assert.ok(next > [...numbers.values()].sort().at(-1)!, `${next} after every acknowledged number`);
  await store.close();
});

test.run();
