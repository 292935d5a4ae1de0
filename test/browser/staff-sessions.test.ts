// Sessions in the staff pages: sign out, a session ended by the server, changing a password, and the admin's
// account and kiosk actions, in a real browser (screenshots in both languages under test-output/screens/).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server.ts';
import { auditScreen, chromiumPresent, ensureBuilt, eventually, launch, shootStaff as shoot, signInStaff } from './kiosk.ts';

if (chromiumPresent(import.meta.filename)) {
  let s: TestServer;
  let browser: Browser;
  test.before(async () => {
    ensureBuilt();
    [s, browser] = await Promise.all([startServer(), launch()]);
  });
  test.after(async () => {
    await browser?.close();
    await s?.close();
  });

  const signIn = (username: string, password: string, landing: string) => signInStaff(browser, s, username, password, landing);
  const tokenOf = (page: Page) => page.evaluate(() => localStorage.getItem('foyer.staffToken'));

  async function inBothLanguages(page: Page, name: string): Promise<void> {
    await shoot(page, `${name}-zh`);
    const problems = await auditScreen(page);
    assert.equal(problems, [], `${name}: ${problems.join('; ')}`);
    await page.getByRole('button', { name: 'English' }).click();
    await shoot(page, `${name}-en`);
    await page.getByRole('button', { name: '中文' }).click();
  }

  test('sign out ends the session on the server and goes to sign-in', async () => {
    const desk = await s.makeUser('reception');
    const page = await signIn(desk.user.username, 'a-long-password', '/desk/');
    const token = await tokenOf(page);
    assert.ok(token);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(`${s.url}/login/`);
    await page.getByText('请使用管理员为您开设的账号登录。').waitFor();
    assert.is(await tokenOf(page), null, 'the token is forgotten');
    assert.is((await s.api('GET', '/api/me', undefined, token!)).status, 401, 'and ended on the server');
    await page.context().close();
  });

  test('a session the server ends (disabled account) sends a live page to sign-in with a message', async () => {
    const guard = await s.makeUser('security');
    const page = await signIn(guard.user.username, 'a-long-password', '/desk/');
    await page.waitForTimeout(500); // the socket is up
    assert.is((await s.api('POST', `/api/users/${guard.user.id}/disable`, undefined, s.admin.token)).status, 200);
    await page.waitForURL(/\/login\/\?expired=1$/, { timeout: 5000 });
    await page.getByText('您已退出登录').waitFor();
    await shoot(page, 'session-ended-zh');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Your session has ended').waitFor();
    await shoot(page, 'session-ended-en');
    await page.context().close();
  });

  test('a page without a socket (admin) goes to sign-in at its next call after the session ended elsewhere', async () => {
    const other = await s.makeUser('admin');
    const page = await signIn(other.user.username, 'a-long-password', '/admin/');
    const accounts = page.getByRole('tab', { name: '员工账号' });
    // The page has loaded and made its first calls: a session ended before one of those sends it to sign-in first.
    await accounts.waitFor();
    await page.waitForLoadState('networkidle');
    assert.is((await s.api('POST', '/api/logout', undefined, (await tokenOf(page))!)).status, 204);
    await accounts.click();
    await page.waitForURL(/\/login\/\?expired=1$/);
    await page.context().close();
  });

  test('change password: field errors from the server, then success keeps this page signed in and ends the others', async () => {
    const host = await s.makeHost('周杰', '市场部');
    const elsewhere = await s.login(host.user.username, 'a-long-password');
    const page = await signIn(host.user.username, 'a-long-password', '/host/');
    await page.waitForTimeout(500);
    // The dialog is modal (the header's language button is behind it): once in English first, then on in Chinese.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Change password' }).click();
    const english = page.getByRole('dialog', { name: 'Change your password' });
    await english.getByLabel('Current password').fill('not-my-password');
    await english.getByLabel('New password').fill('password12');
    await english.getByLabel('Repeat the password').fill('password12');
    await english.getByRole('button', { name: 'Change password' }).click();
    await english.getByText('This password is too easy to guess', { exact: false }).waitFor();
    await shoot(page, 'password-weak-en');
    await english.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: '中文' }).click();

    await page.getByRole('button', { name: '修改密码' }).click();
    const dialog = page.getByRole('dialog', { name: '修改您的密码' });
    await dialog.getByLabel('当前密码').fill('not-my-password');
    await dialog.getByLabel('新密码').fill('password12');
    await dialog.getByLabel('再次输入密码').fill('password12');
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await dialog.getByText('该密码太容易被猜到', { exact: false }).waitFor();
    await shoot(page, 'password-weak-zh');
    const problems = await auditScreen(page);
    assert.equal(problems, [], problems.join('; '));
    await dialog.getByLabel('新密码').fill('seven-lanterns-over-hangzhou');
    await dialog.getByLabel('再次输入密码').fill('seven-lanterns-over-hangzhou');
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await dialog.getByText('当前密码不正确。').waitFor();
    await shoot(page, 'password-wrong-zh');
    await dialog.getByLabel('当前密码').fill('a-long-password');
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('密码已修改。', { exact: false }).waitFor();
    assert.is(await dialog.count(), 0, 'the dialog closed');
    await inBothLanguages(page, 'password-changed');

    assert.is((await s.api('GET', '/api/me', undefined, elsewhere)).status, 401, 'the other session ended');
    const token = await tokenOf(page);
    assert.is((await s.api('GET', '/api/me', undefined, token!)).status, 200, 'this page holds a working token');
    await page.waitForTimeout(2500); // the server closed this page's socket too: it reconnects with the new token
    assert.is(page.url(), `${s.url}/host/`, 'still on the host page');
    assert.is(await page.getByText('与服务器的连接已中断', { exact: false }).count(), 0, 'and connected');
    await page.context().close();
  });

  test('admin: disable, enable and set a new password on an account', async () => {
    const desk = await s.makeUser('reception', { name: '王芳' });
    const page = await signIn(ADMIN.username, ADMIN.password, '/admin/');
    await page.getByRole('tab', { name: '员工账号' }).click();
    const row = page.getByRole('listitem').filter({ hasText: desk.user.username });
    await row.getByRole('button', { name: '停用' }).click();
    await page.getByText('已停用王芳的账号', { exact: false }).waitFor();
    await row.getByText('已停用', { exact: true }).waitFor();
    assert.is((await s.api('GET', '/api/me', undefined, desk.token)).status, 401);
    await inBothLanguages(page, 'admin-account-disabled');
    await row.getByRole('button', { name: '启用' }).click();
    await page.getByText('王芳可以重新登录了。').waitFor();

    await row.getByRole('button', { name: '重设密码…' }).click();
    await row.getByLabel('王芳的新密码').fill('1234567890');
    await row.getByRole('button', { name: '设置密码' }).click();
    await row.getByText('该密码太容易被猜到', { exact: false }).waitFor();
    await inBothLanguages(page, 'admin-account-reset');
    await row.getByLabel('王芳的新密码').fill('purple-elephant-dances');
    await row.getByRole('button', { name: '设置密码' }).click();
    await page.getByText('已为王芳设置新密码', { exact: false }).waitFor();
    assert.ok(await s.login(desk.user.username, 'purple-elephant-dances'));
    const mine = page.getByRole('listitem').filter({ hasText: '(您)' });
    // My own row is only edited (the header's "Change password" is for my password): no disable, reset or remove.
    assert.equal(await mine.getByRole('button').allTextContents(), ['编辑'], 'no disable, reset or remove on my own row');
    await page.context().close();
  });

  test('admin: revoke a kiosk, pair it again, and remove it', async () => {
    const k = await s.pairKiosk('西门');
    const page = await signIn(ADMIN.username, ADMIN.password, '/admin/');
    await page.getByRole('tab', { name: '自助终端' }).click();
    const row = page.getByRole('listitem').filter({ hasText: '西门' });
    await row.getByRole('button', { name: '吊销' }).click();
    await row.getByText('吊销“西门”？', { exact: false }).waitFor();
    await inBothLanguages(page, 'admin-kiosk-revoke');
    await row.getByRole('button', { name: '确认' }).click();
    await page.getByText('已吊销“西门”', { exact: false }).waitFor();
    await row.getByText('已吊销', { exact: true }).waitFor();
    assert.is((await s.api('GET', '/api/me', undefined, k.token)).status, 401);
    await inBothLanguages(page, 'admin-kiosk-revoked');

    await row.getByRole('button', { name: '生成新配对码' }).click();
    const code = (await page.getByTestId('pairing-code').textContent())!.trim();
    assert.is((await s.api('POST', '/api/kiosks/pair', { pairingCode: code })).status, 200, 'a revoked kiosk pairs again');
    await page.getByRole('button', { name: '完成' }).click();

    await row.getByRole('button', { name: '删除' }).click();
    await row.getByRole('button', { name: '确认' }).click();
    await page.getByText('已删除“西门”。').waitFor();
    await eventually(async () => (await page.getByRole('listitem').filter({ hasText: '西门' }).count()) === 0);
    assert.not.ok((await s.api('GET', '/api/kiosks', undefined, s.admin.token)).body.kiosks.some((x: any) => x.id === k.kiosk.id));
    await page.context().close();
  });

  test.run();
}
