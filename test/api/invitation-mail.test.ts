// The invitation mailed to its visitor: a real SMTP server receives a bilingual mail with the code, the time in site
// time, the site and the host, and the QR as an inline PNG that reads back as the invite code; retried like a host
// message; the address is never stored nor logged, and neither is the visitor's name.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import jsqrModule from 'jsqr';
import { createRequire } from 'node:module';
import { startServer, type TestServer } from '../helpers/server.ts';
import { readMail, smtpError, startSmtp } from '../helpers/mail.ts';

const jsQR = ((jsqrModule as unknown as { default?: typeof jsqrModule }).default ?? jsqrModule) as unknown as
  (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

// pngjs (qrcode's own PNG codec) ships no types: the one call used here, typed.
const { PNG } = createRequire(import.meta.url)('pngjs') as { PNG: { sync: { read(png: Buffer): { width: number; height: number; data: Buffer } } } };

/** The inline image of a raw message: its part headers and the PNG bytes (base64 as nodemailer sends them). */
function inlineImage(raw: string): { headers: string; png: Buffer } {
  const start = raw.search(/Content-Type: image\/png/i);
  assert.ok(start >= 0, 'the mail has a PNG part');
  const bodyAt = raw.indexOf('\r\n\r\n', start);
  const headers = raw.slice(start, bodyAt);
  const body = raw.slice(bodyAt + 4, raw.indexOf('\r\n--', bodyAt));
  return { headers, png: Buffer.from(body.replace(/\s+/g, ''), 'base64') };
}

const now = Date.parse('2026-12-01T09:00:00+08:00');
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let refuseNext = 0;
let s: TestServer;
test.before(async () => {
  smtp = await startSmtp({
    onRcptTo(_address, _session, done) {
      if (refuseNext > 0) { refuseNext--; return done(smtpError(451, 'Try again later, <guest.wang@example.org> is busy')); }
      done();
    },
  });
  s = await startServer({
    clock: () => new Date(now),
    env: { FOYER_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, FOYER_MAIL_FROM: '星河大厦 前台 <frontdesk@example.com>' },
    notifyRetryDelaysMs: [0, 50, 50],
  });
});
test.after(async () => { await s.close(); await smtp.close(); });

const invitation = (email?: unknown) => ({
  visitor: { name: '王嘉宾', company: '远方科技', ...(email === undefined ? {} : { email }) },
  purpose: '项目评审', start: '2026-12-02T14:00:00+08:00', end: '2026-12-02T16:30:00+08:00',
});
const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(check(), what);
};

test('the visitor gets a bilingual invitation whose inline QR reads back as the invite code', async () => {
  const host = await s.makeHost('张伟', '研发部');
  const before = smtp.received.length;
  const r = await s.api('POST', '/api/appointments', invitation('guest.wang@example.org'), host.token);
  assert.is(r.status, 201, JSON.stringify(r.body));
  assert.is(r.body.mail, 'sending');
  assert.not.ok(JSON.stringify(r.body.appointment).includes('guest.wang'), 'the address is not on the invitation');
  await until(() => smtp.received.length > before, 'the mail arrived');
  const got = smtp.received[before];
  assert.equal(got.to, ['guest.wang@example.org']);
  const mail = readMail(got.raw);
  assert.match(mail.header('subject') ?? '', '访客邀请 Your invitation: 星河大厦 前台 2026-12-02 14:00–16:30');
  const text = mail.parts.find((p) => p.type === 'text/plain')!.text;
  const code = r.body.appointment.inviteCode;
  for (const part of [code, '2026-12-02 14:00–16:30', '星河大厦 前台', '张伟 (研发部)', '项目评审', 'Invite code / 邀请码', 'scan the QR code', '扫描']) {
    assert.ok(text.includes(part), `the text names ${part}`);
  }
  const html = mail.parts.find((p) => p.type === 'text/html')!.text;
  assert.match(html, '<img src="cid:invite-qr@foyer"');

  const image = inlineImage(got.raw);
  assert.match(image.headers, /Content-ID: <invite-qr@foyer>/i);
  assert.match(image.headers, /Content-Disposition: inline/i);
  const png = PNG.sync.read(image.png);
  assert.is(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data, code, 'the QR is the invite code');

  let sent: any;
  for (let i = 0; i < 50 && !sent; i++) {
    sent = (await s.api('GET', `/api/log?q=${r.body.appointment.id}`, undefined, s.admin.token)).body.events.find((e: any) => e.kind === 'invitation-mail-sent');
    if (!sent) await new Promise((res) => setTimeout(res, 20));
  }
  assert.equal(sent.data, { appointment: r.body.appointment.id, host: host.host.id, channel: 'email', attempt: 1 });
  assert.equal(await s.holding('guest.wang'), [], 'the address is kept nowhere');
});

test('a refused first try is retried; the log keeps neither the address nor the name; the admin page lists both tries', async () => {
  const host = await s.makeHost('李娜', '市场部');
  refuseNext = 1;
  const before = smtp.received.length;
  const r = await s.api('POST', '/api/appointments', { ...invitation('guest.wang@example.org'), hostId: host.host.id }, s.admin.token);
  assert.is(r.status, 201);
  await until(() => smtp.received.length > before, 'the second try arrived');
  let events: any[] = [];
  for (let i = 0; i < 50 && !events.some((e) => e.kind === 'invitation-mail-sent'); i++) {
    events = (await s.api('GET', `/api/log?q=${r.body.appointment.id}`, undefined, s.admin.token)).body.events;
    await new Promise((res) => setTimeout(res, 20));
  }
  assert.ok(events.some((e) => e.kind === 'invitation-mail-sent'), 'the log has the send');
  const failed = events.find((e) => e.kind === 'invitation-mail-failed');
  assert.is(failed.data.attempt, 1);
  assert.is(failed.data.final, false);
  assert.match(failed.data.error, '451');
  const all = JSON.stringify((await s.api('GET', '/api/log?from=2026-11-30T00:00:00Z&to=2026-12-03T00:00:00Z', undefined, s.admin.token)).body.events);
  assert.not.ok(all.includes('guest.wang'), 'no address in the log');
  assert.not.ok(all.includes('王嘉宾'), 'no visitor name in the log');
  const listed = (await s.api('GET', '/api/notifications/deliveries?limit=10', undefined, s.admin.token)).body.deliveries;
  assert.equal(listed.filter((d: any) => d.appointment === r.body.appointment.id).map((d: any) => [d.kind, d.hostName]), [
    ['invitation-mail-sent', '李娜'], ['invitation-mail-failed', '李娜'],
  ]);
});

test('a bad visitor e-mail is refused with the field named; nothing is stored or sent', async () => {
  const host = await s.makeHost('赵敏', '财务部');
  const before = { mails: smtp.received.length, log: (await s.api('GET', '/api/log?q=appointment-created', undefined, s.admin.token)).body.events.length };
  const cases: Array<[unknown, string]> = [
    ['not-an-address', 'invalid-input'],
    [42, 'invalid-input'],
    [['a@b.example.com'], 'invalid-input'],
    ['a@b.example.com\r\nBcc: x@evil.example.com', 'invalid-input'],
    ['"Evil" <x@evil.example.com>', 'invalid-input'],
    [`${'a'.repeat(120)}@example.com`, 'too-long'],
  ];
  for (const [email, code] of cases) {
    const r = await s.api('POST', '/api/appointments', invitation(email), host.token);
    assert.is(r.status, 400, JSON.stringify(email));
    assert.is(r.body.error.field, 'visitor.email');
    assert.is(r.body.error.code, code, JSON.stringify(email));
  }
  const hostile = await s.api('POST', '/api/appointments', undefined, host.token, '{"visitor":{"name":"x","__proto__":{"email":"a@b.cc"}},"purpose":"p","start":"2026-12-02T14:00:00+08:00","end":"2026-12-02T15:00:00+08:00"}');
  assert.is(hostile.status, 400);
  assert.is((await s.api('POST', '/api/appointments', undefined, host.token, JSON.stringify({ ...invitation('a@b.cc'), pad: 'x'.repeat(300_000) }))).status, 413);
  const after = (await s.api('GET', '/api/log?q=appointment-created', undefined, s.admin.token)).body.events.length;
  assert.is(after, before.log, 'no invitation was made');
  await new Promise((r) => setTimeout(r, 100));
  assert.is(smtp.received.length, before.mails, 'nothing was sent');
});

test('kiosks and security cannot invite (and so cannot mail anyone); a site without e-mail still invites, answering mail "off"', async () => {
  const kiosk = await s.pairKiosk();
  const security = await s.makeUser('security');
  const before = smtp.received.length;
  for (const token of [kiosk.token, security.token]) assert.is((await s.api('POST', '/api/appointments', { ...invitation('x@example.com'), hostId: 'h-x' }, token)).status, 403);
  assert.is((await s.api('POST', '/api/appointments', invitation('x@example.com'))).status, 401);
  assert.is(smtp.received.length, before);

  const bare = await startServer();
  try {
    const host = await bare.makeHost('孙强', '行政部');
    const r = await bare.api('POST', '/api/appointments', { ...invitation('guest@example.org'), start: new Date(Date.now() + 3600_000).toISOString(), end: new Date(Date.now() + 7200_000).toISOString() }, host.token);
    assert.is(r.status, 201, JSON.stringify(r.body));
    assert.is(r.body.mail, 'off');
    const plain = await bare.api('POST', '/api/appointments', { ...invitation(), start: new Date(Date.now() + 3600_000).toISOString(), end: new Date(Date.now() + 7200_000).toISOString() }, host.token);
    assert.is(plain.body.mail, undefined, 'no address, no word about mail');
  } finally {
    await bare.close();
  }
});

test.run();
