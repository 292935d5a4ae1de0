import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DomainError } from '../../server/domain/errors.ts';
import { signToken, verifyToken, type TokenClaims } from '../../server/domain/tokens.ts';

const KEY = Buffer.alloc(32, 1).toString('base64');
const OTHER_KEY = Buffer.alloc(32, 2).toString('base64');
const NOW = Date.parse('2024-06-15T04:00:00Z');
const EXP = NOW / 1000 + 3600;
const USER: TokenClaims = { sub: 'u1', kind: 'user', role: 'reception', sid: 's-abc', exp: EXP };
const KIOSK: TokenClaims = { sub: 'k1', kind: 'kiosk', ver: 3, exp: EXP };
const TOKEN = signToken(KEY, USER);
const [payload, mac] = TOKEN.split('.');

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.instance(e, DomainError);
    assert.is((e as DomainError).status, 401);
    return (e as DomainError).code;
  }
  return 'accepted';
}

test('user and kiosk tokens round-trip their claims', () => {
  assert.equal(verifyToken(KEY, TOKEN, NOW), USER);
  assert.equal(verifyToken(KEY, signToken(KEY, KIOSK), NOW), KIOSK);
  assert.match(TOKEN, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
});

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const flipLast = (s: string) => s.slice(0, -1) + (s.at(-1) === 'A' ? 'B' : 'A');
const forgeries: [string, string][] = [
  ['a payload raised to admin', `${b64({ ...USER, role: 'admin' })}.${mac}`],
  ['a payload with a later expiry', `${b64({ ...USER, exp: EXP + 86400 })}.${mac}`],
  ['a payload naming another session', `${b64({ ...USER, sid: 's-other' })}.${mac}`],
  ['a changed signature', `${payload}.${flipLast(mac)}`],
  ['a signature from another key', signToken(OTHER_KEY, USER)],
  ['no signature', `${payload}.`],
  ['no dot', payload],
  ['three parts', `${TOKEN}.x`],
  ['padding in the signature', `${TOKEN}=`],
  ['an empty string', ''],
  ['garbage', 'not a token'],
  ['a signed payload that is not JSON', (() => { const p = Buffer.from('{nope').toString('base64url'); return `${p}.${signToken(KEY, USER).split('.')[1]}`; })()],
];
for (const [label, token] of forgeries) {
  test(`a token with ${label} is refused as bad-token`, () => {
    assert.is(codeOf(() => verifyToken(KEY, token, NOW)), 'bad-token');
  });
}

const shapes: [string, Record<string, unknown>][] = [
  ['an unknown role', { ...USER, role: 'root' }],
  ['an unknown kind', { ...USER, kind: 'robot' }],
  ['no subject', { ...USER, sub: '' }],
  ['a string expiry', { ...USER, exp: String(EXP) }],
  ['a fractional version', { ...USER, ver: 1.5 }],
  ['a session id that is not a string', { ...USER, sid: 42 }],
  ['an empty session id', { ...USER, sid: '' }],
];
for (const [label, claims] of shapes) {
  test(`a correctly signed token with ${label} is refused as bad-token`, () => {
    assert.is(codeOf(() => verifyToken(KEY, signToken(KEY, claims as unknown as TokenClaims), NOW)), 'bad-token');
  });
}

const expiries: [string, number, string][] = [
  ['a second before expiry', EXP * 1000 - 1000, 'accepted'],
  ['at expiry', EXP * 1000, 'token-expired'],
  ['long after expiry', EXP * 1000 + 86_400_000, 'token-expired'],
];
for (const [label, nowMs, expected] of expiries) {
  test(`a token checked ${label} is ${expected}`, () => {
    assert.is(codeOf(() => verifyToken(KEY, TOKEN, nowMs)), expected);
  });
}

test('an expired forgery is bad-token, not token-expired', () => {
  assert.is(codeOf(() => verifyToken(KEY, signToken(OTHER_KEY, USER), EXP * 1000 + 1)), 'bad-token');
});

test.run();
