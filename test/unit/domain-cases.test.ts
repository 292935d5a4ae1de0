import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CASE_STATUSES, type CaseRecord, type CaseStatus } from '../../data/matters.ts';
import {
  answeredInTime, applyCaseStep, calledBackInTime, caseFlags, lateness, newCase, type CaseAction, type CaseActionKind, type NewCaseInput,
} from '../../server/domain/cases.ts';
import { DomainError } from '../../server/domain/errors.ts';
import type { WorkCalendar } from '../../server/domain/deadlines.ts';

const calendar: WorkCalendar = { timeZone: 'Asia/Shanghai', workingHours: { open: '09:00', close: '18:00' } };
const at = '2026-12-01T02:00:00.000Z'; // Tuesday 10:00 in Shanghai
const desk = { id: 'u-desk' };
const input: NewCaseInput = { category: 'complaint', importance: 'important', subject: ' Lift broken ', contact: { name: 'Wang', phone: '13900000000' } };
const ctx = { id: '20261201-S1', day: '2026-12-01', at, by: 'u-desk', calendar };

function created(): CaseRecord {
  const draft = newCase(input, ctx);
  if (draft instanceof DomainError) throw draft;
  return { ...draft, number: 'C-20261201-0001' };
}

function take(c: CaseRecord, action: CaseAction, actor = desk, when = '2026-12-01T03:00:00.000Z'): CaseRecord {
  const next = applyCaseStep(c, action, actor, when);
  if (next instanceof DomainError) throw next;
  return next;
}

const actions: Record<CaseActionKind, CaseAction> = {
  assign: { kind: 'assign', department: 'Works' },
  accept: { kind: 'accept' },
  note: { kind: 'note', text: 'Called the lift company' },
  resolve: { kind: 'resolve', resolution: 'Lift repaired' },
  callback: { kind: 'callback', reachedContact: true, satisfaction: 4 },
  close: { kind: 'close' },
};

// The shortest way to each status.
const paths: Record<CaseStatus, CaseActionKind[]> = {
  open: [], assigned: ['assign'], accepted: ['assign', 'accept'], resolved: ['resolve'],
  'called-back': ['resolve', 'callback'], closed: ['resolve', 'callback', 'close'],
};
const inStatus = (status: CaseStatus) => paths[status].reduce((c, kind) => take(c, actions[kind]), created());

// What each step does from each status: the status it leads to, or the 409 code that refuses it.
const table: Record<CaseStatus, Record<CaseActionKind, string>> = {
  open: { assign: 'assigned', accept: 'case-step-out-of-order', note: 'open', resolve: 'resolved', callback: 'case-step-out-of-order', close: 'callback-missing' },
  assigned: { assign: 'assigned', accept: 'accepted', note: 'assigned', resolve: 'resolved', callback: 'case-step-out-of-order', close: 'callback-missing' },
  accepted: { assign: 'assigned', accept: 'case-step-out-of-order', note: 'accepted', resolve: 'resolved', callback: 'case-step-out-of-order', close: 'callback-missing' },
  resolved: { assign: 'case-step-out-of-order', accept: 'case-step-out-of-order', note: 'resolved', resolve: 'case-step-out-of-order', callback: 'called-back', close: 'callback-missing' },
  'called-back': { assign: 'case-step-out-of-order', accept: 'case-step-out-of-order', note: 'called-back', resolve: 'case-step-out-of-order', callback: 'case-step-out-of-order', close: 'closed' },
  closed: { assign: 'case-closed', accept: 'case-closed', note: 'case-closed', resolve: 'case-closed', callback: 'case-closed', close: 'case-closed' },
};

for (const status of CASE_STATUSES) {
  test(`from ${status}: ${Object.entries(table[status]).map(([a, r]) => `${a} → ${r}`).join(', ')}`, () => {
    for (const [kind, expected] of Object.entries(table[status]) as Array<[CaseActionKind, string]>) {
      const before = inStatus(status);
      const frozen = JSON.stringify(before);
      const next = applyCaseStep(before, actions[kind], desk, '2026-12-01T04:00:00.000Z');
      if (next instanceof DomainError) assert.equal([next.code, next.status], [expected, 409], `${status} ${kind}`);
      else {
        assert.is(next.status, expected, `${status} ${kind}`);
        assert.equal(next.steps.at(-1)!.by, 'u-desk');
        assert.is(next.updatedAt, '2026-12-01T04:00:00.000Z');
      }
      assert.is(JSON.stringify(before), frozen, 'the input is never changed');
    }
  });
}

test('a new case is open, trimmed, with its deadline and a created step', () => {
  const c = created();
  assert.equal([c.status, c.subject, c.dueAt, c.steps], ['open', 'Lift broken', '2026-12-01T10:00:00.000Z', [{ kind: 'created', at, by: 'u-desk' }]]);
  const { number: _, ...draft } = created();
  assert.equal(newCase({ ...input, importance: 'normal', from: { callId: '20261201-K1' } }, ctx), {
    ...draft, importance: 'normal', dueAt: '2026-12-02T02:00:00.000Z', from: { callId: '20261201-K1' },
  });
});

const refusals: Array<[string, Record<string, unknown>, string, string]> = [
  ['an unknown category', { category: 'gossip' }, 'category', 'unknown-category'],
  ['an unknown importance', { importance: 'urgent' }, 'importance', 'unknown-importance'],
  ['an empty subject', { subject: '  ' }, 'subject', 'invalid-input'],
  ['an oversized subject', { subject: 'x'.repeat(201) }, 'subject', 'invalid-input'],
  ['no contact name', { contact: { name: '' } }, 'contact.name', 'invalid-input'],
  ['a detail that is not text', { detail: 42 }, 'detail', 'invalid-input'],
];
for (const [what, change, field, code] of refusals) {
  test(`a new case with ${what} is refused naming ${field}`, () => {
    const refused = newCase({ ...input, ...change } as NewCaseInput, ctx);
    assert.instance(refused, DomainError);
    assert.equal([(refused as DomainError).status, (refused as DomainError).field, (refused as DomainError).code], [400, field, code]);
  });
}

const badSteps: Array<[string, CaseStatus, CaseAction, string]> = [
  ['assign to nobody', 'open', { kind: 'assign' }, 'department'],
  ['assign to a department and a host at once', 'open', { kind: 'assign', department: 'Works', hostId: 'h1' }, 'department'],
  ['an empty note', 'open', { kind: 'note', text: ' ' }, 'text'],
  ['a resolution without words', 'assigned', { kind: 'resolve', resolution: '' }, 'resolution'],
  ['satisfaction 6', 'resolved', { kind: 'callback', reachedContact: true, satisfaction: 6 }, 'satisfaction'],
  ['satisfaction 3.5', 'resolved', { kind: 'callback', reachedContact: true, satisfaction: 3.5 }, 'satisfaction'],
  ['satisfaction from someone not reached', 'resolved', { kind: 'callback', reachedContact: false, satisfaction: 5 }, 'satisfaction'],
  ['reachedContact missing', 'resolved', { kind: 'callback' } as CaseAction, 'reachedContact'],
];
for (const [what, status, action, field] of badSteps) {
  test(`a step with ${what} is refused (400, ${field})`, () => {
    const refused = applyCaseStep(inStatus(status), action, desk, at) as DomainError;
    assert.equal([refused.status, refused.field], [400, field]);
  });
}

test('assigning records to whom; resolving sets the callback deadline 24 hours on', () => {
  const assigned = take(created(), { kind: 'assign', hostId: 'h7' });
  assert.equal([assigned.assignee, assigned.steps.at(-1)!.to], [{ hostId: 'h7' }, { hostId: 'h7' }]);
  const resolved = take(assigned, { kind: 'resolve', resolution: 'Done' }, desk, '2026-12-01T09:00:00.000Z');
  assert.equal([resolved.resolvedAt, resolved.callbackDueAt, resolved.resolution], ['2026-12-01T09:00:00.000Z', '2026-12-02T09:00:00.000Z', 'Done']);
});

test('a callback that does not reach the person is kept and the case waits for the next attempt', () => {
  const missed = take(inStatus('resolved'), { kind: 'callback', reachedContact: false, note: 'no answer' });
  assert.equal([missed.status, missed.callback!.reachedContact, missed.steps.at(-1)!.text], ['resolved', false, 'no answer']);
  const reached = take(missed, { kind: 'callback', reachedContact: true, satisfaction: 5 });
  assert.equal([reached.status, reached.callback!.satisfaction], ['called-back', 5]);
});

const closings: Array<[string, CaseStatus, { id: string; supervisor?: boolean }, string | undefined, string]> = [
  ['after the callback, by the desk, without a reason', 'called-back', desk, undefined, 'closed'],
  ['before the callback, by the desk, with a reason', 'resolved', desk, 'duplicate', 'callback-missing'],
  ['before the callback, by a supervisor, without a reason', 'resolved', { id: 'u-sup', supervisor: true }, undefined, 'callback-missing'],
  ['before the callback, by a supervisor, with only spaces', 'open', { id: 'u-sup', supervisor: true }, '   ', 'callback-missing'],
  ['before the callback, by a supervisor, saying why', 'open', { id: 'u-sup', supervisor: true }, 'withdrawn by the caller', 'closed'],
];
for (const [what, status, actor, reason, expected] of closings) {
  test(`closing ${what}: ${expected}`, () => {
    const next = applyCaseStep(inStatus(status), { kind: 'close', reason }, actor, at);
    if (next instanceof DomainError) assert.equal([next.code, next.status, next.field], [expected, 409, 'reason']);
    else {
      assert.equal([next.status, next.closedAt, next.closeReason, next.steps.at(-1)], [expected, at, reason, { kind: 'closed', at, by: actor.id, ...(reason ? { text: reason } : {}) }]);
    }
  });
}

const flags: Array<[string, string, ReturnType<typeof caseFlags>]> = [
  ['complaint', 'normal', { apologyFirst: true, copyToQuality: true, qualityAtOnce: false, groupHandling: false }],
  ['complaint', 'major', { apologyFirst: true, copyToQuality: true, qualityAtOnce: true, groupHandling: true }],
  ['inquiry', 'major', { apologyFirst: false, copyToQuality: true, qualityAtOnce: true, groupHandling: true }],
  ['suggestion', 'important', { apologyFirst: false, copyToQuality: false, qualityAtOnce: false, groupHandling: false }],
];
for (const [category, importance, expected] of flags) {
  test(`flags of a ${importance} ${category}`, () => {
    assert.equal(caseFlags({ category, importance } as CaseRecord), expected);
  });
}

test('lateness: the answer deadline while unresolved, the callback deadline once resolved, none once called back', () => {
  const c = created(); // due 2026-12-01T10:00Z
  const resolved = take(c, { kind: 'resolve', resolution: 'ok' }, desk, '2026-12-01T12:00:00.000Z'); // callback due 12-02T12:00Z
  const rows: Array<[CaseRecord, string, string | undefined]> = [
    [c, '2026-12-01T10:00:00.000Z', undefined],
    [c, '2026-12-01T10:00:01.000Z', 'answer-overdue'],
    [take(c, actions.assign), '2026-12-02T00:00:00.000Z', 'answer-overdue'],
    [resolved, '2026-12-02T11:00:00.000Z', undefined],
    [resolved, '2026-12-02T12:00:01.000Z', 'callback-overdue'],
    [take(resolved, actions.callback), '2026-12-09T00:00:00.000Z', undefined],
  ];
  for (const [record, now, expected] of rows) assert.is(lateness(record, new Date(now)), expected, `${record.status} at ${now}`);
  assert.not.ok(answeredInTime(resolved), 'resolved two hours after its deadline');
  assert.ok(answeredInTime(take(c, { kind: 'resolve', resolution: 'ok' }, desk, '2026-12-01T09:00:00.000Z')));
  assert.ok(calledBackInTime(take(resolved, actions.callback, desk, '2026-12-02T11:00:00.000Z')));
  assert.not.ok(calledBackInTime(take(resolved, actions.callback, desk, '2026-12-02T13:00:00.000Z')));
  assert.not.ok(calledBackInTime(take(resolved, { kind: 'callback', reachedContact: false }, desk, '2026-12-02T11:00:00.000Z')));
});

test.run();
