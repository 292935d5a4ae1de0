import { randomBytes } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DomainError } from '../../server/domain/errors.ts';
import {
  applyVisit, isOpen, makeVisitId, makeVisitNumber, nextEscalation, TRANSITIONS, VISIT_ACTIONS, VISIT_STATUSES,
  type VisitAction,
} from '../../server/domain/visits.ts';
import type { EscalationLevel, Visit, VisitStatus } from '../../server/protocol.ts';

const visit = (status: VisitStatus, over: Partial<Visit> = {}): Visit => ({
  id: '20240615-ABCDEFGH', number: 'K7QX', day: '2024-06-15', status,
  visitor: { name: '访客', idType: 'cn-resident', idNumberMasked: '110105********002X' },
  purpose: 'meeting', hostId: 'h1', companions: 0, items: [], escortRequired: false,
  escalation: { level: 'host', since: '2024-06-15T01:00:00.000Z' },
  createdAt: '2024-06-15T01:00:00.000Z', createdBy: 'k1', ...over,
});
const CTX = { now: '2024-06-15T01:05:00.000Z', by: 'u1' };

const ALLOWED: Record<VisitAction, [VisitStatus[], VisitStatus]> = {
  approve: [['awaiting-host'], 'approved'],
  deny: [['awaiting-host'], 'denied'],
  print: [['approved'], 'on-site'],
  'check-in': [['approved'], 'on-site'],
  'check-out': [['on-site', 'approved'], 'checked-out'],
  expire: [['awaiting-host', 'approved'], 'expired'],
  cancel: [['awaiting-host', 'approved'], 'cancelled'],
};

test('the transition table is the documented one', () => {
  for (const action of VISIT_ACTIONS) {
    assert.equal([...TRANSITIONS[action].from].sort(), [...ALLOWED[action][0]].sort(), action);
    assert.is(TRANSITIONS[action].to, ALLOWED[action][1], action);
  }
});

for (const action of VISIT_ACTIONS) {
  for (const status of VISIT_STATUSES) {
    const [from, to] = ALLOWED[action];
    if (from.includes(status)) {
      test(`${action} moves a ${status} visit to ${to} without touching the original`, () => {
        const before = visit(status);
        const snapshot = structuredClone(before);
        const after = applyVisit(before, action, CTX);
        assert.is(after.status, to);
        assert.is.not(after, before);
        assert.equal(before, snapshot);
      });
    } else {
      test(`${action} is refused for a ${status} visit with 409 wrong-state`, () => {
        try {
          applyVisit(visit(status), action, CTX);
          assert.unreachable('should throw');
        } catch (e) {
          assert.instance(e, DomainError);
          const err = e as DomainError;
          assert.is(err.code, 'wrong-state');
          assert.is(err.status, 409);
          assert.is(err.message, `Visit is ${status}; cannot ${action}`);
        }
      });
    }
  }
}

const stamps: [VisitAction, VisitStatus, Partial<Visit>][] = [
  ['approve', 'awaiting-host', { decidedAt: CTX.now, decidedBy: 'u1', hostMessage: '请稍等' }],
  ['deny', 'awaiting-host', { decidedAt: CTX.now, decidedBy: 'u1', hostMessage: '请稍等' }],
  ['print', 'approved', { checkedInAt: CTX.now }],
  ['check-in', 'approved', { checkedInAt: CTX.now }],
  ['check-out', 'on-site', { checkedOutAt: CTX.now }],
  ['check-out', 'approved', { checkedOutAt: CTX.now }],
];
for (const [action, status, fields] of stamps) {
  test(`${action} of a ${status} visit records ${Object.keys(fields).join(', ')}`, () => {
    const after = applyVisit(visit(status), action, { ...CTX, message: '请稍等' });
    for (const [k, v] of Object.entries(fields)) assert.is(after[k as keyof Visit], v, k);
  });
}

test('extra fields of a stored visit survive a transition', () => {
  const after = applyVisit({ ...visit('awaiting-host'), idHash: 'h' }, 'approve', CTX);
  assert.is(after.idHash, 'h');
  assert.is(after.hostMessage, undefined);
});

test('open statuses are the ones still in the building or waiting', () => {
  assert.equal(VISIT_STATUSES.filter(isOpen), ['awaiting-host', 'approved', 'on-site']);
});

const escalations: [string, VisitStatus, EscalationLevel, number, boolean, EscalationLevel | undefined][] = [
  ['host, before the timeout', 'awaiting-host', 'host', 119, true, undefined],
  ['host, at the timeout, with a delegate', 'awaiting-host', 'host', 120, true, 'delegate'],
  ['host, at the timeout, no delegate', 'awaiting-host', 'host', 120, false, 'reception'],
  ['delegate, after the timeout', 'awaiting-host', 'delegate', 500, true, 'reception'],
  ['reception, long after', 'awaiting-host', 'reception', 99_999, true, undefined],
  ['an approved visit', 'approved', 'host', 500, true, undefined],
  ['a denied visit', 'denied', 'host', 500, true, undefined],
];
for (const [label, status, level, waitedS, hasDelegate, expected] of escalations) {
  test(`escalation: ${label} → ${expected ?? 'stays'}`, () => {
    const since = '2024-06-15T01:00:00.000Z';
    const now = new Date(Date.parse(since) + waitedS * 1000).toISOString();
    assert.is(nextEscalation(visit(status, { escalation: { level, since } }), now, 120, hasDelegate), expected);
  });
}

test('visit ids start with the day and end with 8 base32 characters', () => {
  const id = makeVisitId('2024-06-15', Buffer.from([0xff, 0, 0x10, 0x42, 0x99]));
  assert.match(id, /^20240615-[0-9A-HJKMNP-TV-Z]{8}$/);
  assert.throws(() => makeVisitId('2024-6-15', Buffer.alloc(5)), RangeError);
  assert.throws(() => makeVisitId('2024-06-15', Buffer.alloc(4)), RangeError);
});

test('visit numbers are 4 characters without I, L, O or U', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 500; i++) {
    const n = makeVisitNumber(randomBytes(3));
    assert.match(n, /^[0-9A-HJKMNP-TV-Z]{4}$/);
    seen.add(n);
  }
  assert.ok(seen.size > 450);
});

test.run();
