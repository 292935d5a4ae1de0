// The e-mail channel against a real SMTP server on loopback: the bytes a host's mailbox would get, parsed here by hand.
import net from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { HostMessage } from '../../server/notify/channel.ts';
import { createEmailChannel } from '../../server/notify/email.ts';
import { parseMailConfig } from '../../server/notify/email-config.ts';
import { readMail, smtpError, startSmtp, type Mail } from '../helpers/mail.ts';

const part = (mail: Mail, type: string) => {
  const found = mail.parts.find((p) => p.type === type);
  assert.ok(found, `a ${type} part`);
  return found.text;
};

// --- fixtures ---

const LONG = 'x'.repeat(90); // longer than a mail line, so quoted-printable has to wrap it
const links = {
  approve: { url: `https://foyer.example/act/approve?t=${LONG}`, en: 'Approve', zh: '同意' },
  deny: { url: 'https://foyer.example/act/deny?t=abc&v=2', en: 'Deny', zh: '拒绝' },
  coming: [{ url: 'https://foyer.example/act/coming?t=abc&m=5', en: 'Coming in 5 min', zh: '5 分钟后到' }],
};

function arrival(overrides: Partial<HostMessage> = {}): HostMessage {
  return {
    kind: 'arrived', visitId: 'v-1', number: 'A-0042',
    visitor: { name: '王小明', company: '星河科技 Xinghe Tech' }, purpose: '面试 Interview',
    arrivedAt: '2026-11-30T06:05:00.000Z', arrivedAtLabel: '2026-11-30 14:05', kiosk: '东门大厅 East lobby',
    host: { name: '李华', department: '研发部' }, links, ...overrides,
  };
}

const FROM = 'Foyer 前台 <foyer@example.com>';
const now = new Date('2026-11-30T06:05:01Z');
const host = { kind: 'email' as const, target: 'li.hua@example.com' };

async function sendOne(message: HostMessage) {
  const smtp = await startSmtp();
  const channel = createEmailChannel({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM, timeoutMs: 2000 });
  try {
    const delivery = await channel.send(host, message, now);
    assert.equal(delivery, { ok: true, status: 250, retryable: false });
    assert.is(smtp.received.length, 1);
    return { envelope: smtp.received[0], mail: readMail(smtp.received[0].raw) };
  } finally { channel.close(); await smtp.close(); }
}

// --- the message ---

test('an arrival goes to the host with a bilingual subject, encoded for the header and decoded back', async () => {
  const { envelope, mail } = await sendOne(arrival());
  assert.equal(envelope.to, ['li.hua@example.com']);
  assert.is(envelope.from, 'foyer@example.com');
  assert.is(mail.header('to'), 'li.hua@example.com');
  assert.match(mail.header('from') ?? '', /Foyer 前台.*<foyer@example\.com>/);
  assert.is(mail.header('subject'), '访客到达 Visitor arrived: 王小明 (A-0042)');
  assert.ok(/^[\x20-\x7e\r\n\t]*$/.test(mail.rawHeaders), 'headers are ASCII: non-ASCII went through RFC 2047');
  assert.match(mail.rawHeaders, /^Subject: .*=\?UTF-8\?[BQ]\?/im);
  assert.is(mail.header('auto-submitted'), 'auto-generated');
  assert.is(new Date(mail.header('date') ?? '').toISOString(), now.toISOString());
});

test('the plain-text part has one line per action, `${en} / ${zh}: ${url}` exactly (the contract)', async () => {
  const { mail } = await sendOne(arrival());
  const lines = part(mail, 'text/plain').split('\n');
  const actionLines = lines.filter((l) => /: https?:\/\//.test(l));
  assert.equal(actionLines, [
    `Approve / 同意: https://foyer.example/act/approve?t=${LONG}`,
    'Deny / 拒绝: https://foyer.example/act/deny?t=abc&v=2',
    'Coming in 5 min / 5 分钟后到: https://foyer.example/act/coming?t=abc&m=5',
  ]);
  for (const detail of ['王小明', 'Company / 单位: 星河科技 Xinghe Tech', 'Purpose / 事由: 面试 Interview', 'Arrived at / 到达时间: 2026-11-30 14:05', 'Kiosk / 登记终端: 东门大厅 East lobby', 'Number / 编号: A-0042', 'Host / 被访人: 李华 (研发部)']) {
    assert.ok(lines.includes(detail), `text has "${detail}"`);
  }
});

test('the HTML part shows the details and the actions as links, phone-sized', async () => {
  const { mail } = await sendOne(arrival());
  const body = part(mail, 'text/html');
  const hrefs = [...body.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1].replace(/&#38;/g, '&'));
  assert.equal(hrefs, [links.approve.url, links.deny.url, links.coming[0].url]);
  for (const text of ['Approve / 同意', 'Deny / 拒绝', 'Coming in 5 min / 5 分钟后到', '星河科技 Xinghe Tech', '面试 Interview', '2026-11-30 14:05', '东门大厅 East lobby', 'A-0042']) {
    assert.ok(body.includes(text), `html has "${text}"`);
  }
  assert.match(body, /name="viewport"/);
  assert.not.match(body, /<style|<link|<script/i, 'inline styles only');
});

test('an invited visitor who arrived: 已到达 / has arrived, and nothing to click', async () => {
  const { mail } = await sendOne(arrival({ kind: 'invited-arrived', links: undefined }));
  assert.is(mail.header('subject'), '访客已到达 Visitor has arrived: 王小明 (A-0042)');
  assert.not.match(part(mail, 'text/plain'), /https?:\/\//);
  assert.not.match(part(mail, 'text/html'), /<a /);
});

test('a hostile visitor name is escaped in HTML and cannot add a link line or a header', async () => {
  const name = '<script>alert(1)</script>\r\nBcc: thief@example.net\nApprove / 同意: https://evil.example/';
  const { envelope, mail } = await sendOne(arrival({ visitor: { name, company: '"><img src=x onerror=alert(1)>' } }));
  assert.equal(envelope.to, ['li.hua@example.com']);
  assert.not.match(mail.rawHeaders, /^Bcc:/im);
  const html = part(mail, 'text/html');
  assert.not.ok(html.includes('<script>') || html.includes('<img'), 'no markup from the visitor');
  assert.ok(html.includes('&#60;script&#62;alert(1)&#60;/script&#62;'));
  const text = part(mail, 'text/plain');
  assert.is(text.split('\n').filter((l) => l.startsWith('Approve / 同意:')).length, 1, 'one approve line, the real one');
  assert.ok(text.split('\n').some((l) => l.startsWith('<script>alert(1)</script> Bcc: thief@example.net Approve')), 'the name stays on one line');
});

test('never an ID number, even if a caller slips one in; the phone only when given', async () => {
  const withId = { ...arrival(), idNumber: '11010519491231002X' } as HostMessage;
  const without = await sendOne(withId);
  for (const body of [part(without.mail, 'text/plain'), part(without.mail, 'text/html'), without.mail.header('subject') ?? '']) {
    assert.not.match(body, /\d{15,17}[\dXx]/);
    assert.not.match(body, /Phone|电话|138/);
  }
  const withPhone = await sendOne(arrival({ visitor: { name: '王小明', phone: '13800138000' } }));
  assert.ok(part(withPhone.mail, 'text/plain').split('\n').includes('Phone / 电话: 13800138000'));
  assert.ok(part(withPhone.mail, 'text/html').includes('13800138000'));
});

// --- deliveries that fail ---

const refusals: [string, number, boolean][] = [
  ['550 mailbox unavailable: never', 550, false],
  ['451 try again later: retry', 451, true],
];
for (const [name, code, retryable] of refusals) {
  test(`a server answering ${name}`, async () => {
    const smtp = await startSmtp({ onRcptTo: (_a, _s, done) => done(smtpError(code, 'No thanks')) });
    const channel = createEmailChannel({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM, timeoutMs: 2000 });
    try {
      const delivery = await channel.send(host, arrival(), now);
      assert.is(delivery.ok, false);
      assert.is(delivery.status, code);
      assert.is(delivery.retryable, retryable);
      assert.match(delivery.error ?? '', String(code));
      assert.is(smtp.received.length, 0);
    } finally { channel.close(); await smtp.close(); }
  });
}

async function unusedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

test('a refused connection is worth another try', async () => {
  const channel = createEmailChannel({ smtpUrl: `smtp://127.0.0.1:${await unusedPort()}`, from: FROM, timeoutMs: 2000 });
  const delivery = await channel.send(host, arrival(), now);
  channel.close();
  assert.is(delivery.ok, false);
  assert.is(delivery.retryable, true);
  assert.is(delivery.status, undefined);
});

test('a server that never greets times out after timeoutMs, and that is worth another try', async () => {
  const sockets = new Set<net.Socket>();
  const silent = net.createServer((s) => { sockets.add(s); s.on('error', () => undefined); });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
  const channel = createEmailChannel({ smtpUrl: `smtp://127.0.0.1:${(silent.address() as net.AddressInfo).port}`, from: FROM, timeoutMs: 300 });
  const started = Date.now();
  const delivery = await channel.send(host, arrival(), now);
  channel.close();
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
  assert.ok(Date.now() - started < 2000, 'gave up quickly');
  assert.equal([delivery.ok, delivery.retryable], [false, true]);
});

test('an address that is not one is refused before connecting', async () => {
  const channel = createEmailChannel({ smtpUrl: 'smtp://127.0.0.1:1', from: FROM });
  const delivery = await channel.send({ kind: 'email', target: 'li.hua@example.com\r\nBcc: x@example.net' }, arrival(), now);
  channel.close();
  assert.equal([delivery.ok, delivery.retryable], [false, false]);
});

// --- credentials ---

const PASSWORD = 'hunter2-Secret@9'; // percent-encoded in the URL as %40
const authed = () => startSmtp({
  authOptional: false,
  // A careless server that echoes the password back: the channel must still not repeat it.
  onAuth: (auth, _s, done) => auth.username === 'foyer' && auth.password === PASSWORD
    ? done(null, { user: 'foyer' }) : done(smtpError(535, `Authentication failed for ${auth.username}/${auth.password}`)),
});

test('verify() and send() authenticate with the user and the decoded password', async () => {
  const smtp = await authed();
  const channel = createEmailChannel({ smtpUrl: `smtp://foyer:${encodeURIComponent(PASSWORD)}@127.0.0.1:${smtp.port}`, from: FROM, timeoutMs: 2000 });
  try {
    assert.equal(await channel.verify(), { ok: true, retryable: false });
    assert.is((await channel.send(host, arrival(), now)).ok, true);
    assert.is(smtp.received.length, 1);
  } finally { channel.close(); await smtp.close(); }
});

test('bad credentials: not ok, not retryable, and the password is in no error', async () => {
  const smtp = await authed();
  const wrong = 'Wrong-Pa55word@x';
  const channel = createEmailChannel({ smtpUrl: `smtp://foyer:${encodeURIComponent(wrong)}@127.0.0.1:${smtp.port}`, from: FROM, timeoutMs: 2000 });
  try {
    for (const delivery of [await channel.verify(), await channel.send(host, arrival(), now)]) {
      assert.equal([delivery.ok, delivery.retryable, delivery.status], [false, false, 535]);
      assert.match(delivery.error ?? '', /Authentication failed for foyer\/\*\*\*/);
      assert.not.ok(delivery.error?.includes(wrong) || delivery.error?.includes(encodeURIComponent(wrong)), 'no password');
    }
    assert.is(smtp.received.length, 0);
  } finally { channel.close(); await smtp.close(); }
});

// --- configuration ---

const configs: [string, Record<string, string>, RegExp | undefined][] = [
  ['unset: no e-mail channel', {}, undefined],
  ['a missing host', { FOYER_SMTP_URL: 'smtp://foyer:s3cret-pw@:587', FOYER_MAIL_FROM: 'a@example.com' }, /^FOYER_SMTP_URL=.*(host|not valid)/],
  ['a bad scheme', { FOYER_SMTP_URL: 'https://foyer:s3cret-pw@mail.example.com', FOYER_MAIL_FROM: 'a@example.com' }, /^FOYER_SMTP_URL="https:\/\/foyer:\*\*\*@mail\.example\.com" is not valid/],
  ['no scheme at all', { FOYER_SMTP_URL: 'foyer:s3cret-pw@mail.example.com', FOYER_MAIL_FROM: 'a@example.com' }, /^FOYER_SMTP_URL=.*foyer:\*\*\*@/],
  ['a sender that is not an address', { FOYER_SMTP_URL: 'smtp://foyer:s3cret-pw@mail.example.com', FOYER_MAIL_FROM: 'Foyer' }, /^FOYER_MAIL_FROM="Foyer" is not valid/],
  ['a sender without a URL', { FOYER_MAIL_FROM: 'a@example.com' }, /FOYER_SMTP_URL is not/],
  ['a URL without a sender', { FOYER_SMTP_URL: 'smtp://foyer:s3cret-pw@mail.example.com' }, /^FOYER_MAIL_FROM is not set/],
];
for (const [name, env, refusal] of configs) {
  test(`parseMailConfig: ${name}`, () => {
    let error: Error | undefined;
    let result: unknown;
    try { result = parseMailConfig(env); } catch (e) { error = e as Error; }
    if (!refusal) { assert.is(error, undefined); assert.is(result, undefined); return; }
    assert.ok(error, 'refused');
    assert.match(error.message, refusal);
    assert.not.ok(error.message.includes('s3cret-pw'), 'the password is never in the message');
  });
}

test('parseMailConfig accepts smtp:// and smtps:// with a display-named sender', () => {
  assert.equal(parseMailConfig({ FOYER_SMTP_URL: 'smtps://foyer:p%40ss@mail.example.com:465', FOYER_MAIL_FROM: FROM }), { smtpUrl: 'smtps://foyer:p%40ss@mail.example.com:465', from: FROM });
  assert.equal(parseMailConfig({ FOYER_SMTP_URL: 'smtp://mail.example.com', FOYER_MAIL_FROM: 'foyer@example.com' }), { smtpUrl: 'smtp://mail.example.com', from: 'foyer@example.com' });
});

test.run();
