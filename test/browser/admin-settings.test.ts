// An admin imports a GBK CSV with a bad row in the browser (preview names the row, applying adds the rest), and changes
// the kiosk's welcome text in Settings: the kiosk page shows it without a reload. Desk and phone, 中文 and English.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server.ts';
import { auditScreen, chromiumPresent, ensureBuilt, launch, openKiosk, shootStaff as shoot, signInStaff, staffHeaderButton } from './kiosk.ts';

const PHONE = { width: 390, height: 844 };
const CSV = ['姓名,部门,邮箱,电话,工号,代理人', '张伟,市场部,zhangwei@corp.test,13800000001,E001,',
  '李娜,财务部,lina@corp.test,not-a-phone,E002,', '王芳,市场部,wangfang@corp.test,,E003,E001'].join('\r\n');

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
  const chooseFile = (page: Page) => page.locator('#hosts-import input[type=file]').setInputFiles({ name: '通讯录.csv', mimeType: 'text/csv', buffer: iconv.encode(CSV, 'gbk') });

  test('a GBK CSV with a bad row: the preview names row 3, applying adds the two good rows', async () => {
    const page = await signInStaff(browser, s, ADMIN.username, ADMIN.password, '/admin/');
    await chooseFile(page);
    await page.getByRole('button', { name: '预览' }).click();
    await page.getByText('预览：新增 2 人，更新 0 人，1 行有问题。尚未做任何更改。').waitFor();
    await page.locator('.import-errors').getByText('第 3 行').waitFor();
    await page.locator('.import-errors').getByText('电话格式不正确').waitFor();
    assert.equal(await auditScreen(page), []);
    await page.locator('#hosts-import').scrollIntoViewIfNeeded();
    await shoot(page, 'admin-import-preview-zh');
    await page.getByRole('button', { name: '导入无误的行' }).click();
    await page.getByText('已导入：新增 2 人，更新 0 人，1 行未导入。').waitFor();
    const found = (await s.api('GET', '/api/hosts?q=wangfang', undefined, s.admin.token)).body.hosts;
    assert.equal(found.map((h: any) => h.name), ['王芳']);
    assert.equal((await s.api('GET', '/api/hosts?q=lina', undefined, s.admin.token)).body.hosts, []);

    await staffHeaderButton(page, 'English');
    await page.getByText('Imported: 2 added, 0 updated, 1 rows left out.').waitFor();
    await page.getByText('Row 3').waitFor();
    await page.getByText('Phone is not valid').waitFor();
    await shoot(page, 'admin-import-applied-en');
    await page.context().close();

    for (const lang of ['zh', 'en'] as const) {
      const phone = await signInStaff(browser, s, ADMIN.username, ADMIN.password, '/admin/', { viewport: PHONE });
      if (lang === 'en') await staffHeaderButton(phone, 'English');
      await chooseFile(phone);
      await phone.getByRole('button', { name: lang === 'zh' ? '预览' : 'Preview' }).click();
      await phone.getByText(lang === 'zh' ? '第 3 行' : 'Row 3').waitFor();
      assert.ok(await noSidewaysScroll(phone), `no sideways scroll at 390 px (${lang})`);
      assert.equal(await auditScreen(phone), []);
      await shoot(phone, `admin-import-phone-${lang}`);
      await phone.context().close();
    }
  });

  test('a new welcome text saved in Settings shows on the kiosk at once, without a reload', async () => {
    const kiosk = await s.pairKiosk('大堂');
    const lobby = await openKiosk(browser, s, kiosk.token);
    await lobby.page.locator('.welcome-title').waitFor();
    const before = await lobby.page.locator('.welcome-title').textContent();
    await lobby.page.evaluate(() => { (window as unknown as { marker: number }).marker = 1; });

    const page = await signInStaff(browser, s, ADMIN.username, ADMIN.password, '/admin/');
    await page.getByRole('tab', { name: '设置' }).click();
    await page.getByLabel('自助机欢迎语（中文）').fill('欢迎光临远山大厦');
    await page.getByLabel('自助机欢迎语（英文）').fill('Welcome to Yuanshan Tower');
    await page.getByLabel('关门时间（访客证届时失效）').fill('18:00');
    await page.getByRole('button', { name: '添加事由' }).click();
    await page.getByLabel('事由（中文）').fill('送货');
    await page.getByLabel('事由（英文）').fill('Delivery');
    await page.getByLabel('需被访人审批').uncheck();
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('已保存，自助机和各控制台即刻使用新设置。').waitFor();
    assert.equal(await auditScreen(page), []);
    await shoot(page, 'admin-settings-zh');

    await lobby.page.locator('.welcome-title', { hasText: '欢迎光临远山大厦' }).waitFor();
    assert.is.not(before, '欢迎光临远山大厦');
    assert.is(await lobby.page.evaluate(() => (window as unknown as { marker?: number }).marker), 1, 'the same page: no reload');
    await lobby.page.screenshot({ path: 'test-output/screens/kiosk-welcome-from-settings-zh.png' });
    await lobby.page.getByRole('button', { name: 'English' }).click();
    await lobby.page.locator('.welcome-title', { hasText: 'Welcome to Yuanshan Tower' }).waitFor();
    await lobby.page.screenshot({ path: 'test-output/screens/kiosk-welcome-from-settings-en.png' });
    const stored = (await s.api('GET', '/api/settings', undefined, s.admin.token)).body.settings;
    assert.equal([stored.welcome, stored.closingTime, stored.purposes], [{ zh: '欢迎光临远山大厦', en: 'Welcome to Yuanshan Tower' }, '18:00', [{ zh: '送货', en: 'Delivery', approval: false, escort: false }]]);

    // A bad time is refused on the page, naming the field; nothing is sent.
    await page.getByLabel('关门时间（访客证届时失效）').fill('25:00');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('请按 24 小时制 HH:MM 填写时间，例如 18:00。').waitFor();
    await staffHeaderButton(page, 'English');
    await page.getByText('Enter a time as HH:MM (24-hour), e.g. 18:00.').waitFor();
    await shoot(page, 'admin-settings-en');
    await page.context().close();

    for (const lang of ['zh', 'en'] as const) {
      const phone = await signInStaff(browser, s, ADMIN.username, ADMIN.password, '/admin/', { viewport: PHONE });
      if (lang === 'en') await staffHeaderButton(phone, 'English');
      await phone.getByRole('tab', { name: lang === 'zh' ? '设置' : 'Settings' }).click();
      await phone.getByRole('button', { name: lang === 'zh' ? '保存设置' : 'Save settings' }).waitFor();
      assert.ok(await noSidewaysScroll(phone), `no sideways scroll at 390 px (${lang})`);
      assert.equal(await auditScreen(phone), []);
      await shoot(phone, `admin-settings-phone-${lang}`);
      await phone.context().close();
    }
    // The desk's register form offers the site's purposes as chips, in the clerk's language.
    const reception = await s.makeUser('reception');
    const desk = await signInStaff(browser, s, reception.user.username, 'a-long-password', '/desk/');
    await desk.getByRole('button', { name: '送货', exact: true }).waitFor();
    assert.is(await desk.getByRole('button', { name: '商务洽谈', exact: true }).count(), 0, 'not the built-in suggestions');
    await staffHeaderButton(desk, 'English');
    await desk.getByRole('button', { name: 'Delivery', exact: true }).waitFor();
    await desk.context().close();
    await lobby.context.close();
  });

  test.run();
}
