// store: lowdb only (the PostgreSQL pass of test/run.ts leaves this file out: it is about the data directory's files)
// The data directory as an operator or a thief finds it: a lost index is rebuilt, lost keys stop start-up,
// a cut-off log is noticed, and every file is the owner's alone.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, nextEvent, residentId, type TestServer } from '../helpers/server.ts';
import { spawnServer } from '../helpers/process.ts';

const dirs: string[] = [];
const tempDir = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'foyer-files-')); dirs.push(d); return d; };
test.after(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

async function siteWithVisitors(s: TestServer) {
  const host = await s.makeHost('苏轼', '文史馆');
  const kiosk = await s.pairKiosk();
  const sock = await s.socket(kiosk.token);
  const ids: string[] = [];
  for (const [i, companions] of [0, 2, 1].entries()) {
    const reg = await s.api('POST', '/api/visits', { visitor: { name: `Guest ${i}`, idType: 'cn-resident', idNumber: residentId('19800101', String(200 + i)) }, purpose: 'x', hostId: host.host.id, companions }, kiosk.token);
    const printed = nextEvent(sock, 'visit:updated', (p: any) => p.visit.id === reg.body.visit.id && p.visit.status === 'on-site');
    await s.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'approve' }, host.token);
    await printed;
    ids.push(reg.body.visit.id);
  }
  await s.api('POST', '/api/visits', { visitor: { name: 'Waiting', idType: 'passport', idNumber: 'E1212121' }, purpose: 'x', hostId: host.host.id }, kiosk.token);
  return ids;
}

test('a lost open-index.json is rebuilt from the day files: the on-site list and the muster count are unchanged', async () => {
  const s = await startServer({ dataDir: tempDir() });
  try {
    const security = await s.makeUser('security');
    await siteWithVisitors(s);
    const before = (await s.api('GET', '/api/onsite', undefined, security.token)).body;
    const open = (await s.api('GET', '/api/visits', undefined, security.token)).body.visits.length;
    assert.is(before.people, 6);
    fs.rmSync(path.join(s.dataDir, 'open-index.json'));
    await s.restart();
    const token = security.token; // sessions outlive a restart
    const after = (await s.api('GET', '/api/onsite', undefined, token)).body;
    assert.equal(after.visits.map((v: any) => v.id), before.visits.map((v: any) => v.id));
    assert.is(after.people, 6);
    assert.is((await s.api('GET', '/api/visits', undefined, token)).body.visits.length, open, 'the waiting visitor too');
    assert.ok(s.logs.some((l) => /open-index\.json was missing; rebuilt/.test(l)), 'the repair is reported');
    assert.ok(fs.existsSync(path.join(s.dataDir, 'open-index.json')));
  } finally {
    await s.close();
  }
});

test('a data directory that holds visits but lost secrets.json refuses to start and says how to recover', async () => {
  const dir = tempDir();
  const s = await startServer({ dataDir: dir });
  await siteWithVisitors(s);
  await s.close();
  const keys = fs.readFileSync(path.join(dir, 'secrets.json'));
  fs.rmSync(path.join(dir, 'secrets.json'));
  const env = { FOYER_DATA_DIR: dir };
  const refused = await spawnServer(env).then(() => undefined, (e: { output: string; code: number }) => e);
  assert.ok(refused, 'it did not start');
  assert.is(refused!.code, 1);
  assert.match(refused!.output, 'secrets.json is missing');
  assert.match(refused!.output, 'Restore secrets.json from your backup');
  assert.match(refused!.output, 'FOYER_ACCEPT_NEW_SECRETS=yes');
  assert.not.ok(fs.existsSync(path.join(dir, 'secrets.json')), 'no new keys were made');
  fs.writeFileSync(path.join(dir, 'secrets.json'), keys, { mode: 0o600 });
  const restored = await spawnServer(env);
  restored.child.kill('SIGTERM');
  await restored.exited;
  fs.rmSync(path.join(dir, 'secrets.json'));
  const rekeyed = await spawnServer({ ...env, FOYER_ACCEPT_NEW_SECRETS: 'yes' });
  rekeyed.child.kill('SIGTERM');
  await rekeyed.exited;
  assert.ok(fs.existsSync(path.join(dir, 'secrets.json')), 'new keys only when asked for');
});

test('cutting the newest events off the log is noticed at the next start and stays in the log', async () => {
  const s = await startServer({ dataDir: tempDir() });
  try {
    const security = await s.makeUser('security');
    await siteWithVisitors(s);
    await new Promise((r) => setTimeout(r, 300)); // the last badge's log event
    const head = (await s.api('GET', '/api/log/verify', undefined, security.token)).body.head;
    const dayFile = path.join(s.dataDir, 'events', fs.readdirSync(path.join(s.dataDir, 'events')).sort().at(-1)!);
    await s.close();
    const lines = fs.readFileSync(dayFile, 'utf8').split('\n').filter(Boolean);
    fs.writeFileSync(dayFile, lines.slice(0, -3).map((l) => `${l}\n`).join('')); // a thief removes the last three events, chain intact
    const again = await startServer({ dataDir: s.dataDir });
    try {
      const token = again.admin.token;
      const all = (await again.api('GET', `/api/log?q=log-truncated`, undefined, token)).body.events;
      const cut = all.find((e: any) => e.kind === 'log-truncated');
      assert.ok(cut, 'recorded in the log');
      assert.is(cut.data.headSeq, head.seq);
      assert.is(cut.data.foundSeq, head.seq - 3);
      assert.ok(again.logs.some((l) => /newest events are missing/.test(l)));
      const anchor = (await again.api('GET', `/api/log/verify?seq=${head.seq}&hash=${head.hash}`, undefined, token)).body.anchor;
      assert.is(anchor.matches, false, 'the head written down earlier no longer matches');
    } finally {
      await again.close();
    }
  } finally {
    fs.rmSync(s.dataDir, { recursive: true, force: true });
  }
});

test('a site without log-head.json (an older version) gets one, noted once in the log', async () => {
  const first = await startServer({ dataDir: tempDir() });
  await siteWithVisitors(first);
  await new Promise((r) => setTimeout(r, 300)); // the last badge's log event
  await first.close().catch(() => undefined);
  fs.rmSync(path.join(first.dataDir, 'log-head.json'));
  const s = await startServer({ dataDir: first.dataDir });
  try {
    await s.restart();
    const token = s.admin.token;
    const noted = (await s.api('GET', '/api/log?q=log-anchored', undefined, token)).body.events.filter((e: any) => e.kind === 'log-anchored');
    assert.is(noted.length, 1);
    assert.not.ok((await s.api('GET', '/api/log?q=log-truncated', undefined, token)).body.events.some((e: any) => e.kind === 'log-truncated'));
  } finally {
    await s.close();
    fs.rmSync(s.dataDir, { recursive: true, force: true });
  }
});

test('every file the server writes, prints included, is 0600 in 0700 folders', async () => {
  const s = await startServer({ dataDir: tempDir() });
  try {
    await siteWithVisitors(s);
    const entries = fs.readdirSync(s.dataDir, { recursive: true, encoding: 'utf8' }).map((n) => path.join(s.dataDir, n));
    assert.ok(entries.some((p) => p.endsWith('.png')), 'badges were printed');
    assert.is(fs.statSync(s.dataDir).mode & 0o777, 0o700);
    for (const p of entries) {
      const st = fs.statSync(p);
      assert.is(st.mode & 0o777, st.isDirectory() ? 0o700 : 0o600, p);
    }
  } finally {
    await s.close();
  }
});

test.run();
