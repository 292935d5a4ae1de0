import { createPublicKey } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeBadgeKeys, publicKeyRaw, signBadge, verifyBadge } from '../../server/domain/badges.ts';
import { DomainError } from '../../server/domain/errors.ts';

const KEYS = makeBadgeKeys();
const OTHER = makeBadgeKeys();
const NOW = Date.parse('2024-06-15T04:00:00Z');
const EXP = Math.floor(NOW / 1000) + 8 * 3600;
const CLAIM = { visitId: '20240615-7K3QZ9XM', exp: EXP };
const CODE = signBadge(KEYS.privateKey, CLAIM);

/** The DomainError a call throws, or a failure if it returns. */
function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    assert.instance(e, DomainError);
    return e as DomainError;
  }
  return assert.unreachable('expected a DomainError') as never;
}

test('a badge code is printable ASCII of at most 160 characters', () => {
  assert.match(CODE, /^FY1\.20240615-7K3QZ9XM\.[0-9a-z]+\.[A-Za-z0-9_-]{86}$/);
  assert.ok(CODE.length <= 160, `${CODE.length} characters`);
});

test('a badge verifies with its key and gives back the claim', () => {
  assert.equal(verifyBadge(KEYS.publicKey, CODE, NOW), CLAIM);
  assert.equal(verifyBadge(KEYS.publicKey, `${CODE}\r\n`, NOW), CLAIM, 'a scanner newline is ignored');
});

const [prefix, visitId, exp36, signature] = CODE.split('.');
const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
const tampered: [string, string][] = [
  ['another visit id', `${prefix}.20240615-7K3QZ9XN.${exp36}.${signature}`],
  ['a later expiry', `${prefix}.${visitId}.${(EXP + 86400).toString(36)}.${signature}`],
  ['a changed signature', `${prefix}.${visitId}.${exp36}.${flip(signature, 10)}`],
  ['a non-canonical last signature character', `${prefix}.${visitId}.${exp36}.${signature.slice(0, 85)}${signature[85] === 'A' ? 'B' : String.fromCharCode(signature.charCodeAt(85) + 1)}`],
  ['another version prefix', `FY2.${visitId}.${exp36}.${signature}`],
  ['a missing part', `${prefix}.${visitId}.${signature}`],
  ['an extra part', `${CODE}.x`],
  ['a truncated signature', CODE.slice(0, -1)],
  ['an empty string', ''],
  ['a URL', 'https://example.com/?v=20240615-7K3QZ9XM'],
  ['a signature by another key', signBadge(OTHER.privateKey, CLAIM)],
];
for (const [label, code] of tampered) {
  test(`a badge with ${label} is refused as badge-invalid`, () => {
    const err = errorOf(() => verifyBadge(KEYS.publicKey, code, NOW));
    assert.is(err.code, 'badge-invalid');
    assert.is(err.status, 400);
    assert.is(err.field, 'code');
  });
}

const expiries: [string, number, string | undefined][] = [
  ['a second before expiry', EXP * 1000 - 1000, undefined],
  ['at expiry', EXP * 1000, 'badge-expired'],
  ['a day after expiry', EXP * 1000 + 86_400_000, 'badge-expired'],
];
for (const [label, nowMs, code] of expiries) {
  test(`a badge checked ${label} is ${code ?? 'accepted'}`, () => {
    if (!code) return void assert.equal(verifyBadge(KEYS.publicKey, CODE, nowMs), CLAIM);
    const err = errorOf(() => verifyBadge(KEYS.publicKey, CODE, nowMs));
    assert.is(err.code, code);
    assert.is(err.status, 409);
  });
}

test('an expired badge that is also forged is reported as invalid, not expired', () => {
  const forged = `${prefix}.${visitId}.${exp36}.${flip(signature, 3)}`;
  assert.is(errorOf(() => verifyBadge(KEYS.publicKey, forged, EXP * 1000 + 1)).code, 'badge-invalid');
});

test('a reprint has its own code that verifies with its serial; the serial cannot be stripped or changed', () => {
  const reprint = signBadge(KEYS.privateKey, { ...CLAIM, serial: 2 });
  assert.is.not(reprint, CODE);
  assert.ok(reprint.length <= 160, `${reprint.length} characters`);
  assert.equal(verifyBadge(KEYS.publicKey, reprint, NOW), { ...CLAIM, serial: 2 });
  const parts = reprint.split('.');
  const stripped = [...parts.slice(0, 3), parts[4]].join('.');
  const bumped = [...parts.slice(0, 3), '3', parts[4]].join('.');
  for (const forged of [stripped, bumped]) assert.is(errorOf(() => verifyBadge(KEYS.publicKey, forged, NOW)).code, 'badge-invalid');
  assert.is(errorOf(() => verifyBadge(KEYS.publicKey, [...parts.slice(0, 3), '0', parts[4]].join('.'), NOW)).code, 'badge-invalid');
});

test('an expired badge still verifies for leaving when allowed, and a forged one never', () => {
  const late = EXP * 1000 + 86_400_000;
  assert.equal(verifyBadge(KEYS.publicKey, CODE, late, { allowExpired: true }), CLAIM);
  const forged = `${prefix}.${visitId}.${exp36}.${flip(signature, 3)}`;
  assert.is(errorOf(() => verifyBadge(KEYS.publicKey, forged, late, { allowExpired: true })).code, 'badge-invalid');
});

test('signing refuses claims that would not make a short ASCII code', () => {
  assert.throws(() => signBadge(KEYS.privateKey, { visitId: 'x'.repeat(80), exp: EXP }), RangeError);
  assert.throws(() => signBadge(KEYS.privateKey, { visitId: 'a.b', exp: EXP }), RangeError);
  assert.throws(() => signBadge(KEYS.privateKey, { visitId: '访客', exp: EXP }), RangeError);
  assert.throws(() => signBadge(KEYS.privateKey, { visitId: 'v', exp: 1.5 }), RangeError);
  assert.throws(() => signBadge(KEYS.privateKey, { visitId: 'v', exp: EXP, serial: -1 }), RangeError);
});

test('the raw public key is 32 bytes in base64 and matches the PEM', () => {
  const raw = Buffer.from(publicKeyRaw(KEYS.publicKey), 'base64');
  assert.is(raw.length, 32);
  const der = createPublicKey(KEYS.publicKey).export({ format: 'der', type: 'spki' });
  assert.equal([...der.subarray(-32)], [...raw]);
  assert.is.not(publicKeyRaw(OTHER.publicKey), publicKeyRaw(KEYS.publicKey));
});

test('generated keys are PKCS#8 and SPKI PEM', () => {
  assert.match(KEYS.privateKey, /^-----BEGIN PRIVATE KEY-----/);
  assert.match(KEYS.publicKey, /^-----BEGIN PUBLIC KEY-----/);
});

test.run();
