// Department channels: a department's robot tells its hosts who have no channels of their own (their own list wins),
// counts for reachability, is the admin's alone, and of PUTs fired together one whole list is kept.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, residentId, type TestServer } from '../helpers/server.ts';
import { robot } from '../helpers/robot.ts';

let s: TestServer;
test.before(async () => { s = await startServer({ env: { FOYER_PUBLIC_URL: 'http://foyer.test:8080' }, notifyRetryDelaysMs: [0, 50] }); });
test.after(async () => { await s.close(); });

const visitor = (n: number) => ({ name: `部门访客${n}`, idType: 'cn-resident', idNumber: residentId('19900101', String(200 + n)), company: '远山贸易' });
const put = (name: string, body: unknown, token = s.admin.token) => s.api('PUT', `/api/departments/${encodeURIComponent(name)}/channels`, body, token);
const logOf = async (visitId: string) => (await s.api('GET', `/api/log?q=${visitId}`, undefined, s.admin.token)).body.events as any[];

test('a host without channels is told through the department\'s robot (signed), and counts as reachable', async () => {
  const dept = await robot();
  const own = await robot();
  try {
    const plain = (await s.api('POST', '/api/hosts', { name: '钱多多', department: '采购部' }, s.admin.token)).body.host;
    const withOwn = (await s.api('POST', '/api/hosts', { name: '孙悦', department: '采购部', channels: [{ kind: 'wecom', target: own.url }] }, s.admin.token)).body.host;
    const set = await put('采购部', { channels: [{ kind: 'dingtalk', target: dept.url, secret: 'SEC-dept-secret' }] });
    assert.is(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body.department, { name: '采购部', hosts: 2, channels: [{ kind: 'dingtalk', target: dept.shown, secretSet: true }], updatedAt: set.body.department.updatedAt });
    assert.not.ok(JSON.stringify(set.body).includes('SEC-dept-secret'));
    const listed = await s.api('GET', '/api/departments', undefined, s.admin.token);
    assert.is(listed.status, 200);
    assert.equal(listed.body.departments.find((d: any) => d.name === '采购部').channels, [{ kind: 'dingtalk', target: dept.shown, secretSet: true }]);
    assert.not.ok(JSON.stringify(listed.body).includes('SEC-dept-secret'), 'secrets are never read back');

    const kiosk = await s.pairKiosk('北门');
    const reg = await s.api('POST', '/api/visits', { visitor: visitor(1), purpose: '送样品', hostId: plain.id }, kiosk.token);
    assert.is(reg.status, 201);
    assert.is(reg.body.visit.escalation?.level ?? 'host', 'host', 'the department\'s robot makes the host reachable');
    const message = await dept.next(1);
    assert.is(message.msgtype, 'markdown');
    assert.match(message.markdown.text, '部门访客1');
    assert.match(message.markdown.text, '钱多多');
    assert.match(dept.urls[0], /[?&]timestamp=\d+&sign=/, 'signed with the department\'s secret');
    const log = await logOf(reg.body.visit.id);
    assert.is(log.find((e) => e.kind === 'host-notified')?.data.via, 'dingtalk');
    assert.not.ok(log.some((e) => e.kind === 'host-unreachable'));

    // The host's own list wins: the department's robot hears nothing of their visitor.
    const reg2 = await s.api('POST', '/api/visits', { visitor: visitor(2), purpose: '谈价格', hostId: withOwn.id }, kiosk.token);
    assert.is(reg2.status, 201);
    assert.match((await own.next(1)).markdown.content, '部门访客2');
    await new Promise((r) => setTimeout(r, 300));
    assert.is(dept.bodies.length, 1, 'only the first visitor went to the department');

    // Cleared, the department no longer reaches its host: the visit goes to reception.
    assert.equal((await put('采购部', { channels: [] })).body.department.channels, []);
    const reg3 = await s.api('POST', '/api/visits', { visitor: visitor(3), purpose: '送货', hostId: plain.id }, kiosk.token);
    assert.is(reg3.body.visit.escalation.level, 'reception');
  } finally {
    await dept.close();
    await own.close();
  }
});

test('sent back without its secret, a department channel keeps it; a test message goes through the department', async () => {
  const dept = await robot();
  try {
    await s.makeHost('周一', '行政部');
    await put('行政部', { channels: [{ kind: 'webhook', target: dept.url, secret: 'SEC-webhook' }, { kind: 'email', target: 'admin-office@example.com' }] });
    const kept = await put('行政部', { channels: [{ kind: 'webhook', target: dept.url }] });
    assert.equal(kept.body.department.channels, [{ kind: 'webhook', target: dept.shown, secretSet: true }]);
    const tested = await s.api('POST', `/api/departments/${encodeURIComponent('行政部')}/test-message`, undefined, s.admin.token);
    assert.is(tested.status, 200, JSON.stringify(tested.body));
    assert.equal(tested.body.results.map((r: any) => [r.kind, r.ok]), [['webhook', true]]);
    assert.is((await dept.next(1)).type, 'visitor.arrived');
    assert.is((await s.api('POST', '/api/departments/nobody-here/test-message', undefined, s.admin.token)).status, 404);
  } finally {
    await dept.close();
  }
});

test('bad department channels are refused with the field named, and nothing changes', async () => {
  await s.makeHost('吴二', '质检部');
  await put('质检部', { channels: [{ kind: 'slack', target: 'http://slack.example.com/hook' }] });
  const cases: Array<[unknown, number, string, string?]> = [
    [{}, 400, 'channels', 'missing-field'],
    [{ channels: 'not a list' }, 400, 'channels'],
    [{ channels: [{ kind: 'pager', target: 'http://x' }] }, 400, 'channels[0].kind'],
    [{ channels: [{ kind: 'slack', target: 'javascript:alert(1)' }] }, 400, 'channels[0].target'],
    [{ channels: [{ kind: 'email', target: 'not-an-address' }] }, 400, 'channels[0].target'],
    [{ channels: [{ kind: 'wecom', target: `http://x.example.com/${'a'.repeat(600)}` }] }, 400, 'channels[0].target', 'too-long'],
    [{ channels: [{ kind: 'webhook', target: 'http://x.example.com', secret: { $ne: 1 } }] }, 400, 'channels[0].secret'],
    [{ channels: [null] }, 400, 'channels[0]'],
    [{ channels: Array.from({ length: 11 }, () => ({ kind: 'slack', target: 'http://x.example.com' })) }, 400, 'channels', 'too-long'],
  ];
  for (const [body, status, field, code] of cases) {
    const r = await put('质检部', body);
    assert.is(r.status, status, `${JSON.stringify(body).slice(0, 60)} → ${r.status}`);
    assert.is(r.body.error.field, field);
    if (code) assert.is(r.body.error.code, code);
  }
  const hostile = await s.api('PUT', `/api/departments/${encodeURIComponent('质检部')}/channels`, undefined, s.admin.token, '{"__proto__":{"admin":true},"channels":[]}');
  assert.is(hostile.status, 400);
  const malformed = await s.api('PUT', `/api/departments/${encodeURIComponent('质检部')}/channels`, undefined, s.admin.token, '{"channels":[');
  assert.is(malformed.body.error.code, 'invalid-json');
  const big = await s.api('PUT', `/api/departments/${encodeURIComponent('质检部')}/channels`, undefined, s.admin.token, JSON.stringify({ channels: [], pad: 'x'.repeat(300_000) }));
  assert.is(big.status, 413);
  const listed = (await s.api('GET', '/api/departments', undefined, s.admin.token)).body.departments;
  assert.equal(listed.find((d: any) => d.name === '质检部').channels, [{ kind: 'slack', target: 'http://slack.example.com/hook' }], 'unchanged');
  for (const name of ['没有这个部门', '__proto__', 'x'.repeat(300)]) assert.is((await put(name, { channels: [] })).status, 404, name);
});

test('only admins read and set department channels', async () => {
  await s.makeHost('郑三', '客服部');
  const kiosk = await s.pairKiosk();
  const who = [
    ['kiosk', kiosk.token], ['host', (await s.makeHost('王五', '客服部')).token],
    ['reception', (await s.makeUser('reception')).token], ['security', (await s.makeUser('security')).token],
  ] as const;
  for (const [role, token] of who) {
    assert.is((await s.api('GET', '/api/departments', undefined, token)).status, 403, role);
    assert.is((await put('客服部', { channels: [] }, token)).status, 403, role);
    assert.is((await s.api('POST', `/api/departments/${encodeURIComponent('客服部')}/test-message`, undefined, token)).status, 403, role);
  }
  assert.is((await s.api('GET', '/api/departments')).status, 401);
  assert.is((await put('客服部', { channels: [] }, 'forged-token')).status, 401);
});

test('PUTs fired together leave one whole list, never a mix', async () => {
  await s.makeHost('冯六', '仓储部');
  const lists = Array.from({ length: 8 }, (_, i) => [
    { kind: 'wecom', target: `http://10.0.0.${i}/a` }, { kind: 'slack', target: `http://10.0.0.${i}/b` }, { kind: 'webhook', target: `http://10.0.0.${i}/c`, secret: `s${i}` },
  ]);
  const answers = await Promise.all(lists.map((channels) => put('仓储部', { channels })));
  assert.ok(answers.every((a) => a.status === 200), JSON.stringify(answers.map((a) => a.status)));
  const stored = (await s.api('GET', '/api/departments', undefined, s.admin.token)).body.departments.find((d: any) => d.name === '仓储部');
  const i = lists.findIndex((l) => l[0].target === stored.channels[0].target);
  assert.ok(i >= 0);
  assert.equal(stored.channels, lists[i].map(({ secret, ...c }) => ({ ...c, ...(secret ? { secretSet: true } : {}) })), 'one PUT\'s list, whole');
  const log = (await s.api('GET', '/api/log?q=department-channels-set', undefined, s.admin.token)).body.events;
  assert.ok(log.filter((e: any) => e.data.department === '仓储部').length === 8);
});

test.run();
