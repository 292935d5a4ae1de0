// The addresses a site is given: a bad one stops start-up naming the variable, and a password never shows.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, parseConfig } from '../../server/config.ts';

const base = { FOYER_TZ: 'Asia/Shanghai' };

const refused: Array<[Record<string, string>, string]> = [
  [{ FOYER_DATABASE_URL: 'mysql://u:hunter2@db/foyer' }, 'FOYER_DATABASE_URL'],
  [{ FOYER_DATABASE_URL: 'not a url hunter2' }, 'FOYER_DATABASE_URL'],
  [{ FOYER_PUBLIC_URL: 'foyer.example.com' }, 'FOYER_PUBLIC_URL'],
  [{ FOYER_PUBLIC_URL: 'ftp://foyer.example.com' }, 'FOYER_PUBLIC_URL'],
  [{ FOYER_PUBLIC_URL: 'https://foyer.example.com/?x=1' }, 'FOYER_PUBLIC_URL'],
  [{ FOYER_SMTP_URL: 'http://mail.example.com', FOYER_MAIL_FROM: 'a@example.com' }, 'FOYER_SMTP_URL'],
  [{ FOYER_SMTP_URL: 'smtp://u:hunter2@mail.example.com' }, 'FOYER_MAIL_FROM'],
  [{ FOYER_NOTIFY_PHONE: 'maybe' }, 'FOYER_NOTIFY_PHONE'],
];

test('a bad address or switch stops start-up, naming the variable and hiding any password', () => {
  for (const [env, name] of refused) {
    let error: unknown;
    try { parseConfig({ ...base, ...env }); } catch (e) { error = e; }
    assert.ok(error instanceof ConfigError, `${JSON.stringify(env)} is refused`);
    assert.match((error as Error).message, name);
    assert.not.match((error as Error).message, 'hunter2', 'no password in the message');
  }
});

test('good addresses are kept; a public URL loses a trailing slash; all are optional', () => {
  const c = parseConfig({ ...base, FOYER_DATABASE_URL: 'postgresql://foyer:pw@db.internal:5432/foyer', FOYER_PUBLIC_URL: 'https://foyer.example.com/lobby/',
    FOYER_SMTP_URL: 'smtps://u:pw@mail.example.com:465', FOYER_MAIL_FROM: 'Foyer 前台 <foyer@example.com>', FOYER_NOTIFY_PHONE: 'yes' });
  assert.equal([c.databaseUrl, c.publicUrl, c.mail?.from, c.notifyPhone], ['postgresql://foyer:pw@db.internal:5432/foyer', 'https://foyer.example.com/lobby', 'Foyer 前台 <foyer@example.com>', true]);
  const none = parseConfig(base);
  assert.equal([none.databaseUrl, none.publicUrl, none.mail, none.notifyPhone], [undefined, undefined, undefined, false]);
});

test.run();
