// A host invites a visitor with their e-mail address in the browser: the page says the invitation is on its way, a
// real SMTP server receives it, and the mail's HTML (its inline QR put back in place) is shot as a visitor sees it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { readMail, startSmtp } from '../helpers/mail.ts';
import { chromiumPresent, ensureBuilt, eventually, launch, shoot, shootStaff, signInStaff } from './kiosk.ts';

if (chromiumPresent(import.meta.filename)) {
  let s: TestServer;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  test.before(async () => {
    ensureBuilt();
    smtp = await startSmtp();
    [s, browser] = await Promise.all([
      startServer({ env: { FOYER_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, FOYER_MAIL_FROM: '星河大厦 前台 <frontdesk@example.com>' } }),
      launch(),
    ]);
  });
  test.after(async () => {
    await browser?.close();
    await s?.close();
    await smtp?.close();
  });

  test('a host adds the visitor\'s e-mail to an invitation; the visitor receives the code and its QR', async () => {
    const host = await s.makeHost('张伟', '研发部');
    const page = await signInStaff(browser, s, host.user.username, 'a-long-password', '/host/');
    await page.getByLabel('访客姓名').fill('王芳');
    await page.getByLabel('来访事由').fill('项目评审');
    await page.getByLabel(/访客邮箱/).fill('wang.fang@example.org');
    await page.getByRole('button', { name: '生成邀请码' }).click();
    const code = (await page.getByTestId('invite-code').textContent())!.trim();
    await page.getByTestId('invite-mail').getByText('邀请正通过邮件发送给访客。').waitFor();
    await shootStaff(page, 'host-invite-mailed-zh');

    const got = (await eventually(() => smtp.received.find((m) => m.to.includes('wang.fang@example.org'))))!;
    const mail = readMail(got.raw);
    assert.match(mail.parts.find((p) => p.type === 'text/plain')!.text, code);
    // The HTML as a mail client shows it: the cid: image replaced by the attached PNG.
    const start = got.raw.search(/Content-Type: image\/png/i);
    const bodyAt = got.raw.indexOf('\r\n\r\n', start);
    const png = got.raw.slice(bodyAt + 4, got.raw.indexOf('\r\n--', bodyAt)).replace(/\s+/g, '');
    const html = mail.parts.find((p) => p.type === 'text/html')!.text.replace('cid:invite-qr@foyer', `data:image/png;base64,${png}`);
    const view = await browser.newPage({ viewport: { width: 420, height: 900 } });
    await view.setContent(html);
    await view.getByText(code).first().waitFor();
    assert.ok(await view.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 100), 'the QR image shows');
    await shoot(view, 'mail-invitation', { fullPage: true });
    await view.close();
    await page.context().close();
  });

  test.run();
}
