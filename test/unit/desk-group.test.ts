// The desk's group form as data: pasted names, rows checked (a repeated ID names the first row), the server's row
// fields, and waiting visits folded into group cards.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Visit } from '../../server/protocol.ts';
import { cardsOf, emptyRow, groupBody, rowOf, rowProblems, splitNames, withNames, GROUP_MAX } from '../../kiosk/staff/desk/group.ts';

test('pasted names split on lines, commas, 、 and semicolons, blanks dropped', () => {
  const table: Array<[string, string[]]> = [
    ['王一\n李二', ['王一', '李二']],
    ['Sam Lee, Ana Li，赵三、钱四；孙五;', ['Sam Lee', 'Ana Li', '赵三', '钱四', '孙五']],
    ['\n \r\n\t', []],
  ];
  for (const [text, names] of table) assert.equal(splitNames(text), names, JSON.stringify(text));
});

test('names fill empty rows first, then new rows, never past the limit', () => {
  const rows = [{ ...emptyRow(), name: '已填' }, emptyRow()];
  assert.equal(withNames(rows, ['A', 'B', 'C']).map((r) => r.name), ['已填', 'A', 'B', 'C']);
  assert.is(withNames(rows, Array.from({ length: 80 }, (_, i) => `n${i}`)).length, GROUP_MAX);
});

test('each row is checked; the same ID again names the earlier row; a blank phone is fine', () => {
  const id = '11010519491231002X';
  const rows = [
    { ...emptyRow('A'), idNumber: id },
    { ...emptyRow(''), idNumber: '110105194912310021' },
    { ...emptyRow('C'), idNumber: id.toLowerCase(), phone: 'x' },
  ];
  const problems = rowProblems(rows, () => true);
  assert.equal(problems[0], { name: null, idNumber: null, phone: null });
  assert.ok(problems[1].name && problems[1].idNumber, 'no name, a wrong check digit');
  assert.equal(problems[2].idNumber, { key: 'groupSameId', vars: { n: 1 } });
  assert.ok(problems[2].phone);
  const typing = rowProblems(rows, () => false);
  assert.equal([typing[1].name, typing[2].idNumber], [null, null], 'a blank name and a repeat are not judged while typing');
});

test('the request: trimmed, ID numbers normalised, phones without spaces, empty company left out', () => {
  const body = groupBody({ host: { id: 'h-1', name: 'H', department: 'D' }, purpose: ' Tour ', company: ' ', requestId: 'req-12345678',
    rows: [{ ...emptyRow(' A '), idNumber: '11010519491231002x ' }, { ...emptyRow('B'), idType: 'passport', idNumber: 'E1', phone: '138 0013 8000' }] }, true);
  assert.equal(body, { hostId: 'h-1', purpose: 'Tour', requestId: 'req-12345678', printAnyway: true, visitors: [
    { name: 'A', idType: 'cn-resident', idNumber: '11010519491231002X' }, { name: 'B', idType: 'passport', idNumber: 'E1', phone: '13800138000' }] });
});

test('the server\'s row fields', () => {
  assert.equal(rowOf('visitors[12].idNumber'), { row: 12, field: 'idNumber' });
  assert.equal(rowOf('visitors[0]'), { row: 0, field: 'name' });
  assert.is(rowOf('purpose'), undefined);
  assert.is(rowOf(undefined), undefined);
});

test('waiting visits fold into one card per group of two or more, held and second-step members on their own', () => {
  const v = (id: string, group?: Partial<Visit['group']> & { id: string }, more: Partial<Visit> = {}) =>
    ({ id, ...(group ? { group: { visitIds: [], lead: '', ...group } } : {}), ...more }) as Visit;
  const list = [v('a'), v('g1'), v('b'), v('g2', { id: 'G' }), v('g3', { id: 'G', alone: true }), v('g4', { id: 'G' }), v('h1', { id: 'H' }), v('g5', { id: 'G' }, { awaiting: 'second' })];
  list[1] = v('g1', { id: 'G' });
  const cards = cardsOf(list).map((c) => (Array.isArray(c) ? c.map((x) => x.id) : c.id));
  assert.equal(cards, ['a', ['g1', 'g2', 'g4'], 'b', 'g3', 'h1', 'g5']);
});

test.run();
