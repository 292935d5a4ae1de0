import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { openLowdbStore } from '../../data/lowdb-store.ts';
import { failure, jsonFiles, removeDir, tempDir, visit } from './store-fixtures.ts';

const dirs: string[] = [];
const freshDir = () => (dirs.push(tempDir()), dirs.at(-1)!);
test.after(() => dirs.forEach(removeDir));

const lockOf = (dir: string) => join(dir, 'foyer.lock');
const stateOf = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0];

async function exitedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

// sh forks a short sleep, then becomes `sleep 30`, which never reaps it: the child stays a zombie.
async function zombie(): Promise<{ pid: number; parent: ChildProcess }> {
  const parent = spawn('sh', ['-c', 'sleep 0.2 & echo $!; exec sleep 30']);
  const [line] = await once(createInterface({ input: parent.stdout! }), 'line');
  const pid = Number(line);
  for (let i = 0; i < 100 && stateOf(pid) !== 'Z'; i++) await new Promise((r) => setTimeout(r, 20));
  return { pid, parent };
}

test('a second open of the same directory is refused while the first holds it', async () => {
  const dir = freshDir();
  const first = await openLowdbStore(dir);
  const refused = await failure(openLowdbStore(dir));
  assert.match(refused.message, 'another Foyer server');
  assert.match(refused.message, `PID ${process.pid}`);
  await first.close();
  await (await openLowdbStore(dir)).close();
});

test('a lock left by a process that has exited is taken over', async () => {
  const dir = freshDir();
  writeFileSync(lockOf(dir), `${await exitedPid()}\n`);
  const store = await openLowdbStore(dir);
  assert.is(readFileSync(lockOf(dir), 'utf8').trim(), String(process.pid));
  await store.close();
});

test('a lock held by a zombie is taken over', async () => {
  const dir = freshDir();
  const { pid, parent } = await zombie();
  try {
    assert.is(stateOf(pid), 'Z');
    writeFileSync(lockOf(dir), `${pid}\n`);
    await (await openLowdbStore(dir)).close();
  } finally {
    parent.kill();
  }
});

test('a lock with our own PID that no store of ours holds is stale (restarted container)', async () => {
  const dir = freshDir();
  writeFileSync(lockOf(dir), `${process.pid}\n`);
  await (await openLowdbStore(dir)).close();
});

test('a lock held by a live process is not taken over', async () => {
  const dir = freshDir();
  const parent = spawn('sleep', ['30']);
  try {
    writeFileSync(lockOf(dir), `${parent.pid}\n`);
    assert.match((await failure(openLowdbStore(dir))).message, `PID ${parent.pid}`);
  } finally {
    parent.kill();
  }
});

const line = (v: unknown) => `${JSON.stringify(v)}\n`;
const corruptions = [
  { file: 'directory.json', text: '{"users": [', fix: '{}' },
  { file: 'open-index.json', text: '{"day": "2026-11-27", "open": [', fix: '{"day": "", "open": []}' },
  { file: 'visits/2026-11-27.jsonl', text: `${line(visit('2026-11-27', 1))}{"id": "20261127-0002", "da`, fix: '' },
  { file: 'visits/2026-11-27.jsonl', text: `null\n`, fix: '' },
  { file: 'visits/2026-11-27.jsonl', text: `${line({ visits: 3 })}`, fix: '' },
  { file: 'visits/2026-11-27.jsonl', text: `{"id": "x", "se\n${line(visit('2026-11-27', 1))}`, fix: '' },
  { file: 'events/2026-11-27.jsonl', text: '{"id": "e1", "se', fix: '' },
  { file: 'appointments/index.jsonl', text: '{"id": "a1", "day":\n', fix: '' },
  // A v1 day file that cannot be upgraded stops start-up the same way.
  { file: 'visits/2026-11-27.json', text: '{"visits": [', fix: '{"visits": []}' },
  { file: 'events/2026-11-27.json', text: '{"events": 3}', fix: '{"events": []}' },
];

for (const { file, text, fix } of corruptions) {
  test(`a corrupt ${file} (${JSON.stringify(text)}) stops opening, names the file and is left as it was`, async () => {
    const dir = freshDir();
    const path = join(dir, file);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    const refused = await failure(openLowdbStore(dir));
    assert.match(refused.message, path);
    assert.match(refused.message, 'never overwrites');
    assert.is(readFileSync(path, 'utf8'), text);
    writeFileSync(path, fix);
    await (await openLowdbStore(dir)).close(); // the failed open released the lock
  });
}

test('a corrupt older day fails only the calls that need it, naming the file', async () => {
  const dir = freshDir();
  const first = await openLowdbStore(dir);
  await first.putVisit(visit('2026-11-20', 1, 'checked-out'));
  await first.putVisit(visit('2026-11-27', 2));
  await first.close();
  const path = join(dir, 'visits/2026-11-20.jsonl');
  writeFileSync(path, '{"id": "20261120-0001", ');

  const store = await openLowdbStore(dir);
  const calls = [
    () => store.getVisit('20261120-0001'),
    () => store.visitsOfDay('2026-11-20'),
    () => store.putVisit(visit('2026-11-20', 3, 'checked-out')),
  ];
  for (const call of calls) assert.match((await failure(call())).message, path);
  assert.is((await store.getVisit('20261127-0002'))?.id, '20261127-0002');
  await store.close();
  assert.is(readFileSync(path, 'utf8'), '{"id": "20261120-0001", ');
});

test('a corrupt secrets.json is refused by name and never replaced', async () => {
  const dir = freshDir();
  const path = join(dir, 'secrets.json');
  writeFileSync(path, '{"badgePrivateKey": "-----BEGIN');
  const store = await openLowdbStore(dir);
  const make = () => ({ badgePrivateKey: 'a', badgePublicKey: 'b', idHashKey: 'c', tokenKey: 'd' });
  assert.match((await failure(store.secrets(make))).message, path);
  await store.close();
  assert.is(readFileSync(path, 'utf8'), '{"badgePrivateKey": "-----BEGIN');
});

test('temp files left by a killed write are ignored', async () => {
  const dir = freshDir();
  mkdirSync(join(dir, 'visits'));
  writeFileSync(join(dir, 'visits/.2026-11-27.json.tmp'), '{"visits": [{"id": "20261127-00');
  const store = await openLowdbStore(dir);
  assert.equal(await store.visitsOfDay('2026-11-27'), []);
  await store.putVisit(visit('2026-11-27', 1));
  await store.close();
  assert.equal(jsonFiles(dir).map((f) => f.valid), [true, true]); // open-index.json and the day
});

// Opens a store and writes visits and events until killed, printing each acknowledgement.
const writer = `
  const { openLowdbStore } = await import(process.env.STORE);
  const { visit, chain } = await import(process.env.FIXTURES);
  const store = await openLowdbStore(process.env.DIR);
  let last;
  for (let n = 1; n <= 5000; n++) {
    [last] = chain([new Date(Date.UTC(2026, 10, 27, 9) + n * 1000).toISOString()], last);
    await Promise.all([store.putVisit(visit('2026-11-27', n)), store.appendEvent(last)]);
    console.log('acked ' + n);
  }
  console.log('done');
`;

test('after kill -9 mid-way every acknowledged write is there and every file parses', async () => {
  const dir = freshDir();
  const env = {
    ...process.env, DIR: dir,
    STORE: pathToFileURL(join(import.meta.dirname, '../../data/lowdb-store.ts')).href,
    FIXTURES: pathToFileURL(join(import.meta.dirname, 'store-fixtures.ts')).href,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', writer], { env });
  let acked = 0;
  for await (const line of createInterface({ input: child.stdout! })) {
    if (line === 'done') break;
    acked = Number(line.split(' ')[1]);
    if (acked === 200) child.kill('SIGKILL');
  }
  const [, signal] = await once(child, 'exit');
  assert.is(signal, 'SIGKILL', 'the writer was killed before it finished');

  assert.equal(jsonFiles(dir).filter((f) => !f.valid), []);
  const store = await openLowdbStore(dir);
  const stored = new Set((await store.visitsOfDay('2026-11-27')).map((v) => Number(v.number)));
  for (let n = 1; n <= acked; n++) assert.ok(stored.has(n), `visit ${n} was acknowledged`);
  const log = await store.events('2026-11-27T00:00:00Z', '2026-11-28T00:00:00Z');
  assert.ok(log.length >= acked);
  log.forEach((e, i) => assert.is(e.prevHash, i ? log[i - 1].hash : '0'.repeat(64)));
  assert.equal(await store.lastEvent(), log.at(-1));
  assert.is((await store.openVisits()).length, stored.size);
  await store.close();
});

test.run();
