// The reports page (/reports/): reception opens it from the desk and reads last month's numbers, the analysis and the
// charts (drawn, described in words), moves to the week view and back, exports the CSV; at 390 px nothing scrolls
// sideways. Screenshots at desk size and 390 px, in both languages.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, residentId, startServer, type TestServer } from '../helpers/server.ts';
import { parseCsv } from '../../server/domain/csv.ts';
import { call, caseDraft } from '../unit/matters-fixtures.ts';
import { chromiumPresent, ensureBuilt, inBothLanguages, launch, signInStaff } from './kiosk.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, timezoneId: 'Asia/Shanghai' };

if (chromiumPresent(import.meta.filename)) {
  let s: TestServer;
  let browser: Browser;
  let now = Date.parse('2026-11-03T09:00:00+08:00');

  test.before(async () => {
    ensureBuilt();
    [s, browser] = await Promise.all([startServer({ clock: () => new Date(now) }), launch()]);
    const kiosk = await s.pairKiosk();
    const hosts = [await s.makeHost('李娜', '研发部'), await s.makeHost('Maximilian Featherstonehaugh', 'International Business Development')];
    const purposes = ['会议', '面试', 'Contract signing', '会议', '送货'];
    for (const [i, purpose] of purposes.entries()) {
      const host = hosts[i % 2];
      const r = await s.api('POST', '/api/visits', { visitor: { name: `访客${i}`, idType: 'cn-resident', idNumber: residentId('19900101', String(200 + i)) }, purpose, hostId: host.host.id }, kiosk.token);
      assert.is(r.status, 201, JSON.stringify(r.body));
      now += (i + 2) * 60_000;
      // Signed in anew: the clock moves a day between visits, past any session's end.
      const token = await s.login(host.user.username, 'a-long-password');
      await s.api('POST', `/api/visits/${r.body.visit.id}/decision`, { decision: i === 1 ? 'deny' : 'approve' }, token);
      now += 86_400_000;
    }
    const store = s.app.ctx.store;
    for (const [i, category] of (['inquiry', 'complaint', 'help', 'inquiry'] as const).entries()) await store.insertCall({ ...call('2026-11-10', i + 1), category });
    await store.insertCase(caseDraft('2026-11-10', 1, { assignee: { department: '物业部' }, dueAt: '2026-11-11T02:00:00.000Z' }));
    await store.insertCase(caseDraft('2026-11-10', 2, {
      category: 'help', status: 'closed', dueAt: '2026-11-11T02:00:00.000Z', resolvedAt: '2026-11-10T09:00:00.000Z', callbackDueAt: '2026-11-11T09:00:00.000Z',
      callback: { at: '2026-11-10T10:00:00.000Z', by: 'u', reachedContact: true, satisfaction: 5 }, assignee: { department: '工程部' },
    }));
    now = Date.parse('2026-12-01T09:00:00+08:00');
    s.admin.token = await s.login(ADMIN.username, ADMIN.password);
  });
  test.after(async () => {
    await browser?.close();
    await s?.close();
  });

  const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  async function openReports(options = {}): Promise<Page> {
    const reception = await s.makeUser('reception');
    const page = await signInStaff(browser, s, reception.user.username, 'a-long-password', '/desk/', { timezoneId: 'Asia/Shanghai', acceptDownloads: true, ...options });
    await page.getByRole('link', { name: '报表' }).click();
    await page.waitForURL(/\/reports\/\?month=/);
    return page;
  }

  test('reception reads last month: tiles, the analysis, charts described in words; the week view; the CSV', async () => {
    const page = await openReports();
    await page.getByRole('button', { name: '‹ 上一期' }).click();
    await page.getByRole('heading', { name: /报表 · 2026-11/ }).waitFor();
    const tile = (title: string) => page.locator('.report-tile', { hasText: title }).locator('.report-tile-value');
    assert.is(await tile('来访').textContent(), '5');
    assert.is(await tile('来电').textContent(), '4');
    assert.is(await tile('按时答复').textContent(), '50%');
    await page.getByText('来访 5 次，上期为 0。').waitFor();
    const charts = page.locator('canvas[role="img"]');
    assert.ok(await charts.count() >= 5, `${await charts.count()} charts`);
    const byPurpose = await page.locator('canvas[aria-label^="按来访事由"]').getAttribute('aria-label');
    assert.is(byPurpose, '按来访事由：会议 2, Contract signing 1, 送货 1, 面试 1');
    // A chart is drawn: its canvas is not blank.
    const drawn = await page.locator('canvas[aria-label^="每日来访"]').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) ink++;
      return ink;
    });
    assert.ok(drawn > 500, `the day chart has ink (${drawn})`);
    await inBothLanguages(page, 'reports-month-desk');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    assert.is(download.suggestedFilename(), 'foyer-report-month-2026-11.csv');
    const rows = parseCsv(readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, ''));
    assert.ok(rows.some((r) => r[0] === 'visits.byPurpose' && r[1] === '会议' && r[2] === '2'), 'the Chinese reads back');

    // The week view opens on the week holding the month's first day, and moves a week at a time.
    await page.getByRole('button', { name: '周报' }).click();
    await page.getByRole('heading', { name: /2026-10-26 起的一周/ }).waitFor();
    assert.match(page.url(), /week=2026-10-26/);
    await page.getByRole('button', { name: '下一期 ›' }).click();
    await page.getByRole('heading', { name: /2026-11-02 起的一周/ }).waitFor();
    assert.is(await tile('来访').textContent(), '5');
    await page.context().close();
  });

  test('at 390 px the report is one column of cards, nothing scrolls sideways, in both languages', async () => {
    const page = await openReports(PHONE);
    await page.getByRole('button', { name: '‹ 上一期' }).click();
    await page.getByRole('heading', { name: /报表 · 2026-11/ }).waitFor();
    assert.ok(await noSideways(page), 'no sideways scroll at 390 px');
    await inBothLanguages(page, 'reports-month-phone');
    await page.context().close();
  });

  test('hosts are sent home: the reports are not theirs', async () => {
    const host = await s.makeHost('访问者', '研发部');
    const page = await signInStaff(browser, s, host.user.username, 'a-long-password', '/host/');
    await page.goto(`${s.url}/reports/`);
    await page.waitForURL(`${s.url}/host/`);
    await page.context().close();
  });
}

test.run();
