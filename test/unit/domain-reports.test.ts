// The report's arithmetic: counts, response times, deadline and callback shares, and an analysis whose every number
// is one of the report's.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Visit } from '../../server/protocol.ts';
import type { CallRecord, CaseRecord } from '../../data/matters.ts';
import { analyse, callTally, caseTally, percentile, visitTally, type ReportNumbers } from '../../server/domain/reports.ts';
import { monthPeriod, weekPeriod } from '../../server/flows/reports.ts';

const t = (day: string, hm: string) => new Date(`${day}T${hm}:00+08:00`).toISOString();

function visit(n: number, over: Partial<Visit> = {}): Visit {
  return {
    id: `v${n}`, number: `A-${n}`, day: '2026-11-03', status: 'checked-out', visitor: { name: 'x', idType: 'cn-resident', idNumberMasked: '1*' } as Visit['visitor'],
    purpose: '会议', hostId: 'h1', host: { id: 'h1', name: '李娜', department: '研发部' } as Visit['host'], companions: 0, items: [], escortRequired: false,
    escalation: { level: 'host', since: t('2026-11-03', '09:00') }, createdAt: t('2026-11-03', '09:00'), createdBy: 'kiosk:k1', ...over,
  };
}

test('percentile is nearest-rank over the values given', () => {
  const table: Array<[number[], number, number | null]> = [
    [[], 50, null], [[7], 50, 7], [[7], 90, 7], [[1, 2, 3, 4], 50, 2], [[4, 3, 2, 1], 90, 4],
    [Array.from({ length: 10 }, (_, i) => i + 1), 90, 9], [Array.from({ length: 10 }, (_, i) => i + 1), 50, 5],
  ];
  for (const [values, p, want] of table) assert.is(percentile(values, p), want, `${p} of ${values}`);
});

test('visits: by day (every day listed), purpose, department, host; response time and rates count people\'s decisions only', () => {
  const tally = visitTally(['2026-11-03', '2026-11-04']);
  tally.add([
    visit(1, { decidedAt: t('2026-11-03', '09:02'), decidedBy: 'user:u1', companions: 2 }),
    visit(2, { decidedAt: t('2026-11-03', '09:10'), decidedBy: 'user:u1', status: 'denied' }),
    visit(3, { decidedAt: t('2026-11-03', '09:00'), decidedBy: 'appointment:a1' }), // an invitation: no one answered
    visit(4, { decidedAt: t('2026-11-03', '09:00'), decidedBy: 'watchlist', status: 'refused' }),
    visit(5, { decidedAt: t('2026-11-03', '09:30'), decidedBy: 'user:u9', escalation: { level: 'reception', since: t('2026-11-03', '09:05') }, overstay: true, purpose: '面试', host: { id: 'h2', name: '王强', department: '人事部' } as Visit['host'], hostId: 'h2' }),
  ]);
  const v = tally.result();
  assert.is(v.total, 5);
  assert.is(v.companions, 2);
  assert.equal(v.byDay, [{ key: '2026-11-03', count: 5 }, { key: '2026-11-04', count: 0 }]);
  assert.equal(v.byPurpose, [{ key: '会议', count: 4 }, { key: '面试', count: 1 }]);
  assert.equal(v.byDepartment, [{ key: '研发部', count: 4 }, { key: '人事部', count: 1 }]);
  assert.equal(v.byHost.map((h) => [h.name, h.count]), [['李娜', 4], ['王强', 1]]);
  assert.equal(v.hostResponseMinutes, { decided: 3, median: 10, p90: 30 });
  assert.equal(v.rates, { approved: 2 / 3, denied: 1 / 3, escalated: 1 / 5 });
  assert.is(v.overstays, 1);
});

function kase(n: number, over: Partial<CaseRecord>): CaseRecord {
  return {
    id: `c${n}`, number: `C-${n}`, day: '2026-11-03', category: 'complaint', importance: 'normal', subject: 's', contact: { name: 'c' }, status: 'open',
    dueAt: t('2026-11-04', '09:00'), steps: [], createdBy: 'u', createdAt: t('2026-11-03', '09:00'), updatedAt: t('2026-11-03', '09:00'), ...over,
  };
}

test('cases: a deadline counts once due or answered; callbacks within 24 h of resolution; satisfaction from reached callbacks', () => {
  const now = new Date(t('2026-11-05', '12:00'));
  const tally = caseTally(now, (c) => c.assignee?.department);
  tally.add([
    // answered in time, called back in time, 5 stars
    kase(1, { status: 'closed', resolvedAt: t('2026-11-03', '15:00'), callbackDueAt: t('2026-11-04', '15:00'), callback: { at: t('2026-11-04', '10:00'), by: 'u', reachedContact: true, satisfaction: 5 }, assignee: { department: '物业部' } }),
    // answered late; callback not reached: no score, not in time
    kase(2, { status: 'resolved', resolvedAt: t('2026-11-04', '10:00'), callbackDueAt: t('2026-11-05', '10:00'), callback: { at: t('2026-11-04', '11:00'), by: 'u', reachedContact: false, satisfaction: 1 }, assignee: { department: '物业部' } }),
    // still open past its deadline: missed
    kase(3, { category: 'help', assignee: { department: '工程部' } }),
    // open, not yet due: not counted against a deadline
    kase(4, { category: 'inquiry', dueAt: t('2026-11-06', '09:00') }),
  ]);
  const c = tally.result();
  assert.is(c.total, 4);
  assert.equal(c.deadlines, { due: 3, met: 1, missed: 2, share: 1 / 3 });
  assert.equal(c.callbacks, { resolved: 2, within24h: 1, share: 0.5 });
  assert.equal(c.satisfaction, { responses: 1, average: 5, distribution: [0, 0, 0, 0, 1] });
  assert.equal(c.byCategory.map((x) => [x.key, x.count, x.due, x.met, x.missed]), [['complaint', 2, 2, 1, 1], ['help', 1, 1, 0, 1], ['inquiry', 1, 0, 0, 0]]);
  assert.equal(c.byDepartment, [{ key: '物业部', count: 2 }, { key: '—', count: 1 }, { key: '工程部', count: 1 }]);
});

test('calls: by kind and category, returned transfers', () => {
  const call = (kind: CallRecord['kind'], category: CallRecord['category'], returned = false) => ({ kind, category, ...(returned ? { transfer: { returnedAt: 'x' } } : {}) }) as CallRecord;
  const tally = callTally();
  tally.add([call('call', 'inquiry'), call('message', 'inquiry'), call('transfer', 'complaint', true)]);
  assert.equal(tally.result(), { total: 3, byKind: [{ key: 'call', count: 1 }, { key: 'message', count: 1 }, { key: 'transfer', count: 1 }], byCategory: [{ key: 'inquiry', count: 2 }, { key: 'complaint', count: 1 }], transfersReturned: 1 });
});

test('the analysis says what rose or fell, with the report\'s own numbers, and names the deadline missed most', () => {
  const empty = visitTally([]).result();
  const numbers: ReportNumbers = {
    visits: { ...empty, total: 112, hostResponseMinutes: { decided: 80, median: 4, p90: 12 } },
    calls: { total: 30, byKind: [], byCategory: [], transfersReturned: 0 },
    cases: {
      total: 12, byCategory: [{ key: 'complaint', count: 5, due: 5, met: 2, missed: 3 }, { key: 'help', count: 7, due: 7, met: 6, missed: 1 }], byDepartment: [],
      deadlines: { due: 12, met: 8, missed: 4, share: 8 / 12 }, callbacks: { resolved: 10, within24h: 9, share: 0.9 }, satisfaction: { responses: 4, average: 4.25, distribution: [0, 0, 1, 1, 2] },
    },
  };
  const before = { label: '2026-10', from: '2026-10-01', to: '2026-10-31', visits: 100, calls: 40, cases: 0, deadlineShare: null, callbackShare: null, medianResponse: 6 };
  const { 'zh-CN': zh, en } = analyse(numbers, before);
  assert.equal(en, [
    'Visits: 112, up 12% on the period before (100).',
    'Calls: 30, down 25% on the period before (40).',
    'Matters opened: 12, none the period before.',
    'Hosts answered in 4 min (median), 90% within 12 min (6 min the period before).',
    'Answered by the deadline: 8 of 12 (67%).',
    'Most missed deadlines: complaints, 3 of 5 answered late or not yet.',
    'Called back within 24 hours: 9 of 10 (90%).',
    'Satisfaction from callbacks: 4.25 of 5 on average (4 answers).',
  ]);
  assert.is(zh.length, en.length);
  assert.is(zh[0], '来访 112 次，比上期增加 12%（上期 100）。');
  assert.is(zh[5], '逾期最多的是投诉：5 件中 3 件未按时答复。');
});

test('periods: a month and the one before (across a year), a week from any of its days', () => {
  assert.equal(monthPeriod('2026-01'), {
    period: { kind: 'month', label: '2026-01', from: '2026-01-01', to: '2026-01-31' },
    previous: { kind: 'month', label: '2025-12', from: '2025-12-01', to: '2025-12-31' },
  });
  assert.equal(monthPeriod('2024-03').previous.to, '2024-02-29');
  const table: Array<[string, string]> = [['2026-11-30', '2026-11-30'], ['2026-12-06', '2026-11-30'], ['2026-12-03', '2026-11-30'], ['2027-01-01', '2026-12-28']];
  for (const [day, monday] of table) assert.is(weekPeriod(day).period.from, monday, day);
  assert.equal(weekPeriod('2026-12-03').previous, { kind: 'week', label: '2026-11-23', from: '2026-11-23', to: '2026-11-29' });
});

test.run();
