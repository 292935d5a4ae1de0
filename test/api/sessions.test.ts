// Sessions: a user token works while its session is stored; sign-out, disabling and new passwords end sessions and close
// their sockets at once; sockets end with their token's expiry (by the injected clock) and are checked again on recovery.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { io as connect, type Socket } from 'socket.io-client';
import { startServer, nextEvent, type TestServer } from '../helpers/server.ts';
import { signToken } from '../../server/domain/tokens.ts';

let now = Date.parse('2026-03-02T02:00:00Z');
let s: TestServer;
test.before(async () => { s = await startServer({ clock: () => new Date(now) }); });
test.after(async () => { const bad = s.logs.filter((l) => /failed/.test(l)); if (bad.length) console.log(bad.slice(0, 3).join("\n")); await s.close(); });

/** Moves the clock on (never back: the log refuses events timed backwards) and signs the admin in again. */
async function advance(ms: number): Promise<void> {
  now += ms;
  s.admin.token = await s.login('admin', 'correct-horse-battery');
}

/** Call before the action: resolves with the disconnect reason, or rejects when the socket is still connected after ms. */
function disconnected(sock: Socket, ms = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
    sock.once('disconnect', (reason) => { clearTimeout(timer); resolve(reason); });
  });
}
const sidOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).sid as string;
const sessionsOf = async (userId: string) => (await s.app.ctx.store.list('sessions')).filter((x) => x.userId === userId);
const addHost = async (name: string) => (await s.api('POST', '/api/hosts', { name, department: 'Ops' }, s.admin.token)).body.host;

test('a sign-in stores a session that the token names', async () => {
  const { user, token } = await s.makeUser('reception');
  const sessions = await sessionsOf(user.id);
  assert.is(sessions.length, 1);
  assert.is(sessions[0].id, sidOf(token));
  assert.is(sessions[0].expiresAt, new Date(now + 12 * 3600e3).toISOString().replace(/\.\d{3}Z$/, '.000Z'));
});

test('a user token without a stored session is refused (a token signed before sessions, a forged session id)', async () => {
  const { user } = await s.makeUser('security');
  const key = s.app.ctx.secrets.tokenKey;
  const exp = Math.floor(now / 1000) + 3600;
  for (const claims of [{ sub: user.id, kind: 'user', role: 'security', exp }, { sub: user.id, kind: 'user', role: 'security', sid: 's-made-up', exp }] as const) {
    const r = await s.api('GET', '/api/onsite', undefined, signToken(key, claims));
    assert.is(r.status, 401, JSON.stringify(claims));
    assert.is(r.body.error.code, 'bad-token');
  }
  const other = await s.makeUser('security');
  const stolen = signToken(key, { sub: user.id, kind: 'user', role: 'security', sid: sidOf(other.token), exp });
  assert.is((await s.api('GET', '/api/onsite', undefined, stolen)).status, 401, "another user's session does not work for this user");
});

test('signing out: 204, that token gets 401 and its sockets close, other sessions of the user go on', async () => {
  const { user, token } = await s.makeUser('security');
  const second = await s.login(user.username, 'a-long-password');
  const [first, other] = [await s.socket(token), await s.socket(second)];
  const gone = disconnected(first);
  const out = await s.api('POST', '/api/logout', undefined, token);
  assert.is(out.status, 204);
  assert.is(out.body, '');
  assert.is(await gone, 'io server disconnect');
  const after = await s.api('GET', '/api/me', undefined, token);
  assert.is(after.status, 401);
  assert.is(after.body.error.code, 'bad-token');
  assert.is((await s.api('GET', '/api/me', undefined, second)).status, 200);
  assert.ok(other.connected, 'the other session keeps its socket');
  const event = nextEvent(other, 'log:event');
  await addHost('Heard by the other session');
  await event;
  const refused = await s.socket(token).then(() => 'connected', (e: Error) => e.message);
  assert.is(refused, 'bad-token', 'a signed-out token cannot open a socket');
  assert.is((await s.api('POST', '/api/logout', undefined, token)).status, 401, 'signing out twice is a 401');
});

test('a kiosk cannot sign out as a user (403), nobody can without a token (401)', async () => {
  const k = await s.pairKiosk('No logout');
  assert.is((await s.api('POST', '/api/logout', undefined, k.token)).status, 403);
  assert.is((await s.api('POST', '/api/logout')).status, 401);
});

test("signing in prunes the user's expired sessions", async () => {
  const { user } = await s.makeUser('reception');
  await s.login(user.username, 'a-long-password');
  assert.is((await sessionsOf(user.id)).length, 2);
  await advance(13 * 3600e3);
  await s.login(user.username, 'a-long-password');
  const left = await sessionsOf(user.id);
  assert.is(left.length, 1, 'only the new session is left');
  assert.ok(Date.parse(left[0].expiresAt) > now);
});

test('disabling: tokens stop at once, sockets close, sign-in fails like a wrong password; enabling lets them sign in again', async () => {
  const { user, token } = await s.makeUser('reception');
  const sock = await s.socket(token);
  const gone = disconnected(sock);
  const r = await s.api('POST', `/api/users/${user.id}/disable`, undefined, s.admin.token);
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.is(r.body.user.disabled, true);
  assert.is(await gone, 'io server disconnect');
  assert.is((await s.api('GET', '/api/onsite', undefined, token)).status, 401);
  const listed = (await s.api('GET', '/api/users', undefined, s.admin.token)).body.users.find((u: any) => u.id === user.id);
  assert.is(listed.disabled, true);

  const right = await s.api('POST', '/api/login', { username: user.username, password: 'a-long-password' });
  const wrong = await s.api('POST', '/api/login', { username: user.username, password: 'not-the-password' });
  assert.equal([right.status, right.body], [wrong.status, wrong.body], 'a disabled account answers exactly like a wrong password');
  assert.is(right.body.error.code, 'bad-credentials');

  const back = await s.api('POST', `/api/users/${user.id}/enable`, undefined, s.admin.token);
  assert.is(back.status, 200);
  assert.is(back.body.user.disabled, undefined);
  assert.is((await s.api('GET', '/api/onsite', undefined, token)).status, 401, 'enabling does not bring old sessions back');
  assert.ok(await s.login(user.username, 'a-long-password'));
});

test('the last enabled admin cannot be disabled, not even by two admins disabling each other at once', async () => {
  const me = (await s.api('GET', '/api/me', undefined, s.admin.token)).body.user;
  const alone = await s.api('POST', `/api/users/${me.id}/disable`, undefined, s.admin.token);
  assert.is(alone.status, 409);
  assert.is(alone.body.error.code, 'last-admin');

  const other = await s.makeUser('admin');
  const [a, b] = await Promise.all([
    s.api('POST', `/api/users/${other.user.id}/disable`, undefined, s.admin.token),
    s.api('POST', `/api/users/${me.id}/disable`, undefined, other.token),
  ]);
  const admins = (await s.app.ctx.store.list('users')).filter((u) => u.role === 'admin' && !u.disabled);
  assert.is(admins.length, 1, `one admin is left enabled (answers ${a.status}, ${b.status})`);
  assert.equal([a.status, b.status].sort(), [200, b.status === 401 || a.status === 401 ? 401 : 409].sort());
  // Put things back for the tests after this one.
  const disabled = a.status === 200 ? other.user.id : me.id;
  const token = a.status === 200 ? s.admin.token : other.token;
  assert.is((await s.api('POST', `/api/users/${disabled}/enable`, undefined, token)).status, 200);
  if (disabled === me.id) s.admin.token = await s.login('admin', 'correct-horse-battery');
});

test('disable, enable and reset answer 404 for an unknown user and 403 for a non-admin', async () => {
  const desk = await s.makeUser('reception');
  for (const action of ['disable', 'enable', 'password']) {
    const body = action === 'password' ? { password: 'purple-elephant-dances' } : undefined;
    assert.is((await s.api('POST', `/api/users/u-nosuch/${action}`, body, s.admin.token)).status, 404, action);
    assert.is((await s.api('POST', `/api/users/${desk.user.id}/${action}`, body, desk.token)).status, 403, action);
  }
});

test('changing my password: a new token for this client, every other session and socket ends, the old password stops', async () => {
  const { user, token } = await s.makeUser('security');
  const elsewhere = await s.login(user.username, 'a-long-password');
  const [mine, theirs] = [await s.socket(token), await s.socket(elsewhere)];
  const gone = Promise.all([disconnected(mine), disconnected(theirs)]);
  const r = await s.api('POST', '/api/me/password', { currentPassword: 'a-long-password', newPassword: 'seven-lanterns-over-hangzhou' }, token);
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.is(r.body.user.id, user.id);
  await gone;
  for (const old of [token, elsewhere]) assert.is((await s.api('GET', '/api/me', undefined, old)).status, 401);
  assert.is((await s.api('GET', '/api/me', undefined, r.body.token)).status, 200);
  assert.ok((await s.socket(r.body.token)).connected);
  assert.is((await s.api('POST', '/api/login', { username: user.username, password: 'a-long-password' })).status, 401);
  assert.ok(await s.login(user.username, 'seven-lanterns-over-hangzhou'));
});

const changes: [string, Record<string, unknown>, number, string, string][] = [
  ['a wrong current password', { currentPassword: 'not-my-password', newPassword: 'seven-lanterns-over-hangzhou' }, 400, 'wrong-password', 'currentPassword'],
  ['a common new password', { currentPassword: 'a-long-password', newPassword: 'password12' }, 400, 'weak-password', 'newPassword'],
  ['a new password of digits in a row', { currentPassword: 'a-long-password', newPassword: '1234567890' }, 400, 'weak-password', 'newPassword'],
  ['a short new password', { currentPassword: 'a-long-password', newPassword: 'x7#' }, 400, 'too-short', 'newPassword'],
  ['no current password', { newPassword: 'seven-lanterns-over-hangzhou' }, 400, 'missing-field', 'currentPassword'],
  ['a number as the new password', { currentPassword: 'a-long-password', newPassword: 12345678901 }, 400, 'invalid-input', 'newPassword'],
  ['a 100 kB new password', { currentPassword: 'a-long-password', newPassword: 'x'.repeat(100_000) }, 400, 'too-long', 'newPassword'],
];
for (const [what, body, status, code, field] of changes) {
  test(`changing my password with ${what} → ${status} ${code} naming ${field}, and the session goes on`, async () => {
    const { token } = await s.makeUser('reception');
    const r = await s.api('POST', '/api/me/password', body, token);
    assert.equal([r.status, r.body.error?.code, r.body.error?.field], [status, code, field], JSON.stringify(r.body));
    assert.is((await s.api('GET', '/api/me', undefined, token)).status, 200);
  });
}

test('a wrong current password counts as a failed sign-in for the account', async () => {
  const { user, token } = await s.makeUser('reception');
  for (let i = 0; i < 10; i++) {
    const r = await s.api('POST', '/api/me/password', { currentPassword: `guess-${i}-guess`, newPassword: 'seven-lanterns-over-hangzhou' }, token);
    assert.is(r.status, 400);
  }
  const locked = await s.api('POST', '/api/me/password', { currentPassword: 'a-long-password', newPassword: 'seven-lanterns-over-hangzhou' }, token);
  assert.is(locked.status, 429);
  assert.is((await s.api('POST', '/api/login', { username: user.username, password: 'a-long-password' })).status, 429);
});

test('an admin sets a new password: that user’s sessions and sockets end, the new password works, a weak one is refused', async () => {
  const { user, token } = await s.makeUser('host', { hostId: (await addHost('Reset me')).id });
  const sock = await s.socket(token);
  for (const [password, code] of [['password12', 'weak-password'], ['1234567890', 'weak-password'], ['short', 'too-short'], [undefined, 'missing-field']] as const) {
    const weak = await s.api('POST', `/api/users/${user.id}/password`, { password }, s.admin.token);
    assert.equal([weak.status, weak.body.error.code, weak.body.error.field], [400, code, 'password']);
  }
  assert.ok(sock.connected, 'a refused reset ends nothing');
  const gone = disconnected(sock);
  const r = await s.api('POST', `/api/users/${user.id}/password`, { password: 'purple-elephant-dances' }, s.admin.token);
  assert.is(r.status, 200);
  assert.is(r.body.user.id, user.id);
  assert.is(r.body.token, undefined, 'the admin gets no token of the user');
  await gone;
  assert.is((await s.api('GET', '/api/me', undefined, token)).status, 401);
  assert.ok(await s.login(user.username, 'purple-elephant-dances'));
});

test('weak passwords are refused when creating an account, naming the password field', async () => {
  for (const [password, username] of [['password12', 'weak1'], ['1234567890', 'weak2'], ['zhangsan2024', 'zhangsan']]) {
    const r = await s.api('POST', '/api/users', { username, password, name: 'Zhang San', role: 'security' }, s.admin.token);
    assert.equal([r.status, r.body.error.code, r.body.error.field], [400, 'weak-password', 'password'], password);
  }
  assert.not.ok((await s.app.ctx.store.list('users')).some((u) => u.username.startsWith('weak')));
});

test('an expired token hears nothing more: its socket is dropped before the next event, and cannot decide a visit', async () => {
  const h = await addHost('Expiring host');
  const host = await s.makeUser('host', { hostId: h.id });
  const kiosk = await s.pairKiosk('Expiry');
  const hostSock = await s.socket(host.token);
  const kioskSock = await s.socket(kiosk.token);
  const heard: string[] = [];
  hostSock.onAny((name) => heard.push(name));
  const reg = await s.api('POST', '/api/visits', { visitor: { name: 'A B', idType: 'passport', idNumber: 'E7654321' }, purpose: 'p', hostId: h.id }, kiosk.token);
  assert.is(reg.status, 201);
  await new Promise((r) => setTimeout(r, 100));
  assert.ok(heard.includes('visit:arrived'), 'heard while the token was good');
  heard.length = 0;

  const gone = disconnected(hostSock, 2500);
  now += 12 * 3600e3 + 1000;
  {
    const ack = hostSock.connected
      ? await hostSock.timeout(2000).emitWithAck('visit:decide', { visitId: reg.body.visit.id, decision: 'approve' }).catch(() => 'no-ack')
      : 'no-ack';
    if (ack !== 'no-ack') assert.equal(ack.ok === false && ack.error.code, 'token-expired');
    await gone;
    await advance(0);
    const second = await s.api('POST', '/api/visits', { visitor: { name: 'C D', idType: 'passport', idNumber: 'E7654322' }, purpose: 'p', hostId: h.id }, kiosk.token);
    assert.is(second.status, 201);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(heard.filter((n) => n.startsWith('visit:')), [], 'no event after expiry');
    assert.ok(kioskSock.connected, 'the kiosk token (a year) goes on');
    // Twelve hours on, the unanswered visitor may have expired by the clock; what matters is that the host decided nothing.
    const after = (await s.api('GET', `/api/visits/${reg.body.visit.id}`, undefined, kiosk.token)).body.visit;
    assert.ok(['awaiting-host', 'expired'].includes(after.status), after.status);
    assert.is(after.decidedBy, undefined, 'nothing was decided');
  }
});

test('an expired token is dropped by the emit itself, before the once-a-second sweep runs', async () => {
  const sec = await s.makeUser('security');
  const sock = await s.socket(sec.token);
  const heard: string[] = [];
  sock.onAny((name) => heard.push(name));
  const gone = disconnected(sock, 1500);
  now += 12 * 3600e3 + 1000;
  s.admin.token = (await s.api('POST', '/api/login', { username: 'admin', password: 'correct-horse-battery' })).body.token;
  await addHost('After expiry'); // log:event to security, emitted at once
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(heard, []);
  await gone;
});

test('visit:decide checks the token every time: an ended session gets bad-token and the socket is closed', async () => {
  const h = await addHost('Decider');
  const host = await s.makeUser('host', { hostId: h.id });
  const kiosk = await s.pairKiosk('Decide');
  const sock = await s.socket(host.token);
  const reg = await s.api('POST', '/api/visits', { visitor: { name: 'E F', idType: 'passport', idNumber: 'E7654323' }, purpose: 'p', hostId: h.id }, kiosk.token);
  await s.app.ctx.store.remove('sessions', sidOf(host.token)); // ended behind the socket's back
  const gone = disconnected(sock);
  const ack = await sock.timeout(2000).emitWithAck('visit:decide', { visitId: reg.body.visit.id, decision: 'approve' });
  assert.equal(ack, { ok: false, error: { code: 'bad-token', message: 'This session has ended; sign in again.' } });
  await gone;
  assert.is((await s.api('GET', `/api/visits/${reg.body.visit.id}`, undefined, kiosk.token)).body.visit.status, 'awaiting-host');
});

test('a socket recovering after a network blip is checked again: a signed-out session is not restored and gets no missed event', async () => {
  const { token } = await s.makeUser('admin');
  const raw = connect(s.url, { auth: { token }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => { raw.once('connect', () => resolve()); raw.once('connect_error', reject); });
  const packets: number[] = [];
  raw.io.on('packet', (p: { type: number }) => packets.push(p.type));
  try {
    // A live session recovers, missed events included (the client needs one event first: it resumes from its offset).
    const first = nextEvent(raw, 'log:event');
    await addHost('Heard before the blip');
    await first;
    raw.io.engine.close();
    await new Promise((r) => setTimeout(r, 100));
    await addHost('Missed while away');
    raw.connect();
    await new Promise<void>((resolve, reject) => { raw.once('connect', () => resolve()); raw.once('connect_error', reject); });
    if (s.database) {
      // Socket.IO's PostgreSQL adapter keeps no missed packets: the socket connects afresh (consoles reload on connect).
      assert.not.ok(raw.recovered, 'several servers: a fresh connection, not a recovered one');
    } else {
      assert.ok(raw.recovered, 'recovery works for a live session');
      assert.ok(packets.includes(2), 'the missed log:event was replayed');
    }

    packets.length = 0;
    raw.io.engine.close();
    await new Promise((r) => setTimeout(r, 100));
    await addHost('Missed after sign-out');
    assert.is((await s.api('POST', '/api/logout', undefined, token)).status, 204);
    raw.connect();
    const err = await new Promise<Error>((resolve) => { raw.once('connect_error', resolve); raw.once('connect', () => resolve(new Error('connected'))); });
    assert.is(err.message, 'bad-token');
    assert.not.ok(packets.includes(2), 'no event reached the client');
  } finally {
    raw.close();
  }
});

test.run();
