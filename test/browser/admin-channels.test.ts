// An admin gives a host a WeCom robot in the browser, keeps a DingTalk secret without seeing it again, and sends a
// test: the robot (a local listener) receives it and the page says which channel delivered and which did not.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server.ts';
import { auditScreen, chromiumPresent, ensureBuilt, launch, shootStaff as shoot, signInStaff } from './kiosk.ts';

if (chromiumPresent(import.meta.filename)) {
  let s: TestServer;
  let browser: Browser;
  const received: string[] = [];
  const robot = http.createServer((req, res) => { let raw = ''; req.on('data', (d) => { raw += d; }); req.on('end', () => { received.push(raw); res.end('{"errcode":0}'); }); });

  test.before(async () => {
    ensureBuilt();
    await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', resolve));
    [s, browser] = await Promise.all([startServer(), launch()]);
  });
  test.after(async () => {
    await browser?.close();
    await s?.close();
    robot.close();
  });

  test('admin adds a WeCom robot and a signed DingTalk robot to a host, saves, and a test reaches the robot', async () => {
    const host = (await s.api('POST', '/api/hosts', { name: '陈静', department: '市场部' }, s.admin.token)).body.host;
    const wecom = `http://127.0.0.1:${(robot.address() as AddressInfo).port}/cgi-bin/webhook/send?key=k1`;
    const page = await signInStaff(browser, s, ADMIN.username, ADMIN.password, '/admin/');
    await page.getByLabel('姓名、拼音或部门').fill('cj');
    await page.getByRole('button', { name: /陈静/ }).click();

    await page.getByRole('button', { name: '添加渠道' }).click();
    await page.getByLabel('Webhook 地址').fill(wecom);
    await page.getByRole('button', { name: '添加渠道' }).click();
    await page.getByLabel('渠道').nth(1).selectOption('dingtalk');
    await page.getByLabel('Webhook 地址').nth(1).fill('http://127.0.0.1:1/robot/send?access_token=t');
    await page.getByLabel(/签名密钥/).fill('SEC-browser-secret');
    await page.getByRole('button', { name: '保存渠道' }).click();
    await page.getByText('已保存：将通过这些渠道通知 陈静。').waitFor();
    const stored = (await s.api('GET', `/api/hosts/${host.id}`, undefined, s.admin.token)).body.host.channels;
    assert.equal(stored, [{ kind: 'wecom', target: wecom }, { kind: 'dingtalk', target: 'http://127.0.0.1:1/robot/send?access_token=t', secretSet: true }]);
    assert.is(await page.getByLabel(/签名密钥/).inputValue(), '', 'the secret is not shown again');
    await page.getByText('已保存；输入以替换').waitFor();

    await page.getByRole('button', { name: '发送测试' }).click();
    await page.getByText('已送达').waitFor();
    await page.getByText('未送达').waitFor();
    assert.is(received.length, 1, 'the robot got the test');
    assert.match(received[0], '测试消息');
    assert.equal(await auditScreen(page), []);
    await shoot(page, 'admin-host-channels-zh');
    await page.context().close();
  });

  test.run();
}
