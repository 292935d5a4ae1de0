// The admin's cases calendar (事务): working hours and days, holidays, make-up days, paid-service hours and the quality
// department, saved on their own; a wrong day is named before anything is sent. Desk size and 390 px, 中文 and English.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server.ts';
import { auditScreen, chromiumPresent, ensureBuilt, inBothLanguages, launch, signInStaff, staffHeaderButton } from './kiosk.ts';

const SHOTS = path.resolve(import.meta.dirname, '../scratch-tmp');
const PHONE = { width: 390, height: 844 };
/** The page whole, clipped to the cases panel (a full-page shot, so the sticky header stays at the top). */
async function shot(page: Page, name: string) {
  await page.evaluate(() => { scrollTo(0, 0); return document.fonts.ready; });
  const box = await page.locator('.case-settings').evaluate((e) => { const r = e.getBoundingClientRect(); return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height }; });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true, clip: { x: 0, y: box.y - 8, width: page.viewportSize()!.width, height: box.height + 16 } });
}
const overflow = (page: Page) => page.evaluate(() => [...document.querySelectorAll('body *')]
  .filter((e) => e.getBoundingClientRect().right > innerWidth + 1).map((e) => `${e.tagName}.${e.className}`).slice(0, 5));

if (chromiumPresent(import.meta.filename)) {
  let s: TestServer;
  let browser: Browser;
  test.before(async () => {
    ensureBuilt();
    [s, browser] = await Promise.all([startServer(), launch()]);
    await s.makeHost('品质专员', '品质管理部');
  });
  test.after(async () => {
    await browser?.close();
    await s?.close();
  });

  test('an admin sets the cases calendar: a wrong day is named, the rest is saved and read back', async () => {
    const page = await signInStaff(browser, s, ADMIN.username, ADMIN.password, '/admin/');
    await page.getByRole('tab', { name: '设置' }).click();
    const panel = page.locator('.case-settings');
    await panel.getByLabel('上班时间（时:分）').fill('08:30');
    await panel.getByLabel('下班时间（时:分）').fill('17:30');
    await panel.getByRole('checkbox', { name: '周六' }).check();
    await panel.getByLabel('节假日').fill('2026-10-01\n2026-10-02\n十月三日');
    await panel.getByLabel('调休上班日').fill('2026-10-10');
    await panel.getByLabel('品质管理部门').selectOption('品质管理部');
    await panel.getByRole('button', { name: '保存事务日历' }).click();
    await panel.getByText('“十月三日”不是 YYYY-MM-DD 格式的日期。').waitFor();
    assert.is((await s.api('GET', '/api/settings', undefined, s.admin.token)).body.settings.holidays, undefined, 'nothing sent');
    await panel.getByLabel('节假日').fill('2026-10-02\n2026-10-01');
    await panel.getByRole('button', { name: '保存事务日历' }).click();
    await panel.getByText('已保存，新的时限即刻按此计算。').waitFor();
    const stored = (await s.api('GET', '/api/settings', undefined, s.admin.token)).body.settings;
    assert.equal(
      [stored.workingHours, stored.workdays, stored.holidays, stored.makeUpWorkdays, stored.qualityDepartment, stored.paidServiceHours],
      [{ open: '08:30', close: '17:30' }, [1, 2, 3, 4, 5, 6], ['2026-10-01', '2026-10-02'], ['2026-10-10'], '品质管理部', undefined],
    );
    assert.equal(await auditScreen(page), []);
    await shot(page, 'admin-case-settings-zh');

    await staffHeaderButton(page, 'English');
    await panel.getByLabel('Paid services open (HH:MM)').fill('07:00');
    await panel.getByRole('button', { name: 'Save the cases calendar' }).click();
    await panel.getByText('Paid services close (HH:MM)').first().waitFor();
    await panel.locator('.field-error').first().waitFor();
    await panel.getByLabel('Paid services close (HH:MM)').fill('21:00');
    await panel.getByRole('button', { name: 'Save the cases calendar' }).click();
    await panel.getByText('Saved: new deadlines follow it at once.').waitFor();
    assert.equal((await s.api('GET', '/api/settings', undefined, s.admin.token)).body.settings.paidServiceHours, { open: '07:00', close: '21:00' });
    await shot(page, 'admin-case-settings-en');
    await page.context().close();

    const phone = await signInStaff(browser, s, ADMIN.username, ADMIN.password, '/admin/', { viewport: PHONE });
    await phone.getByRole('tab', { name: '设置' }).click();
    await phone.getByRole('button', { name: '保存事务日历' }).waitFor();
    assert.is(await phone.locator('.case-settings textarea').first().inputValue(), '2026-10-01\n2026-10-02', 'read back');
    // Each language: no sideways scroll at 390 px, the accessibility floor, a shot.
    await inBothLanguages(phone, 'admin-case-settings-phone', async (page, name) => {
      assert.equal(await overflow(page), [], `no sideways scroll at 390 px (${name})`);
      await shot(page, name);
    });
    await phone.context().close();
  });

  test.run();
}
