import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { matchWatchlist, normalizeName, normalizePhone } from '../../server/domain/watchlist.ts';
import type { WatchlistEntry } from '../../server/protocol.ts';

const names: [string, string][] = [
  ['Lǚ Xiǎo Míng', 'luxiaoming'],
  ['lu xiaoming', 'luxiaoming'],
  ['  LU   XIAOMING ', 'luxiaoming'],
  ['买买提·艾力', '买买提艾力'],
  ['买买提•艾力', '买买提艾力'],
  ['J. R. R. Tolkien', 'jrrtolkien'],
  ['Ｚｈａｎｇ　Ｗｅｉ', 'zhangwei'],
  ['José Müller', 'josemuller'],
  ['张 伟', '张伟'],
  ['Jean-Paul O’Neil', 'jeanpauloneil'],
];
for (const [raw, normalized] of names) {
  test(`name "${raw}" normalizes to "${normalized}"`, () => {
    assert.is(normalizeName(raw), normalized);
  });
}

const phones: [string, string][] = [
  ['+86 138 0013 8000', '13800138000'],
  ['0086-138-0013-8000', '13800138000'],
  ['8613800138000', '13800138000'],
  ['138 0013 8000', '13800138000'],
  ['(010) 6552-9988', '01065529988'],
  ['+86 10 6552 9988', '861065529988'],
  ['+44 20 7946 0958', '442079460958'],
];
for (const [raw, normalized] of phones) {
  test(`phone "${raw}" normalizes to "${normalized}"`, () => {
    assert.is(normalizePhone(raw), normalized);
  });
}

const entry = (id: string, fields: Partial<WatchlistEntry>): WatchlistEntry => ({
  id, reason: 'test', createdAt: '2024-01-01T00:00:00Z', createdBy: 'u1', ...fields,
});
const LIST: WatchlistEntry[] = [
  entry('by-id', { idType: 'cn-resident', idHash: 'a'.repeat(64), name: '张伟', phone: '13600002222' }),
  entry('by-phone', { phone: '+86 139 0000 1111', name: '王芳' }),
  entry('phone-only', { phone: '13500003333' }),
  entry('by-name', { name: 'Lǚ Xiǎo Míng' }),
];

type Case = [string, Parameters<typeof matchWatchlist>[1], string | undefined, ('refuse' | 'hold')?];
const hits: Case[] = [
  ['the ID hash, whatever the name', { idHash: 'a'.repeat(64), name: 'Someone Else' }, 'by-id', 'refuse'],
  ['name and phone of an ID entry with another (made-up) ID', { idHash: 'f'.repeat(64), name: '张 伟', phone: '+86 136 0000 2222' }, 'by-id', 'hold'],
  ['the phone of an ID entry, another name and ID', { idHash: 'f'.repeat(64), name: 'Other', phone: '13600002222' }, 'by-id', 'hold'],
  ['phone and name of an entry without ID', { name: '王 芳', phone: '13900001111' }, 'by-phone', 'refuse'],
  ['the phone with +86 and spaces, another name', { name: 'Other', phone: '+86 139 0000 1111' }, 'by-phone', 'hold'],
  ['the phone without a prefix, another name', { name: 'Other', phone: '13900001111' }, 'by-phone', 'hold'],
  ['the phone with 0086, another name', { name: 'Other', phone: '0086 13900001111' }, 'by-phone', 'hold'],
  ['the phone of a phone-only entry', { name: 'Anyone', phone: '135 0000 3333' }, 'phone-only', 'refuse'],
  ['the name of a name-only entry, another case, spacing, no tones', { name: 'lu xiaoming' }, 'by-name', 'hold'],
  ['the name in capitals', { name: 'LU XIAO MING', phone: '13700000000' }, 'by-name', 'hold'],
  ['nothing: another ID hash', { idHash: 'b'.repeat(64), name: 'Other' }, undefined],
  ['nothing: another phone', { name: 'Other', phone: '13900001112' }, undefined],
  ['nothing: a similar name', { name: 'lu xiaomin' }, undefined],
  ['nothing: only the name of an entry that has an ID', { name: '张伟', idHash: 'f'.repeat(64) }, undefined],
  ['nothing: only the name of an entry that has a phone', { name: '王芳', phone: '13700000000' }, undefined],
  ['nothing: an empty name', { name: '  ' }, undefined],
];
for (const [label, who, expected, action] of hits) {
  test(`a visitor matching ${label} → ${expected ? `${action} (${expected})` : 'no hit'}`, () => {
    const found = matchWatchlist(LIST, who);
    assert.is(found?.entry.id, expected);
    assert.is(found?.action, action);
  });
}

test('the strongest evidence wins when several entries match', () => {
  const list = [entry('name', { name: 'Zhang Wei' }), entry('phone', { phone: '13900001111' }), entry('id', { idHash: 'c'.repeat(64) })];
  assert.is(matchWatchlist(list, { idHash: 'c'.repeat(64), name: 'zhang wei', phone: '13900001111' })?.entry.id, 'id');
  assert.is(matchWatchlist(list, { name: 'zhang wei', phone: '13900001111' })?.entry.id, 'phone');
  const held = [entry('held', { phone: '13900001111', name: 'Li Na' }), entry('refused', { phone: '13900001111' })];
  assert.equal(matchWatchlist(held, { name: 'Zhao', phone: '13900001111' }), { entry: held[1], action: 'refuse' });
});

test('an entry with no name, phone or hash never matches', () => {
  assert.is(matchWatchlist([entry('empty', {})], { name: 'x', phone: '1' }), undefined);
});

test.run();
