import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../server/domain/passwords.ts';
import { isStrongPassword, passwordScore } from '../../server/domain/strength.ts';

const STORED = await hashPassword('correct horse 电池 staple');

test('a hash has the scrypt$N$r$p$salt$hash format and never the password', () => {
  assert.match(STORED, /^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
  assert.not.ok(STORED.includes('horse'));
});

test('the same password hashes differently each time (random salt)', async () => {
  assert.is.not(await hashPassword('same'), await hashPassword('same'));
});

const checks: [string, string, string, boolean][] = [
  ['the right password', 'correct horse 电池 staple', STORED, true],
  ['a wrong password', 'correct horse 电池 stapler', STORED, false],
  ['an empty password', '', STORED, false],
  ['another case', 'Correct horse 电池 staple', STORED, false],
  ['a stored value of another scheme', 'x', 'bcrypt$2b$10$abc', false],
  ['a truncated stored value', 'x', STORED.split('$').slice(0, 5).join('$'), false],
  ['a stored value asking for absurd memory', 'x', STORED.replace('$16384$', '$1073741824$'), false],
  ['a stored value with N not a power of two', 'x', STORED.replace('$16384$', '$10000$'), false],
  ['an empty stored value', 'x', '', false],
];
for (const [label, password, stored, expected] of checks) {
  test(`verifying ${label} → ${expected}`, async () => {
    assert.is(await verifyPassword(password, stored), expected);
  });
}

test('a password typed with a combining accent matches its precomposed form', async () => {
  const stored = await hashPassword('caf\u00e9');
  assert.ok(await verifyPassword('cafe\u0301', stored));
});

test('hashing and verifying do not block the event loop', async () => {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  await Promise.all([hashPassword('one password'), verifyPassword('x', STORED), verifyPassword('y', STORED)]);
  clearInterval(timer);
  assert.ok(ticks > 0, 'timers ran while scrypt worked');
});

test('the dummy hash matches no password and costs what a real one does', async () => {
  assert.is(DUMMY_HASH.split('$').slice(0, 4).join('$'), STORED.split('$').slice(0, 4).join('$'));
  for (const guess of ['', 'password', 'correct horse 电池 staple']) assert.not.ok(await verifyPassword(guess, DUMMY_HASH));
});

const strength: [string, string[], boolean][] = [
  ['password12', [], false],
  ['1234567890', [], false],
  ['qwertyuiop', [], false],
  ['zhangwei2024', ['zhangwei', '张伟'], false],
  ['reception-desk-1', ['reception-desk', 'Reception desk'], false],
  ['correct-horse-battery', ['admin', 'Administrator'], true],
  ['a-long-password', ['reception1', 'reception 1'], true],
  ['紫色的大象在跳舞吧', [], true],
];
for (const [password, known, strong] of strength) {
  test(`"${password}" ${strong ? 'is' : 'is not'} strong enough (known: ${known.join(', ') || 'nothing'})`, () => {
    assert.is(isStrongPassword(password, known), strong, `score ${passwordScore(password, known)}`);
  });
}

test('a very long password is judged quickly (only its first 64 characters)', () => {
  const started = performance.now();
  passwordScore('1'.repeat(200));
  passwordScore('12'.repeat(100));
  assert.ok(performance.now() - started < 2000, `${performance.now() - started} ms`);
});

test.run();
