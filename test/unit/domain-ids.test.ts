import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkIdNumber, computeIdCheckChar, hashIdNumber, maskIdNumber } from '../../server/domain/ids.ts';
import type { IdType } from '../../server/protocol.ts';

const NOW = new Date('2024-06-15T04:00:00Z');
const VALID = '11010519491231002X';
/** A resident number with a correct check character around a given birth date. */
const resident = (birth: string, region = '110105', order = '002') => {
  const first17 = region + birth + order;
  return first17 + computeIdCheckChar(first17);
};

test('the reference resident number is valid and normalized', () => {
  assert.equal(checkIdNumber('cn-resident', VALID, NOW), { ok: true, normalized: VALID });
});

const spellings: [string, string][] = [
  ['lowercase x', '11010519491231002x'],
  ['spaces inside and around', '  110105 19491231 002x '],
  ['full-width digits from an IME', '１１０１０５１９４９１２３１００２Ｘ'],
];
for (const [label, raw] of spellings) {
  test(`a resident number with ${label} is accepted as ${VALID}`, () => {
    assert.equal(checkIdNumber('cn-resident', raw, NOW), { ok: true, normalized: VALID });
  });
}

for (const last of '0123456789') {
  test(`the reference number ending in ${last} fails the checksum`, () => {
    const r = checkIdNumber('cn-resident', VALID.slice(0, 17) + last, NOW);
    assert.is(r.ok, false);
    if (!r.ok) {
      assert.is(r.code, 'id-checksum');
      assert.match(r.message, /check digit/);
    }
  });
}

test('numbers built with the computed check character validate', () => {
  for (const birth of ['19000101', '19800229', '20000229', '20240615']) {
    assert.ok(checkIdNumber('cn-resident', resident(birth), NOW).ok, birth);
  }
});

const invalid: [string, IdType, string, string][] = [
  ['17 characters', 'cn-resident', VALID.slice(0, 17), 'id-length'],
  ['19 characters', 'cn-resident', VALID + '1', 'id-length'],
  ['empty', 'cn-resident', '   ', 'id-length'],
  ['a letter inside', 'cn-resident', '1101051949123100AX', 'id-charset'],
  ['X not last', 'cn-resident', 'X10105194912310021', 'id-charset'],
  ['30 February', 'cn-resident', resident('19490230'), 'id-birthdate'],
  ['29 February of a non-leap year', 'cn-resident', resident('19000229'), 'id-birthdate'],
  ['month 13', 'cn-resident', resident('19491301'), 'id-birthdate'],
  ['day 00', 'cn-resident', resident('19491200'), 'id-birthdate'],
  ['born two days from now', 'cn-resident', resident('20240617'), 'id-birthdate'],
  ['born next year', 'cn-resident', resident('20250101'), 'id-birthdate'],
  ['born before 1900', 'cn-resident', resident('18991231'), 'id-birthdate'],
  ['passport of 4 characters', 'passport', 'E123', 'id-length'],
  ['passport of 21 characters', 'passport', 'E'.repeat(21), 'id-length'],
  ['passport with a dash', 'passport', 'E-1234567', 'id-charset'],
  ['passport with Chinese', 'passport', '护照123456', 'id-charset'],
  ['other of 3 characters', 'other', 'A-1', 'id-length'],
  ['other of 31 characters', 'other', 'A'.repeat(31), 'id-length'],
  ['other with a slash', 'other', 'HK/123456', 'id-charset'],
];
for (const [label, idType, raw, code] of invalid) {
  test(`${idType}: ${label} is refused with ${code}`, () => {
    const r = checkIdNumber(idType, raw, NOW);
    assert.is(r.ok, false);
    if (!r.ok) {
      assert.is(r.code, code);
      assert.ok(r.message.length > 10);
    }
  });
}

const validOthers: [IdType, string, string][] = [
  ['passport', ' e1234 5678 ', 'E12345678'],
  ['passport', 'G1234', 'G1234'],
  ['passport', 'A'.repeat(20), 'A'.repeat(20)],
  ['other', 'h123-45678', 'H123-45678'],
  ['other', 'ab12', 'AB12'],
];
for (const [idType, raw, normalized] of validOthers) {
  test(`${idType} "${raw}" is accepted as ${normalized}`, () => {
    assert.equal(checkIdNumber(idType, raw, NOW), { ok: true, normalized });
  });
}

test('a birth date today in the site zone is not in the future', () => {
  // 2024-06-15 05:00 in Beijing is still 2024-06-14 in UTC.
  assert.ok(checkIdNumber('cn-resident', resident('20240615'), new Date('2024-06-14T21:00:00Z')).ok);
});

const masks: [string, string][] = [
  [VALID, '110105********002X'],
  ['110105491231002', '110105*****1002'],
  ['E12345678', 'E1*****78'],
  ['AB12345', 'AB***45'],
  ['AB1234', 'A****4'],
  ['AB12', 'A**2'],
];
for (const [number, masked] of masks) {
  test(`${number} is masked as ${masked}`, () => {
    assert.is(maskIdNumber(number), masked);
    assert.is(maskIdNumber(number).length, number.length);
  });
}

test('the ID hash is keyed, typed and stable', () => {
  const key = Buffer.alloc(32, 7).toString('base64');
  const other = Buffer.alloc(32, 8).toString('base64');
  const h = hashIdNumber(key, 'cn-resident', VALID);
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.is(hashIdNumber(key, 'cn-resident', VALID), h);
  assert.is.not(hashIdNumber(other, 'cn-resident', VALID), h);
  assert.is.not(hashIdNumber(key, 'other', VALID), h);
  assert.not.ok(h.includes(VALID));
});

test.run();
