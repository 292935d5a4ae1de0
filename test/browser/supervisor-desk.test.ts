// A supervisor (主管) signs in to the desk and reads it: who waits for a decision and who is expected today, with no
// visitor's steps (no register form, decisions, roll call or panic button); in Chinese and English, at desk and phone size.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import { startServer, residentId, type TestServer } from '../helpers/server.ts';
import { chromiumPresent, ensureBuilt, inBothLanguages, launch, signInStaff } from './kiosk.ts';

if (chromiumPresent(import.meta.url)) {
  let s: TestServer;
  let browser: Browser;
  test.before(async () => {
    ensureBuilt();
    s = await startServer();
    browser = await launch();
  });
  test.after(async () => {
    await browser?.close();
    await s?.close();
  });

  test('a supervisor lands on the desk and reads who waits, with no visitor\'s steps, at desk and phone size', async () => {
    const host = await s.makeHost('主管测试接待人', '行政部');
    const kiosk = await s.pairKiosk('大堂');
    const reg = await s.api('POST', '/api/visits', { visitor: { name: '等候的访客', idType: 'cn-resident', idNumber: residentId() }, purpose: '送文件', hostId: host.host.id }, kiosk.token);
    assert.is(reg.status, 201);
    const supervisor = await s.makeUser('supervisor');
    for (const [size, viewport] of [['desk', { width: 1366, height: 1000 }], ['phone', { width: 390, height: 844 }]] as const) {
      const page = await signInStaff(browser, s, supervisor.user.username, 'a-long-password', '/desk/', { viewport });
      await page.getByText('等候的访客').first().waitFor();
      assert.is(await page.locator('button', { hasText: /同意|Approve/ }).count(), 0, 'no decisions');
      assert.is(await page.getByRole('link', { name: /点名|Roll call/ }).count(), 0, 'no roll call');
      assert.is(await page.getByRole('button', { name: /紧急|Panic/i }).count(), 0, 'no panic button');
      assert.is(await page.locator('form').filter({ hasText: /证件号码|ID number/ }).count(), 0, 'no register form');
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.is(wide, 0, `no sideways scroll at ${size} size`);
      await inBothLanguages(page, `supervisor-desk-${size}`);
      await page.context().close();
    }
  });

  test.run();
}
