// The monthly and weekly reports against a seeded month: visits registered and decided through the API on a moving
// clock, calls and cases stored for the month, one visit the month before. Numbers, analysis, CSV, input and roles.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ADMIN, startServer, residentId, type TestServer } from '../helpers/server.ts';
import { parseCsv } from '../../server/domain/csv.ts';
import { call, caseDraft } from '../unit/matters-fixtures.ts';

let now = Date.parse('2026-10-15T10:00:00+08:00');
const at = (iso: string) => { now = Date.parse(iso); };
let s: TestServer;
let kiosk: Awaited<ReturnType<TestServer['pairKiosk']>>;
let li: Awaited<ReturnType<TestServer['makeHost']>>;
let wang: Awaited<ReturnType<TestServer['makeHost']>>;
let n = 0;

async function visit(host: typeof li, purpose: string, decide?: { after: number; decision: 'approve' | 'deny' }) {
  const r = await s.api('POST', '/api/visits', { visitor: { name: `访客${++n}`, idType: 'cn-resident', idNumber: residentId('19900101', String(100 + n)) }, purpose, hostId: host.host.id }, kiosk.token);
  assert.is(r.status, 201, JSON.stringify(r.body));
  if (decide) {
    now += decide.after * 60_000;
    // Signed in anew: the clock moves weeks between visits, past any session's end.
    const token = await s.login(host.user.username, 'a-long-password');
    const d = await s.api('POST', `/api/visits/${r.body.visit.id}/decision`, { decision: decide.decision }, token);
    assert.is(d.status, 200, JSON.stringify(d.body));
  }
  return r.body.visit;
}

test.before(async () => {
  s = await startServer({ clock: () => new Date(now) });
  kiosk = await s.pairKiosk();
  li = await s.makeHost('李娜', '研发部');
  wang = await s.makeHost('王强', '人事部');
  // October: one visit.
  await visit(li, '会议', { after: 6, decision: 'approve' });
  // November: three visits, answered in 4, 10 and 1 minutes; one denied.
  at('2026-11-03T09:00:00+08:00');
  await visit(li, '会议', { after: 4, decision: 'approve' });
  at('2026-11-03T09:10:00+08:00');
  await visit(li, '面试', { after: 10, decision: 'deny' });
  at('2026-11-20T14:00:00+08:00');
  await visit(wang, '会议', { after: 1, decision: 'approve' });
  // Calls and cases of November, as the desk stored them.
  const store = s.app.ctx.store;
  for (const [i, category] of (['inquiry', 'inquiry', 'complaint'] as const).entries()) assert.ok(await store.insertCall({ ...call('2026-11-05', i + 1), category }));
  const answered = await store.insertCase(caseDraft('2026-11-05', 1, {
    status: 'closed', assignee: { department: '物业部' }, dueAt: '2026-11-06T02:00:00.000Z', resolvedAt: '2026-11-05T09:00:00.000Z',
    callbackDueAt: '2026-11-06T09:00:00.000Z', callback: { at: '2026-11-05T12:00:00.000Z', by: 'u', reachedContact: true, satisfaction: 4 }, closedAt: '2026-11-05T12:05:00.000Z',
  }));
  assert.ok(answered);
  assert.ok(await store.insertCase(caseDraft('2026-11-06', 2, { category: 'help', dueAt: '2026-11-07T02:00:00.000Z', assignee: { department: '工程部' } })));
  at('2026-12-01T09:00:00+08:00');
  s.admin.token = await s.login(ADMIN.username, ADMIN.password);
  li.token = await s.login(li.user.username, 'a-long-password');
});
test.after(async () => { await s.close(); });

test('the month\'s report counts what happened, against the month before, and says so in words', async () => {
  const reception = await s.makeUser('reception');
  const r = await s.api('GET', '/api/reports/monthly?month=2026-11', undefined, reception.token);
  assert.is(r.status, 200, JSON.stringify(r.body));
  const { report } = r.body;
  assert.equal(report.period, { kind: 'month', label: '2026-11', from: '2026-11-01', to: '2026-11-30' });
  assert.is(report.visits.total, 3);
  assert.is(report.visits.byDay.length, 30);
  assert.equal(report.visits.byDay.filter((d: any) => d.count).map((d: any) => [d.key, d.count]), [['2026-11-03', 2], ['2026-11-20', 1]]);
  assert.equal(report.visits.byPurpose, [{ key: '会议', count: 2 }, { key: '面试', count: 1 }]);
  assert.equal(report.visits.byDepartment, [{ key: '研发部', count: 2 }, { key: '人事部', count: 1 }]);
  assert.equal(report.visits.byHost.map((h: any) => [h.name, h.count]), [['李娜', 2], ['王强', 1]]);
  assert.equal(report.visits.hostResponseMinutes, { decided: 3, median: 4, p90: 10 });
  // No host had a console open or a channel: every visit was passed on to reception at once (escalated).
  assert.equal(report.visits.rates, { approved: 2 / 3, denied: 1 / 3, escalated: 1 });
  assert.equal(report.calls.byCategory, [{ key: 'inquiry', count: 2 }, { key: 'complaint', count: 1 }]);
  assert.is(report.cases.total, 2);
  assert.equal(report.cases.deadlines, { due: 2, met: 1, missed: 1, share: 0.5 });
  assert.equal(report.cases.callbacks, { resolved: 1, within24h: 1, share: 1 });
  assert.equal(report.cases.satisfaction, { responses: 1, average: 4, distribution: [0, 0, 0, 1, 0] });
  assert.equal(report.cases.byDepartment, [{ key: '工程部', count: 1 }, { key: '物业部', count: 1 }]);
  assert.equal([report.previous.label, report.previous.visits, report.previous.medianResponse], ['2026-10', 1, 6]);
  assert.is(report.analysis.en[0], 'Visits: 3, up 200% on the period before (1).');
  assert.ok(report.analysis.en.includes('Most missed deadlines: requests for help, 1 of 1 answered late or not yet.'), report.analysis.en.join('\n'));
  assert.is(report.analysis['zh-CN'][0], '来访 3 次，比上期增加 200%（上期 1）。');
  // Nothing personal in it: no visitor's or caller's name.
  assert.not.ok(/访客\d|Caller \d|Contact \d/.test(JSON.stringify(report)));
});

test('the week\'s report: Monday to Sunday of any day given, against the week before', async () => {
  const r = await s.api('GET', '/api/reports/weekly?week=2026-11-05', undefined, s.admin.token);
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.report.period, { kind: 'week', label: '2026-11-02', from: '2026-11-02', to: '2026-11-08' });
  assert.equal([r.body.report.visits.total, r.body.report.calls.total, r.body.report.cases.total], [2, 3, 2]);
  assert.is(r.body.report.previous.from, '2026-10-26');
});

test('the CSV opens in Excel with the Chinese intact, one number per row, and the export is logged', async () => {
  const security = await s.makeUser('security');
  const res = await fetch(`${s.url}/api/reports/monthly.csv?month=2026-11`, { headers: { authorization: `Bearer ${security.token}` } });
  assert.is(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
  assert.match(res.headers.get('content-disposition') ?? '', /foyer-report-month-2026-11\.csv/);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM first');
  const rows = parseCsv(bytes.subarray(3).toString('utf8'));
  assert.equal(rows[0], ['section', 'item', 'value']);
  const value = (section: string, item: string) => rows.find((r) => r[0] === section && r[1] === item)?.[2];
  assert.is(value('visits', 'total'), '3');
  assert.is(value('visits.byPurpose', '面试'), '1');
  assert.is(value('cases.deadlines', 'share'), '0.500');
  assert.is(value('analysis.zh-CN', '1'), '来访 3 次，比上期增加 200%（上期 1）。');
  const log = (await s.api('GET', '/api/log?q=report-exported', undefined, s.admin.token)).body.events;
  assert.ok(log.some((e: any) => e.kind === 'report-exported' && e.data.label === '2026-11' && e.data.format === 'csv'));
});

test('bad periods are refused with the field named; nothing before 2000 or after now', async () => {
  const table: Array<[string, string]> = [
    ['monthly?month=2026-13', 'month'], ['monthly?month=2026-1', 'month'], ['monthly?month=abc', 'month'], ['monthly?month=1999-12', 'month'],
    ['monthly?month=2027-01', 'month'], [`monthly?month=${'9'.repeat(5000)}`, 'month'], ['monthly?month=%3Cscript%3E', 'month'],
    ['weekly?week=2026-02-30', 'week'], ['weekly?week=x', 'week'], ['weekly?week=2026-12-02', 'week'], ['weekly?week=1999-12-31', 'week'],
    ['monthly.csv?month=2026-13', 'month'],
  ];
  for (const [q, field] of table) {
    const r = await s.api('GET', `/api/reports/${q}`, undefined, s.admin.token);
    assert.is(r.status, 400, q);
    assert.is(r.body.error.field, field, q);
    assert.not.ok(JSON.stringify(r.body).includes('at '), 'no stack trace');
  }
  // No month given: this month (site time), so far.
  const current = await s.api('GET', '/api/reports/monthly', undefined, s.admin.token);
  assert.is(current.body.report.period.label, '2026-12');
});

test('kiosks, hosts and strangers may not read reports', async () => {
  for (const path of ['/api/reports/monthly?month=2026-11', '/api/reports/weekly', '/api/reports/monthly.csv?month=2026-11']) {
    assert.is((await s.api('GET', path, undefined, kiosk.token)).status, 403, path);
    assert.is((await s.api('GET', path, undefined, li.token)).status, 403, path);
    assert.is((await s.api('GET', path)).status, 401, path);
  }
});

test.run();
