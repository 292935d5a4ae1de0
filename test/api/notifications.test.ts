// The admin's notifications page: the site's e-mail status without its password, a test mail that a real SMTP server
// receives, and the last deliveries and failures as the log has them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, residentId, type TestServer } from '../helpers/server.ts';
import { readMail, startSmtp } from '../helpers/mail.ts';
import { robot } from '../helpers/robot.ts';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let s: TestServer;
let bare: TestServer;
test.before(async () => {
  smtp = await startSmtp({ onAuth: (auth, _session, done) => done(null, { user: auth.username }) });
  s = await startServer({
    env: { FOYER_SMTP_URL: `smtp://foyer:Pa55-SECRET-word@127.0.0.1:${smtp.port}`, FOYER_MAIL_FROM: 'Foyer 前台 <foyer@example.com>' },
    notifyRetryDelaysMs: [0, 50, 50],
  });
  bare = await startServer();
});
test.after(async () => { await s.close(); await bare.close(); await smtp.close(); });

test('the SMTP status shows the sender and server, never the password; a site without e-mail says so', async () => {
  const r = await s.api('GET', '/api/notifications', undefined, s.admin.token);
  assert.is(r.status, 200);
  assert.equal(r.body.mail, { configured: true, from: 'Foyer 前台 <foyer@example.com>', server: `127.0.0.1:${smtp.port}`, secure: false, user: 'foyer' });
  assert.not.ok(JSON.stringify(r.body).includes('Pa55-SECRET-word'));
  assert.equal((await bare.api('GET', '/api/notifications', undefined, bare.admin.token)).body.mail, { configured: false });
  const none = await bare.api('POST', '/api/notifications/test-mail', { to: 'it@example.com' }, bare.admin.token);
  assert.is(none.status, 409);
  assert.is(none.body.error.code, 'mail-not-configured');
});

test('each host is listed with the channels they are told through: their own, their department\'s, or none', async () => {
  const own = (await s.api('POST', '/api/hosts', { name: '甲', department: '列表部', channels: [{ kind: 'webhook', target: 'http://10.1.1.1/own', secret: 'SEC-own' }] }, s.admin.token)).body.host;
  const plain = (await s.api('POST', '/api/hosts', { name: '乙', department: '列表部' }, s.admin.token)).body.host;
  const alone = (await s.api('POST', '/api/hosts', { name: '丙', department: '空部门' }, s.admin.token)).body.host;
  await s.api('PUT', `/api/departments/${encodeURIComponent('列表部')}/channels`, { channels: [{ kind: 'feishu', target: 'http://10.1.1.1/dept', secret: 'SEC-dept' }] }, s.admin.token);
  const r = await s.api('GET', '/api/notifications', undefined, s.admin.token);
  const of = (id: string) => r.body.hosts.find((h: any) => h.id === id);
  assert.equal(of(own.id), { id: own.id, name: '甲', department: '列表部', from: 'host', channels: [{ kind: 'webhook', target: 'http://10.1.1.1/own', secretSet: true }] });
  assert.equal(of(plain.id).from, 'department');
  assert.equal(of(plain.id).channels, [{ kind: 'feishu', target: 'http://10.1.1.1/dept', secretSet: true }]);
  assert.equal([of(alone.id).from, of(alone.id).channels], [null, []]);
  assert.not.ok(JSON.stringify(r.body).includes('SEC-'), 'no secret is read back');
});

test('a test mail reaches the address the admin typed; the log says it went, without the address', async () => {
  const before = smtp.received.length;
  const r = await s.api('POST', '/api/notifications/test-mail', { to: 'it-desk@example.com' }, s.admin.token);
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.result, { ok: true, status: 250 });
  const got = smtp.received[before];
  assert.equal(got.to, ['it-desk@example.com']);
  const mail = readMail(got.raw);
  assert.match(mail.header('subject') ?? '', '测试消息 Test message');
  assert.match(mail.parts.find((p) => p.type.startsWith('text/plain'))!.text, '通知测试');
  const log = (await s.api('GET', '/api/log?q=mail-tested', undefined, s.admin.token)).body.events;
  assert.equal(log.at(-1).data, { ok: true });
  assert.not.ok(JSON.stringify(log).includes('it-desk'), 'the address is not in the log');
});

test('bad test-mail input is refused with the field named; nothing is sent', async () => {
  const before = smtp.received.length;
  const cases: Array<[unknown, string, string]> = [
    [{}, 'to', 'missing-field'],
    [{ to: 42 }, 'to', 'invalid-input'],
    [{ to: 'not-an-address' }, 'to', 'invalid-input'],
    [{ to: 'a@b.example.com\r\nBcc: x@evil.example.com' }, 'to', 'invalid-input'],
    [{ to: 'Evil <x@evil.example.com>' }, 'to', 'invalid-input'],
    [{ to: `${'a'.repeat(130)}@example.com` }, 'to', 'too-long'],
  ];
  for (const [body, field, code] of cases) {
    const r = await s.api('POST', '/api/notifications/test-mail', body, s.admin.token);
    assert.is(r.status, 400, JSON.stringify(body));
    assert.is(r.body.error.field, field);
    assert.is(r.body.error.code, code, JSON.stringify(body));
  }
  assert.is((await s.api('POST', '/api/notifications/test-mail', undefined, s.admin.token, '{"to":')).body.error.code, 'invalid-json');
  assert.is((await s.api('POST', '/api/notifications/test-mail', undefined, s.admin.token, '{"__proto__":{"to":"x@example.com"}}')).status, 400);
  assert.is((await s.api('POST', '/api/notifications/test-mail', undefined, s.admin.token, JSON.stringify({ to: 'x@example.com', pad: 'x'.repeat(300_000) }))).status, 413);
  for (const limit of ['0', '201', '-1', 'abc', '1e2', '5.5', '9'.repeat(20)]) {
    const r = await s.api('GET', `/api/notifications/deliveries?limit=${limit}`, undefined, s.admin.token);
    assert.is(r.status, 400, limit);
    assert.is(r.body.error.field, 'limit');
  }
  assert.is(smtp.received.length, before);
});

test('the last deliveries and failures come from the log, newest first, with the host\'s name and never the visitor\'s', async () => {
  const wecom = await robot([500]);
  try {
    const host = (await s.api('POST', '/api/hosts', { name: '林立', department: '技术部', channels: [{ kind: 'wecom', target: wecom.url }] }, s.admin.token)).body.host;
    const kiosk = await s.pairKiosk();
    const visitor = { name: '送达访客', idType: 'cn-resident', idNumber: residentId('19850505', '321'), phone: '13700001111' };
    const reg = await s.api('POST', '/api/visits', { visitor, purpose: '面试', hostId: host.id }, kiosk.token);
    assert.is(reg.status, 201);
    await wecom.next(1);
    let list: any[] = [];
    for (let i = 0; i < 50 && list.length < 2; i++) {
      list = (await s.api('GET', '/api/notifications/deliveries?limit=10', undefined, s.admin.token)).body.deliveries.filter((d: any) => d.visitId === reg.body.visit.id);
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(list.map((d) => [d.kind, d.channel, d.attempt, d.hostName]), [
      ['host-channel-sent', 'wecom', 2, '林立'], ['host-channel-failed', 'wecom', 1, '林立'],
    ]);
    assert.match(list[1].error, '500');
    assert.is(list[1].final, false);
    const one = await s.api('GET', '/api/notifications/deliveries?limit=1', undefined, s.admin.token);
    assert.is(one.body.deliveries.length, 1);
    assert.not.ok(JSON.stringify(one.body).includes('送达访客'));
  } finally {
    await wecom.close();
  }
});

test('only admins see the notifications page\'s calls', async () => {
  const kiosk = await s.pairKiosk();
  const who = [
    ['kiosk', kiosk.token], ['host', (await s.makeHost('赵九', '技术部')).token],
    ['reception', (await s.makeUser('reception')).token], ['security', (await s.makeUser('security')).token],
  ] as const;
  const before = smtp.received.length;
  for (const [role, token] of who) {
    assert.is((await s.api('GET', '/api/notifications', undefined, token)).status, 403, role);
    assert.is((await s.api('POST', '/api/notifications/test-mail', { to: 'x@example.com' }, token)).status, 403, role);
    assert.is((await s.api('GET', '/api/notifications/deliveries', undefined, token)).status, 403, role);
  }
  for (const [method, path] of [['GET', '/api/notifications'], ['POST', '/api/notifications/test-mail'], ['GET', '/api/notifications/deliveries']]) {
    assert.is((await s.api(method, path, method === 'POST' ? { to: 'x@example.com' } : undefined)).status, 401, path);
  }
  assert.is(smtp.received.length, before, 'nothing was sent');
});

test.run();
