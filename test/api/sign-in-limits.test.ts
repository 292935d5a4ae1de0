// Brute force: a lock per existing account, a budget per address, counted atomically, timed alike for unknown users,
// and the caller's address read from X-Forwarded-For only behind a trusted proxy.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, type TestServer } from '../helpers/server.ts';
import { ACCOUNT_KEY, SIGN_IN_LIMITS, SignInLimits } from '../../server/domain/signin-limits.ts';
import type { Store } from '../../data/store.ts';

let now = Date.parse('2026-03-02T02:00:00Z');
let behindProxy: TestServer; // FOYER_TRUST_PROXY=1
let direct: TestServer; // the default: X-Forwarded-For ignored
test.before(async () => {
  [behindProxy, direct] = await Promise.all([
    startServer({ clock: () => new Date(now), env: { FOYER_TRUST_PROXY: '1' } }),
    startServer({ clock: () => new Date(now) }),
  ]);
});
test.after(async () => { await Promise.all([behindProxy.close(), direct.close()]); });

let seq = 0;
const from = (address: string) => ({ 'x-forwarded-for': address });
/** A sign-in with an X-Forwarded-For header (what a client or a proxy may send). */
async function signIn(s: TestServer, username: string, password: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) });
  return { status: res.status, body: await res.json() };
}
async function account(s: TestServer) {
  const { user } = await s.makeUser('reception');
  return user.username;
}
const nextAddress = () => `198.51.100.${++seq % 250}`;
const times = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));

test('an account locks after 10 failures, from any addresses; the right password is refused too until 10 minutes pass', async () => {
  const s = behindProxy;
  const name = await account(s);
  for (let i = 0; i < 10; i++) assert.is((await signIn(s, name, `wrong-${i}-guess`, from(`203.0.113.${i}`))).status, 401, `try ${i + 1}`);
  const locked = await signIn(s, name, 'a-long-password', from('203.0.113.77'));
  assert.is(locked.status, 429);
  assert.is(locked.body.error.code, 'too-many-attempts');
  now += 9 * 60_000;
  assert.is((await signIn(s, name, 'a-long-password', from('203.0.113.78'))).status, 429, 'still locked after 9 minutes');
  now += 60_000 + 1;
  const open = await signIn(s, name, 'a-long-password', from('203.0.113.79'));
  assert.is(open.status, 200, 'unlocked when the window has passed');
  assert.ok(open.body.token);
});

test('30 wrong passwords fired together: at most 10 are checked (401), the rest are refused (429)', async () => {
  const s = behindProxy;
  const name = await account(s);
  const answers = await Promise.all(times(30, (i) => signIn(s, name, `parallel-${i}-guess`, from(nextAddress()))));
  const statuses = answers.map((a) => a.status);
  assert.is(statuses.filter((x) => x === 401).length, 10, statuses.join(' '));
  assert.is(statuses.filter((x) => x === 429).length, 20);
  assert.is((await signIn(s, name, 'a-long-password', from(nextAddress()))).status, 429);
  now += 10 * 60_000 + 1;
});

// The store bounds its keys per kind, so addresses cannot push out account locks (test/unit/store-attempts.test.ts).
test('junk usernames from rotating addresses neither unlock an account nor add account keys to the store', async () => {
  const s = behindProxy;
  const store = s.app.ctx.store;
  const keys = new Set<string>();
  const watched: Store = { ...store, attempt: (key, ...rest) => (keys.add(key), store.attempt(key, ...rest)) };
  s.app.ctx.limits.login = new SignInLimits(watched);
  const name = await account(s);
  for (let i = 0; i < 10; i++) await signIn(s, name, `wrong-${i}-guess`, from('192.0.2.1'));
  for (let batch = 0; batch < 8; batch++) {
    await Promise.all(times(10, (i) => signIn(s, `junk-${batch}-${i}`, 'whatever-password', from(`10.${batch}.${i}.1`))));
  }
  const user = (await store.list('users')).find((u) => u.username === name)!;
  assert.equal([...keys].filter((k) => k.startsWith(`${ACCOUNT_KEY}:`)), [`${ACCOUNT_KEY}:${user.id}`], 'junk usernames add no account keys');
  assert.is((await signIn(s, name, 'a-long-password', from('192.0.2.2'))).status, 429, 'the account is still locked');
  now += 10 * 60_000 + 1;
  s.app.ctx.limits.login = new SignInLimits(store);
});

test('an unknown username takes as long as a wrong password for a real one (a dummy hash is checked)', async () => {
  const s = behindProxy;
  const names = [await account(s), await account(s), await account(s)];
  const timed = async (username: string) => {
    const started = performance.now();
    const r = await signIn(s, username, 'not-the-password', from(nextAddress()));
    assert.is(r.status, 401);
    return performance.now() - started;
  };
  await timed('warm-up-nobody');
  const [known, unknown]: number[][] = [[], []];
  for (let i = 0; i < 24; i++) { // interleaved, so load on the machine hits both alike
    known.push(await timed(names[i % 3]));
    unknown.push(await timed(`nobody-${i}`));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const ratio = mean(unknown) / mean(known);
  console.log(`  sign-in timing: known ${mean(known).toFixed(1)} ms, unknown ${mean(unknown).toFixed(1)} ms, ratio ${ratio.toFixed(2)}`);
  assert.ok(ratio > 0.5 && ratio < 2, `unknown/known = ${ratio.toFixed(2)}`);
  now += 10 * 60_000 + 1;
});

test('without a trusted proxy, rotating X-Forwarded-For does not escape the per-address budget', async () => {
  const s = direct;
  s.app.ctx.limits.login = new SignInLimits(s.app.ctx.store, { ...SIGN_IN_LIMITS, perAddress: 5 });
  const statuses = [];
  for (let i = 0; i < 7; i++) statuses.push((await signIn(s, `nobody-${i}`, 'whatever-password', from(`203.0.113.${i}`))).status);
  assert.equal(statuses, [401, 401, 401, 401, 401, 429, 429]);
  assert.is((await signIn(s, 'admin', 'correct-horse-battery', from('203.0.113.99'))).status, 429, 'a spent address budget refuses everyone from there');
  now += 10 * 60_000 + 1;
  assert.is((await signIn(s, 'admin', 'correct-horse-battery')).status, 200);
  s.app.ctx.limits.login = new SignInLimits(s.app.ctx.store);
});

test('behind one trusted proxy, the address is the last X-Forwarded-For entry: a client cannot choose it', async () => {
  const s = behindProxy;
  s.app.ctx.limits.login = new SignInLimits(s.app.ctx.store, { ...SIGN_IN_LIMITS, perAddress: 5 });
  const statuses = [];
  // The client writes what it likes on the left; the proxy appends the address it saw.
  for (let i = 0; i < 7; i++) statuses.push((await signIn(s, `nobody-${i}`, 'whatever-password', from(`10.9.9.${i}, 203.0.113.50`))).status);
  assert.equal(statuses, [401, 401, 401, 401, 401, 429, 429]);
  assert.is((await signIn(s, 'nobody', 'whatever-password', from('203.0.113.51'))).status, 401, 'another client behind the proxy is not blocked');
  assert.is((await signIn(s, 'nobody', 'whatever-password')).status, 401, 'no header: the socket address');
  now += 10 * 60_000 + 1;
  s.app.ctx.limits.login = new SignInLimits(s.app.ctx.store);
});

test('the limits live in the store: two servers on one database share an account\'s lock, and a restart keeps it', async () => {
  const s = behindProxy;
  if (!s.database) {
    // lowdb: one server owns a data directory (foyer.lock) and keeps its counts in memory, so there is no second server to share with.
    console.log('  sign-in-limits: two servers on one database: PostgreSQL only (FOYER_TEST_STORE=postgres); skipped on lowdb');
    return;
  }
  const other = await startServer({ clock: () => new Date(now), env: { FOYER_DATABASE_URL: s.database, FOYER_TRUST_PROXY: '1' } });
  try {
    const name = await account(s);
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await signIn(i % 2 ? other : s, name, `wrong-${i}-guess`, from(nextAddress()))).status);
    assert.equal(statuses, [...times(10, () => 401), 429, 429]);
    assert.is((await signIn(s, name, 'a-long-password', from(nextAddress()))).status, 429, 'locked on the first server');
    assert.is((await signIn(other, name, 'a-long-password', from(nextAddress()))).status, 429, 'locked on the second server');
    await s.restart();
    assert.is((await signIn(s, name, 'a-long-password', from(nextAddress()))).status, 429, 'still locked after a restart');
    now += 10 * 60_000 + 1;
    assert.is((await signIn(other, name, 'a-long-password', from(nextAddress()))).status, 200, 'unlocked when the window has passed');
  } finally {
    await other.close();
  }
});

test('the pairing limit counts by the same address', async () => {
  for (const [s, spoofable] of [[direct, false], [behindProxy, true]] as const) {
    const statuses = [];
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${s.url}/api/kiosks/pair`, { method: 'POST', headers: { 'content-type': 'application/json', ...from(`203.0.113.${100 + i}`) }, body: JSON.stringify({ pairingCode: 'ZZZZ-ZZZZ' }) });
      statuses.push(res.status);
    }
    assert.equal(statuses.filter((x) => x === 429).length, spoofable ? 0 : 2, `${spoofable ? 'behind a proxy' : 'direct'}: ${statuses.join(' ')}`);
  }
});

test.run();
