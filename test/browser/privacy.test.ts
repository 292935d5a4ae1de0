// The privacy notice tells the visitor the site's own retention, as the server is configured, even when offline.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { residentId } from '../helpers/server.ts';
import { chromiumPresent, fillWalkIn, shoot, useLobby } from './kiosk.ts';

if (chromiumPresent(import.meta.filename)) {
  const lobby = useLobby(test, async (s) => { await s.makeHost('张伟', '研发部'); }, { server: { env: { FOYER_RETENTION_DAYS: '30' } } });
  const visitor = { name: 'Wang Fang', idNumber: residentId('19900307', '321'), phone: '13800138000', hostQuery: 'zw', hostName: '张伟', purpose: 'Meeting' };
  const notice = (page: Parameters<Parameters<typeof lobby.withKiosk>[1]>[0]) => page.locator('.privacy-part').nth(2);

  test('the notice shows the retention the server is configured with, in both languages', () => lobby.withKiosk('privacy-retention', async (page) => {
    const site = page.waitForResponse((r) => r.url().endsWith('/api/site'));
    await fillWalkIn(page, visitor);
    await site;
    await notice(page).getByText('Records are kept for 30 days and then deleted.').waitFor();
    await shoot(page, 'privacy-retention-en');
    await page.getByRole('button', { name: '中文' }).click();
    await notice(page).getByText('记录保存 30 天后删除。').waitFor();
    await shoot(page, 'privacy-retention-zh');
    assert.not.ok((await page.locator('.screen-privacy').textContent())!.includes('180'), 'no built-in number anywhere');
  }));

  test('an offline kiosk still shows the last retention it heard', () => lobby.withKiosk('privacy-offline', async (page) => {
    await page.getByRole('button', { name: '来访登记' }).waitFor();
    await page.waitForFunction(() => localStorage.getItem('foyer.kiosk.site') !== null); // heard once, when the kiosk connected
    await page.route('**/api/site', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await fillWalkIn(page, visitor);
    await notice(page).getByText('Records are kept for 30 days and then deleted.').waitFor();
  }));

  test('a kiosk that never heard the retention says so without a number', () => lobby.withKiosk('privacy-unknown', async (page) => {
    // The first load's answer is in before it is forgotten: arriving later, it would be kept again.
    await page.waitForFunction(() => localStorage.getItem('foyer.kiosk.site') !== null);
    await page.route('**/api/site', (route) => route.abort('internetdisconnected'));
    await page.evaluate(() => localStorage.removeItem('foyer.kiosk.site'));
    await page.reload();
    await fillWalkIn(page, visitor);
    await notice(page).getByText('Records are kept only as long as the building\'s rules allow, then deleted.', { exact: false }).waitFor();
    assert.not.ok(/\d+ days/.test((await notice(page).textContent())!));
  }));

  test.run();
}
