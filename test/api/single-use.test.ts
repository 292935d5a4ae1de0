// Single use under concurrency: the first-admin setup link, a pairing code and a username each land exactly once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp, type App } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { createMemoryStore } from '../../data/memory-store.ts';
import { createPrinting } from '../../printer/index.ts';
import { callApi, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
test.before(async () => { s = await startServer(); });
test.after(async () => { await s.close(); });

const count = (xs: number[], x: number) => xs.filter((v) => v === x).length;

/** An empty install (no bootstrap admin), in this process: the one-time setup token is at hand. */
async function emptyInstall(): Promise<{ app: App; url: string; close: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'foyer-setup-race-'));
  const config = parseConfig({ FOYER_PORT: '0', FOYER_DATA_DIR: dataDir, FOYER_BOOTSTRAP_ADMIN: '', FOYER_TZ: 'Asia/Shanghai' });
  const printing = await createPrinting({ printers: ['virtual'], paper: 80, dataDir, log: () => {}, statusPollMs: 0 });
  const app = await createApp({ store: createMemoryStore(), queue: printing.queue, config, log: () => {} });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  return {
    app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    async close() {
      await app.close();
      await printing.queue.close();
      await printing.virtual?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

test('the setup link: a weak password gives it back; four simultaneous uses create exactly one admin', async () => {
  const install = await emptyInstall();
  try {
    const setupToken = install.app.setupToken()!;
    assert.ok(setupToken);
    const weak = await callApi(install.url, 'POST', '/api/setup', { setupToken, username: 'boss', password: 'password12', name: 'Boss' });
    assert.equal([weak.status, weak.body.error.code, weak.body.error.field], [400, 'weak-password', 'password']);
    const invalid = await callApi(install.url, 'POST', '/api/setup', { setupToken, username: 'b o s s', password: 'purple-elephant-dances', name: 'Boss' });
    assert.equal([invalid.status, invalid.body.error.field], [400, 'username']);
    assert.is(install.app.setupToken(), setupToken, 'refused input leaves the link usable');

    const answers = await Promise.all(['boss1', 'boss2', 'boss3', 'boss4'].map((username) =>
      callApi(install.url, 'POST', '/api/setup', { setupToken, username, password: 'purple-elephant-dances', name: 'Boss' })));
    const statuses = answers.map((a) => a.status);
    assert.is(count(statuses, 201), 1, statuses.join(' '));
    assert.is(count(statuses, 401), 3);
    for (const a of answers.filter((x) => x.status === 401)) assert.is(a.body.error.code, 'bad-setup-token');
    const users = await install.app.ctx.store.list('users');
    assert.is(users.length, 1);
    assert.is(users[0].role, 'admin');
    assert.is(install.app.setupToken(), undefined);
  } finally {
    await install.close();
  }
});

test('30 wrong pairing codes fired together from one address: 10 are tried, 20 get 429', async () => {
  const fresh = await startServer();
  try {
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => fresh.api('POST', '/api/kiosks/pair', { pairingCode: `ZZZZ-Z${String(i).padStart(3, '0')}` })));
    const statuses = answers.map((a) => a.status);
    assert.equal([count(statuses, 400), count(statuses, 429)], [10, 20]);
  } finally {
    await fresh.close();
  }
});

test('ten simultaneous uses of one pairing code: one device token, nine bad-pairing-code', async () => {
  const created = await s.api('POST', '/api/kiosks', { name: 'Raced' }, s.admin.token);
  const answers = await Promise.all(Array.from({ length: 10 }, () => s.api('POST', '/api/kiosks/pair', { pairingCode: created.body.pairingCode })));
  const statuses = answers.map((a) => a.status);
  assert.is(count(statuses, 200), 1, statuses.join(' '));
  assert.is(count(statuses, 400), 9);
  for (const a of answers.filter((x) => x.status === 400)) assert.equal([a.body.error.code, a.body.error.field], ['bad-pairing-code', 'pairingCode']);
  const token = answers.find((a) => a.status === 200)!.body.token;
  assert.is((await s.api('GET', '/api/me', undefined, token)).body.kiosk.id, created.body.kiosk.id);
  assert.is((await s.app.ctx.store.get('kiosks', created.body.kiosk.id))!.tokenVersion, 1, 'paired once');
});

test('ten simultaneous accounts with one username (any case): one 201, nine username-taken', async () => {
  const answers = await Promise.all(['Twin', 'twin', 'TWIN', 'tWin', 'twiN', 'Twin', 'twin', 'TWin', 'twIN', 'TwIn'].map((username) =>
    s.api('POST', '/api/users', { username, password: 'purple-elephant-dances', name: 'Twin', role: 'security' }, s.admin.token)));
  const statuses = answers.map((a) => a.status);
  assert.is(count(statuses, 201), 1, statuses.join(' '));
  assert.is(count(statuses, 409), 9);
  for (const a of answers.filter((x) => x.status === 409)) assert.equal([a.body.error.code, a.body.error.field], ['username-taken', 'username']);
  assert.is((await s.app.ctx.store.list('users')).filter((u) => u.username.toLowerCase() === 'twin').length, 1);
});

test.run();
