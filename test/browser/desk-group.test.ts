// A group at the desk: reception registers three visitors for one host, the host approves the group once on their
// console, three badges print. A name the badge cannot print is shown with its characters, and printed as it is.
// Screenshots (test/scratch-tmp/) at desk size and 390 px in both languages.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { residentId, startServer, type TestServer } from '../helpers/server.ts';
import { chromiumPresent, ensureBuilt, eventually, inBothLanguages as inBothPages, launch, signInStaff } from './kiosk.ts';

const SHOTS = path.resolve(import.meta.dirname, '../scratch-tmp');

if (chromiumPresent(import.meta.filename)) {
  let s: TestServer;
  let browser: Browser;
  let host: Awaited<ReturnType<TestServer['makeHost']>>;
  let reception: Awaited<ReturnType<TestServer['makeUser']>>;

  test.before(async () => {
    ensureBuilt();
    [s, browser] = await Promise.all([startServer(), launch()]);
    host = await s.makeHost('张伟', '市场部');
    reception = await s.makeUser('reception');
  });
  test.after(async () => {
    await browser?.close();
    await s?.close();
  });

  async function shoot(page: Page, name: string): Promise<void> {
    mkdirSync(SHOTS, { recursive: true });
    await page.evaluate(async () => { await document.fonts.ready; });
    await page.screenshot({ path: path.join(SHOTS, `desk-group-${name}.png`), fullPage: true, animations: 'disabled' });
  }
  const inBothLanguages = (page: Page, name: string) => inBothPages(page, name, shoot);
  const row = (page: Page, i: number) => page.locator(`li[data-row="${i}"]`);
  async function fillRow(page: Page, i: number, name: string, id: string): Promise<void> {
    await row(page, i).getByLabel('姓名', { exact: true }).fill(name);
    await row(page, i).getByLabel('证件号码').fill(id);
  }
  async function groupForm(page: Page): Promise<void> {
    await page.getByRole('radio', { name: '团体' }).click();
    await page.getByLabel('被访人', { exact: true }).fill('张伟');
    await page.getByRole('button', { name: /张伟/ }).click();
    await page.getByRole('button', { name: '商务洽谈' }).click();
  }

  test('reception registers a group of 3, the host approves all at once, 3 badges print', async () => {
    const console_ = await signInStaff(browser, s, host.user.username, 'a-long-password', '/host/', { timezoneId: 'Asia/Shanghai' });
    const desk = await signInStaff(browser, s, reception.user.username, 'a-long-password', '/desk/', { timezoneId: 'Asia/Shanghai' });
    await groupForm(desk);
    await desk.getByLabel('单位').fill('星河科技');
    await fillRow(desk, 0, '陈静', residentId('19850612', '201'));
    await fillRow(desk, 1, 'Sam Lee', residentId('19900101', '202'));
    // A third visitor by pasting names: it fills a new row.
    await desk.getByRole('button', { name: '粘贴姓名' }).click();
    await desk.getByLabel('姓名，每行一个或用逗号分隔').fill('王芳');
    await desk.getByRole('button', { name: '添加为访客' }).click();
    assert.is(await row(desk, 2).getByLabel('姓名', { exact: true }).inputValue(), '王芳');
    // The same ID as the first row is named on the third, before anything is sent.
    await row(desk, 2).getByLabel('证件号码').fill(residentId('19850612', '201'));
    await desk.getByRole('button', { name: '登记3位访客' }).click();
    await row(desk, 2).getByText('与访客1的证件号码相同。').waitFor();
    await inBothLanguages(desk, 'form-row-problem');
    await row(desk, 2).getByLabel('证件号码').fill(residentId('19770707', '203'));
    await desk.getByRole('button', { name: '登记3位访客' }).click();
    await desk.getByText('已为张伟登记3位访客').waitFor();
    const registered = desk.locator('.group-result li');
    assert.is(await registered.count(), 3);
    await inBothLanguages(desk, 'registered');

    const card = console_.locator('.group-card');
    await card.getByRole('heading', { name: '星河科技一行3人' }).waitFor();
    for (const name of ['陈静', 'Sam Lee', '王芳']) await card.getByText(name, { exact: true }).waitFor();
    assert.is(await console_.locator('.visit-card').count(), 1, 'one card for the group');
    await inBothLanguages(console_, 'host-card');
    await card.getByRole('button', { name: '全部同意（3人）' }).click();
    await registered.filter({ hasText: '在场' }).nth(2).waitFor();

    const visits = (await s.api('GET', '/api/onsite', undefined, reception.token)).body.visits.filter((v: any) => v.visitor.company === '星河科技');
    assert.is(visits.length, 3);
    assert.is(new Set(visits.map((v: any) => v.badge.code)).size, 3, 'three badges, three codes');
    const jobs = (await s.api('GET', '/api/print-jobs', undefined, reception.token)).body.jobs;
    const printed = jobs.filter((j: any) => visits.some((v: any) => v.id === j.visitId) && j.status === 'printed');
    assert.is(printed.length, 3, 'one printed job per visitor');
    await console_.context().close();
    await desk.context().close();
  });

  test('an unprintable name: the desk shows the characters on the named row and prints as it is', async () => {
    const desk = await signInStaff(browser, s, reception.user.username, 'a-long-password', '/desk/', { timezoneId: 'Asia/Shanghai' });
    await groupForm(desk);
    await fillRow(desk, 0, '李雷', residentId('19800101', '301'));
    await fillRow(desk, 1, '韩梅梅🙂', residentId('19800202', '302'));
    await desk.getByRole('button', { name: '登记2位访客' }).click();
    const notice = desk.locator('.unprintable');
    await notice.getByText('访客证打印机无法打印“访客2 · 姓名”中的 🙂').waitFor();
    await inBothLanguages(desk, 'unprintable');
    await notice.getByRole('button', { name: '按原样打印' }).click();
    await desk.getByText('已为张伟登记2位访客').waitFor();
    await desk.locator('.group-result').getByText('韩梅梅🙂').waitFor();

    // One visitor alone: the same way on.
    await desk.getByRole('button', { name: '完成' }).click();
    await desk.getByRole('radio', { name: '单个访客' }).click();
    await desk.getByLabel('姓名', { exact: true }).fill('Ana 😀');
    await desk.getByLabel('证件号码').fill(residentId('19800303', '303'));
    await desk.getByLabel('手机号码').fill('13800138000');
    await desk.getByLabel('被访人', { exact: true }).fill('张伟');
    await desk.getByRole('button', { name: /张伟/ }).click();
    await desk.getByRole('button', { name: '商务洽谈' }).click();
    await desk.getByRole('button', { name: '登记', exact: true }).click();
    await desk.locator('.unprintable').getByText('😀', { exact: true }).waitFor();
    await desk.getByRole('button', { name: '按原样打印' }).click();
    await desk.locator('.registered').getByText(/Ana 😀/).first().waitFor();
    await desk.context().close();
  });

  test('390 px: the group form, its rows and the host\'s group card fit without sideways scroll', async () => {
    const phone = { viewport: { width: 390, height: 844 }, isMobile: true, timezoneId: 'Asia/Shanghai' };
    const desk = await signInStaff(browser, s, reception.user.username, 'a-long-password', '/desk/', phone);
    await groupForm(desk);
    await fillRow(desk, 0, 'Maximilian Featherstonehaugh', residentId('19800404', '401'));
    await fillRow(desk, 1, '欧阳娜娜🙂', residentId('19800505', '402'));
    await desk.getByRole('button', { name: '登记2位访客' }).click();
    await desk.locator('.unprintable').waitFor();
    assert.ok(await desk.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll at 390 px');
    await inBothLanguages(desk, 'form-390');
    await desk.getByRole('button', { name: '按原样打印' }).click();
    await desk.getByText('已为张伟登记2位访客').waitFor();
    const console_ = await signInStaff(browser, s, host.user.username, 'a-long-password', '/host/', phone);
    const card = console_.locator('.group-card', { hasText: 'Maximilian Featherstonehaugh' });
    await card.waitFor();
    assert.ok(await console_.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll at 390 px');
    await inBothLanguages(console_, 'host-card-390');
    await card.getByRole('button', { name: '全部拒绝' }).click();
    await console_.getByText(/确定拒绝整个团体（2人/).waitFor();
    await console_.getByRole('button', { name: '确认拒绝' }).click();
    await eventually(async () => (await card.count()) === 0); // the group left the waiting list
    const denied = (await s.api('GET', '/api/visits?day=' + new Date().toLocaleDateString('sv', { timeZone: 'Asia/Shanghai' }), undefined, reception.token)).body.visits
      .filter((v: any) => ['Maximilian Featherstonehaugh', '欧阳娜娜🙂'].includes(v.visitor.name));
    assert.equal(denied.map((v: any) => v.status), ['denied', 'denied'], 'both visitors of the group were turned away');
    await desk.context().close();
    await console_.context().close();
  });
}

test.run();
