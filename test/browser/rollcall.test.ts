// The evacuation roll call on screen: the desk starts it, two marshals mark people at once from their phones, each sees
// the other's marks live, the desk ends it and the result stays. Screenshots at desk size and 390 px, both languages.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { nextEvent, startServer, type TestServer } from '../helpers/server.ts';
import { auditScreen, chromiumPresent, ensureBuilt, eventually, launch, shootStaff as shoot, signInStaff, staffHeaderButton } from './kiosk.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, timezoneId: 'Asia/Shanghai' };

if (chromiumPresent(import.meta.filename)) {
  let s: TestServer;
  let browser: Browser;
  const names = ['欧阳娜娜', 'Maximilian Alexander Featherstonehaugh', '李雷'];

  test.before(async () => {
    ensureBuilt();
    [s, browser] = await Promise.all([startServer(), launch()]);
    const host = await s.makeHost('王重阳', '工程部');
    const kiosk = await s.pairKiosk();
    const sock = await s.socket(kiosk.token);
    for (const [i, name] of names.entries()) {
      const reg = await s.api('POST', '/api/visits', {
        visitor: { name, idType: 'passport', idNumber: `E700000${i}` }, purpose: 'Repair', hostId: host.host.id,
        companions: i === 0 ? 2 : 0, ...(i === 0 ? { companionNames: ['张小明', 'Jane Doe'] } : {}),
      }, kiosk.token);
      const on = nextEvent(sock, 'visit:updated', (p: any) => p.visit.id === reg.body.visit.id && p.visit.status === 'on-site');
      await s.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'approve' }, host.token);
      await on;
    }
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
  const count = (page: Page, which: 'accounted' | 'missing') => page.locator(`[data-count="${which}"]`).textContent();
  const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  test('the desk starts a roll call, two marshals mark at once on phones and see each other live, the desk ends it', async () => {
    const reception = await s.makeUser('reception');
    const m1 = await s.makeUser('security');
    const m2 = await s.makeUser('security');
    const desk = await signInStaff(browser, s, reception.user.username, 'a-long-password', '/desk/', { timezoneId: 'Asia/Shanghai' });
    await desk.getByRole('link', { name: '疏散点名' }).click();
    await desk.waitForURL(`${s.url}/rollcall/`);
    await desk.getByRole('button', { name: '开始点名' }).waitFor();
    await inBothLanguages(desk, 'rollcall-none-desk');
    await desk.getByRole('button', { name: '开始点名' }).click();
    await eventually(async () => (await count(desk, 'missing')) === '5');

    const phones: Page[] = [];
    for (const m of [m1, m2]) {
      const phone = await signInStaff(browser, s, m.user.username, 'a-long-password', '/desk/', PHONE);
      await phone.goto(`${s.url}/rollcall/`);
      await phone.getByRole('button', { name: /欧阳娜娜/ }).waitFor();
      phones.push(phone);
    }
    await inBothLanguages(phones[0], 'rollcall-open-390');
    assert.ok(await noSideways(phones[0]), 'no sideways scroll at 390 px');

    await Promise.all([
      phones[0].getByRole('button', { name: /欧阳娜娜/ }).click(),
      phones[1].getByRole('button', { name: /Featherstonehaugh/ }).click(),
    ]);
    for (const page of [desk, ...phones]) {
      await eventually(async () => (await count(page, 'accounted')) === '4' && (await count(page, 'missing')) === '1');
      assert.is(await page.getByRole('button', { name: /欧阳娜娜/ }).getAttribute('aria-pressed'), 'true');
      assert.is(await page.getByRole('button', { name: /Featherstonehaugh/ }).getAttribute('aria-pressed'), 'true');
    }
    await inBothLanguages(phones[1], 'rollcall-marked-390');
    await inBothLanguages(desk, 'rollcall-marked-desk');

    // A mistaken tap is taken back; the other marshal sees it too.
    await phones[1].getByRole('button', { name: /欧阳娜娜/ }).click();
    await eventually(async () => (await count(phones[0], 'accounted')) === '1');
    await phones[0].getByRole('button', { name: '只看未确认' }).click();
    await eventually(async () => (await phones[0].locator('.rollcall-person').count()) === 2);

    await desk.getByRole('button', { name: '结束点名' }).click();
    await desk.getByRole('alertdialog').getByRole('button', { name: '结束点名' }).click();
    await desk.getByText(/结束：已确认 1 人，未确认 4 人/).waitFor();
    await eventually(() => phones[0].getByText(/结束：已确认 1 人/).isVisible());
    assert.ok(await phones[0].getByRole('button', { name: /李雷/ }).isDisabled(), 'no marks after the end');
    await inBothLanguages(desk, 'rollcall-ended-desk');
    await inBothLanguages(phones[0], 'rollcall-ended-390');

    const list = (await s.api('GET', '/api/rollcalls', undefined, s.admin.token)).body.rollcalls;
    assert.equal(list[0].counts, { people: 5, accounted: 1, missing: 4 });
    for (const page of [desk, ...phones]) await page.context().close();
  });

  test.run();
}
