// The security page (/security/): security acknowledges an alert, finds last month's visitors of one host and
// exports them as CSV, narrows by department, kiosk and event, reads times in site time from a browser in another
// zone, types and picks dates (DateField), edits and adds watchlist entries; reception acknowledges an alert from the
// desk. Screenshots at desk size and 390 px, in both languages.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Locator, Page } from 'playwright-core';
import { startServer, ADMIN, type TestServer } from '../helpers/server.ts';
import { parseCsv } from '../../server/domain/csv.ts';
import { siteDay, siteTime } from '../../server/domain/sitetime.ts';
import { auditScreen, chromiumPresent, ensureBuilt, eventually, inBothLanguages, launch, shootStaff as shoot, signInStaff, staffHeaderButton } from './kiosk.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, timezoneId: 'Asia/Shanghai' };
const DAY = 24 * 3600_000;
const SITE = 'Asia/Shanghai'; // the test server's FOYER_TZ
const siteStamp = (iso: string) => `${siteDay(new Date(iso), SITE)} ${siteTime(iso, SITE)}`;

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

  /** The input's value once the page has rendered (a typed or picked day is shaped on the next render). */
  const valueIs = (input: Locator, expected: string) => eventually(async () => { assert.is(await input.inputValue(), expected); return true; });

  /** Edits the watchlist entry on the page's watchlist tab (fields by label), saves; the entry as stored after. */
  async function editEntry(page: Page, fields: Record<string, string>) {
    const card = page.locator(`[data-entry="${entryId}"]`);
    await card.getByRole('button', { name: '编辑' }).click();
    for (const [label, value] of Object.entries(fields)) await card.getByLabel(label).fill(value);
    await card.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存。').waitFor();
    return (await s.api('GET', '/api/watchlist', undefined, s.admin.token)).body.entries.find((e: any) => e.id === entryId);
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
    await eventually(async () => (await phone.locator('.alert-card:not(.alert-card-acked)', { hasText: 'Gate 2' }).count()) === 0, 5000);
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
    const entry = await editEntry(page, { 原因: 'Trespass, March; reviewed', 到期: '2030-06-30' });
    assert.is(entry.reason, 'Trespass, March; reviewed');
    assert.ok(entry.expiresAt.startsWith('2030-06-30'), entry.expiresAt);
    const phone = await openSecurity(PHONE);
    await phone.getByRole('tab', { name: '黑名单' }).click();
    await phone.locator(`[data-entry="${entryId}"]`).waitFor();
    assert.ok(await noSideways(phone), 'no sideways scroll at 390 px');
    await inBothLanguages(phone, 'security-watchlist-phone');
  });

  test('security changes a watchlist entry\'s name and phone; who changed it and when is shown', async () => {
    const page = await openSecurity();
    await page.getByRole('tab', { name: '黑名单' }).click();
    const entry = await editEntry(page, { 姓名: '裘千丈', 电话: '13700002222' });
    const card = page.locator(`[data-entry="${entryId}"]`);
    assert.equal([entry.name, entry.phone, entry.reason], ['裘千丈', '13700002222', 'Trespass, March; reviewed']);
    await card.locator('.security-name', { hasText: '裘千丈' }).waitFor();
    const who = await card.locator('.watch-who').textContent();
    assert.match(who!, /最后修改/);
    assert.ok(who!.includes(siteStamp(entry.updatedAt)), `${who} has ${siteStamp(entry.updatedAt)}`);
    assert.match(who!, /security \d+ \(security\)/, 'by name, not by id');
    await inBothLanguages(page, 'security-watchlist-edited-desk');
  });

  test('security adds a watchlist entry from the watchlist tab (the desk\'s form)', async () => {
    const page = await openSecurity(PHONE);
    await page.getByRole('tab', { name: '黑名单' }).click();
    await page.getByRole('button', { name: '添加条目' }).click();
    const form = page.locator('.watch-add');
    await form.getByLabel('姓名').fill('欧阳锋');
    await form.getByLabel('原因').fill('Threatened staff');
    await form.getByRole('button', { name: '加入黑名单' }).click();
    await page.locator('.security-card', { hasText: '欧阳锋' }).waitFor();
    assert.ok(await noSideways(page), 'no sideways scroll at 390 px');
    await inBothLanguages(page, 'security-watchlist-add-phone');
    const entries = (await s.api('GET', '/api/watchlist?q=Threatened', undefined, s.admin.token)).body.entries;
    assert.equal(entries.map((e: any) => e.name), ['欧阳锋']);
  });

  test('security narrows the history by department, by kiosk and by event', async () => {
    const east = await s.pairKiosk('East Gate');
    const sales = await s.makeHost('Zhou Botong', 'Sales');
    ahead = -5 * DAY;
    const r = await s.api('POST', '/api/visits', { visitor: { name: '东门访客', idType: 'passport', idNumber: 'E8200001' }, purpose: 'Audit', hostId: sales.host.id }, east.token);
    ahead = 0;
    assert.is(r.status, 201, JSON.stringify(r.body));
    const page = await openSecurity();
    await page.getByRole('tab', { name: '来访记录' }).click();
    await page.getByLabel('开始日期').fill(siteDay(new Date(Date.now() - 40 * DAY), SITE));
    const cards = page.locator('.history-cards .security-card');
    const names = async () => (await cards.locator('.security-name').allTextContents()).sort();
    await page.getByLabel('部门').selectOption('Sales');
    await page.getByRole('button', { name: '查询' }).click();
    await eventually(async () => JSON.stringify(await names()) === JSON.stringify(['东门访客', '李雷'].sort()));
    await page.getByLabel('部门').selectOption('');
    await page.getByLabel('自助终端').selectOption({ label: 'East Gate' });
    await page.getByRole('button', { name: '查询' }).click();
    await eventually(async () => JSON.stringify(await names()) === JSON.stringify(['东门访客']));
    assert.ok((await cards.first().textContent())!.includes('East Gate'), 'the card names its kiosk');
    await inBothLanguages(page, 'security-history-kiosk-desk');
    await page.getByLabel('自助终端').selectOption('');
    await page.getByLabel('事件').selectOption({ label: '访客证丢失' });
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('没有符合条件的来访。').waitFor();
  });

  test('times are site time (Asia/Shanghai) in a browser set to New York, as in the CSV; the range is site days', async () => {
    const page = await openSecurity({ timezoneId: 'America/New_York' });
    assert.is(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone), 'America/New_York');
    await page.getByRole('tab', { name: '来访记录' }).click();
    assert.is(await page.getByLabel('结束日期').inputValue(), siteDay(new Date(), SITE), 'today is the site\'s day');
    await page.getByLabel('开始日期').fill(siteDay(new Date(Date.now() - 40 * DAY), SITE));
    await page.getByRole('button', { name: '查询' }).click();
    const card = page.locator('.history-cards .security-card', { hasText: '欧阳娜娜' });
    await card.waitFor();
    const visit = (await s.api('GET', `/api/visits?q=${encodeURIComponent('欧阳娜娜')}`, undefined, s.admin.token)).body.visits[0];
    const shown = (await card.locator('.history-times').textContent())!;
    assert.ok(shown.includes(`到达 ${siteStamp(visit.createdAt)}`), `${shown} shows ${siteStamp(visit.createdAt)}`);
    const browserClock = await page.evaluate((iso) => new Date(iso).toTimeString().slice(0, 5), visit.createdAt);
    assert.not.ok(shown.includes(` ${browserClock}`), `not the browser's ${browserClock}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    const rows = parseCsv(readFileSync((await download.path())!).toString('utf8').slice(1));
    const row = rows.find((r) => r[3] === '欧阳娜娜')!;
    const csvTime = row[rows[0].indexOf('createdAt')];
    assert.ok(shown.includes(csvTime.slice(0, 16).replace('T', ' ')), `the page and the CSV agree: ${csvTime}`);
    await page.locator('.security-zone', { hasText: 'Asia/Shanghai' }).waitFor();
  });

  test('DateField at 390 px: typed as digits (dashes by themselves), stepped by arrows, picked from the month grid; a wrong day says how', async () => {
    const phone = await openSecurity(PHONE);
    await phone.getByRole('tab', { name: '来访记录' }).click();
    const from = phone.getByLabel('开始日期');
    await from.fill('');
    await from.pressSequentially('20260315');
    await valueIs(from, '2026-03-15');
    await from.press('ArrowDown');
    await valueIs(from, '2026-03-14');
    await from.fill('2026-02-30');
    await phone.getByText('请按 年-月-日 填写').waitFor();
    await from.fill('2026/3/9');
    await valueIs(from, '2026-03-09');
    await eventually(async () => (await phone.getByText('请按 年-月-日 填写').count()) === 0);
    const to = phone.locator('.security-filters .date-field').nth(1); // the second: To / 结束日期
    await to.getByRole('button', { name: '选择日期' }).click();
    const grid = phone.locator('dialog.date-grid');
    await grid.waitFor();
    assert.ok(await noSideways(phone), 'the month grid fits 390 px');
    // The grid is modal: closed (Escape) to switch language, opened again.
    await shoot(phone, 'security-datefield-grid-phone-zh');
    assert.equal(await auditScreen(phone), [], 'month grid in Chinese');
    await phone.keyboard.press('Escape');
    await staffHeaderButton(phone, 'English');
    await to.getByRole('button', { name: 'Choose a date' }).click();
    await grid.getByRole('heading', { name: /\d{4}/ }).waitFor();
    await shoot(phone, 'security-datefield-grid-phone-en');
    assert.equal(await auditScreen(phone), [], 'month grid in English');
    await phone.keyboard.press('Escape');
    await staffHeaderButton(phone, '中文');
    await to.getByRole('button', { name: '选择日期' }).click();
    await grid.getByRole('button', { name: '上个月' }).click();
    const today = siteDay(new Date(), SITE);
    const lastMonth = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 2, 15)).toISOString().slice(0, 10);
    await grid.locator(`[data-day="${lastMonth}"]`).click();
    await valueIs(phone.getByLabel('结束日期'), lastMonth);
    await eventually(async () => (await grid.count()) === 0); // the grid closed
    // Keyboard in the grid: the arrows move by a day and a week, Enter takes the day.
    await to.getByRole('button', { name: '选择日期' }).click();
    const focused = () => phone.evaluate(() => document.activeElement?.getAttribute('data-day'));
    await eventually(async () => (await focused()) === lastMonth);
    const expected = new Date(Date.parse(`${lastMonth}T00:00:00Z`) + 8 * DAY).toISOString().slice(0, 10);
    await phone.keyboard.press('ArrowRight');
    await phone.keyboard.press('ArrowDown');
    await eventually(async () => (await focused()) === expected);
    await phone.keyboard.press('Enter');
    await valueIs(phone.getByLabel('结束日期'), expected);
    await phone.getByRole('button', { name: '查询' }).click();
    await phone.locator('.history-cards, .lead').first().waitFor();
    assert.ok(await noSideways(phone), 'no sideways scroll at 390 px');
    await inBothLanguages(phone, 'security-datefield-phone');
  });

  test('reception sees the open alerts on the desk and acknowledges one; it stays listed as acknowledged, by name', async () => {
    const reception = await s.makeUser('reception');
    await s.api('POST', '/api/panic', { where: 'Loading dock / 装卸区' }, reception.token);
    const page = await signInStaff(browser, s, reception.user.username, 'a-long-password', '/desk/', { timezoneId: 'Asia/Shanghai' });
    const queue = page.locator('.desk-alerts');
    const card = queue.locator('.alert-card', { hasText: 'Loading dock' });
    await card.waitFor();
    await inBothLanguages(page, 'desk-alerts-reception-desk');
    const phone = await signInStaff(browser, s, reception.user.username, 'a-long-password', '/desk/', PHONE);
    await phone.locator('.desk-alerts .alert-card', { hasText: 'Loading dock' }).waitFor();
    assert.ok(await noSideways(phone), 'no sideways scroll at 390 px');
    await inBothLanguages(phone, 'desk-alerts-reception-phone');
    await card.getByRole('button', { name: '确认' }).click();
    await eventually(async () => (await queue.locator('.alert-card:not(.alert-card-acked)', { hasText: 'Loading dock' }).count()) === 0);
    await eventually(async () => (await phone.locator('.desk-alerts .alert-card:not(.alert-card-acked)', { hasText: 'Loading dock' }).count()) === 0, 5000);
    const all = (await s.api('GET', '/api/alerts', undefined, s.admin.token)).body.alerts;
    const acked = all.find((a: any) => a.message.includes('Loading dock'));
    assert.is(acked.ackedBy, `user:${reception.user.id}`);
    await queue.getByRole('button', { name: '也显示已确认的' }).click();
    const note = queue.locator('.alert-card.alert-card-acked', { hasText: 'Loading dock' }).locator('.security-card-note');
    await eventually(async () => ((await note.textContent()) ?? '').includes(reception.user.name));
    assert.ok((await note.textContent())!.includes(siteStamp(acked.ackedAt)));
  });
}

test.run();
