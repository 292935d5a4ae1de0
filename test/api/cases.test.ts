// Cases (事务) over the API: opened from a call, dispatched, accepted, noted, resolved, called back and closed; steps
// out of order refused; deadlines from the site's calendar; overdue matters escalated to supervisors by the clock;
// complaints copied to the quality department; retention and a person's request erase them; the log holds no contact.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ADMIN, startServer, nextEvent, type TestServer } from '../helpers/server.ts';
import { robot } from '../helpers/robot.ts';

const HOUR = 3600_000;
// Tuesday 1 December 2026, 10:00 in Shanghai.
let now = Date.parse('2026-12-01T10:00:00+08:00');
let s: TestServer;
test.before(async () => { s = await startServer({ hostTimeoutS: 0.8, clock: () => new Date(now) }); });
test.after(async () => { await s.close(); });

const PASSWORD = 'a-long-password';
/** Logs in again: moving the clock on ends 12-hour sessions. */
const fresh = (username: string, password = PASSWORD) => s.login(username, password);
const adminToken = () => fresh(ADMIN.username, ADMIN.password);

const CONTACT = { name: '投诉人王小明', phone: '13912345678' };
const SECRETS = [CONTACT.name, CONTACT.phone, '电梯噪音太大', '每晚十点以后电梯一直响', '已更换电梯导轨', '非常满意的回访'];

let staff: { reception: string; supervisor: string; security: string; kiosk: string; users: Record<string, string> };
let quality: { host: any; token: string; hook: Awaited<ReturnType<typeof robot>> };
let engineer: { host: any; token: string; hook: Awaited<ReturnType<typeof robot>> };

async function setUp() {
  if (staff) return;
  const reception = await s.makeUser('reception');
  const supervisor = await s.makeUser('supervisor');
  const security = await s.makeUser('security');
  const kiosk = await s.pairKiosk();
  staff = { reception: reception.token, supervisor: supervisor.token, security: security.token, kiosk: kiosk.token,
    users: { reception: reception.user.username, supervisor: supervisor.user.username, security: security.user.username } };
  const qHook = await robot();
  const q = await s.makeHost('品质专员', '品质管理部', { channels: [{ kind: 'webhook', target: qHook.url }] });
  quality = { host: q.host, token: q.token, hook: qHook };
  const eHook = await robot();
  const e = await s.makeHost('工程师老李', '工程部', { channels: [{ kind: 'webhook', target: eHook.url }] });
  engineer = { host: e.host, token: e.token, hook: eHook };
  const set = await s.api('PATCH', '/api/settings', { qualityDepartment: '品质管理部', holidays: ['2026-12-07'] }, s.admin.token);
  assert.is(set.status, 200, JSON.stringify(set.body));
}

const open = (body: Record<string, unknown>, token = staff.reception) => s.api('POST', '/api/cases', body, token);
const step = (id: string, kind: string, body: Record<string, unknown> = {}, token = staff.reception) => s.api('POST', `/api/cases/${id}/${kind}`, body, token);
const basic = { category: 'inquiry', importance: 'normal', subject: '停车问题', contact: { name: '来电人', phone: '13800000001' } };

test('settings: the cases calendar is admin only, checked field by field, and never public', async () => {
  await setUp();
  const patch = (body: unknown, token = s.admin.token) => s.api('PATCH', '/api/settings', body, token);
  const bad: Array<[unknown, string]> = [
    [{ workingHours: { open: '9:00', close: '18:00' } }, 'workingHours.open'],
    [{ workingHours: { open: '18:00', close: '09:00' } }, 'workingHours.close'],
    [{ workingHours: '09:00-18:00' }, 'workingHours'],
    [{ workingHours: { open: '09:00', close: '18:00', lunch: '12:00' } }, 'workingHours.lunch'],
    [{ workdays: [0, 1] }, 'workdays'],
    [{ workdays: [] }, 'workdays'],
    [{ workdays: [1, 1] }, 'workdays'],
    [{ holidays: ['2026-02-30'] }, 'holidays[0]'],
    [{ holidays: '2026-10-01' }, 'holidays'],
    [{ makeUpWorkdays: ['2026-10-10', 'tomorrow'] }, 'makeUpWorkdays[1]'],
    [{ makeUpWorkdays: Array.from({ length: 401 }, () => '2026-10-10') }, 'makeUpWorkdays'],
    [{ paidServiceHours: { open: '08:00', close: '20:00', workdays: [8] } }, 'paidServiceHours.workdays'],
    [{ qualityDepartment: '' }, 'qualityDepartment'],
    [{ qualityDepartment: '没有这个部门' }, 'qualityDepartment'],
  ];
  for (const [body, field] of bad) {
    const r = await patch(body);
    assert.equal([r.status, r.body.error?.field], [400, field], JSON.stringify(body).slice(0, 80));
  }
  assert.is((await patch({ workdays: [1, 2, 3, 4, 5, 6] }, staff.reception)).status, 403);
  assert.is((await patch({ workdays: [1, 2, 3, 4, 5, 6] }, staff.supervisor)).status, 403);
  const ok = await patch({ paidServiceHours: { open: '08:00', close: '20:00', workdays: [7, 1, 2, 3, 4, 5, 6] } });
  assert.equal(ok.body.settings.paidServiceHours, { open: '08:00', close: '20:00', workdays: [1, 2, 3, 4, 5, 6, 7] });
  assert.equal(ok.body.settings.holidays, ['2026-12-07']);
  assert.is(ok.body.settings.qualityDepartment, '品质管理部');
  const site = JSON.stringify((await s.api('GET', '/api/site')).body);
  for (const key of ['paidServiceHours', 'holidays', 'qualityDepartment', '品质管理部']) assert.not.ok(site.includes(key), `GET /api/site shows no ${key}`);
});

test('creating: bad input is refused naming the field; the deadline follows the calendar', async () => {
  await setUp();
  const bad: Array<[Record<string, unknown>, number, string | undefined, string?]> = [
    [{}, 400, 'category'],
    [{ ...basic, category: 'gossip' }, 400, 'category', 'unknown-category'],
    [{ ...basic, category: 7 }, 400, 'category'],
    [{ ...basic, importance: 'urgent' }, 400, 'importance', 'unknown-importance'],
    [{ ...basic, subject: undefined }, 400, 'subject'],
    [{ ...basic, subject: '   ' }, 400, 'subject'],
    [{ ...basic, subject: 'x'.repeat(201) }, 400, 'subject'],
    [{ ...basic, detail: 'x'.repeat(2001) }, 400, 'detail'],
    [{ ...basic, detail: 42 }, 400, 'detail'],
    [{ ...basic, contact: undefined }, 400, 'contact'],
    [{ ...basic, contact: '王五' }, 400, 'contact'],
    [{ ...basic, contact: {} }, 400, 'contact.name'],
    [{ ...basic, contact: { name: '王五', phone: '1'.repeat(41) } }, 400, 'contact.phone'],
    [{ ...basic, contact: { name: '王五', idNumber: '110' } }, 400, 'contact.idNumber'],
    [{ ...basic, from: 'call-1' }, 400, 'from'],
    [{ ...basic, from: { callId: 'a', visitId: 'b' } }, 400, 'from'],
    [{ ...basic, from: { callId: '' } }, 400, 'from.callId'],
    [{ ...basic, from: { callId: '20261201-nope' } }, 400, 'from.callId', 'unknown-call'],
    [{ ...basic, from: { visitId: '20261201-nope' } }, 400, 'from.visitId', 'unknown-visit'],
    [{ ...basic, priority: 'high' }, 400, 'priority'],
  ];
  for (const [body, status, field, code] of bad) {
    const r = await open(body);
    assert.equal([r.status, r.body.error?.field], [status, field], JSON.stringify(body).slice(0, 100));
    if (code) assert.is(r.body.error.code, code);
  }
  const hostile = await s.api('POST', '/api/cases', undefined, staff.reception, '{"category":"inquiry","__proto__":{"admin":true}}');
  assert.is(hostile.status, 400);
  assert.is((await s.api('POST', '/api/cases', undefined, staff.reception, '{not json')).status, 400);
  assert.is((await s.api('POST', '/api/cases', undefined, staff.reception, JSON.stringify({ ...basic, detail: 'x'.repeat(300_000) }))).status, 413);

  // Tuesday 10:00: normal = 24 hours; important = 18:00 today; a paid service ends at its own 20:00.
  const due = async (body: Record<string, unknown>) => (await open({ ...basic, ...body })).body.case.dueAt;
  assert.is(await due({ importance: 'normal' }), new Date('2026-12-02T10:00:00+08:00').toISOString());
  assert.is(await due({ importance: 'important' }), new Date('2026-12-01T18:00:00+08:00').toISOString());
  assert.is(await due({ importance: 'major', category: 'complaint' }), new Date('2026-12-01T18:00:00+08:00').toISOString());
  assert.is(await due({ importance: 'important', category: 'paid-service' }), new Date('2026-12-01T20:00:00+08:00').toISOString());
});

test('roles: security and kiosks are refused; a host sees only their own cases and takes only their own steps', async () => {
  await setUp();
  const other = await s.makeHost('别人', '财务部');
  const mine = (await open({ ...basic, subject: '给工程部' })).body.case;
  await step(mine.id, 'assign', { department: '工程部' });
  const notMine = (await open({ ...basic, subject: '给财务部' })).body.case;
  await step(notMine.id, 'assign', { hostId: other.host.id });
  const refused: Array<[string, string, unknown, string, number]> = [
    ['POST', '/api/cases', basic, staff.security, 403],
    ['POST', '/api/cases', basic, staff.kiosk, 403],
    ['POST', '/api/cases', basic, engineer.token, 403],
    ['GET', '/api/cases', undefined, staff.security, 403],
    ['GET', '/api/cases/open', undefined, staff.kiosk, 403],
    ['GET', `/api/cases/${mine.id}`, undefined, staff.security, 403],
    ['GET', `/api/cases/${notMine.id}`, undefined, engineer.token, 403],
    ['POST', `/api/cases/${notMine.id}/accept`, {}, engineer.token, 403],
    ['POST', `/api/cases/${mine.id}/assign`, { department: '财务部' }, engineer.token, 403],
    ['POST', `/api/cases/${mine.id}/close`, { reason: 'x' }, engineer.token, 403],
    ['POST', `/api/cases/${mine.id}/note`, { text: 'x' }, staff.security, 403],
    ['GET', '/api/cases', undefined, undefined as unknown as string, 401],
  ];
  for (const [method, path, body, token, status] of refused) {
    const r = await s.api(method, path, body, token);
    assert.is(r.status, status, `${method} ${path}`);
  }
  assert.is((await s.api('GET', `/api/cases/${mine.id}`, undefined, engineer.token)).status, 200, 'assigned to their department');
  const listed = (await s.api('GET', '/api/cases', undefined, engineer.token)).body.cases.map((c: any) => c.id);
  assert.ok(listed.includes(mine.id) && !listed.includes(notMine.id));
  const openList = (await s.api('GET', '/api/cases/open', undefined, engineer.token)).body.cases.map((c: any) => c.id);
  assert.ok(openList.includes(mine.id) && !openList.includes(notMine.id));
  assert.is((await step(mine.id, 'accept', {}, engineer.token)).status, 200, 'the host accepts their own');
  assert.is((await step(mine.id, 'note', { text: '已到现场' }, engineer.token)).status, 200);
  assert.is((await step(mine.id, 'callback', { reachedContact: true }, engineer.token)).status, 403, 'the callback is the desk\'s');
});

test('the life of a complaint from a call: assign → accept → note → resolve → callback → close, live and on channels', async () => {
  await setUp();
  const supervisorSock = await s.socket(staff.supervisor);
  const receptionSock = await s.socket(staff.reception);
  const qualitySock = await s.socket(quality.token);
  const engineerSock = await s.socket(engineer.token);
  const at = new Date(now).toISOString();
  const callId = `20261201-${Date.now().toString(36)}`;
  // The call as the desk wrote it down (the calls API of the same issue stores it so).
  assert.ok(await s.app.ctx.store.insertCall({
    id: callId, day: '2026-12-01', at, caller: { name: CONTACT.name, phone: CONTACT.phone }, subject: SECRETS[2], category: 'complaint',
    importance: 'major', kind: 'call', by: 'user:desk', createdAt: at, updatedAt: at,
  }));

  const [qBefore, eBefore] = [quality.hook.bodies.length, engineer.hook.bodies.length];
  const major = nextEvent(supervisorSock, 'alert', (p: any) => p.alert.kind === 'case-major');
  const copied = nextEvent(qualitySock, 'case:updated', (p: any) => p.case.category === 'complaint');
  const created = await open({ category: 'complaint', importance: 'major', subject: SECRETS[2], detail: SECRETS[3], contact: CONTACT, from: { callId } });
  assert.is(created.status, 201, JSON.stringify(created.body));
  const c = created.body.case;
  assert.match(c.number, /^C-20261201-\d{4}$/);
  assert.equal([c.status, c.from, c.dueAt], ['open', { callId }, new Date('2026-12-01T18:00:00+08:00').toISOString()]);
  assert.is((await major).alert.data.number, c.number);
  assert.is((await copied).case.id, c.id, 'the quality department sees the complaint at once');
  const qMessage = await quality.hook.next(qBefore + 1);
  assert.is(qMessage.type, 'case');
  assert.ok(JSON.stringify(qMessage).includes(c.number));
  assert.not.ok(JSON.stringify(qMessage).includes(CONTACT.phone), 'no phone on a channel');
  assert.is((await s.app.ctx.store.getCall(callId))?.caseId, c.id, 'the call names its case');

  const toEngineer = nextEvent(engineerSock, 'case:updated', (p: any) => p.case.id === c.id && p.case.status === 'assigned');
  const assigned = await step(c.id, 'assign', { hostId: engineer.host.id });
  assert.equal([assigned.status, assigned.body.case.assignee], [200, { hostId: engineer.host.id }]);
  await toEngineer;
  assert.ok(JSON.stringify(await engineer.hook.next(eBefore + 1)).includes(c.number), 'the assignee is told on their channel');

  const seen: string[] = [];
  receptionSock.on('case:updated', (p: any) => { if (p.case.id === c.id) seen.push(p.case.status); });
  assert.is((await step(c.id, 'accept', {}, engineer.token)).body.case.status, 'accepted');
  assert.is((await step(c.id, 'note', { text: '已联系物业' }, engineer.token)).body.case.steps.at(-1).kind, 'note');
  const resolved = (await step(c.id, 'resolve', { resolution: SECRETS[4] }, engineer.token)).body.case;
  assert.is(resolved.status, 'resolved');
  assert.is(resolved.callbackDueAt, new Date(now + 24 * HOUR).toISOString());
  const missed = (await step(c.id, 'callback', { reachedContact: false })).body.case;
  assert.equal([missed.status, missed.callback.reachedContact], ['resolved', false], 'an attempt that did not reach them waits');
  const called = (await step(c.id, 'callback', { reachedContact: true, satisfaction: 5, note: SECRETS[5] })).body.case;
  assert.equal([called.status, called.callback.satisfaction], ['called-back', 5]);
  const closedLive = nextEvent(receptionSock, 'case:updated', (p: any) => p.case.id === c.id && p.case.status === 'closed');
  const closed = await step(c.id, 'close', {});
  assert.is(closed.body.case.status, 'closed');
  await closedLive;
  assert.equal(closed.body.case.steps.map((x: any) => x.kind), ['created', 'assigned', 'accepted', 'note', 'resolved', 'callback', 'callback', 'closed']);
  for (const x of closed.body.case.steps) assert.ok(x.by.startsWith('user:') && x.at, 'every step says who and when');
  assert.equal(seen, ['accepted', 'accepted', 'resolved', 'resolved', 'called-back', 'closed'], 'reception followed every step live');

  // The month later: listed among the month's complaints, closed, answered by its deadline.
  const month = (await s.api('GET', '/api/cases?from=2026-12-01&to=2026-12-31&category=complaint&status=closed', undefined, staff.supervisor)).body.cases;
  assert.equal(month.map((x: any) => x.number), [c.number]);
  assert.ok(Date.parse(month[0].resolvedAt) <= Date.parse(month[0].dueAt));
  assert.ok(Date.parse(month[0].callback.at) <= Date.parse(month[0].callbackDueAt));
  assert.equal((await s.api('GET', `/api/cases?q=${encodeURIComponent(c.number)}`, undefined, staff.reception)).body.cases.map((x: any) => x.id), [c.id]);
  // The month's report counts it: one of the month's two complaints (the other not yet due), answered in time,
  // called back within 24 hours, satisfaction 5.
  const report = (await s.api('GET', '/api/reports/monthly?month=2026-12', undefined, staff.supervisor)).body.report.cases;
  assert.equal(report.byCategory.find((x: any) => x.key === 'complaint'), { key: 'complaint', count: 2, due: 1, met: 1, missed: 0 });
  assert.equal([report.callbacks.resolved, report.callbacks.within24h], [1, 1]);
  assert.equal([report.satisfaction.responses, report.satisfaction.average, report.satisfaction.distribution], [1, 5, [0, 0, 0, 0, 1]]);

  const log = (await s.api('GET', '/api/log?from=2026-11-30&to=2026-12-02', undefined, s.admin.token)).body.events.filter((e: any) => e.kind.startsWith('case-'));
  assert.equal(log.filter((e: any) => e.data.case === c.id).map((e: any) => e.kind),
    ['case-created', 'case-notified', 'case-assigned', 'case-notified', 'case-accepted', 'case-noted', 'case-resolved', 'case-called-back', 'case-called-back', 'case-closed']);
  for (const e of log) assert.ok(e.actor, 'who');
  const raw = JSON.stringify(log);
  for (const secret of SECRETS) assert.not.ok(raw.includes(secret), `the log never holds ${secret}`);
});

test('steps out of order are 409; closing before the callback needs a supervisor and a reason', async () => {
  await setUp();
  const at = async (status: string) => {
    const c = (await open(basic)).body.case;
    const path: Array<[string, Record<string, unknown>]> = [['assign', { department: '工程部' }], ['accept', {}], ['resolve', { resolution: '好了' }], ['callback', { reachedContact: true }], ['close', {}]];
    const until = { open: 0, assigned: 1, accepted: 2, resolved: 3, 'called-back': 4, closed: 5 }[status]!;
    for (const [kind, body] of path.slice(0, until)) assert.is((await step(c.id, kind, body)).status, 200, kind);
    return c.id as string;
  };
  const table: Array<[string, string, Record<string, unknown>, string]> = [
    ['open', 'accept', {}, 'case-step-out-of-order'],
    ['open', 'callback', { reachedContact: true }, 'case-step-out-of-order'],
    ['open', 'close', {}, 'callback-missing'],
    ['assigned', 'callback', { reachedContact: true }, 'case-step-out-of-order'],
    ['accepted', 'accept', {}, 'case-step-out-of-order'],
    ['resolved', 'resolve', { resolution: 'again' }, 'case-step-out-of-order'],
    ['resolved', 'assign', { department: '工程部' }, 'case-step-out-of-order'],
    ['resolved', 'close', { reason: 'reception may not' }, 'callback-missing'],
    ['called-back', 'callback', { reachedContact: true }, 'case-step-out-of-order'],
    ['closed', 'note', { text: 'late' }, 'case-closed'],
    ['closed', 'close', {}, 'case-closed'],
  ];
  for (const [status, kind, body, code] of table) {
    const r = await step(await at(status), kind, body);
    assert.equal([r.status, r.body.error?.code], [409, code], `${kind} when ${status}`);
  }
  const early = await at('resolved');
  assert.is((await step(early, 'close', {}, staff.supervisor)).status, 409, 'a supervisor without a reason');
  const byReception = await step(early, 'close', { reason: '重复登记' });
  assert.equal([byReception.status, byReception.body.error.code], [409, 'callback-missing']);
  const bySupervisor = await step(early, 'close', { reason: '重复登记' }, staff.supervisor);
  assert.equal([bySupervisor.status, bySupervisor.body.case.status, bySupervisor.body.case.closeReason], [200, 'closed', '重复登记']);

  const bad: Array<[string, Record<string, unknown>, string, string?]> = [
    ['assign', {}, 'department'],
    ['assign', { department: '工程部', hostId: engineer.host.id }, 'department'],
    ['assign', { department: '没有的部门' }, 'department', 'unknown-department'],
    ['assign', { hostId: 'h-nobody' }, 'hostId', 'unknown-host'],
    ['assign', { department: '工程部', extra: 1 }, 'extra'],
    ['note', { text: '' }, 'text'],
    ['note', { text: 'x'.repeat(2001) }, 'text'],
    ['resolve', {}, 'resolution'],
    ['callback', { reachedContact: 'yes' }, 'reachedContact'],
    ['callback', { reachedContact: true, satisfaction: 6 }, 'satisfaction'],
    ['callback', { reachedContact: true, satisfaction: 2.5 }, 'satisfaction'],
    ['callback', { reachedContact: false, satisfaction: 3 }, 'satisfaction'],
  ];
  const resolvedId = await at('resolved');
  const openId = await at('open');
  for (const [kind, body, field, code] of bad) {
    const r = await step(kind === 'callback' ? resolvedId : openId, kind, body);
    assert.equal([r.status, r.body.error?.field], [400, field], `${kind} ${JSON.stringify(body).slice(0, 60)}`);
    if (code) assert.is(r.body.error.code, code);
  }
  assert.is((await step('20261201-nothing', 'accept')).status, 404);
  assert.is((await s.api('GET', '/api/cases/20261201-nothing', undefined, staff.reception)).status, 404);
  const listBad: Array<[string, string]> = [['from=2026-13-01', 'from'], ['to=yesterday', 'to'], ['status=lost', 'status'], ['category=x', 'category'], ['cursor=abc', 'cursor'], ['from=2026-12-02&to=2026-12-01', 'to'], ['from=2024-01-01&to=2026-12-01', 'from']];
  for (const [query, field] of listBad) {
    const r = await s.api('GET', `/api/cases?${query}`, undefined, staff.reception);
    assert.equal([r.status, r.body.error?.field], [400, field], query);
  }
});

test('concurrency: two accepts at once, one lands; cases opened together get different numbers', async () => {
  await setUp();
  const c = (await open(basic)).body.case;
  await step(c.id, 'assign', { department: '工程部' });
  const both = await Promise.all([step(c.id, 'accept', {}), step(c.id, 'accept', {}, engineer.token)]);
  assert.equal(both.map((r) => r.status).sort(), [200, 409]);
  assert.is((await s.api('GET', `/api/cases/${c.id}`, undefined, staff.reception)).body.case.steps.filter((x: any) => x.kind === 'accepted').length, 1);
  const many = await Promise.all(Array.from({ length: 6 }, () => open(basic)));
  const numbers = many.map((r) => r.body.case.number);
  assert.is(new Set(numbers).size, 6, numbers.join(' '));
});

test('escalation: an important matter opened on Friday evening is due Tuesday (Monday a holiday) and only then escalates, once', async () => {
  await setUp();
  now = Date.parse('2026-12-04T19:00:00+08:00'); // Friday, after the close
  const reception = await fresh(staff.users.reception);
  const c = (await open({ ...basic, importance: 'important', subject: '周五晚上的求助', category: 'help' }, reception)).body.case;
  assert.is(c.dueAt, new Date('2026-12-08T18:00:00+08:00').toISOString(), 'Saturday, Sunday and the Monday holiday do not count');

  // Monday 08:40, the holiday: the digest shows it open, not overdue.
  now = Date.parse('2026-12-07T08:40:00+08:00');
  let sock = await s.socket(await fresh(staff.users.supervisor));
  const monday = (await nextEvent(sock, 'cases:digest', (p: any) => p.digest.day === '2026-12-07')).digest;
  assert.not.ok(monday.overdue.includes(c.number));
  assert.ok(monday.open >= 1);
  sock.close();

  // Tuesday just after 18:00: overdue, the supervisors are alerted.
  now = Date.parse('2026-12-08T17:59:00+08:00');
  sock = await s.socket(await fresh(staff.users.supervisor));
  const alerted = nextEvent(sock, 'alert', (p: any) => p.alert.kind === 'case-overdue' && p.alert.data.caseId === c.id);
  now = Date.parse('2026-12-08T18:01:00+08:00');
  const a = (await alerted).alert;
  assert.is(a.data.number, c.number);
  assert.not.ok(JSON.stringify(a).includes('周五晚上的求助'), 'the alert names the case, not its subject');
  // The open list puts what is overdue first, then by what is due next.
  const desk = await fresh(staff.users.reception);
  for (const importance of ['normal', 'important']) assert.is((await open({ ...basic, importance }, desk)).status, 201, 'not yet due');
  const list = (await s.api('GET', '/api/cases/open', undefined, desk)).body.cases;
  const dueOf = (x: any) => Date.parse(x.status === 'resolved' ? x.callbackDueAt : x.dueAt);
  const overdue = list.map((x: any) => dueOf(x) < now);
  assert.ok(overdue.includes(true) && overdue.includes(false), 'both kinds are open');
  assert.equal(overdue, [...overdue].sort((p: boolean, q: boolean) => Number(q) - Number(p)), 'overdue first');
  const onTime = list.filter((_: any, i: number) => !overdue[i]).map(dueOf);
  assert.equal(onTime, [...onTime].sort((p: number, q: number) => p - q), 'then by due time');

  // Wednesday's digest lists it as overdue; it escalated once however many ticks passed.
  now = Date.parse('2026-12-09T08:31:00+08:00');
  sock.close();
  sock = await s.socket(await fresh(staff.users.supervisor));
  const wednesday = (await nextEvent(sock, 'cases:digest', (p: any) => p.digest.day === '2026-12-09')).digest;
  assert.ok(wednesday.overdue.includes(c.number));
  const admin = await adminToken();
  const alerts = (await s.api('GET', '/api/alerts', undefined, admin)).body.alerts.filter((x: any) => x.kind === 'case-overdue' && x.data?.caseId === c.id);
  assert.is(alerts.length, 1, 'once per case and kind');
  const escalated = (await s.api('GET', '/api/log?q=case-escalated', undefined, admin)).body.events.filter((e: any) => e.data.case === c.id);
  assert.equal(escalated.map((e: any) => e.data.alert), ['case-overdue']);
  assert.ok(Date.parse(escalated[0].at) > Date.parse(c.dueAt), 'never before its deadline');

  // Resolved, and not called back within 24 hours: callback-overdue.
  const resolved = (await step(c.id, 'resolve', { resolution: '已处理' }, await fresh(staff.users.reception))).body.case;
  sock.close();
  now = Date.parse(resolved.callbackDueAt) - 60_000;
  sock = await s.socket(await fresh(staff.users.supervisor));
  const late = nextEvent(sock, 'alert', (p: any) => p.alert.kind === 'callback-overdue' && p.alert.data.caseId === c.id);
  now = Date.parse(resolved.callbackDueAt) + 60_000;
  assert.is((await late).alert.data.number, c.number);
  sock.close();
  // Closed, it never escalates again: what remembered its alerts goes from the store.
  const marks = () => Promise.all(['case-overdue', 'callback-overdue'].map((k) => s.app.ctx.store.get('marks', `case-escalated:${c.id}:${k}`)));
  assert.ok((await marks()).every(Boolean));
  assert.is((await step(c.id, 'close', { reason: '联系不上' }, await fresh(staff.users.supervisor))).status, 200);
  assert.equal(await marks(), [undefined, undefined]);
});

test('privacy: a person\'s request finds and erases their cases; retention erases closed ones; the log verifies', async () => {
  await setUp();
  const reception = await fresh(staff.users.reception);
  const supervisor = await fresh(staff.users.supervisor);
  const security = await fresh(staff.users.security);
  const person = { name: '要求删除的人', phone: '13700009999' };
  const c = (await open({ ...basic, subject: '想删掉我的资料', contact: person }, reception)).body.case;
  const refused = await s.api('POST', '/api/people/erase', { phone: person.phone }, security);
  assert.equal([refused.status, refused.body.error.code], [409, 'case-open'], 'an open case is not erased');
  const found = await s.api('POST', '/api/people/search', { phone: person.phone }, security);
  assert.equal(found.body.cases.map((x: any) => x.id), [c.id]);
  await step(c.id, 'close', { reason: '当事人要求删除' }, supervisor);
  const erased = await s.api('POST', '/api/people/erase', { phone: person.phone, name: person.name }, security);
  assert.equal([erased.status, erased.body.erased.cases], [200, 1]);
  const after = (await s.api('GET', `/api/cases/${c.id}`, undefined, reception)).body.case;
  assert.equal([after.contact, after.subject, Boolean(after.erasedAt), after.status], [{ name: '' }, '', true, 'closed']);

  // Retention: a closed case and a handled call a day past the period lose their personal fields.
  assert.is((await s.api('PATCH', '/api/settings', { retentionDays: 1 }, await adminToken())).status, 200);
  const old = (await open({ ...basic, subject: '旧事务', contact: { name: '旧联系人', phone: '13600001111' } }, reception)).body.case;
  await step(old.id, 'close', { reason: '测试' }, supervisor);
  const stillOpen = (await open({ ...basic, subject: '未结事务', contact: { name: '仍在处理', phone: '13600002222' } }, reception)).body.case;
  const admin0 = await adminToken();
  const seq = (await s.api('GET', '/api/log/verify', undefined, admin0)).body.head.seq;
  now += 3 * 24 * HOUR;
  let run: any;
  for (const deadline = Date.now() + 8000; !run && Date.now() < deadline; await new Promise((r) => setTimeout(r, 150))) {
    const events = (await s.api('GET', '/api/log?q=retention-run', undefined, await adminToken())).body.events ?? [];
    run = events.find((e: any) => e.kind === 'retention-run' && e.seq > seq);
  }
  assert.ok(run, 'retention ran on the new day');
  assert.ok(run.data.cases >= 1, JSON.stringify(run.data));
  const rec = await fresh(staff.users.reception);
  const gone = (await s.api('GET', `/api/cases/${old.id}`, undefined, rec)).body.case;
  assert.equal([gone.contact.name, gone.subject, Boolean(gone.erasedAt)], ['', '', true]);
  const kept = (await s.api('GET', `/api/cases/${stillOpen.id}`, undefined, rec)).body.case;
  assert.is(kept.contact.name, '仍在处理', 'an open case is kept');
  const admin = await adminToken();
  assert.ok((await s.api('GET', '/api/log/verify', undefined, admin)).body.chain.ok, 'the log still verifies');
  const raw = JSON.stringify((await s.api('GET', '/api/log?from=2026-11-30&to=2026-12-31', undefined, admin)).body.events);
  for (const secret of [person.name, person.phone, '旧联系人', '13600001111', ...SECRETS]) assert.not.ok(raw.includes(secret), `the log never holds ${secret}`);
  await quality.hook.close();
  await engineer.hook.close();
});

test.run();
