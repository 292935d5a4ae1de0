// A newcomer's first minutes: the server prints a setup link, the browser makes the first admin, staff sign in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import { spawnServer, type ServerProcess } from '../helpers/process.ts';
import { chromiumPresent, DESK, ensureBuilt, eventually, launch, shootStaff as shoot } from './kiosk.ts';

if (chromiumPresent(import.meta.filename)) {
  let server: ServerProcess;
  let browser: Browser;
  let setupLink = '';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'foyer-setup-'));

  test.before(async () => {
    ensureBuilt();
    // An empty install, started the way npm start starts it: no bootstrap admin.
    [server, browser] = await Promise.all([
      spawnServer({ FOYER_DATA_DIR: dataDir, FOYER_BOOTSTRAP_ADMIN: '', FOYER_PRINTER: 'virtual' }),
      launch(),
    ]);
    setupLink = await eventually(() => /setup: no admin yet: open (\S+\/setup#\S+) to create the first admin/.exec(server.output())?.[1] ?? '');
  });
  test.after(async () => {
    await browser?.close();
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('the printed setup link creates the first admin and opens the admin page', async () => {
    assert.ok(setupLink.startsWith(`${server.url}/setup#`), setupLink);
    const page = await (await browser.newContext({ viewport: DESK, hasTouch: true })).newPage();
    page.on('pageerror', (error) => console.error('[page error]', error.message));
    await page.goto(setupLink);
    await page.getByRole('heading', { name: '创建首个管理员' }).waitFor();

    await page.getByRole('button', { name: '创建管理员' }).click();
    await page.getByText('请填写“用户名”。').waitFor(); // checked before anything is sent
    await page.getByLabel('用户名').fill('chen');
    await page.getByLabel('姓名').fill('陈主管');
    await page.getByLabel('密码', { exact: true }).fill('short');
    await page.getByLabel('再次输入密码').fill('short');
    await page.getByRole('button', { name: '创建管理员' }).click();
    await page.getByText('密码至少需要 10 个字符。').waitFor();
    await page.getByLabel('密码', { exact: true }).fill('a-strong-passphrase');
    await page.getByLabel('再次输入密码').fill('a-strong-passphrase');
    await shoot(page, 'setup-zh');
    await page.getByRole('button', { name: 'English' }).click();
    await shoot(page, 'setup-en');
    await page.getByRole('button', { name: 'Create admin' }).click();

    await page.waitForURL(`${server.url}/admin/`);
    await page.getByText('陈主管').waitFor();
    const token = await page.evaluate(() => localStorage.getItem('foyer.staffToken'));
    const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json());
    assert.is(me.user.role, 'admin');
    assert.is(me.user.username, 'chen');

    await page.goto(setupLink); // the link works once, and a used one says so before the form
    await page.getByText(/This setup link does not work any more/).first().waitFor();
    assert.is(await page.getByLabel('Username').count(), 0, 'no form for a used link');
    await page.goto(`${server.url}/setup/`);
    await page.getByText(/This page needs the setup link/).waitFor();
    await shoot(page, 'setup-no-link-en');
    await page.context().close();
  });

  test('sign-in explains a wrong password and sends an admin to the admin page', async () => {
    const page = await (await browser.newContext({ viewport: DESK, hasTouch: true })).newPage();
    await page.goto(`${server.url}/login/`);
    await page.getByLabel('用户名').fill('chen');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('用户名或密码错误。').waitFor();
    await shoot(page, 'login-zh');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Wrong username or password.').waitFor();
    await shoot(page, 'login-en');
    await page.getByLabel('Password').fill('a-strong-passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/admin/`);
    await page.getByRole('heading', { name: 'Add a host' }).waitFor(); // the language choice is kept
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.url}/login/`);
    assert.is(await page.evaluate(() => localStorage.getItem('foyer.staffToken')), null, 'signing out forgets the token');
    await page.context().close();
  });

  test.run();
}
