// The site's name (settings) in the invitation mail: subject and body; with none, the sender's name as before.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, type TestServer } from '../helpers/server.ts';
import { readMail, startSmtp } from '../helpers/mail.ts';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let s: TestServer;
test.before(async () => {
  smtp = await startSmtp({});
  s = await startServer({ env: { FOYER_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, FOYER_MAIL_FROM: '星河大厦 前台 <frontdesk@example.com>' } });
});
test.after(async () => { await s.close(); await smtp.close(); });

const invitation = () => ({
  visitor: { name: '王嘉宾', email: 'guest.wang@example.org' }, purpose: '项目评审',
  start: new Date(Date.now() + 3600_000).toISOString(), end: new Date(Date.now() + 3 * 3600_000).toISOString(),
});
async function mailed(token: string) {
  const before = smtp.received.length;
  assert.is((await s.api('POST', '/api/appointments', invitation(), token)).status, 201);
  for (let i = 0; i < 200 && smtp.received.length === before; i++) await new Promise((r) => setTimeout(r, 20));
  return readMail(smtp.received[before].raw);
}

test('no site name: the sender\'s name, as before; a site name set: it names the site in subject and body', async () => {
  const host = await s.makeHost('张伟', '研发部');
  assert.match((await mailed(host.token)).header('subject') ?? '', '星河大厦 前台');
  assert.is((await s.api('PATCH', '/api/settings', { siteName: '远山大厦' }, s.admin.token)).status, 200);
  const mail = await mailed(host.token);
  assert.match(mail.header('subject') ?? '', 'Your invitation: 远山大厦 ');
  assert.ok(mail.parts.find((p) => p.type === 'text/plain')!.text.includes('远山大厦'), 'the body names the site');
  assert.is((await s.api('PATCH', '/api/settings', { siteName: '' }, s.admin.token)).status, 200);
  assert.match((await mailed(host.token)).header('subject') ?? '', '星河大厦 前台', 'emptied: as before');
});

test.run();
