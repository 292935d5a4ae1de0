// The real process: acknowledged visits survive kill -9, one writer per data dir, bad config and corrupt files stop start-up.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnServer } from '../helpers/process.ts';
import { callApi, residentId } from '../helpers/server.ts';

const dirs: string[] = [];
const tempDir = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'foyer-proc-')); dirs.push(d); return d; };
test.after(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

const call = callApi;

test('visits acknowledged before kill -9 are all there after a restart, and the log chain still verifies', async () => {
  const dir = tempDir();
  const env = { FOYER_DATA_DIR: dir, FOYER_BOOTSTRAP_ADMIN: 'admin:restart-test-pass' };
  const first = await spawnServer(env);
  const admin = (await call(first.url, 'POST', '/api/login', { username: 'admin', password: 'restart-test-pass' })).body.token;
  const host = (await call(first.url, 'POST', '/api/hosts', { name: '许仙', department: '药房' }, admin)).body.host;
  const k = await call(first.url, 'POST', '/api/kiosks', { name: 'Lobby' }, admin);
  const kiosk = (await call(first.url, 'POST', '/api/kiosks/pair', { pairingCode: k.body.pairingCode })).body.token;
  const ids: string[] = [];
  for (let i = 0; i < 20; i++) {
    const r = await call(first.url, 'POST', '/api/visits', { visitor: { name: `V${i}`, idType: 'cn-resident', idNumber: residentId('19800101', String(100 + i)) }, purpose: 'x', hostId: host.id }, kiosk);
    assert.is(r.status, 201);
    ids.push(r.body.visit.id);
  }
  first.child.kill('SIGKILL');
  await first.exited;

  const second = await spawnServer(env);
  try {
    const token = (await call(second.url, 'POST', '/api/login', { username: 'admin', password: 'restart-test-pass' })).body.token;
    for (const id of ids) assert.is((await call(second.url, 'GET', `/api/visits/${id}`, undefined, token)).status, 200, id);
    assert.is((await call(second.url, 'GET', `/api/visits/${ids[0]}`, undefined, kiosk)).status, 200, 'the kiosk stays paired');
    const chain = await call(second.url, 'GET', '/api/log/verify', undefined, token);
    assert.is(chain.body.chain.ok, true, JSON.stringify(chain.body));
  } finally {
    second.child.kill('SIGTERM');
    await second.exited;
  }
});

test('an edited or removed event on disk is found by the log check after a restart', async () => {
  const dir = tempDir();
  const env = { FOYER_DATA_DIR: dir, FOYER_BOOTSTRAP_ADMIN: 'admin:restart-test-pass' };
  const first = await spawnServer(env);
  const admin = (await call(first.url, 'POST', '/api/login', { username: 'admin', password: 'restart-test-pass' })).body.token;
  for (const name of ['甲', '乙', '丙']) await call(first.url, 'POST', '/api/hosts', { name, department: '测试' }, admin);
  first.child.kill('SIGTERM');
  await first.exited;
  const eventsDir = path.join(dir, 'events');
  const file = path.join(eventsDir, fs.readdirSync(eventsDir).sort().at(-1)!);
  const original = fs.readFileSync(file, 'utf8');
  const cases: Array<[string, (events: any[]) => void, string]> = [
    ['edited', (events) => { events[1].actor = 'user:someone-else'; }, 'edited'],
    ['removed', (events) => { events.splice(1, 1); }, 'missing'],
  ];
  for (const [what, tamper, reason] of cases) {
    const events = original.split('\n').filter(Boolean).map((line) => JSON.parse(line)); // one event per line
    tamper(events);
    fs.writeFileSync(file, events.map((e) => `${JSON.stringify(e)}\n`).join(''));
    const p = await spawnServer(env);
    try {
      const token = (await call(p.url, 'POST', '/api/login', { username: 'admin', password: 'restart-test-pass' })).body.token;
      const chain = (await call(p.url, 'GET', '/api/log/verify', undefined, token)).body.chain;
      assert.is(chain.ok, false, what);
      assert.is(chain.reason, reason, `${what}: ${JSON.stringify(chain)}`);
    } finally {
      p.child.kill('SIGTERM');
      await p.exited;
    }
  }
});

test('a second server on the same data directory refuses to start', async () => {
  const dir = tempDir();
  const env = { FOYER_DATA_DIR: dir, FOYER_BOOTSTRAP_ADMIN: 'admin:restart-test-pass' };
  const first = await spawnServer(env);
  try {
    const err = await spawnServer(env).then(() => undefined, (e) => e);
    assert.ok(err, 'the second server must not start');
    assert.match(err.output, /another Foyer server|lock/i);
    assert.is(err.code, 1);
  } finally {
    first.child.kill('SIGTERM');
    await first.exited;
  }
});

const badConfig: Array<[string, string, RegExp]> = [
  ['FOYER_PORT', 'eighty', /FOYER_PORT/],
  ['FOYER_PAPER', '72', /FOYER_PAPER/],
  ['FOYER_PRINTER', 'lpt1', /FOYER_PRINTER/],
  ['FOYER_HOST_TIMEOUT_S', '-5', /FOYER_HOST_TIMEOUT_S/],
  ['FOYER_TZ', 'Mars/Olympus', /FOYER_TZ/],
  ['FOYER_BOOTSTRAP_ADMIN', 'admin:short', /FOYER_BOOTSTRAP_ADMIN/],
  ['FOYER_BOOTSTRAP_ADMIN', 'admin:password12', /FOYER_BOOTSTRAP_ADMIN.*hard to guess/],
];
for (const [name, value, message] of badConfig) {
  test(`${name}=${value} stops start-up with a message naming it`, async () => {
    const err = await spawnServer({ FOYER_DATA_DIR: tempDir(), [name]: value }).then(() => undefined, (e) => e);
    assert.ok(err);
    assert.match(err.output, message);
    assert.not.match(err.output, /short|password12/, 'a password is never echoed');
    assert.is(err.code, 1);
  });
}

test('a corrupt data file stops start-up naming the file, and is left untouched', async () => {
  const dir = tempDir();
  const env = { FOYER_DATA_DIR: dir, FOYER_BOOTSTRAP_ADMIN: 'admin:restart-test-pass' };
  const first = await spawnServer(env);
  first.child.kill('SIGTERM');
  await first.exited;
  const file = path.join(dir, 'directory.json');
  const broken = fs.readFileSync(file, 'utf8').slice(0, 40);
  fs.writeFileSync(file, broken);
  const err = await spawnServer(env).then(() => undefined, (e) => e);
  assert.ok(err);
  assert.ok(err.output.includes('directory.json'), err.output);
  assert.is(fs.readFileSync(file, 'utf8'), broken);
});

test('an empty install prints a one-time setup link that creates the first admin', async () => {
  const dir = tempDir();
  const p = await spawnServer({ FOYER_DATA_DIR: dir, FOYER_BOOTSTRAP_ADMIN: '' });
  try {
    const m = /setup: .* (http:\/\/\S+\/setup#(\S+))/.exec(p.output()) ?? await new Promise<RegExpExecArray | null>((r) => setTimeout(() => r(/setup: .* (http:\/\/\S+\/setup#(\S+))/.exec(p.output())), 500));
    assert.ok(m, p.output());
    const setupToken = m![2];
    const wrong = await call(p.url, 'POST', '/api/setup', { setupToken: 'guess', username: 'boss', password: 'a-long-password', name: 'Boss' });
    assert.is(wrong.status, 401);
    const ok = await call(p.url, 'POST', '/api/setup', { setupToken, username: 'boss', password: 'a-long-password', name: 'Boss' });
    assert.is(ok.status, 201, JSON.stringify(ok.body));
    assert.is(ok.body.user.role, 'admin');
    const again = await call(p.url, 'POST', '/api/setup', { setupToken, username: 'boss2', password: 'a-long-password', name: 'Boss' });
    assert.is(again.status, 401, 'the link works once');
  } finally {
    p.child.kill('SIGTERM');
    await p.exited;
  }
});

test.run();
