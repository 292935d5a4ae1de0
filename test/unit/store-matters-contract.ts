// The Store contract for calls and cases, registered once per implementation (memory, lowdb, PostgreSQL).
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Store } from '../../data/store.ts';
import type { CallRecord, CaseRecord } from '../../data/matters.ts';
import { applyCaseStep, type CaseAction } from '../../server/domain/cases.ts';
import { DomainError } from '../../server/domain/errors.ts';
import { call, caseDraft } from './matters-fixtures.ts';
import { failure } from './store-fixtures.ts';

/** A change that takes a case step, throwing its DomainError so that nothing is stored. */
const step = (action: CaseAction, by = 'u-desk', at = '2026-11-28T10:00:00.000Z') => (c: CaseRecord) => {
  const next = applyCaseStep(c, action, { id: by }, at);
  if (next instanceof DomainError) throw next;
  return next;
};

/** A change that marks a message read, refusing one read already. */
const markRead = (by: string) => (c: CallRecord) => {
  if (c.message?.readAt) throw new DomainError('already-read', 'read already', 409);
  return { ...c, message: { ...c.message!, readAt: '2026-11-27T12:00:00.000Z', readBy: by } };
};

async function allPages<T>(read: (after?: string) => Promise<{ items: T[]; next?: string }>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  for (let after: string | undefined; ;) {
    const page = await read(after);
    items.push(...page.items);
    pages++;
    if (!(after = page.next)) return { items, pages };
  }
}

const ids = (records: Array<{ id: string }>) => records.map((r) => r.id);

export function mattersContract(test: Test, name: string, open: () => Promise<Store>): void {
  const it = (title: string, body: (store: Store) => Promise<void>) =>
    test(`${name}: ${title}`, async () => {
      const store = await open();
      try {
        await body(store);
      } finally {
        await store.close();
      }
    });

  it('a call round-trips by id; a taken id is refused; unknown and malformed ids are undefined', async (store) => {
    assert.ok(await store.insertCall(call('2026-11-27', 1)));
    assert.equal(await store.getCall('20261127-K0001'), call('2026-11-27', 1));
    assert.not.ok(await store.insertCall({ ...call('2026-11-27', 1), subject: 'again' }), 'the same id twice');
    assert.is((await store.getCall('20261127-K0001'))!.subject, 'Subject 1');
    for (const id of ['20261127-K9999', '20261126-K0001', 'nonsense', '../cases', '']) assert.is(await store.getCall(id), undefined, id);
  });

  it('a call or case whose id does not name its day is refused', async (store) => {
    await failure(store.insertCall({ ...call('2026-11-27', 1), day: '2026-11-28' }));
    await failure(store.insertCase({ ...caseDraft('2026-11-27', 1), id: 'S1' }));
    assert.equal((await store.callsBetween('2026-11-01', '2026-11-30')).items, []);
  });

  it('records go in and come out as copies', async (store) => {
    const c = call('2026-11-27', 1, 'message');
    await store.insertCall(c);
    c.subject = 'changed by caller';
    (await store.getCall(c.id))!.caller.name = 'changed';
    (await store.pendingCalls())[0].subject = 'changed';
    const stored = (await store.insertCase(caseDraft('2026-11-27', 1)))!;
    stored.steps.push({ kind: 'note', at: 'x', by: 'x' });
    (await store.openCases())[0].status = 'closed';
    assert.equal(await store.getCall(c.id), call('2026-11-27', 1, 'message'));
    assert.equal((await store.getCase(stored.id))!.steps.length, 1);
    assert.is((await store.openCases()).length, 1);
  });

  it('updateCall stores the change whole and answers with it; a throw stores nothing; a missing call is undefined', async (store) => {
    await store.insertCall(call('2026-11-27', 1, 'message'));
    const read = await store.updateCall('20261127-K0001', markRead('u-host'));
    assert.is(read!.message!.readBy, 'u-host');
    assert.equal(await store.getCall('20261127-K0001'), read);
    assert.is(((await failure(store.updateCall('20261127-K0001', markRead('u-other')))) as DomainError).code, 'already-read');
    assert.is((await store.getCall('20261127-K0001'))!.message!.readBy, 'u-host');
    let called = false;
    assert.is(await store.updateCall('20261127-K0404', (c) => ((called = true), c)), undefined);
    assert.not.ok(called, 'change is not called for a missing call');
    await failure(store.updateCall('20261127-K0001', (c) => ({ ...c, id: '20261127-K0002' })));
    assert.is(await store.updateCall('20261127-K0001', () => undefined).then((c) => c!.message!.readBy), 'u-host');
  });

  it('two rivals reading one message at once: one outcome, the other refused', async (store) => {
    await store.insertCall(call('2026-11-27', 1, 'message'));
    const results = await Promise.allSettled(['u-a', 'u-b', 'u-c'].map((by) => store.updateCall('20261127-K0001', markRead(by))));
    const won = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<CallRecord>[];
    assert.is(won.length, 1, 'exactly one reads it');
    assert.is((await store.getCall('20261127-K0001'))!.message!.readBy, won[0].value.message!.readBy);
  });

  it('pending calls are the unread messages and unacknowledged transfers, oldest first', async (store) => {
    await store.insertCall(call('2026-11-27', 3, 'transfer'));
    await store.insertCall(call('2026-11-26', 2, 'message'));
    await store.insertCall(call('2026-11-27', 4, 'call'));
    await store.insertCall(call('2026-11-27', 5, 'message'));
    assert.equal(ids(await store.pendingCalls()), ['20261126-K0002', '20261127-K0003', '20261127-K0005']);
    await store.updateCall('20261126-K0002', markRead('u-host'));
    await store.updateCall('20261127-K0003', (c) => ({ ...c, transfer: { acknowledgedAt: '2026-11-27T12:00:00.000Z', acknowledgedBy: 'u-host' } }));
    await store.updateCall('20261127-K0005', (c) => ({ ...c, message: { ...c.message!, remindedAt: '2026-11-27T12:00:00.000Z' } }));
    assert.equal(ids(await store.pendingCalls()), ['20261127-K0005']);
  });

  it('callsBetween reads only the days asked, matches the query and pages without gaps or repeats', async (store) => {
    const days = ['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28'];
    for (const [i, day] of days.entries()) for (let n = 1; n <= 3; n++) await store.insertCall(call(day, i * 10 + n, n === 2 ? 'message' : 'call'));
    const all = await store.callsBetween('2026-11-26', '2026-11-27');
    assert.equal(ids(all.items), ['20261126-K0011', '20261126-K0012', '20261126-K0013', '20261127-K0021', '20261127-K0022', '20261127-K0023']);
    assert.is(all.next, undefined);
    const cases: Array<[string, Parameters<Store['callsBetween']>[2], string[]]> = [
      ['name, any case and spacing', { text: 'caller  12' }, ['20261126-K0012']],
      ['organisation', { text: 'ORG 21' }, ['20261127-K0021']],
      ['phone digits written otherwise', { text: '13800000013' }, ['20261126-K0013']],
      ['subject', { text: 'subject 22' }, ['20261127-K0022']],
      ['kind', { kind: 'message' }, ['20261126-K0012', '20261127-K0022']],
      ['host', { forHostId: 'h2' }, []],
    ];
    for (const [what, query, expected] of cases) assert.equal(ids((await store.callsBetween('2026-11-26', '2026-11-27', query)).items), expected, what);
    const paged = await allPages((after) => store.callsBetween('2026-11-25', '2026-11-28', { limit: 5, after }));
    assert.is(paged.pages, 3);
    assert.equal(ids(paged.items), ids((await store.callsBetween('2026-11-25', '2026-11-28')).items));
    const exact = await allPages((after) => store.callsBetween('2026-11-25', '2026-11-28', { limit: 4, after, kind: 'call' }));
    assert.equal([exact.items.length, exact.pages], [8, 2], 'a full last page says there is no next');
    await failure(store.callsBetween('2026-11-25', '2026-11-28', { after: 'nonsense' }));
    await failure(store.callsBetween('2026-11-25', '2026-11-28', { limit: 0 }));
    await failure(store.callsBetween('yesterday', '2026-11-28'));
  });

  it('a call stored while paging shows on a later page, and no earlier item repeats', async (store) => {
    for (let n = 1; n <= 4; n++) await store.insertCall(call('2026-11-27', n));
    const first = await store.callsBetween('2026-11-27', '2026-11-28', { limit: 3 });
    await store.insertCall(call('2026-11-27', 5));
    await store.insertCall(call('2026-11-28', 6));
    const second = await store.callsBetween('2026-11-27', '2026-11-28', { limit: 3, after: first.next });
    assert.equal(ids([...first.items, ...second.items]), ['20261127-K0001', '20261127-K0002', '20261127-K0003', '20261127-K0004', '20261127-K0005', '20261128-K0006']);
  });

  it('cases inserted at once get different numbers of their day; a taken id uses none up', async (store) => {
    const made = await Promise.all(Array.from({ length: 20 }, (_, n) => store.insertCase(caseDraft('2026-11-27', n + 1))));
    const numbers = made.map((c) => c!.number).sort();
    assert.equal(numbers, Array.from({ length: 20 }, (_, n) => `C-20261127-${String(n + 1).padStart(4, '0')}`));
    assert.is(await store.insertCase({ ...caseDraft('2026-11-27', 1), subject: 'rival' }), undefined);
    assert.is((await store.insertCase(caseDraft('2026-11-27', 21)))!.number, 'C-20261127-0021');
    assert.is((await store.insertCase(caseDraft('2026-11-28', 1)))!.number, 'C-20261128-0001', 'each day counts from 1');
    assert.equal(await store.getCase('20261127-S0005'), made.find((c) => c!.id === '20261127-S0005'));
  });

  it('a case copied with its number keeps it, and the next number of its day follows it', async (store) => {
    await store.insertCase(caseDraft('2026-11-27', 1));
    assert.is((await store.insertCase({ ...caseDraft('2026-11-27', 2), number: 'C-20261127-0007' }))!.number, 'C-20261127-0007');
    assert.is((await store.insertCase(caseDraft('2026-11-27', 3)))!.number, 'C-20261127-0008');
  });

  it('two rival callbacks on one case: one lands, the other is refused as out of order', async (store) => {
    const c = (await store.insertCase(caseDraft('2026-11-27', 1)))!;
    await store.updateCase(c.id, step({ kind: 'resolve', resolution: 'Fixed the door' }));
    const results = await Promise.allSettled(['u-a', 'u-b'].map((by) =>
      store.updateCase(c.id, step({ kind: 'callback', reachedContact: true, satisfaction: 5 }, by))));
    assert.equal(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.is((refused.reason as DomainError).status, 409);
    const stored = (await store.getCase(c.id))!;
    assert.is(stored.status, 'called-back');
    assert.equal(stored.steps.map((s) => s.kind), ['created', 'resolved', 'callback']);
    assert.is(stored.callback!.by, (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<CaseRecord>).value.callback!.by);
  });

  it('notes at once are all kept: each change sees the one before', async (store) => {
    const c = (await store.insertCase(caseDraft('2026-11-27', 1)))!;
    await Promise.all(Array.from({ length: 10 }, (_, n) => store.updateCase(c.id, step({ kind: 'note', text: `note ${n}` }))));
    assert.is((await store.getCase(c.id))!.steps.filter((s) => s.kind === 'note').length, 10);
    assert.is(await store.updateCase('20261127-S0404', (x) => x), undefined);
  });

  it('casesBetween filters by status, category, importance, assignee and text, and pages', async (store) => {
    const drafts = [
      caseDraft('2026-11-26', 1, { category: 'inquiry' }),
      caseDraft('2026-11-27', 2, { importance: 'major' }),
      caseDraft('2026-11-27', 3, { category: 'paid-service', importance: 'important' }),
      caseDraft('2026-11-28', 4),
    ];
    for (const d of drafts) await store.insertCase(d);
    await store.updateCase('20261127-S0002', step({ kind: 'assign', department: 'Quality' }));
    await store.updateCase('20261127-S0003', step({ kind: 'assign', hostId: 'h7' }));
    const cases: Array<[string, Parameters<Store['casesBetween']>[2], string[]]> = [
      ['everything', {}, ['20261126-S0001', '20261127-S0002', '20261127-S0003', '20261128-S0004']],
      ['status', { status: ['open'] }, ['20261126-S0001', '20261128-S0004']],
      ['category', { category: ['complaint'] }, ['20261127-S0002', '20261128-S0004']],
      ['importance', { importance: ['major', 'important'] }, ['20261127-S0002', '20261127-S0003']],
      ['department', { department: 'Quality' }, ['20261127-S0002']],
      ['host', { hostId: 'h7' }, ['20261127-S0003']],
      ['contact name', { text: 'contact 4' }, ['20261128-S0004']],
      ['phone', { text: '13911110001' }, ['20261126-S0001']],
      ['number', { text: 'C-20261127-0001' }, ['20261127-S0002']],
    ];
    for (const [what, filter, expected] of cases) assert.equal(ids((await store.casesBetween('2026-11-01', '2026-11-30', filter)).items), expected, what);
    assert.equal(ids((await store.casesBetween('2026-11-27', '2026-11-27')).items), ['20261127-S0002', '20261127-S0003']);
    const paged = await allPages((after) => store.casesBetween('2026-11-01', '2026-11-30', { limit: 1, after, category: ['complaint'] }));
    assert.equal(ids(paged.items), ['20261127-S0002', '20261128-S0004']);
  });

  it('openCases holds every case not closed, oldest first, and leaves a closed one out', async (store) => {
    for (const [day, n] of [['2026-11-27', 2], ['2026-11-26', 1], ['2026-11-28', 3]] as const) await store.insertCase(caseDraft(day, n));
    assert.equal(ids(await store.openCases()), ['20261126-S0001', '20261127-S0002', '20261128-S0003']);
    await store.updateCase('20261126-S0001', step({ kind: 'resolve', resolution: 'answered' }));
    await store.updateCase('20261127-S0002', step({ kind: 'resolve', resolution: 'answered' }));
    await store.updateCase('20261127-S0002', step({ kind: 'callback', reachedContact: true }));
    await store.updateCase('20261127-S0002', step({ kind: 'close' }));
    assert.equal((await store.openCases()).map((c) => [c.id, c.status]), [['20261126-S0001', 'resolved'], ['20261128-S0003', 'open']]);
  });

  it("a person's request finds their calls and cases by exact name or phone, written any way", async (store) => {
    await store.insertCall(call('2026-11-26', 1));
    await store.insertCall(call('2026-11-27', 2));
    await store.insertCase(caseDraft('2026-11-27', 1));
    await store.insertCase(caseDraft('2026-11-28', 11, { contact: { name: 'Caller 1' } }));
    const byPhone = await store.mattersOf({ phone: '138 0000 0001' });
    assert.equal([ids(byPhone.calls), ids(byPhone.cases)], [['20261126-K0001'], []]);
    const byName = await store.mattersOf({ name: 'caller  1' });
    assert.equal([ids(byName.calls), ids(byName.cases)], [['20261126-K0001'], ['20261128-S0011']]);
    const caseByPhone = await store.mattersOf({ phone: '13911110001' });
    assert.equal(ids(caseByPhone.cases), ['20261127-S0001']);
    assert.equal(await store.mattersOf({ name: 'Caller' }), { calls: [], cases: [] }, 'part of a name is not the person');
    assert.equal(await store.mattersOf({}), { calls: [], cases: [] });
  });

  it('retention erases calls no longer pending and closed cases of the days asked; open ones are kept and said', async (store) => {
    await store.insertCall(call('2026-11-26', 1));
    await store.insertCall(call('2026-11-26', 2, 'message'));
    await store.insertCall(call('2026-11-28', 3));
    await store.insertCase(caseDraft('2026-11-26', 1));
    await store.insertCase(caseDraft('2026-11-26', 2));
    for (const action of [{ kind: 'resolve', resolution: 'Refunded Contact 1' }, { kind: 'callback', reachedContact: true, satisfaction: 4, note: 'Contact 1 happy' }, { kind: 'close' }] as CaseAction[]) {
      await store.updateCase('20261126-S0001', step(action));
    }
    const done = await store.eraseMatters({ fromDay: '2026-11-01', toDay: '2026-11-27' }, '2026-12-01T00:00:00.000Z');
    assert.equal({ calls: done.calls, cases: done.cases, kept: [...done.kept].sort() }, { calls: ['20261126-K0001'], cases: ['20261126-S0001'], kept: ['20261126-K0002', '20261126-S0002'] });
    const erasedCall = (await store.getCall('20261126-K0001'))!;
    assert.equal([erasedCall.caller, erasedCall.subject, erasedCall.erasedAt, erasedCall.category], [{ name: '' }, '', '2026-12-01T00:00:00.000Z', 'inquiry']);
    const erased = (await store.getCase('20261126-S0001'))!;
    assert.equal([erased.contact, erased.subject, erased.resolution, erased.callback], [{ name: '' }, '', undefined, { at: '2026-11-28T10:00:00.000Z', by: 'u-desk', reachedContact: true, satisfaction: 4 }]);
    assert.not.ok(JSON.stringify(erased).includes('Contact 1') || JSON.stringify(erased).includes('Refunded'), JSON.stringify(erased));
    assert.equal([erased.number, erased.status, erased.steps.map((s) => s.kind)], ['C-20261126-0001', 'closed', ['created', 'resolved', 'callback', 'closed']]);
    assert.is((await store.getCall('20261128-K0003'))!.caller.name, 'Caller 3', 'a day after the range is untouched');
    assert.equal(await store.eraseMatters({ fromDay: '2026-11-01', toDay: '2026-11-27' }, '2026-12-02T00:00:00.000Z'), { calls: [], cases: [], kept: ['20261126-K0002', '20261126-S0002'] }, 'nothing erased twice');
    assert.equal(await store.mattersOf({ name: 'Contact 1' }), { calls: [], cases: [] });
  });

  it("a person's request erases the records it names, open or not", async (store) => {
    await store.insertCall(call('2026-11-26', 1, 'message'));
    await store.insertCase(caseDraft('2026-11-27', 1));
    const done = await store.eraseMatters({ calls: ['20261126-K0001'], cases: ['20261127-S0001', '20261127-S0404'] }, '2026-12-01T00:00:00.000Z');
    assert.equal(done, { calls: ['20261126-K0001'], cases: ['20261127-S0001'], kept: [] });
    assert.equal((await store.getCall('20261126-K0001'))!.message, { text: '' });
    assert.equal([(await store.getCase('20261127-S0001'))!.contact, (await store.openCases()).length], [{ name: '' }, 1]);
  });
}
