// An admin manages what they created in the browser: edits and deactivates a host (the kiosk's search no longer finds
// them), is told in words why a host with visits cannot be removed, resets a password, and revokes a kiosk, whose
// lobby page goes back to pairing at once. Desk size and 390 px, in both languages.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, residentId, startServer, type TestServer } from '../helpers/server.ts';
import { auditScreen, chromiumPresent, ensureBuilt, launch, openKiosk, shootStaff as shoot, signInStaff, staffHeaderButton } from './kiosk.ts';

const PHONE = { width: 390, height: 844 };

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
  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);

  test('admin edits a host, deactivates them (gone from the kiosk search), and is told why a visited host stays', async () => {
    const host = (await s.api('POST', '/api/hosts', { name: '陈静', department: '市场部' }, s.admin.token)).body.host;
    const kiosk = await s.pairKiosk('Lobby');
    const page = await signInStaff(browser, s, ADMIN.username, ADMIN.password, '/admin/');
    const editor = page.getByTestId('host-edit');
    const panel = page.getByRole('region', { name: '编辑被访人' });
    await panel.getByLabel('被访人', { exact: true }).fill('陈静');
    await panel.getByRole('button', { name: /陈静/ }).click();
    await editor.getByLabel('部门').fill('品牌部');
    await editor.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存 陈静。').waitFor();
    assert.is((await s.api('GET', `/api/hosts/${host.id}`, undefined, s.admin.token)).body.host.department, '品牌部');

    await editor.getByRole('button', { name: '停用' }).click();
    await page.getByText('陈静 已停用：访客不能再选择此人，已有的来访不受影响。').waitFor();
    await editor.getByText('已停用', { exact: true }).waitFor();
    assert.equal((await s.api('GET', '/api/hosts?q=陈静', undefined, kiosk.token)).body.hosts, [], 'the kiosk no longer finds the host');
    // The admin still finds them, marked inactive in the search.
    await panel.getByRole('button', { name: '更换' }).click();
    await panel.getByLabel('被访人', { exact: true }).fill('陈静');
    await panel.getByRole('button', { name: /陈静/ }).getByText('品牌部 · 已停用').waitFor();
    await panel.getByRole('button', { name: /陈静/ }).click();
    assert.equal(await auditScreen(page), []);
    await shoot(page, 'admin-manage-host-zh');
    await editor.getByRole('button', { name: '重新启用' }).click();
    await page.getByText('陈静 已重新启用。').waitFor();

    // A host with a visit on record: removing is refused, in words.
    const reg = await s.api('POST', '/api/visits', { visitor: { name: '王小明', idType: 'cn-resident', idNumber: residentId('19850612', '031'), phone: '13800138000' }, purpose: 'Meeting', hostId: host.id }, kiosk.token);
    assert.is(reg.status, 201);
    await editor.getByRole('button', { name: '删除' }).click();
    await editor.getByText('从名录中删除“陈静”？此操作无法撤销。').waitFor();
    await editor.getByRole('button', { name: '确认' }).click();
    await page.getByText('该被访人有来访记录（须保留），无法删除。请改为停用。').waitFor();
    await staffHeaderButton(page, 'English');
    await page.getByText('This host has visits on record, which must be kept, so it cannot be removed. Deactivate the host instead.').waitFor();
    await shoot(page, 'admin-manage-host-en');
    await page.context().close();
  });

  test('admin resets a password (the rules shown) and revokes a kiosk after confirming: the lobby is told at once', async () => {
    const { user } = await s.makeUser('reception');
    const kiosk = await s.pairKiosk('Front door');
    const lobby = await openKiosk(browser, s, kiosk.token);
    await lobby.page.locator('body').waitFor();
    const page = await signInStaff(browser, s, ADMIN.username, ADMIN.password, '/admin/');
    await page.getByRole('tab', { name: '员工账号' }).click();
    const row = page.locator('li.row', { hasText: user.username });
    await row.getByRole('button', { name: '重设密码…' }).click();
    await row.getByText('至少 10 个字符，且不易被猜到（例如几个互不相关的词）').waitFor();
    await row.getByLabel(/设置新密码|新密码/).first().fill('short');
    await row.getByRole('button', { name: '设置密码' }).click();
    await row.getByRole('alert').or(row.locator('.field-error')).first().waitFor();
    await row.getByLabel(/设置新密码|新密码/).first().fill('violet-harbour-lantern-77');
    await row.getByRole('button', { name: '设置密码' }).click();
    await page.getByText(/已为.*设置新密码/).waitFor();
    assert.is((await s.api('POST', '/api/login', { username: user.username, password: 'violet-harbour-lantern-77' })).status, 200);
    await shoot(page, 'admin-manage-accounts-zh');

    await page.getByRole('tab', { name: '自助终端' }).click();
    const k = page.locator('li.row', { hasText: 'Front door' });
    await k.getByRole('button', { name: '吊销' }).click();
    await k.getByText('吊销“Front door”？该终端将立即停止工作，之后可用新的配对码重新配对。').waitFor();
    await k.getByRole('button', { name: '确认' }).click();
    await page.getByText('已吊销“Front door”，该终端已无法使用。').waitFor();
    await lobby.page.getByText(/设置本终端|Set up this kiosk/).waitFor({ timeout: 10_000 });
    await shoot(page, 'admin-manage-kiosks-zh');
    await staffHeaderButton(page, 'English');
    await shoot(page, 'admin-manage-kiosks-en');
    assert.equal(await auditScreen(page), []);
    await page.context().close();
    await lobby.context.close();
  });

  test('at 390 px the rows are cards, nothing scrolls sideways, in both languages', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const phone = await signInStaff(browser, s, ADMIN.username, ADMIN.password, '/admin/', { viewport: PHONE });
      if (lang === 'en') await staffHeaderButton(phone, 'English');
      for (const [tab, name] of [['员工账号', 'Staff accounts'], ['自助终端', 'Kiosks']] as const) {
        await phone.getByRole('tab', { name: lang === 'zh' ? tab : name }).click();
        await phone.locator('li.row').first().waitFor();
        await phone.locator('li.row').first().getByRole('button', { name: lang === 'zh' ? '编辑' : 'Edit' }).click();
        assert.ok(await noSidewaysScroll(phone), `no sideways scroll at 390 px (${lang}, ${name})`);
        assert.equal(await auditScreen(phone), []);
        await shoot(phone, `admin-manage-phone-${name.split(' ')[0].toLowerCase()}-${lang}`);
      }
      await phone.context().close();
    }
  });

  test.run();
}
