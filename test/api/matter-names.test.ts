// Calls and cases name hosts and staff by id; their lists carry the names behind the ids in the answer (and only
// those), so the desk and the host read "李娜", not "h-…". A call opens one matter at most, and the desk hears of it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nextEvent, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
test.before(async () => { s = await startServer(); });
test.after(async () => { await s.close(); });

test('call and case lists name the host and every step\'s actor; nobody else', async () => {
  const host = await s.makeHost('李娜', '物业部');
  await s.makeHost('无关的人', '别的部门');
  const reception = await s.makeUser('reception', { name: '前台小王' });
  const logged = await s.api('POST', '/api/calls', { caller: { name: '张先生', phone: '13900000000' }, subject: '电梯故障', category: 'complaint', importance: 'normal', forHostId: host.host.id, kind: 'message', message: '请回电' }, reception.token);
  assert.is(logged.status, 201, JSON.stringify(logged.body));
  const opened = await s.api('POST', '/api/cases', { category: 'complaint', importance: 'normal', subject: '电梯故障', contact: { name: '张先生' }, from: { callId: logged.body.call.id } }, reception.token);
  assert.is(opened.status, 201, JSON.stringify(opened.body));
  const id = opened.body.case.id;
  assert.is((await s.api('POST', `/api/cases/${id}/assign`, { hostId: host.host.id }, reception.token)).status, 200);
  const accepted = await s.api('POST', `/api/cases/${id}/accept`, {}, host.token);
  assert.is(accepted.status, 200, JSON.stringify(accepted.body));
  assert.equal(accepted.body.names.hosts[host.host.id], { name: '李娜', department: '物业部' });

  const open = await s.api('GET', '/api/cases/open', undefined, reception.token);
  assert.equal(open.body.names.hosts, { [host.host.id]: { name: '李娜', department: '物业部' } }, 'only the hosts in the answer');
  assert.is(open.body.names.actors[`user:${host.user.id}`], `${host.user.name} (host)`);
  assert.is(open.body.names.actors[`user:${reception.user.id}`], '前台小王 (reception)');
  assert.is(Object.keys(open.body.names.actors).length, 2);

  const calls = await s.api('GET', '/api/calls', undefined, reception.token);
  assert.equal(calls.body.names.hosts, { [host.host.id]: { name: '李娜', department: '物业部' } });
  const mine = await s.api('GET', '/api/calls/mine', undefined, host.token);
  assert.is(mine.body.names.actors[`user:${reception.user.id}`], '前台小王 (reception)');
  const one = await s.api('GET', `/api/cases/${id}`, undefined, host.token);
  assert.ok(one.body.names.actors[`user:${host.user.id}`]);
});

test('one matter per call: of two clerks opening one from the same call at once, one does; the other is told which; the desk hears the call changed', async () => {
  const host = await s.makeHost('周敏', '物业部');
  const [a, b] = [await s.makeUser('reception'), await s.makeUser('reception')];
  const logged = await s.api('POST', '/api/calls', { caller: { name: '来电人' }, subject: '漏水', category: 'help', importance: 'normal', forHostId: host.host.id }, a.token);
  const desk = await s.socket(b.token);
  const changed = nextEvent(desk, 'call:updated', (p: any) => p.call.id === logged.body.call.id && p.call.caseId);
  const body = { category: 'help', importance: 'normal', subject: '漏水', contact: { name: '来电人' }, from: { callId: logged.body.call.id } };
  const answers = await Promise.all([a, b, a, b].map((u) => s.api('POST', '/api/cases', body, u.token)));
  assert.equal(answers.map((r) => r.status).sort(), [201, 409, 409, 409], JSON.stringify(answers.map((r) => r.body)));
  const made = answers.find((r) => r.status === 201)!.body.case;
  for (const r of answers.filter((x) => x.status === 409)) {
    assert.is(r.body.error.code, 'call-has-case');
    assert.is(r.body.error.field, 'from.callId');
    assert.is(r.body.error.caseId, made.id);
  }
  assert.is((await changed).call.caseId, made.id);
  const cases = (await s.api('GET', '/api/cases', undefined, a.token)).body.cases.filter((c: any) => c.subject === '漏水');
  assert.is(cases.length, 1, 'one matter stored');
  desk.disconnect();
});

test('supervisors read and acknowledge the alerts sent to them (a major matter)', async () => {
  const supervisor = await s.makeUser('supervisor' as never);
  const reception = await s.makeUser('reception');
  const made = await s.api('POST', '/api/cases', { category: 'complaint', importance: 'major', subject: '群体投诉', contact: { name: '业主代表' } }, reception.token);
  assert.is(made.status, 201, JSON.stringify(made.body));
  const listed = async () => (await s.api('GET', '/api/alerts?open=1', undefined, supervisor.token)).body.alerts as any[];
  let major: any;
  for (let i = 0; i < 50 && !major; i++) { major = (await listed()).find((a) => a.kind === 'case-major' && a.data.caseId === made.body.case.id); if (!major) await new Promise((r) => setTimeout(r, 50)); }
  assert.ok(major, 'the supervisor lists it');
  const acked = await s.api('POST', `/api/alerts/${major.id}/ack`, undefined, supervisor.token);
  assert.is(acked.status, 200, JSON.stringify(acked.body));
  assert.is((await listed()).some((a) => a.id === major.id), false);
});

test.run();
