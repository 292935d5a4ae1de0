// Sign-in, staff accounts and kiosk pairing: hashed passwords, expiring tokens, single-use codes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, type TestServer } from '../helpers/server.ts';

let now = Date.now();
let s: TestServer;
test.before(async () => { s = await startServer({ clock: () => new Date(now) }); });
test.after(async () => { await s.close(); });

test('passwords are stored only as scrypt hashes and a wrong password is a 401', async () => {
  await s.makeUser('reception');
  assert.equal(await s.holding('a-long-password'), [], 'the password is stored nowhere');
  assert.ok((await s.holding('scrypt$')).length > 0, 'its scrypt hash is');
  const r = await s.api('POST', '/api/login', { username: 'admin', password: 'wrong-password' });
  assert.is(r.status, 401);
  assert.is(r.body.error.code, 'bad-credentials');
});

test('a session token expires after 12 hours', async () => {
  const { token } = await s.makeUser('security');
  assert.is((await s.api('GET', '/api/onsite', undefined, token)).status, 200);
  now += 12 * 3600e3 + 1000;
  const r = await s.api('GET', '/api/onsite', undefined, token);
  assert.is(r.status, 401);
  assert.is(r.body.error.code, 'token-expired');
  now = Date.now();
});

test('a pairing code works once, and not after 10 minutes', async () => {
  const a = await s.api('POST', '/api/kiosks', { name: 'Door A', location: 'East lobby' }, s.admin.token);
  assert.is(a.status, 201);
  const code = a.body.pairingCode;
  const first = await s.api('POST', '/api/kiosks/pair', { pairingCode: code.toLowerCase() });
  assert.is(first.status, 200);
  assert.is(first.body.kiosk.name, 'Door A');
  const second = await s.api('POST', '/api/kiosks/pair', { pairingCode: code });
  assert.is(second.status, 400);
  assert.is(second.body.error.field, 'pairingCode');

  const b = await s.api('POST', '/api/kiosks', { name: 'Door B' }, s.admin.token);
  now += 10 * 60e3 + 1000;
  const late = await s.api('POST', '/api/kiosks/pair', { pairingCode: b.body.pairingCode });
  assert.is(late.status, 400);
  now = Date.now();
});

test('a kiosk token can only do kiosk things', async () => {
  const k = await s.pairKiosk('Limited');
  for (const [method, p] of [['GET', '/api/onsite'], ['GET', '/api/log'], ['POST', '/api/hosts'], ['POST', '/api/watchlist'], ['POST', '/api/kiosks']]) {
    assert.is((await s.api(method, p, method === 'POST' ? {} : undefined, k.token)).status, 403, p);
  }
  assert.is((await s.api('GET', '/api/me', undefined, k.token)).body.kiosk.name, 'Limited');
});

test('re-pairing a kiosk ends its old device token at once, before the new code is used', async () => {
  const k = await s.pairKiosk('Repaired');
  const kiosks = await s.api('GET', '/api/kiosks', undefined, s.admin.token);
  assert.ok(kiosks.body.kiosks.some((x: any) => x.id === k.kiosk.id));
  assert.is((await s.api('GET', '/api/me', undefined, k.token)).status, 200);
  const again = await s.api('POST', `/api/kiosks/${k.kiosk.id}/pairing`, {}, s.admin.token);
  assert.is(again.status, 201);
  assert.is((await s.api('GET', '/api/me', undefined, k.token)).status, 401, 'the replaced device is locked out as soon as a new code exists');
  const paired = await s.api('POST', '/api/kiosks/pair', { pairingCode: again.body.pairingCode });
  assert.is(paired.body.kiosk.id, k.kiosk.id);
  assert.is((await s.api('GET', '/api/me', undefined, k.token)).status, 401);
  assert.is((await s.api('GET', '/api/me', undefined, paired.body.token)).status, 200);
});

test('a username is unique, roles are checked, a host account needs its host', async () => {
  const dup = await s.api('POST', '/api/users', { username: 'ADMIN', password: 'a-long-password', name: 'x', role: 'admin' }, s.admin.token);
  assert.is(dup.status, 409);
  const role = await s.api('POST', '/api/users', { username: 'x1', password: 'a-long-password', name: 'x', role: 'root' }, s.admin.token);
  assert.is(role.body.error.field, 'role');
  const host = await s.api('POST', '/api/users', { username: 'x2', password: 'a-long-password', name: 'x', role: 'host' }, s.admin.token);
  assert.is(host.body.error.field, 'hostId');
  const short = await s.api('POST', '/api/users', { username: 'x3', password: 'short', name: 'x', role: 'security' }, s.admin.token);
  assert.is(short.body.error.field, 'password');
});

test('repeated wrong passwords for an account are cut off with 429 after 10', async () => {
  const { user } = await s.makeUser('host', { hostId: (await s.api('POST', '/api/hosts', { name: 'Victim', department: 'X' }, s.admin.token)).body.host.id });
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) statuses.push((await s.api('POST', '/api/login', { username: user.username, password: `guess-${i}-xxxx` })).status);
  assert.equal(statuses.slice(0, 10), Array(10).fill(401));
  assert.equal(statuses.slice(10), [429, 429]);
});

test.run();
