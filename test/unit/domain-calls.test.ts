import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CallRecord } from '../../data/matters.ts';
import { acknowledgeTransfer, markReminded, readMessage, reminderDue, returnTransfer } from '../../server/domain/calls.ts';
import { DomainError } from '../../server/domain/errors.ts';
import { call } from './matters-fixtures.ts';

const message = call('2026-12-01', 1, 'message'); // taken at 08:01Z
const transfer = call('2026-12-01', 2, 'transfer'); // at 08:02Z
const plain = call('2026-12-01', 3);
const at = '2026-12-01T09:00:00.000Z';
const code = (r: CallRecord | DomainError) => (r instanceof DomainError ? `${r.status} ${r.code}` : 'ok');
const MINUTE = 60_000;

test('reading a message: once, and only a message', () => {
  const read = readMessage(message, 'u-host', at) as CallRecord;
  assert.equal([read.message, read.updatedAt], [{ text: 'Please call back 1', readAt: at, readBy: 'u-host' }, at]);
  assert.equal([code(readMessage(read, 'u-other', at)), code(readMessage(plain, 'u-host', at)), code(readMessage(transfer, 'u-host', at))],
    ['409 already-read', '409 not-a-message', '409 not-a-message']);
  assert.is(message.message!.readAt, undefined, 'the input is unchanged');
});

const transfers: Array<[string, CallRecord, string, string]> = [
  ['acknowledging a fresh transfer', transfer, 'acknowledge', 'ok'],
  ['acknowledging twice', acknowledgeTransfer(transfer, 'u-a', at) as CallRecord, 'acknowledge', '409 already-acknowledged'],
  ['acknowledging a message', message, 'acknowledge', '409 not-a-transfer'],
  ['the desk acknowledging one that came back', returnTransfer(transfer, new Date(at), 10 * MINUTE) as CallRecord, 'acknowledge', 'ok'],
  ['returning one unacknowledged for 58 minutes', transfer, 'return', 'ok'],
  ['returning one acknowledged', acknowledgeTransfer(transfer, 'u-a', at) as CallRecord, 'return', '409 already-acknowledged'],
  ['returning one that came back already', returnTransfer(transfer, new Date(at), 10 * MINUTE) as CallRecord, 'return', '409 already-returned'],
  ['returning a plain call', plain, 'return', '409 not-a-transfer'],
];
for (const [what, record, action, expected] of transfers) {
  test(`transfers: ${what} → ${expected}`, () => {
    const result = action === 'acknowledge' ? acknowledgeTransfer(record, 'u-b', at) : returnTransfer(record, new Date(at), 10 * MINUTE);
    assert.is(code(result), expected);
  });
}

test('a transfer comes back only once its time is up', () => {
  assert.is(code(returnTransfer(transfer, new Date('2026-12-01T08:11:59.000Z'), 10 * MINUTE)), '409 not-yet-due');
  const back = returnTransfer(transfer, new Date('2026-12-01T08:12:00.000Z'), 10 * MINUTE) as CallRecord;
  assert.equal(back.transfer, { returnedAt: '2026-12-01T08:12:00.000Z' });
});

test('reminders of unread messages: every interval from when taken or last reminded, never once read', () => {
  const every = 30 * MINUTE;
  const rows: Array<[CallRecord, string, boolean]> = [
    [message, '2026-12-01T08:30:59.000Z', false],
    [message, '2026-12-01T08:31:00.000Z', true],
    [markReminded(message, new Date('2026-12-01T08:31:00.000Z')), '2026-12-01T08:45:00.000Z', false],
    [markReminded(message, new Date('2026-12-01T08:31:00.000Z')), '2026-12-01T09:01:00.000Z', true],
    [readMessage(message, 'u-host', at) as CallRecord, '2026-12-02T00:00:00.000Z', false],
    [transfer, '2026-12-02T00:00:00.000Z', false],
  ];
  for (const [record, now, expected] of rows) assert.is(reminderDue(record, new Date(now), every), expected, now);
});

test.run();
