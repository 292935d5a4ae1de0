import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hashPassword, verifyPassword } from '../../server/domain/passwords.ts';

const STORED = hashPassword('correct horse 电池 staple');

test('a hash has the scrypt$N$r$p$salt$hash format and never the password', () => {
  assert.match(STORED, /^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
  assert.not.ok(STORED.includes('horse'));
});

test('the same password hashes differently each time (random salt)', () => {
  assert.is.not(hashPassword('same'), hashPassword('same'));
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
  test(`verifying ${label} → ${expected}`, () => {
    assert.is(verifyPassword(password, stored), expected);
  });
}

test('a password typed with a combining accent matches its precomposed form', () => {
  const stored = hashPassword('caf\u00e9');
  assert.ok(verifyPassword('cafe\u0301', stored));
});

test.run();
