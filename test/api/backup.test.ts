// store: lowdb only (the PostgreSQL pass of test/run.ts leaves this file out: it is about the data directory's files)
// Backup and restore of the lowdb data directory: a backup taken mid-rush holds every visit acknowledged
// before it began and restores to a server whose log verifies; a damaged backup or a used folder is refused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { residentId, startServer } from '../helpers/server.ts';
import { writeBackup } from '../../data/backup.ts';
import { restoreBackup } from '../../data/restore.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dirs: string[] = [];
const tempDir = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'foyer-backup-')); dirs.push(d); return d; };
test.after(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

/** One of the two CLIs as npm runs it: exit code and output. */
function cli(tool: 'backup' | 'restore', args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'server/tools', `${tool}.ts`), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('a backup taken during a rush restores every visit acknowledged before it began, and the log verifies', async () => {
  const work = tempDir();
  const s = await startServer({ dataDir: path.join(work, 'live') });
  let restored: Awaited<ReturnType<typeof startServer>> | undefined;
  let live = true;
  try {
    const host = await s.makeHost('白素贞', '药房');
    const kiosk = await s.pairKiosk();
    const before: string[] = [];
    let backupBegan = false;
    let enough!: () => void;
    const twentyIn = new Promise<void>((resolve) => { enough = resolve; });
    const register = async (i: number) => {
      const r = await s.api('POST', '/api/visits', { visitor: { name: `访客${i}`, idType: 'cn-resident', idNumber: residentId('19850101', String(100 + i)) }, purpose: '会议', hostId: host.host.id }, kiosk.token);
      assert.is(r.status, 201, JSON.stringify(r.body));
      if (!backupBegan) before.push(r.body.visit.id);
      if (before.length >= 20) enough();
      return r.body.visit.id as string;
    };
    const rush = Promise.all(Array.from({ length: 150 }, (_, i) => register(i)));
    await twentyIn;
    backupBegan = true;
    const file = path.join(work, 'site.foyer');
    // Two backups to one file at once (a cron job and a hand run): each writes its own temp file, neither is mixed into the other.
    const [made] = await Promise.all([writeBackup(s.dataDir, file), writeBackup(s.dataDir, file)]);
    const all = await rush;
    assert.ok(all.length > before.length, 'registrations were still running when the backup began');
    assert.equal(fs.readdirSync(work).filter((n) => n.endsWith('.tmp')), [], 'no temp file is left');
    assert.ok(made.files >= 5, `${made.files} files`);

    const into = path.join(work, 'restored');
    const done = await restoreBackup(file, into);
    assert.ok(done.events > 0 && done.head !== null && done.visitDays === 1, JSON.stringify(done));
    assert.not.ok(fs.existsSync(path.join(into, 'foyer.lock')), 'the restore let go of the store');
    assert.is(fs.statSync(into).mode & 0o777, 0o700);
    assert.equal(fs.readdirSync(work).filter((n) => n.includes('restoring')), [], 'no temporary folder is left');

    await s.close();
    live = false;
    restored = await startServer({ dataDir: into });
    const security = await restored.makeUser('security');
    for (const id of before) assert.is((await restored.api('GET', `/api/visits/${id}`, undefined, security.token)).status, 200, id);
    const verify = await restored.api('GET', '/api/log/verify', undefined, security.token);
    assert.is(verify.body.chain.ok, true, JSON.stringify(verify.body));
    assert.ok(verify.body.head.seq >= done.head!.seq);
    assert.not.ok(restored.logs.some((l) => l.includes('newest events are missing')), restored.logs.join('\n'));
  } finally {
    await restored?.close();
    if (live) await s.close();
  }
});

let good: Buffer | undefined;
/** A small good backup, made once: a server with a host and a visit. */
async function goodBackup(): Promise<Buffer> {
  if (good) return good;
  const work = tempDir();
  const s = await startServer({ dataDir: path.join(work, 'site') });
  const host = await s.makeHost('许仙', '药房');
  const kiosk = await s.pairKiosk();
  await s.api('POST', '/api/visits', { visitor: { name: '小青', idType: 'cn-resident', idNumber: residentId() }, purpose: '送货', hostId: host.host.id }, kiosk.token);
  await s.close();
  await writeBackup(path.join(work, 'site'), path.join(work, 'good.foyer'));
  return (good = fs.readFileSync(path.join(work, 'good.foyer')));
}

/** The backup's content with a change made before it is compressed again. */
const rezipped = (backup: Buffer, change: (text: Buffer) => Buffer) => gzipSync(change(gunzipSync(backup)));

const damaged: Array<[string, (b: Buffer) => Buffer, RegExp]> = [
  ['truncated', (b) => b.subarray(0, Math.floor(b.length / 2)), /is truncated: its gzip stream ends early/],
  ['one byte flipped in the middle', (b) => { const c = Buffer.from(b); c[Math.floor(c.length / 2)] ^= 0x55; return c; }, /is damaged|is truncated/],
  ['not gzip at all', () => Buffer.from('{"format":"foyer-backup","version":1}\n'), /is not a gzip file, so not a Foyer backup/],
  ['empty', () => Buffer.alloc(0), /is empty, so not a Foyer backup/],
  ['a changed byte inside a file (gzip intact)', (b) => rezipped(b, (t) => { const c = Buffer.from(t); const at = c.indexOf('"hosts"'); c[at + 2] ^= 0x20; return c; }), /is damaged: directory\.json does not match its sha256/],
  ['no trailer', (b) => rezipped(b, (t) => t.subarray(0, t.lastIndexOf(10, t.length - 2) + 1)), /is truncated: it ends before the trailer \(no trailer\)/],
];

for (const [name, damage, message] of damaged) {
  test(`restore refuses a damaged backup: ${name}`, async () => {
    const work = tempDir();
    const file = path.join(work, 'bad.foyer');
    fs.writeFileSync(file, damage(await goodBackup()));
    const into = path.join(work, 'site');
    const r = cli('restore', ['--from', file, '--dir', into]);
    assert.is(r.code, 1, r.stdout + r.stderr);
    assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^restore: /);
    assert.match(r.stderr, message);
    assert.ok(r.stderr.includes(file), 'the message names the file');
    assert.not.ok(fs.existsSync(into), 'nothing is left at the target');
    assert.equal(fs.readdirSync(work), ['bad.foyer'], 'no temporary folder is left');
  });
}

test('restore refuses a folder that is not empty, and restores into an empty one (backup by the CLI)', async () => {
  await goodBackup();
  const work = tempDir();
  const s = await startServer({ dataDir: path.join(work, 'site') });
  await s.makeHost('法海', '金山寺');
  const file = path.join(work, 'cli.foyer');
  const b = cli('backup', ['--to', file], { FOYER_DATA_DIR: s.dataDir });
  await s.close();
  assert.is(b.code, 0, b.stderr);
  assert.match(b.stdout, /^backup: \d+ files/);

  const used = path.join(work, 'used');
  fs.mkdirSync(used);
  fs.writeFileSync(path.join(used, 'notes.txt'), 'keep me');
  const r = cli('restore', ['--from', file, '--dir', used]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /exists and is not empty/);
  assert.equal(fs.readdirSync(used), ['notes.txt']);

  const empty = path.join(work, 'empty');
  fs.mkdirSync(empty);
  const ok = cli('restore', ['--from', file, '--dir', empty]);
  assert.is(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /restore: \d+ files from the backup of .* restored into/);
  assert.match(ok.stdout, /log chain ok, head #\d+ [0-9a-f]{64}/);
  assert.ok(fs.existsSync(path.join(empty, 'directory.json')) && fs.existsSync(path.join(empty, 'secrets.json')));
});

test.run();
