// After a call, the desk sends the caller the standard text (the regulations: within 5 minutes) through the site's SMS
// bridge, chosen from the admin's templates, once; and prints or exports today's call record (《来电/来访接待记录表》).
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import { residentId, startServer, type TestServer } from '../helpers/server.ts';
import { robot } from '../helpers/robot.ts';
import { parseCsv } from '../../server/domain/csv.ts';
import { chromiumPresent, ensureBuilt, eventually, inBothLanguages, launch, signInStaff } from './kiosk.ts';

if (chromiumPresent(import.meta.filename)) {
  let s: TestServer;
  let browser: Browser;
  let bridge: Awaited<ReturnType<typeof robot>>;

  test.before(async () => {
    ensureBuilt();
    [s, browser, bridge] = await Promise.all([startServer(), launch(), robot()]);
    const set = await s.api('PATCH', '/api/settings', { siteName: '远山大厦', smsWebhook: { url: bridge.url, secret: 'bridge-secret' } }, s.admin.token);
    assert.is(set.status, 200, JSON.stringify(set.body));
  });
  test.after(async () => {
    await browser?.close();
    await bridge?.close();
    await s?.close();
  });

  test('the clerk texts the caller the standard message once; exports and prints today\'s call record', async () => {
    const host = await s.makeHost('吴敏', '物业部');
    const reception = await s.makeUser('reception');
    const logged = await s.api('POST', '/api/calls', { caller: { name: '陈先生', phone: '13912345678' }, subject: '停车卡办理', category: 'inquiry', importance: 'normal', forHostId: host.host.id }, reception.token);
    assert.is(logged.status, 201, JSON.stringify(logged.body));
    const page = await signInStaff(browser, s, reception.user.username, 'a-long-password', '/desk/', { acceptDownloads: true });
    await page.goto(`${s.url}/matters/`);
    const card = page.locator(`[data-call="${logged.body.call.id}"]`);
    await card.getByRole('button', { name: '发送短信…' }).click();
    await card.getByRole('group', { name: '给来电人的规范短信' }).waitFor();
    await inBothLanguages(page, 'matters-sms-choose');
    const choice = card.getByRole('group', { name: '给来电人的规范短信' }).getByRole('button').first();
    const shown = (await choice.innerText()).trim();
    assert.ok(shown.includes('陈先生') && !shown.includes('{'), `the text as the caller will read it: ${shown}`);
    await choice.click();
    await card.getByText(/已发短信/).waitFor();
    const sent = await bridge.next(1);
    assert.is(sent.type, 'sms');
    assert.is(sent.to, '13912345678');
    assert.match(sent.text, /远山大厦/);
    assert.is(sent.text, shown, 'what the clerk chose is what the caller reads');
    assert.is(await card.getByRole('button', { name: '发送短信…' }).count(), 0, 'sent once: the button is gone');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出今日来电记录（CSV）' }).click()]);
    const rows = parseCsv(readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, ''));
    assert.ok(rows[0].some((h) => h.startsWith('日期')), rows[0].join());
    assert.ok(rows.some((r) => r.includes('陈先生')), 'the call is in it');

    await page.getByRole('button', { name: '打印今日来电记录表' }).click();
    const form = page.frameLocator('iframe.print-frame');
    await form.getByText('陈先生').first().waitFor({ state: 'attached' }); // the frame is printed, not shown
    await eventually(async () => (await form.locator('body').textContent())!.includes('停车卡办理'));
    await page.context().close();
  });
  test('a visitor who comes to complain: the desk opens the matter from the visit, the visitor as the contact', async () => {
    const host = await s.makeHost('冯刚', '工程部');
    const kiosk = await s.pairKiosk();
    const reg = await s.api('POST', '/api/visits', { visitor: { name: '投诉人甲', idType: 'cn-resident', idNumber: residentId('19850505', '321'), phone: '13800001111' }, purpose: '投诉', hostId: host.host.id }, kiosk.token);
    assert.is(reg.status, 201, JSON.stringify(reg.body));
    assert.is((await s.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'approve' }, host.token)).status, 200);
    const reception = await s.makeUser('reception');
    const page = await signInStaff(browser, s, reception.user.username, 'a-long-password', '/desk/');
    await page.locator('tr', { hasText: '投诉人甲' }).getByRole('link', { name: '登记事务' }).click();
    await page.waitForURL(/\/matters\/\?visit=/);
    await page.getByText(`来自访客 ${reg.body.visit.number} 的来访`).waitFor();
    const form = page.locator('details.case-new');
    assert.is(await form.getByLabel('联系人', { exact: true }).inputValue(), '投诉人甲');
    await form.getByLabel('事由', { exact: true }).fill('停车场收费有误');
    await form.getByRole('button', { name: '立事务' }).click();
    const made = await eventually(async () => (await s.api('GET', '/api/cases/open', undefined, reception.token)).body.cases.find((c: any) => c.subject === '停车场收费有误'));
    assert.equal(made.from, { visitId: reg.body.visit.id });
    assert.equal(made.contact, { name: '投诉人甲', phone: '13800001111' });
    await page.context().close();
  });
  test('a call of an earlier day is found by its day and the caller\'s name', async () => {
    const reception = await s.makeUser('reception');
    const at = new Date(Date.now() - 26 * 3600_000).toISOString();
    const logged = await s.api('POST', '/api/calls', { caller: { name: '昨日来电人', organisation: '星河物业' }, subject: '快递代收', category: 'help', importance: 'normal', at }, reception.token);
    assert.is(logged.status, 201, JSON.stringify(logged.body));
    const page = await signInStaff(browser, s, reception.user.username, 'a-long-password', '/desk/');
    await page.goto(`${s.url}/matters/`);
    const search = page.locator('.call-search');
    await search.getByLabel('从').fill(logged.body.call.day);
    await search.getByLabel('来电人、单位、事由或电话').fill('星河');
    await search.getByRole('button', { name: '查找' }).click();
    const found = search.locator(`[data-call="${logged.body.call.id}"]`);
    await found.waitFor();
    assert.match(await found.innerText(), logged.body.call.day);
    assert.is(await page.locator('.call-list').locator(`[data-call="${logged.body.call.id}"]`).count(), 0, 'not among today\'s');
    await page.context().close();
  });
}

test.run();
