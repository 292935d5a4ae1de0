// The admin's notifications page in the browser: the SMTP status without its password, a test mail that a real SMTP
// server receives, each host's channels (their own or their department's) with a send test, a department's robot
// set and tested, and the last deliveries and failures.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import { ADMIN, residentId, startServer, type TestServer } from '../helpers/server.ts';
import { readMail, startSmtp } from '../helpers/mail.ts';
import { robot } from '../helpers/robot.ts';
import { auditScreen, chromiumPresent, ensureBuilt, eventually, launch, shootStaff as shoot, signInStaff } from './kiosk.ts';

if (chromiumPresent(import.meta.filename)) {
  let s: TestServer;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let wecom: Awaited<ReturnType<typeof robot>>;
  let dept: Awaited<ReturnType<typeof robot>>;

  test.before(async () => {
    ensureBuilt();
    [smtp, wecom, dept] = await Promise.all([startSmtp({ onAuth: (auth, _s, done) => done(null, { user: auth.username }) }), robot([500]), robot()]);
    [s, browser] = await Promise.all([
      startServer({ env: { FOYER_SMTP_URL: `smtp://desk:Hidden-PASS-99@127.0.0.1:${smtp.port}`, FOYER_MAIL_FROM: 'Foyer 前台 <foyer@example.com>' }, notifyRetryDelaysMs: [0, 50] }),
      launch(),
    ]);
  });
  test.after(async () => {
    await browser?.close();
    await s?.close();
    await Promise.all([smtp?.close(), wecom?.close(), dept?.close()]);
  });

  test('admin sees the SMTP status, sends a test mail, tests a host and sets a department robot, and reads the deliveries', async () => {
    const own = (await s.api('POST', '/api/hosts', { name: '陈静', department: '市场部', channels: [{ kind: 'wecom', target: wecom.url }] }, s.admin.token)).body.host;
    await s.api('POST', '/api/hosts', { name: '李雷', department: '研发部' }, s.admin.token);
    // A visit for the WeCom host: the robot refuses the first try, takes the second; both show as deliveries.
    const kiosk = await s.pairKiosk();
    await s.api('POST', '/api/visits', { visitor: { name: '页面访客', idType: 'cn-resident', idNumber: residentId('19900303', '456') }, purpose: '参观', hostId: own.id }, kiosk.token);
    await wecom.next(1);
    await eventually(async () => (await s.api('GET', '/api/notifications/deliveries?limit=5', undefined, s.admin.token)).body.deliveries.length >= 2);

    const page = await signInStaff(browser, s, ADMIN.username, ADMIN.password, '/admin/');
    await page.getByRole('tab', { name: '通知' }).click();
    await page.getByTestId('smtp-status').getByText(`Foyer 前台 <foyer@example.com>`).waitFor();
    assert.match(await page.getByTestId('smtp-status').innerText(), `127.0.0.1:${smtp.port}`);
    assert.not.ok((await page.content()).includes('Hidden-PASS-99'), 'the password is never on the page');

    await page.getByLabel('测试邮件发送至').fill('it-desk@example.com');
    await page.getByRole('button', { name: '发送测试邮件' }).click();
    await page.getByText('测试邮件已发送至 it-desk@example.com。').waitFor();
    assert.equal(smtp.received.at(-1)!.to, ['it-desk@example.com']);
    assert.match(readMail(smtp.received.at(-1)!.raw).header('subject') ?? '', 'Test message');

    // The deliveries table: the failed first try and the sent second, with the host's name and never the visitor's.
    const table = page.getByTestId('deliveries');
    await table.getByText('失败').first().waitFor();
    assert.match(await table.innerText(), '陈静');
    assert.match(await table.innerText(), '500');
    assert.not.ok((await table.innerText()).includes('页面访客'));

    // A host without channels shows "console only" until the department has a robot; then the department's.
    const li = page.locator('#host-reach li', { hasText: '李雷' });
    await li.getByText('无：仅在控制台通知').waitFor();
    const row = page.locator('#department-channels li.department-row', { hasText: '研发部' });
    await row.getByRole('button', { name: '编辑渠道' }).click();
    await row.getByRole('button', { name: '添加渠道' }).click();
    await row.getByLabel('渠道').selectOption('dingtalk');
    await row.getByLabel('Webhook 地址').fill(dept.url);
    await row.getByLabel(/签名密钥/).fill('SEC-dept-browser');
    await row.getByRole('button', { name: '保存渠道' }).click();
    await row.getByText('已保存：将通过这些渠道通知研发部。').waitFor();
    await li.getByText('(部门渠道)').waitFor();
    assert.not.ok((await page.content()).includes('SEC-dept-browser'), 'the secret is not shown again');

    await li.getByRole('button', { name: '发送测试' }).click();
    await li.getByText('已送达').waitFor();
    assert.match(JSON.stringify(await dept.next(1)), '测试消息');
    assert.match(dept.urls[0], /sign=/, 'signed with the department secret');
    assert.equal(await auditScreen(page), []);
    await shoot(page, 'admin-notifications-zh');

    await page.getByRole('button', { name: 'English' }).click().catch(() => undefined);
    await page.getByText('Last deliveries and failures').waitFor({ timeout: 2000 }).then(() => shoot(page, 'admin-notifications-en'), () => undefined);
    await page.context().close();
  });

  test.run();
}
