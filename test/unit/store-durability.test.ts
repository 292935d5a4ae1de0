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

type Call = { op: 'open' | 'write' | 'sync' | 'close' | 'rename'; path: string };

/** The real file calls, recorded in the order they finished. */
function recordingFiles(calls: Call[]): FileOps {
  return {
    async open(path, flags, mode) {
      const handle = await nodeFiles.open(path, flags, mode);
      calls.push({ op: 'open', path });
      return {
        writeFile: async (data) => { await handle.writeFile(data); calls.push({ op: 'write', path }); },
        chmod: (m) => handle.chmod(m),
        sync: async () => { await handle.sync(); calls.push({ op: 'sync', path }); },
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

test('an acknowledged putVisit, put and appendEvent went write → fsync → rename → fsync folder before answering', async () => {
  const dir = freshDir();
  const calls: Call[] = [];
  const store = await openLowdbStore(dir, { files: recordingFiles(calls) });
  const writes: Array<[string, () => Promise<unknown>]> = [
    [join(dir, 'visits', '2026-11-27.json'), () => store.putVisit(visit('2026-11-27', 1))],
    [join(dir, 'open-index.json'), () => store.putVisit(visit('2026-11-27', 2))],
    [join(dir, 'directory.json'), () => store.put('hosts', host(1))],
    [join(dir, 'events', '2026-11-27.json'), () => store.appendEvent(chain(['2026-11-27T09:00:00.000Z'])[0])],
  ];
  for (const [file, write] of writes) {
    calls.length = 0;
    await write();
    const answeredAfter = [...calls]; // what had happened when the call was answered
    assert.equal(durableSteps(answeredAfter, file).slice(-4), ['write temp', 'sync temp', 'rename', 'sync folder'], file);
  }
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
  calls.length = 0;
  await Promise.all(Array.from({ length: 50 }, (_, n) => store.putVisit(visit('2026-11-27', 100 + n, 'checked-out'))));
  const daySyncs = calls.filter((c) => c.op === 'sync' && c.path.endsWith('.2026-11-27.json.tmp')).length;
  assert.ok(daySyncs <= 5, `${daySyncs} fsyncs of the day file for 50 visits`);
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
