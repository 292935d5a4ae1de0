// The sign-in limiter alone: per-account locks that junk cannot flush, a bounded per-address budget, reserved attempts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SIGN_IN_LIMITS, SignInLimits, type Attempt, type Refusal } from '../../server/domain/signin-limits.ts';

const T0 = Date.parse('2026-03-02T02:00:00Z');
const MIN = 60_000;
const isAttempt = (a: Attempt | Refusal): a is Attempt => typeof a === 'object';
/** One whole attempt: reserve, then end with the outcome; the refusal when there was one. */
function attempt(limits: SignInLimits, account: string | undefined, address: string, ok: boolean, at: number): Refusal | 'checked' {
  const a = limits.begin(account, address, at);
  if (!isAttempt(a)) return a;
  a.end(ok, at);
  return 'checked';
}

test('10 failures lock an account for the rest of the window, whatever the address', () => {
  const limits = new SignInLimits();
  for (let i = 0; i < 10; i++) assert.is(attempt(limits, 'u-1', `10.0.0.${i}`, false, T0 + i), 'checked');
  assert.is(attempt(limits, 'u-1', '10.0.1.1', true, T0 + 5 * MIN), 'account');
  assert.is(attempt(limits, 'u-2', '10.0.1.1', true, T0 + 5 * MIN), 'checked', 'another account is not locked');
  assert.is(attempt(limits, 'u-1', '10.0.1.1', true, T0 + 10 * MIN + 10), 'checked');
});

test('20,000 junk usernames from 20,000 addresses neither unlock the account nor grow memory past the bound', () => {
  const limits = new SignInLimits({ ...SIGN_IN_LIMITS, maxAddresses: 1000 });
  for (let i = 0; i < 10; i++) attempt(limits, 'u-victim', '192.0.2.1', false, T0);
  for (let i = 0; i < 20_000; i++) {
    attempt(limits, undefined, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, false, T0 + 1000 + i);
  }
  assert.equal(limits.size, { accounts: 1, addresses: 1000 });
  assert.is(attempt(limits, 'u-victim', '203.0.113.9', true, T0 + 5 * MIN), 'account');
});

test('an address has a generous budget of 100 failures, for unknown and known usernames alike', () => {
  const limits = new SignInLimits();
  for (let i = 0; i < 100; i++) assert.is(attempt(limits, i % 2 ? undefined : `u-${i}`, '198.51.100.7', false, T0 + i), 'checked');
  assert.is(attempt(limits, undefined, '198.51.100.7', false, T0 + 200), 'address');
  assert.is(attempt(limits, 'u-fine', '198.51.100.7', true, T0 + 200), 'address');
  assert.is(attempt(limits, undefined, '198.51.100.8', false, T0 + 200), 'checked', 'the next address is not blocked');
});

test('attempts in flight count: 30 begun together, only 10 are let through for one account', () => {
  const limits = new SignInLimits();
  const begun = Array.from({ length: 30 }, (_, i) => limits.begin('u-1', `10.0.0.${i}`, T0));
  assert.is(begun.filter(isAttempt).length, 10);
  assert.is(begun.filter((a) => a === 'account').length, 20);
  for (const a of begun.filter(isAttempt)) a.end(true, T0);
  assert.is(attempt(limits, 'u-1', '10.0.0.1', false, T0 + 1), 'checked', 'successes free their reservation');
});

test('ending an attempt twice counts it once; clearing an account unlocks it', () => {
  const limits = new SignInLimits();
  const a = limits.begin('u-1', '10.0.0.1', T0);
  assert.ok(isAttempt(a));
  a.end(false, T0);
  a.end(false, T0);
  for (let i = 0; i < 9; i++) attempt(limits, 'u-1', '10.0.0.1', false, T0);
  assert.is(attempt(limits, 'u-1', '10.0.0.1', true, T0), 'account');
  limits.clearAccount('u-1');
  assert.is(attempt(limits, 'u-1', '10.0.0.1', true, T0), 'checked');
});

test('idle entries are swept once the window has passed', () => {
  const limits = new SignInLimits();
  attempt(limits, 'u-1', '10.0.0.1', false, T0);
  attempt(limits, undefined, '10.0.0.2', false, T0);
  attempt(limits, undefined, '10.0.0.3', false, T0 + 11 * MIN);
  assert.equal(limits.size, { accounts: 0, addresses: 1 });
  attempt(limits, 'u-2', '10.0.0.4', true, T0 + 11 * MIN);
  assert.equal(limits.size, { accounts: 0, addresses: 1 }, 'a success with nothing to remember leaves nothing behind');
});

test.run();
