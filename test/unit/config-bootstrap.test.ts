// FOYER_BOOTSTRAP_ADMIN: a weak first-admin password stops start-up, naming the variable and never the password.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, parseConfig } from '../../server/config.ts';

const refusals: [string, RegExp][] = [
  ['admin:password12', /hard to guess/],
  ['admin:1234567890', /hard to guess/],
  ['admin:admin-admin-admin', /hard to guess/],
  ['admin:short', /at least 10 characters/],
];
for (const [value, why] of refusals) {
  test(`FOYER_BOOTSTRAP_ADMIN=admin:*** (${value.length - 6} characters) is refused: ${why.source}`, () => {
    let error: unknown;
    try { parseConfig({ FOYER_BOOTSTRAP_ADMIN: value }); } catch (e) { error = e; }
    assert.instance(error, ConfigError);
    const message = (error as Error).message;
    assert.match(message, /^FOYER_BOOTSTRAP_ADMIN=/);
    assert.match(message, why);
    assert.not.ok(message.includes(value.slice(6)), 'the password is never in the message');
  });
}

test('a strong first-admin password is accepted', () => {
  assert.equal(parseConfig({ FOYER_BOOTSTRAP_ADMIN: 'admin:correct-horse-battery' }).bootstrapAdmin, { username: 'admin', password: 'correct-horse-battery' });
});

test.run();
