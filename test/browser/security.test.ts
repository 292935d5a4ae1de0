// The security page (/security/): security acknowledges an alert, finds last month's visitors of one host and
// exports them as CSV, and edits a watchlist entry. Screenshots at desk size and 390 px, in both languages.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { startServer, ADMIN, type TestServer } from '../helpers/server.ts';
import { parseCsv } from '../../server/domain/csv.ts';
import { auditScreen, chromiumPresent, ensureBuilt, eventually, launch, shootStaff as shoot, signInStaff, staffHeaderButton } from './kiosk.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, timezoneId: 'Asia/Shanghai' };
const DAY = 24 * 3600_000;

if (chromiumPresent(import.meta.filename)) {
  let s: TestServer;
  let browser: Browser;
  let ahead = -20 * DAY;
  let entryId = '';

  test.before(async () => {
    ensureBuilt();
    [s, browser] = await Promise.all([startServer({ clock: () => new Date(Date.now() + ahead) }), launch()]);
    const guo = await s.makeHost('郭靖', '研发部');
    const other = await s.makeHost('Huang Rong', 'Sales');
    const kiosk = await s.pairKiosk();
    const visitors: Array<[string, any]> = [['欧阳娜娜', guo], ['Maximilian Alexander Featherstonehaugh', guo], ['李雷', other]];
    for (const [i, [name, host]] of visitors.entries()) {
      const r = await s.api('POST', '/api/visits', { visitor: { name, company: '武当派', idType: 'passport', idNumber: `E810000${i}` }, purpose: 'Audit', hostId: host.host.id }, kiosk.token);
      assert.is(r.status, 201, JSON.stringify(r.body));
    }
    ahead = 0;
    s.admin.token = await s.login(ADMIN.username, ADMIN.password);
    const added = await s.api('POST', '/api/watchlist', { name: '裘千仞', phone: '13700001111', reason: 'Trespass, March' }, s.admin.token);
    entryId = added.body.entry.id;
  });
  test.after(async () => {
    await browser?.close();
    await s?.close();
  });

  async function inBothLanguages(page: Page, name: string): Promise<void> {
    await shoot(page, `${name}-zh`);
    assert.equal(await auditScreen(page), [], `${name} in Chinese`);
    await staffHeaderButton(page, 'English');
    await shoot(page, `${name}-en`);
    assert.equal(await auditScreen(page), [], `${name} in English`);
    await staffHeaderButton(page, '中文');
  }
  const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  async function openSecurity(options = {}): Promise<Page> {
    const security = await s.makeUser('security');
    const page = await signInStaff(browser, s, security.user.username, 'a-long-password', '/desk/', { timezoneId: 'Asia/Shanghai', acceptDownloads: true, ...options });
    await page.getByRole('link', { name: '安保' }).click();
    await page.waitForURL(`${s.url}/security/#alerts`);
    return page;
  }

  test('security acknowledges an alert; it leaves the open list (desk and phone)', async () => {
    const reception = await s.makeUser('reception');
    await s.api('POST', '/api/panic', { where: 'Gate 2 / 二号门' }, reception.token);
    const page = await openSecurity();
    const card = page.locator('.alert-card', { hasText: 'Gate 2' });
    await card.waitFor();
    await inBothLanguages(page, 'security-alerts-desk');
    const phone = await openSecurity(PHONE);
    await phone.locator('.alert-card', { hasText: 'Gate 2' }).waitFor();
    assert.ok(await noSideways(phone), 'no sideways scroll at 390 px');
    await inBothLanguages(phone, 'security-alerts-phone');
    await card.getByRole('button', { name: '确认' }).click();
    await eventually(async () => (await card.count()) === 0);
    await eventually(async () => (await phone.locator('.alert-card:not(.alert-acked)', { hasText: 'Gate 2' }).count()) === 0, 5000);
    const open = (await s.api('GET', '/api/alerts?open=1', undefined, s.admin.token)).body.alerts;
    assert.not.ok(open.some((a: any) => a.message.includes('Gate 2')));
  });

  test("security finds last month's visitors of one host and exports them as CSV", async () => {
    const page = await openSecurity();
    await page.getByRole('tab', { name: '来访记录' }).click();
    await page.getByLabel('开始日期').fill(new Date(Date.now() - 40 * DAY).toISOString().slice(0, 10));
    await page.getByLabel(/被访人/).fill('郭靖');
    await page.locator('.host-result', { hasText: '郭靖' }).first().click();
    await page.getByRole('button', { name: '查询' }).click();
    await eventually(async () => (await page.locator('.history-cards .security-card').count()) === 2);
    const shown = await page.locator('.history-cards').textContent();
    assert.ok(shown!.includes('欧阳娜娜') && shown!.includes('Featherstonehaugh') && !shown!.includes('李雷'));
    await inBothLanguages(page, 'security-history-desk');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    assert.match(download.suggestedFilename(), /^foyer-visits-\d{8}-\d{6}\.csv$/);
    const bytes = readFileSync((await download.path())!);
    assert.equal([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    assert.equal(rows.slice(1).map((r) => r[3]).sort(), ['Maximilian Alexander Featherstonehaugh', '欧阳娜娜'].sort());

    const phone = await openSecurity(PHONE);
    await phone.getByRole('tab', { name: '来访记录' }).click();
    await phone.getByLabel('开始日期').fill(new Date(Date.now() - 40 * DAY).toISOString().slice(0, 10));
    await phone.getByRole('button', { name: '查询' }).click();
    await eventually(async () => (await phone.locator('.history-cards .security-card').count()) === 3);
    assert.ok(await noSideways(phone), 'no sideways scroll at 390 px');
    await inBothLanguages(phone, 'security-history-phone');
  });

  test('security edits a watchlist entry: new reason and expiry, kept on the server', async () => {
    const page = await openSecurity();
    await page.getByRole('tab', { name: '黑名单' }).click();
    const card = page.locator(`[data-entry="${entryId}"]`);
    await card.waitFor();
    await inBothLanguages(page, 'security-watchlist-desk');
    await card.getByRole('button', { name: '编辑' }).click();
    await card.getByLabel('原因').fill('Trespass, March; reviewed');
    await card.getByLabel('到期').fill('2030-06-30');
    await card.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存。').waitFor();
    const entry = (await s.api('GET', '/api/watchlist', undefined, s.admin.token)).body.entries.find((e: any) => e.id === entryId);
    assert.is(entry.reason, 'Trespass, March; reviewed');
    assert.ok(entry.expiresAt.startsWith('2030-06-30'), entry.expiresAt);
    const phone = await openSecurity(PHONE);
    await phone.getByRole('tab', { name: '黑名单' }).click();
    await phone.locator(`[data-entry="${entryId}"]`).waitFor();
    assert.ok(await noSideways(phone), 'no sideways scroll at 390 px');
    await inBothLanguages(phone, 'security-watchlist-phone');
  });
}

test.run();
