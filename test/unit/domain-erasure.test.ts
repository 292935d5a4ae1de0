// Erasure keeps what reports need and nothing that says who the visitor was; matching a person; CSV.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Appointment } from '../../server/protocol.ts';
import { appointmentDue, erasability, erasedAppointment, erasedVisit, retentionCutoff, visitDue, visitEndedAt } from '../../server/domain/erasure.ts';
import { appointmentMatches, criteriaUsed, visitMatches, watchlistMatches } from '../../server/domain/people.ts';
import { toCsv } from '../../server/domain/csv.ts';
import { visit } from './store-fixtures.ts';

const AT = '2026-12-01T00:00:00.000Z';
const full = () => ({
  ...visit('2026-05-01', 7, 'checked-out'),
  visitor: { name: '王芳', idType: 'cn-resident' as const, idNumberMasked: '110105********123X', phone: '13800138000', company: '某公司' },
  plate: '京A12345', items: ['laptop'], companionNames: ['李雷'], hostMessage: '请到三楼', requestId: 'req-12345678',
  refusalReason: 'banned 王芳', checkedInAt: '2026-05-01T09:30:00.000Z', checkedOutAt: '2026-05-01T11:00:00.000Z',
  host: { id: 'h1', name: 'Host 1', department: 'Sales' }, kioskId: 'k1', companions: 2,
  photo: 'data:image/png;base64,AAAA', signature: 'svg…',
});

test('an erased visit keeps id, day, number, status, host, purpose, companions, kiosk and times; loses the person', () => {
  const before = full();
  const after = erasedVisit(before, AT) as unknown as Record<string, unknown>;
  for (const kept of ['id', 'day', 'number', 'status', 'host', 'hostId', 'purpose', 'companions', 'kioskId', 'createdAt', 'checkedInAt', 'checkedOutAt', 'escalation']) {
    assert.equal(after[kept], (before as unknown as Record<string, unknown>)[kept], kept);
  }
  assert.equal(after.visitor, { name: '', idType: 'cn-resident', idNumberMasked: '' });
  assert.equal([after.items, after.idHash, after.erasedAt], [[], '', AT]);
  for (const gone of ['plate', 'companionNames', 'hostMessage', 'requestId', 'refusalReason', 'photo', 'signature']) assert.is(after[gone], undefined, gone);
  assert.not.ok(JSON.stringify(after).includes('王芳'));
  assert.is(before.visitor.name, '王芳', 'the input is not changed');
});

test('an erased invitation keeps its times and host, not the visitor', () => {
  const a: Appointment = { id: 'a1', inviteCode: 'ABCD-EFGH', visitor: { name: 'Wang', phone: '139', company: 'X' }, hostId: 'h1', start: AT, end: AT, purpose: 'p', createdBy: 'u1', createdAt: AT, usedByVisitId: 'v1' };
  assert.equal(erasedAppointment(a, AT), { ...a, visitor: { name: '' }, erasedAt: AT });
});

test('a visit ended at its last event; it is due once that is before the cutoff and it is closed', () => {
  const v = full();
  assert.is(visitEndedAt(v), '2026-05-01T11:00:00.000Z');
  assert.is(visitEndedAt({ ...v, lastMovement: { visitId: v.id, direction: 'out', at: '2026-05-03T08:00:00.000Z', by: 'k' } }), '2026-05-03T08:00:00.000Z');
  const cases: Array<[string, Parameters<typeof visitDue>[0], string, boolean]> = [
    ['ended before the cutoff', v, '2026-05-01T11:00:01.000Z', true],
    ['ended at the cutoff', v, '2026-05-01T11:00:00.000Z', false],
    ['still on site', { ...v, status: 'on-site', checkedOutAt: undefined }, AT, false],
    ['waiting for the host', { ...v, status: 'awaiting-host' }, AT, false],
    ['already erased', { ...v, erasedAt: AT }, AT, false],
  ];
  for (const [what, visitCase, cutoff, due] of cases) assert.is(visitDue(visitCase, cutoff), due, what);
  assert.equal([erasability(v), erasability({ ...v, status: 'approved' }), erasability({ ...v, erasedAt: AT })], ['erasable', 'open', 'already-erased']);
  assert.is(retentionCutoff(new Date('2026-07-01T00:00:00Z'), 180).toISOString(), '2026-01-02T00:00:00.000Z');
  const appt = { id: 'a', end: '2026-01-01T00:00:00.000Z' } as Appointment;
  assert.equal([appointmentDue(appt, '2026-01-02T00:00:00Z'), appointmentDue(appt, '2025-12-31T00:00:00Z'), appointmentDue({ ...appt, erasedAt: AT }, AT)], [true, false, false]);
});

test('a record matches a person when every criterion given matches', () => {
  const v = full();
  const cases: Array<[string, Parameters<typeof visitMatches>[1], boolean]> = [
    ['ID hash', { idHash: 'hash-7' }, true],
    ['another ID hash', { idHash: 'hash-8' }, false],
    ['phone', { phone: '13800138000' }, true],
    ['name', { name: '王芳' }, true],
    ['ID and the wrong name', { idHash: 'hash-7', name: '王芬' }, false],
    ['all three', { idHash: 'hash-7', phone: '13800138000', name: '王芳' }, true],
    ['a phone the visit lacks', { phone: '13800138000' }, true],
  ];
  for (const [what, c, expected] of cases) assert.is(visitMatches(v, c), expected, what);
  assert.is(visitMatches({ ...v, visitor: { ...v.visitor, phone: undefined } }, { phone: '13800138000' }), false, 'no phone on the visit: no match by phone');
  assert.is(visitMatches(erasedVisit(v, AT), { name: '' }), false, 'an erased visit matches no one');

  const a = { id: 'a', visitor: { name: 'Wang', phone: '+86 139 0000 1111' }, usedByVisitId: 'v9' } as Appointment;
  assert.is(appointmentMatches(a, { phone: '13900001111' }, new Set()), true, 'phone in another spelling');
  assert.is(appointmentMatches(a, { idHash: 'h' }, new Set()), false, 'an invitation has no ID number');
  assert.is(appointmentMatches(a, { idHash: 'h' }, new Set(['v9'])), true, 'unless it was used by a matching visit');

  const entry = { id: 'w', idHash: 'h', name: 'Wang', reason: 'r', createdAt: AT, createdBy: 'u' };
  assert.equal([watchlistMatches(entry, { idHash: 'h' }), watchlistMatches(entry, { idHash: 'h', phone: '139' }), watchlistMatches(entry, { name: 'wang' })], [true, false, true]);
  assert.equal([criteriaUsed({ idHash: 'h', name: 'x' }), criteriaUsed({ phone: '1' })], ['id,name', 'phone']);
});

test('CSV: a BOM, quoted cells, doubled quotes, CRLF, formulas turned into text', () => {
  const csv = toCsv(['a', 'b'], [{ a: '=1+1', b: 'say "hi"' }, { a: '+86 139', b: 'line\nbreak' }, { a: '-2', b: undefined }, { a: '@SUM(A1)', b: 3 }]);
  assert.is(csv, '\uFEFF"a","b"\r\n"\'=1+1","say ""hi"""\r\n"\'+86 139","line\nbreak"\r\n"\'-2",""\r\n"\'@SUM(A1)","3"\r\n');
});

test.run();
