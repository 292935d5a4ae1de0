// The sign-in limiter alone, counting in a memory store: per-account locks that junk cannot flush, a per-address budget,
// reserved attempts. (The store's own bounds are in store-attempts.test.ts, its atomicity in the store contract.)
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createMemoryStore } from '../../data/memory-store.ts';
import type { Store } from '../../data/store.ts';
import { ACCOUNT_KEY, SIGN_IN_LIMITS, SignInLimits, type Attempt, type Refusal } from '../../server/domain/signin-limits.ts';

const T0 = Date.parse('2026-03-02T02:00:00Z');
const MIN = 60_000;
const isAttempt = (a: Attempt | Refusal): a is Attempt => typeof a === 'object';
/** One whole attempt: reserve, then end with the outcome; the refusal when there was one. */
async function attempt(limits: SignInLimits, account: string | undefined, address: string, ok: boolean, at: number): Promise<Refusal | 'checked'> {
  const a = await limits.begin(account, address, at);
  if (!isAttempt(a)) return a;
  await a.end(ok);
  return 'checked';
}
/** A memory store that notes every key asked about. */
function watchedStore(): { store: Store; keys: Set<string> } {
  const store = createMemoryStore();
  const keys = new Set<string>();
  return { store: { ...store, attempt: (key, ...rest) => (keys.add(key), store.attempt(key, ...rest)) }, keys };
}
const limitsOn = (store: Store = createMemoryStore(), opts = SIGN_IN_LIMITS) => new SignInLimits(store, opts);

test('10 failures lock an account for the rest of the window, whatever the address', async () => {
  const limits = limitsOn();
  for (let i = 0; i < 10; i++) assert.is(await attempt(limits, 'u-1', `10.0.0.${i}`, false, T0 + i), 'checked');
  assert.is(await attempt(limits, 'u-1', '10.0.1.1', true, T0 + 5 * MIN), 'account');
  assert.is(await attempt(limits, 'u-2', '10.0.1.1', true, T0 + 5 * MIN), 'checked', 'another account is not locked');
  assert.is(await attempt(limits, 'u-1', '10.0.1.1', true, T0 + 10 * MIN + 10), 'checked');
});

test('20,000 junk usernames from 20,000 addresses add no account keys and do not unlock the account', async () => {
  const { store, keys } = watchedStore();
  const limits = limitsOn(store);
  for (let i = 0; i < 10; i++) await attempt(limits, 'u-victim', '192.0.2.1', false, T0);
  for (let i = 0; i < 20_000; i++) {
    await attempt(limits, undefined, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, false, T0 + 1000 + i);
  }
  assert.equal([...keys].filter((k) => k.startsWith(`${ACCOUNT_KEY}:`)), [`${ACCOUNT_KEY}:u-victim`]);
  assert.is(await attempt(limits, 'u-victim', '203.0.113.9', true, T0 + 5 * MIN), 'account');
});

test('an address has a generous budget of 100 failures, for unknown and known usernames alike', async () => {
  const limits = limitsOn();
  for (let i = 0; i < 100; i++) assert.is(await attempt(limits, i % 2 ? undefined : `u-${i}`, '198.51.100.7', false, T0 + i), 'checked');
  assert.is(await attempt(limits, undefined, '198.51.100.7', false, T0 + 200), 'address');
  assert.is(await attempt(limits, 'u-fine', '198.51.100.7', true, T0 + 200), 'address');
  assert.is(await attempt(limits, undefined, '198.51.100.8', false, T0 + 200), 'checked', 'the next address is not blocked');
});

test('an attempt refused by its address costs the account nothing', async () => {
  const limits = limitsOn(createMemoryStore(), { ...SIGN_IN_LIMITS, perAccount: 2, perAddress: 1 });
  assert.is(await attempt(limits, undefined, '198.51.100.7', false, T0), 'checked');
  for (let i = 0; i < 5; i++) assert.is(await attempt(limits, 'u-1', '198.51.100.7', false, T0), 'address');
  assert.is(await attempt(limits, 'u-1', '198.51.100.8', false, T0), 'checked');
  assert.is(await attempt(limits, 'u-1', '198.51.100.9', false, T0), 'checked');
  assert.is(await attempt(limits, 'u-1', '198.51.100.10', true, T0), 'account');
});

test('attempts in flight count: 30 begun together, only 10 are let through for one account', async () => {
  const limits = limitsOn();
  const begun = await Promise.all(Array.from({ length: 30 }, (_, i) => limits.begin('u-1', `10.0.0.${i}`, T0)));
  assert.is(begun.filter(isAttempt).length, 10);
  assert.is(begun.filter((a) => a === 'account').length, 20);
  for (const a of begun.filter(isAttempt)) await a.end(true);
  assert.is(await attempt(limits, 'u-1', '10.0.0.1', false, T0 + 1), 'checked', 'successes free their reservation');
});

test('ending an attempt twice counts it once; clearing an account unlocks it', async () => {
  const limits = limitsOn();
  const a = await limits.begin('u-1', '10.0.0.1', T0);
  assert.ok(isAttempt(a));
  await a.end(false);
  await a.end(false);
  for (let i = 0; i < 9; i++) await attempt(limits, 'u-1', '10.0.0.1', false, T0);
  assert.is(await attempt(limits, 'u-1', '10.0.0.1', true, T0), 'account');
  await limits.clearAccount('u-1');
  assert.is(await attempt(limits, 'u-1', '10.0.0.1', true, T0), 'checked');
});

test('two limiters on one store (two servers of a site) share the lock', async () => {
  const store = createMemoryStore();
  const [a, b] = [limitsOn(store), limitsOn(store)];
  for (let i = 0; i < 10; i++) assert.is(await attempt(i % 2 ? a : b, 'u-1', `10.0.0.${i}`, false, T0), 'checked');
  assert.is(await attempt(a, 'u-1', '10.0.1.1', true, T0), 'account');
  assert.is(await attempt(b, 'u-1', '10.0.1.1', true, T0), 'account');
});

test.run();
