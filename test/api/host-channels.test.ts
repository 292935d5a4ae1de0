// A host reached where they are: channels kept on the host (admins only, secrets never read back), a WeCom robot
// that receives the arrival with one-tap links, links that ask before they act and work once, and retries.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer, nextEvent, residentId, type TestServer } from '../helpers/server.ts';
import { readMail, startSmtp } from '../helpers/mail.ts';

/** A local stand-in for a platform's webhook: records each body, answers with the statuses given, then 200. */
async function robot(statuses: number[] = []) {
  const bodies: any[] = [];
  const waiters: Array<() => void> = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => { raw += d; });
    req.on('end', () => {
      const status = statuses.shift() ?? 200;
      if (status === 200) { bodies.push(JSON.parse(raw)); waiters.splice(0).forEach((w) => w()); }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status === 200 ? { errcode: 0, errmsg: 'ok' } : { errcode: -1 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cgi-bin/webhook/send?key=robot-key`;
  return {
    url, bodies,
    async next(n: number) { while (bodies.length < n) await new Promise<void>((r) => waiters.push(r)); return bodies[n - 1]; },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let now = Date.parse('2026-11-30T10:00:00+08:00');
let s: TestServer;
test.before(async () => {
  s = await startServer({ clock: () => new Date(now), env: { FOYER_PUBLIC_URL: 'http://foyer.test:8080' }, notifyRetryDelaysMs: [0, 50, 50] });
});
test.after(async () => { await s.close(); });

const visitor = (n: number) => ({ name: `访客${n}`, idType: 'cn-resident', idNumber: residentId('19880808', String(100 + n)), company: '星河科技', phone: '13912345678' });
/** The links of a WeCom markdown message, by their label. */
const linksOf = (body: any): Record<string, string> =>
  Object.fromEntries([...String(body.markdown.content).matchAll(/\[([^\]]+)\]\((http[^)\s]+)\)/g)].map((m) => [m[1], m[2]]));
/** Opens a link of the message against the test server (its public address is a name only the messages use). */
const open = (link: string, method: 'GET' | 'POST' = 'GET') =>
  fetch(s.url + new URL(link).pathname, { method, ...(method === 'POST' ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' } : {}) });

test('channels are the admin\'s: kept on the host, read back without secrets, never shown to kiosks or hosts', async () => {
  const made = await s.api('POST', '/api/hosts', { name: '周敏', department: '法务部', channels: [
    { kind: 'wecom', target: 'http://10.0.0.5/cgi-bin/webhook/send?key=k' },
    { kind: 'dingtalk', target: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: 'SEC-dingtalk-secret' },
    { kind: 'email', target: 'zhoumin@example.com' },
  ] }, s.admin.token);
  assert.is(made.status, 201, JSON.stringify(made.body));
  assert.not.ok(JSON.stringify(made.body).includes('SEC-dingtalk-secret'));
  const read = await s.api('GET', `/api/hosts/${made.body.host.id}`, undefined, s.admin.token);
  assert.equal(read.body.host.channels[1], { kind: 'dingtalk', target: 'https://oapi.dingtalk.com/robot/send?access_token=t', secretSet: true });
  // Sent back without its secret (as an admin form would), the secret is kept; the list is replaced.
  const patched = await s.api('PATCH', `/api/hosts/${made.body.host.id}`, { channels: read.body.host.channels.slice(1) }, s.admin.token);
  assert.is(patched.status, 200, JSON.stringify(patched.body));
  assert.equal(patched.body.host.channels.map((c: any) => [c.kind, Boolean(c.secretSet)]), [['dingtalk', true], ['email', false]]);

  const kiosk = await s.pairKiosk();
  const listed = await s.api('GET', '/api/hosts?q=zhou', undefined, kiosk.token);
  assert.not.ok(JSON.stringify(listed.body).includes('dingtalk'), 'the kiosk sees names only');
  const host = await s.makeHost('吴强', '研发部');
  for (const token of [kiosk.token, host.token]) assert.is((await s.api('GET', `/api/hosts/${made.body.host.id}`, undefined, token)).status, 403);
  assert.is((await s.api('PATCH', `/api/hosts/${made.body.host.id}`, { name: 'x' }, host.token)).status, 403);
  assert.is((await s.api('GET', '/api/hosts/h-none', undefined, s.admin.token)).status, 404);
});

test('robot URLs are read back with their tokens masked; a masked URL sent back keeps the real one', async () => {
  const wecom = await robot();
  const cases: Array<[string, string, string]> = [
    ['wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…5aaa'],
    ['feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/2ab4fb8c-1c2d-4e5f-9a8b-7c6d5e4f3a2b', 'https://open.feishu.cn/open-apis/bot/v2/hook/…3a2b'],
    ['slack', 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', 'https://hooks.slack.com/services/T00000000/B00000000/…XXXX'],
    ['webhook', 'http://user:pw@10.0.0.9:8080/bridge/sms', 'http://…@10.0.0.9:8080/bridge/sms'],
    ['webhook', 'http://10.1.1.1/own', 'http://10.1.1.1/own'],
  ];
  const made = await s.api('POST', '/api/hosts', { name: '掩码', department: '法务部', channels: [
    ...cases.map(([kind, target]) => ({ kind, target })), { kind: 'wecom', target: wecom.url },
  ] }, s.admin.token);
  assert.is(made.status, 201, JSON.stringify(made.body));
  const shown = made.body.host.channels.map((c: any) => c.target);
  assert.equal(shown.slice(0, cases.length), cases.map(([, , masked]) => masked));
  assert.not.ok(JSON.stringify(made.body).includes('robot-key'), 'the local robot\'s key is masked too');
  for (const [, target] of cases.slice(0, 3)) assert.not.ok(JSON.stringify(made.body).includes(target.slice(-12)));
  // The admin's form sends the list back as it read it: the real URLs are kept, and the robot still gets messages.
  const again = await s.api('PATCH', `/api/hosts/${made.body.host.id}`, { channels: made.body.host.channels }, s.admin.token);
  assert.equal(again.body.host.channels, made.body.host.channels);
  const tested = await s.api('POST', `/api/hosts/${made.body.host.id}/test-message`, undefined, s.admin.token);
  const local = tested.body.results.find((r: any) => r.target.startsWith(wecom.url.split('?')[0]));
  assert.ok(local?.ok, JSON.stringify(tested.body.results));
  assert.not.ok(JSON.stringify(tested.body).includes('robot-key'));
  assert.is(wecom.bodies.length, 1);
  await wecom.close();
});

test('bad channels are refused with the field named, and nothing is stored', async () => {
  const cases: Array<[unknown, string]> = [
    ['not a list', 'channels'],
    [[{ kind: 'pager', target: 'http://x' }], 'channels[0].kind'],
    [[{ kind: 'slack', target: 'javascript:alert(1)' }], 'channels[0].target'],
    [[{ kind: 'slack', target: 'ftp://files.example.com/hook' }], 'channels[0].target'],
    [[{ kind: 'email', target: 'not-an-address' }], 'channels[0].target'],
    [[{ kind: 'wecom' }], 'channels[0].target'],
    [[{ kind: 'webhook', target: `http://x.example.com/${'a'.repeat(600)}` }], 'channels[0].target'],
    [[{ kind: 'webhook', target: 'http://x.example.com', secret: 42 }], 'channels[0].secret'],
    [[null], 'channels[0]'],
    [Array.from({ length: 11 }, () => ({ kind: 'slack', target: 'http://x.example.com' })), 'channels'],
  ];
  const before = (await s.api('GET', '/api/hosts?q=', undefined, s.admin.token)).body.hosts.length;
  for (const [channels, field] of cases) {
    const r = await s.api('POST', '/api/hosts', { name: '坏渠道', department: 'QA', channels }, s.admin.token);
    assert.is(r.status, 400, `${JSON.stringify(channels).slice(0, 60)} → ${r.status}`);
    assert.is(r.body.error.field, field);
  }
  assert.is((await s.api('GET', '/api/hosts?q=', undefined, s.admin.token)).body.hosts.length, before);
});

test('a host with only WeCom: the robot gets the arrival, the approve link asks first, then the kiosk hears the approval at once', async () => {
  const wecom = await robot();
  try {
    const host = (await s.api('POST', '/api/hosts', { name: '陈静', department: '市场部', channels: [{ kind: 'wecom', target: wecom.url }] }, s.admin.token)).body.host;
    const kiosk = await s.pairKiosk('东门');
    const kioskSock = await s.socket(kiosk.token);
    const reg = await s.api('POST', '/api/visits', { visitor: visitor(1), purpose: '签合同', hostId: host.id }, kiosk.token);
    assert.is(reg.status, 201);
    const message = await wecom.next(1);
    assert.is(message.msgtype, 'markdown');
    const text = String(message.markdown.content);
    for (const part of ['访客1', '星河科技', '签合同', '东门']) assert.ok(text.includes(part), `the message names ${part}`);
    assert.not.ok(text.includes('13912345678'), 'no phone unless the site turns it on');
    assert.not.ok(text.includes(visitor(1).idNumber) || text.includes(visitor(1).idNumber.slice(-8)), 'no ID number');
    const links = linksOf(message);
    const approve = Object.entries(links).find(([label]) => label.includes('Approve'))![1];
    assert.ok(approve.startsWith('http://foyer.test:8080/answer/'), approve);

    // A link scanner's GET changes nothing: it only shows what the link would do.
    const page = await open(approve);
    assert.is(page.status, 200);
    const html = await page.text();
    assert.match(html, '访客1');
    assert.match(html, '<form method="post">');
    assert.is((await s.api('GET', `/api/visits/${reg.body.visit.id}`, undefined, s.admin.token)).body.visit.status, 'awaiting-host');

    const approved = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.id === reg.body.visit.id && p.visit.status === 'approved', 1000);
    const done = await open(approve, 'POST');
    assert.is(done.status, 200);
    assert.match(await done.text(), '已同意');
    assert.is((await approved).visit.decidedBy, `link:${host.id}`, 'the kiosk heard it within a second');

    // Used again, or the deny link after: a clear page, nothing changes.
    const deny = Object.entries(links).find(([label]) => label.includes('Deny'))![1];
    for (const [link, method] of [[approve, 'POST'], [deny, 'GET'], [deny, 'POST']] as const) {
      const again = await open(link, method);
      assert.is(again.status, 409, `${method} after the decision`);
      assert.match(await again.text(), 'Already answered');
    }
    assert.is((await s.api('GET', `/api/visits/${reg.body.visit.id}`, undefined, s.admin.token)).body.visit.status !== 'denied', true);
    const log = (await s.api('GET', `/api/log?q=${reg.body.visit.id}`, undefined, s.admin.token)).body.events;
    assert.equal(log.find((e: any) => e.kind === 'host-notified').data.via, 'wecom', 'no console was open: WeCom alone told the host');
    assert.ok(log.some((e: any) => e.kind === 'host-channel-sent' && e.data.channel === 'wecom'));
    for (const e of log) assert.not.ok(JSON.stringify(e).includes('访客1'), 'the log never names the visitor');
  } finally {
    await wecom.close();
  }
});

test('"coming in 5 minutes" approves with a countdown to 5 minutes after the answer; an expired or forged link changes nothing', async () => {
  const wecom = await robot();
  try {
    const host = (await s.api('POST', '/api/hosts', { name: '杨洋', department: '财务部', channels: [{ kind: 'wecom', target: wecom.url }] }, s.admin.token)).body.host;
    const kiosk = await s.pairKiosk();
    const first = (await s.api('POST', '/api/visits', { visitor: visitor(2), purpose: '报销', hostId: host.id }, kiosk.token)).body.visit;
    const coming = Object.entries(linksOf(await wecom.next(1))).find(([label]) => label.includes('5 min'))![1];
    assert.is((await open(coming, 'POST')).status, 200);
    const { visit, now: serverNow } = (await s.api('GET', `/api/visits/${first.id}`, undefined, s.admin.token)).body;
    assert.equal([visit.status, visit.hostComing?.minutes, Date.parse(visit.hostComing?.until) - Date.parse(visit.decidedAt)], ['approved', 5, 5 * 60_000]);
    assert.ok(Date.parse(serverNow) <= Date.parse(visit.hostComing.until), 'the countdown is read against the server clock');

    const second = (await s.api('POST', '/api/visits', { visitor: visitor(3), purpose: '报销', hostId: host.id }, kiosk.token)).body.visit;
    const approve = Object.entries(linksOf(await wecom.next(2))).find(([label]) => label.includes('Approve'))![1];
    const forged = approve.slice(0, -3) + (approve.endsWith('AAA') ? 'BBB' : 'AAA');
    assert.is((await open(forged, 'POST')).status, 404);
    now += 5 * 3600_000; // past the visit's decision window (and its expiry, which the clock has not run yet)
    const late = await open(approve, 'POST');
    assert.ok([409, 410].includes(late.status), `expired: ${late.status}`);
    assert.not.equal((await s.api('GET', `/api/visits/${second.id}`, undefined, await s.login('admin', 'correct-horse-battery'))).body.visit.status, 'approved');
  } finally {
    now -= 5 * 3600_000;
    await wecom.close();
  }
});

test('a platform answering 500 is tried again: each attempt is in the log, then the message arrives', async () => {
  const flaky = await robot([500, 500]);
  try {
    const host = (await s.api('POST', '/api/hosts', { name: '黄磊', department: '行政部', channels: [{ kind: 'wecom', target: flaky.url }] }, s.admin.token)).body.host;
    const kiosk = await s.pairKiosk();
    const reg = (await s.api('POST', '/api/visits', { visitor: visitor(4), purpose: '送货', hostId: host.id }, kiosk.token)).body.visit;
    await flaky.next(1);
    await new Promise((r) => setTimeout(r, 100)); // the log event follows the delivery
    const log = (await s.api('GET', `/api/log?q=${reg.id}`, undefined, s.admin.token)).body.events;
    assert.equal(log.filter((e: any) => e.kind.startsWith('host-channel')).map((e: any) => [e.kind, e.data.attempt]),
      [['host-channel-failed', 1], ['host-channel-failed', 2], ['host-channel-sent', 3]]);
    assert.not.ok(JSON.stringify(log).includes('robot-key'), 'the webhook key is in no log event');
  } finally {
    await flaky.close();
  }
});

test('"send test": one try through each channel, each outcome answered and logged; admins only', async () => {
  const wecom = await robot();
  const closed = await robot();
  await closed.close(); // a port nobody listens on any more
  try {
    const host = (await s.api('POST', '/api/hosts', { name: '郑爽', department: '行政部', channels: [
      { kind: 'wecom', target: wecom.url }, { kind: 'webhook', target: closed.url, secret: 'hook-secret' }, { kind: 'email', target: 'zheng@example.com' },
    ] }, s.admin.token)).body.host;
    const r = await s.api('POST', `/api/hosts/${host.id}/test-message`, undefined, s.admin.token);
    assert.is(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.results.map((x: any) => [x.kind, x.ok]), [['wecom', true], ['webhook', false], ['email', false]]);
    assert.match(r.body.results[2].error, 'not set up');
    assert.not.ok(JSON.stringify(r.body).includes('hook-secret'));
    assert.match(String((await wecom.next(1)).markdown.content), '测试消息');
    const { token } = await s.makeUser('reception');
    assert.is((await s.api('POST', `/api/hosts/${host.id}/test-message`, undefined, token)).status, 403);
    assert.is((await s.api('POST', '/api/hosts/h-none/test-message', undefined, s.admin.token)).status, 404);
  } finally {
    await wecom.close();
  }
});

test('with FOYER_NOTIFY_PHONE=yes the message carries the visitor\'s phone', async () => {
  const wecom = await robot();
  const site = await startServer({ env: { FOYER_NOTIFY_PHONE: 'yes' } });
  try {
    const host = (await site.api('POST', '/api/hosts', { name: '何平', department: '保卫部', channels: [{ kind: 'wecom', target: wecom.url }] }, site.admin.token)).body.host;
    const kiosk = await site.pairKiosk();
    await site.api('POST', '/api/visits', { visitor: visitor(6), purpose: '维修', hostId: host.id }, kiosk.token);
    assert.match(String((await wecom.next(1)).markdown.content), '13912345678');
  } finally {
    await site.close();
    await wecom.close();
  }
});

test('a host with only e-mail: the mail\'s "Approve / 同意" line, opened and confirmed, approves at the kiosk', async () => {
  const smtp = await startSmtp();
  const site = await startServer({ env: { FOYER_PUBLIC_URL: 'https://foyer.example.com', FOYER_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, FOYER_MAIL_FROM: 'Foyer 前台 <foyer@example.com>' } });
  try {
    const host = (await site.api('POST', '/api/hosts', { name: '刘芳', department: '人力资源部', channels: [{ kind: 'email', target: 'liufang@example.com' }] }, site.admin.token)).body.host;
    const kiosk = await site.pairKiosk();
    const kioskSock = await site.socket(kiosk.token);
    const reg = (await site.api('POST', '/api/visits', { visitor: visitor(5), purpose: '面试', hostId: host.id }, kiosk.token)).body.visit;
    for (let i = 0; i < 100 && smtp.received.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const mail = readMail(smtp.received[0].raw);
    assert.equal(smtp.received[0].to, ['liufang@example.com']);
    assert.match(mail.header('subject') ?? '', '访客5');
    const text = mail.parts.find((p) => p.type === 'text/plain')!.text;
    const approve = /^Approve \/ 同意: (https:\/\/foyer\.example\.com\/answer\/\S+)$/m.exec(text)?.[1];
    assert.ok(approve, `the approve line:\n${text}`);
    assert.match(text, /^Deny \/ 拒绝: https:\/\/\S+$/m);
    assert.match(text, /^Coming in 5 min \/ 5 分钟后到: https:\/\/\S+$/m);
    const path = new URL(approve!).pathname;
    assert.is((await fetch(site.url + path)).status, 200, 'the first tap shows the confirmation');
    const approved = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.id === reg.id && p.visit.status === 'approved', 1000);
    assert.is((await fetch(site.url + path, { method: 'POST' })).status, 200, 'the second tap confirms');
    assert.is((await approved).visit.decidedBy, `link:${host.id}`);
  } finally {
    await site.close();
    await smtp.close();
  }
});

test.run();
