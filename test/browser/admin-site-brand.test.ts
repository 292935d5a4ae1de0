// The admin uploads the site's logo and writes an agreement a purpose requires; the staff header shows the site's
// name and logo; a host's card says the visitor signed. Desk size and 390 px, 中文 and English.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server.ts';
import { auditScreen, chromiumPresent, ensureBuilt, launch, signInStaff, staffHeaderButton } from './kiosk.ts';

const SHOTS = path.resolve(import.meta.dirname, '../scratch-tmp');
const PHONE = { width: 390, height: 844 };
const shot = (page: Page, name: string) => page.evaluate(() => document.fonts.ready).then(() => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true }));
const overflow = (page: Page) => page.evaluate(() => [...document.querySelectorAll('body *')]
  .filter((e) => e.getBoundingClientRect().right > innerWidth + 1).map((e) => `${e.tagName}.${e.className}`).slice(0, 5));

function logoPng(): Buffer {
  const c = createCanvas(300, 100);
  const g = c.getContext('2d');
  g.fillStyle = '#0a58ca'; g.beginPath(); g.arc(50, 50, 40, 0, Math.PI * 2); g.fill();
  g.fillStyle = '#0b2545'; g.fillRect(110, 35, 170, 30);
  return c.toBuffer('image/png');
}
const signature = () => {
  const c = createCanvas(300, 100);
  const g = c.getContext('2d');
  g.lineWidth = 3; g.beginPath(); g.moveTo(10, 50); g.lineTo(290, 60); g.stroke();
  return `data:image/png;base64,${c.toBuffer('image/png').toString('base64')}`;
};

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

  test('an admin uploads a logo (a text file is refused by name), writes an agreement and gives it to a purpose', async () => {
    const page = await signInStaff(browser, s, ADMIN.username, ADMIN.password, '/admin/');
    assert.is(await page.locator('.staff-header .site-brand').count(), 0, 'no name, no logo: today\'s header');
    assert.match(await page.title(), /· Foyer$/);
    await page.getByRole('tab', { name: '设置' }).click();
    await page.getByText('未设置标志：自助机和访客证只显示站点名称。').waitFor();

    await page.getByLabel('标志图片').setInputFiles({ name: 'logo.png', mimeType: 'text/plain', buffer: Buffer.from('not an image at all') });
    await page.getByRole('button', { name: '上传标志' }).click();
    await page.getByText('文件不是 PNG 或 JPEG 图片。').waitFor();
    await page.getByLabel('标志图片').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logoPng() });
    await page.getByRole('button', { name: '上传标志' }).click();
    await page.getByText('标志已保存，自助机已显示。').waitFor();
    await page.locator('img.logo-preview').evaluate((img: HTMLImageElement) => new Promise((r) => (img.complete ? r(0) : img.addEventListener('load', r))));
    await page.locator('.staff-header img.site-logo').waitFor();
    assert.ok((await s.api('GET', '/api/site')).body.site.settings.logoVersion);

    await page.getByLabel('站点名称').fill('远山大厦');
    await page.getByRole('button', { name: '添加协议' }).click();
    await page.getByLabel('代号（小写字母、数字、短横线）').fill('nda');
    await page.getByLabel('标题（中文）').fill('保密协议');
    await page.getByLabel('标题（英文）').fill('Non-disclosure agreement');
    await page.getByLabel('正文（中文）').fill('本人承诺保密。\n不拍照。');
    await page.getByLabel('正文（英文）').fill('I will keep it confidential.\nNo photos.');
    await page.getByRole('button', { name: '添加事由' }).click();
    await page.getByLabel('事由（中文）').fill('面试');
    await page.getByLabel('事由（英文）').fill('Interview');
    await page.getByLabel('此事由需签署的协议').selectOption('nda');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('已保存，自助机和各控制台即刻使用新设置。').waitFor();
    await page.locator('.staff-header .site-name', { hasText: '远山大厦' }).waitFor();
    assert.match(await page.title(), /· 远山大厦$/);
    assert.equal(await auditScreen(page), []);
    await shot(page, 'admin-settings-brand-zh');
    const stored = (await s.api('GET', '/api/settings', undefined, s.admin.token)).body.settings;
    assert.equal(stored.agreements, [{ id: 'nda', title: { zh: '保密协议', en: 'Non-disclosure agreement' }, text: { zh: '本人承诺保密。\n不拍照。', en: 'I will keep it confidential.\nNo photos.' } }]);
    assert.is(stored.purposes[0].agreementId, 'nda');
    assert.is(stored.siteName, '远山大厦');

    await staffHeaderButton(page, 'English');
    await page.getByRole('button', { name: 'Remove logo' }).waitFor();
    await shot(page, 'admin-settings-brand-en');
    await page.getByRole('button', { name: 'Remove logo' }).click();
    await page.getByText('Logo removed.').waitFor();
    await page.locator('.staff-header img.site-logo').waitFor({ state: 'detached' });
    assert.is((await s.api('GET', '/api/settings/logo')).status, 404);
    await page.context().close();

    for (const lang of ['zh', 'en'] as const) {
      const phone = await signInStaff(browser, s, ADMIN.username, ADMIN.password, '/admin/', { viewport: PHONE });
      if (lang === 'en') await staffHeaderButton(phone, 'English');
      await phone.getByRole('tab', { name: lang === 'zh' ? '设置' : 'Settings' }).click();
      await phone.getByRole('button', { name: lang === 'zh' ? '添加协议' : 'Add an agreement' }).waitFor();
      assert.equal(await overflow(phone), [], `no sideways scroll at 390 px (${lang})`);
      assert.equal(await auditScreen(phone), []);
      await shot(phone, `admin-settings-brand-phone-${lang}`);
      await phone.context().close();
    }
  });

  test('the host\'s card says the visitor signed the agreement, in the host\'s language', async () => {
    const host = await s.makeHost('陈静', '法务部');
    const kiosk = await s.pairKiosk();
    const reg = await s.api('POST', '/api/visits', { visitor: { name: '签名的客人', idType: 'passport', idNumber: 'E7654321' }, purpose: '面试', hostId: host.host.id, agreement: { id: 'nda', signature: signature() } }, kiosk.token);
    assert.is(reg.status, 201, JSON.stringify(reg.body));
    for (const [lang, viewport] of [['zh', undefined], ['en', PHONE]] as const) {
      const page = await signInStaff(browser, s, host.user.username, 'a-long-password', '/host/', viewport ? { viewport } : {});
      if (lang === 'en') await staffHeaderButton(page, 'English');
      await page.getByText(lang === 'zh' ? '已签署协议：保密协议' : 'Agreement signed: Non-disclosure agreement').waitFor();
      await page.locator('.staff-header .site-name', { hasText: '远山大厦' }).waitFor();
      await shot(page, `host-card-agreement-${lang}`);
      assert.equal(await overflow(page), []);
      await page.context().close();
    }
  });

  test.run();
}
