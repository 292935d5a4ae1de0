// Durable before acknowledged: every answered write went write → fsync → rename → fsync of the folder first,
// a rush shares fsyncs, and the data directory is the owner's alone.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { openLowdbStore } from '../../data/lowdb-store.ts';
import { nodeFiles, type FileOps } from '../../data/durable-file.ts';
import { chain, host, removeDir, tempDir, visit } from './store-fixtures.ts';

const dirs: string[] = [];
const freshDir = () => (dirs.push(tempDir()), dirs.at(-1)!);
test.after(() => dirs.forEach(removeDir));

type Call = { op: 'open' | 'write' | 'append' | 'sync' | 'datasync' | 'close' | 'rename'; path: string };

/** The real file calls, recorded in the order they finished. */
function recordingFiles(calls: Call[]): FileOps {
  return {
    async open(path, flags, mode) {
      const handle = await nodeFiles.open(path, flags, mode);
      calls.push({ op: 'open', path });
      return {
        writeFile: async (data) => { await handle.writeFile(data); calls.push({ op: 'write', path }); },
        appendFile: async (data) => { await handle.appendFile(data); calls.push({ op: 'append', path }); },
        chmod: (m) => handle.chmod(m),
        sync: async () => { await handle.sync(); calls.push({ op: 'sync', path }); },
        datasync: async () => { await handle.datasync(); calls.push({ op: 'datasync', path }); },
        close: async () => { await handle.close(); calls.push({ op: 'close', path }); },
      };
    },
    async rename(from, to) {
      await nodeFiles.rename(from, to);
      calls.push({ op: 'rename', path: to });
    },
  };
}

/** The ops that made `file` durable, in order, taken from the calls seen so far. */
function durableSteps(calls: Call[], file: string): string[] {
  const temp = join(file, '..', `.${basename(file)}.tmp`);
  const folder = join(file, '..');
  const steps: string[] = [];
  for (const c of calls) {
    if (c.path === temp && (c.op === 'write' || c.op === 'sync')) steps.push(`${c.op} temp`);
    else if (c.op === 'rename' && c.path === file) steps.push('rename');
    else if (c.op === 'sync' && c.path === folder && steps.at(-1) === 'rename') steps.push('sync folder');
  }
  return steps;
}

/** The journal ops on file, in order. */
const journalSteps = (calls: Call[], file: string) => calls.filter((c) => c.path === file && (c.op === 'append' || c.op === 'datasync')).map((c) => c.op);

test('an acknowledged change was on disk before the answer: journal lines appended and fdatasync\'d; documents written, fsync\'d, renamed, folder fsync\'d', async () => {
  const dir = freshDir();
  const calls: Call[] = [];
  const store = await openLowdbStore(dir, { files: recordingFiles(calls) });
  const journals: Array<[string, () => Promise<unknown>]> = [
    [join(dir, 'visits', '2026-11-27.jsonl'), () => store.putVisit(visit('2026-11-27', 1))],
    [join(dir, 'visits', '2026-11-27.jsonl'), () => store.updateVisit('20261127-0001', (v) => ({ ...v, status: 'approved' }))],
    [join(dir, 'events', '2026-11-27.jsonl'), () => store.appendEvent(chain(['2026-11-27T09:00:00.000Z'])[0])],
    [join(dir, 'appointments', '2026-11-27.jsonl'), () => store.insert('appointments', { id: 'a1', inviteCode: 'ABCD-EFGH', visitor: { name: 'X' }, hostId: 'h1', start: '2026-11-27T09:00:00.000Z', end: '2026-11-27T10:00:00.000Z', purpose: 'x', createdBy: 'u1', createdAt: '2026-11-27T08:00:00.000Z' })],
  ];
  for (const [file, write] of journals) {
    calls.length = 0;
    await write();
    assert.equal(journalSteps([...calls], file).slice(-2), ['append', 'datasync'], file);
  }
  const documents: Array<[string, () => Promise<unknown>]> = [
    [join(dir, 'directory.json'), () => store.put('hosts', host(1))],
    [join(dir, 'open-index.json'), () => store.putVisit(visit('2026-11-28', 2))], // a new day rolls the index first
  ];
  for (const [file, write] of documents) {
    calls.length = 0;
    await write();
    assert.equal(durableSteps([...calls], file).slice(-4), ['write temp', 'sync temp', 'rename', 'sync folder'], file);
  }
  const rolled = calls.findIndex((c) => c.op === 'rename' && c.path.endsWith('open-index.json'));
  const dayWritten = calls.findIndex((c) => c.op === 'append' && c.path.endsWith('2026-11-28.jsonl'));
  assert.ok(rolled >= 0 && rolled < dayWritten, 'the index names the new day before the day holds a visit');
  await store.close();
});

test('a rush of 50 concurrent changes shares fsyncs instead of waiting for one each', async () => {
  const dir = freshDir();
  const calls: Call[] = [];
  const store = await openLowdbStore(dir, { files: recordingFiles(calls) });
  calls.length = 0;
  await Promise.all(Array.from({ length: 50 }, (_, n) => store.put('hosts', host(n))));
  const syncs = calls.filter((c) => c.op === 'sync' && c.path.endsWith('.directory.json.tmp')).length;
  assert.ok(syncs >= 1 && syncs <= 3, `${syncs} fsyncs of directory.json for 50 changes`);
  assert.is((await store.list('hosts')).length, 50);
  await store.putVisit(visit('2026-11-27', 99, 'checked-out'));
  calls.length = 0;
  await Promise.all(Array.from({ length: 50 }, (_, n) => store.putVisit(visit('2026-11-27', 100 + n, 'checked-out'))));
  const daySyncs = calls.filter((c) => c.op === 'datasync' && c.path.endsWith('2026-11-27.jsonl')).length;
  assert.ok(daySyncs >= 1 && daySyncs <= 5, `${daySyncs} fdatasyncs of the day journal for 50 visits`);
  calls.length = 0;
  const [first] = chain(['2026-11-27T09:00:00.000Z']);
  await store.appendEvent(first);
  let prev = first;
  const rush = Array.from({ length: 50 }, (_, n) => (prev = chain([`2026-11-27T09:00:${String(n).padStart(2, '0')}.500Z`], prev)[0]));
  calls.length = 0;
  await Promise.all(rush.map((e) => store.appendEvent(e)));
  const eventSyncs = calls.filter((c) => c.op === 'datasync' && c.path.endsWith('events/2026-11-27.jsonl')).length;
  assert.ok(eventSyncs >= 1 && eventSyncs <= 5, `${eventSyncs} fdatasyncs of the events journal for 50 events`);
  await store.close();
});

test('the data directory is 0700 and every file in it 0600, also a directory an older version made 0755', async () => {
  const dir = freshDir();
  const { chmodSync } = await import('node:fs');
  chmodSync(dir, 0o755);
  const store = await openLowdbStore(dir);
  await store.secrets(() => ({ badgePrivateKey: 'a', badgePublicKey: 'b', idHashKey: 'c', tokenKey: 'd' }));
  await store.put('hosts', host(1));
  await store.putVisit(visit('2026-11-27', 1));
  await store.appendEvent(chain(['2026-11-27T09:00:00.000Z'])[0]);
  await store.close();
  const entries = readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((n) => join(dir, n));
  assert.is(statSync(dir).mode & 0o777, 0o700);
  for (const path of entries) {
    const st = statSync(path);
    assert.is(st.mode & 0o777, st.isDirectory() ? 0o700 : 0o600, path);
  }
  assert.ok(entries.length >= 6, entries.join(', '));
});

test.run();
