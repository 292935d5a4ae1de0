// An admin adds a network printer in the browser, prints a test page on it (told the result), gives it to a kiosk, and
// sees its status turn to paper out live. Desk size and 390 px, in both languages; screenshots in test/scratch-tmp/.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server.ts';
import { startVirtualPrinter, type VirtualPrinter } from '../../printer/virtual.ts';
import type { DecodedJob } from '../../printer/decode.ts';
import { readQr } from '../helpers/qr.ts';
import { auditScreen, chromiumPresent, ensureBuilt, launch, signInStaff, staffHeaderButton } from './kiosk.ts';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 1000 };
const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../scratch-tmp/printers');

if (chromiumPresent(import.meta.filename)) {
  let s: TestServer;
  let browser: Browser;
  let lobby: VirtualPrinter;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foyer-lobby-printer-'));
  const jobs: DecodedJob[] = [];
  test.before(async () => {
    ensureBuilt();
    [s, browser, lobby] = await Promise.all([startServer({ statusPollMs: 100 }), launch(), startVirtualPrinter({ dir })]);
    lobby.onPrint((_p, job) => { if (job) jobs.push(job); });
  });
  test.after(async () => {
    await browser?.close();
    await s?.close();
    await lobby?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);
  const shot = async (page: Page, name: string) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.evaluate(async () => { await document.fonts.ready; scrollTo(0, 0); });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
  };

  test('admin adds a printer, prints a test page, gives it to a kiosk, and sees it run out of paper', async () => {
    const kiosk = await s.pairKiosk('大堂自助机');
    const page = await signInStaff(browser, s, ADMIN.username, ADMIN.password, '/admin/');
    await page.getByRole('tab', { name: '打印机' }).click();
    const add = page.getByRole('region', { name: '添加打印机' });
    // A wrong address is refused in words, naming the field.
    await add.getByLabel('名称').fill('大堂打印机');
    await add.getByLabel('地址').fill('http://printer.local');
    await add.getByRole('button', { name: '添加打印机' }).click();
    await add.getByRole('alert').getByText(/地址/).waitFor();
    await add.getByLabel('地址').fill(`tcp://127.0.0.1:${lobby.port}`);
    await add.getByLabel('纸宽').selectOption('80');
    await add.getByRole('button', { name: '添加打印机' }).click();
    await page.getByText('已添加“大堂打印机”。').waitFor();
    const row = page.locator('li.printer-row', { hasText: '大堂打印机' });
    await row.locator('[data-status="ok"]').getByText('正常').waitFor();
    const stored = (await s.api('GET', '/api/printers', undefined, s.admin.token)).body.printers.find((p: any) => p.name === '大堂打印机');
    assert.is(stored.address, `tcp://127.0.0.1:${lobby.port}`);

    await row.getByRole('button', { name: '打印测试页' }).click();
    await row.getByTestId('test-result').getByText('测试页已在“大堂打印机”打印。').waitFor();
    assert.is(jobs.length, 1, 'the test page came out of that printer');
    assert.match(readQr(jobs[0].image!) ?? '', new RegExp(`^FOYER-TEST ${stored.id} `));
    assert.is(s.printing.virtual!.prints(500).length, 0, 'and of no other');

    // The kiosk's own printer, chosen on its row.
    await page.getByRole('tab', { name: '自助终端' }).click();
    const kioskRow = page.locator('li.row', { hasText: '大堂自助机' });
    await kioskRow.getByText('使用默认打印机').waitFor();
    await kioskRow.getByRole('button', { name: '打印机', exact: true }).click();
    await kioskRow.getByRole('combobox', { name: '打印机', exact: true }).selectOption({ label: '大堂打印机' });
    await kioskRow.getByRole('combobox', { name: '备用 1' }).waitFor();
    await page.setViewportSize(PHONE);
    assert.ok(await noSidewaysScroll(page), 'no sideways scroll at 390 px (kiosk printers)');
    await shot(page, 'admin-printers-kiosk-zh-390');
    await kioskRow.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存“大堂自助机”。').waitFor();
    await kioskRow.getByText('打印机：大堂打印机').waitFor();
    const kiosks = (await s.api('GET', '/api/kiosks', undefined, s.admin.token)).body.kiosks;
    assert.equal(kiosks.find((k: any) => k.id === kiosk.kiosk.id).printerIds, [stored.id]);
    await page.setViewportSize(DESK);

    // Out of paper: the list says so by itself, without a reload.
    await page.getByRole('tab', { name: '打印机' }).click();
    await row.locator('[data-status="ok"]').waitFor();
    lobby.setStatus('paper-out');
    await row.locator('[data-status="paper-out"]').getByText('缺纸').waitFor();
    assert.equal(await auditScreen(page), []);
    await shot(page, 'admin-printers-zh-desk');
    await page.setViewportSize(PHONE);
    assert.ok(await noSidewaysScroll(page), 'no sideways scroll at 390 px (printers)');
    await shot(page, 'admin-printers-zh-390');

    await staffHeaderButton(page, 'English');
    await row.locator('[data-status="paper-out"]').getByText('Paper out').waitFor();
    await row.getByRole('button', { name: 'Test print' }).click();
    await row.getByTestId('test-result').getByText('The test page did not print on "大堂打印机": Paper out').waitFor();
    assert.ok(await noSidewaysScroll(page), 'no sideways scroll at 390 px (English)');
    await shot(page, 'admin-printers-en-390');
    await page.setViewportSize(DESK);
    await row.getByRole('button', { name: 'Edit' }).click();
    await row.getByLabel('Paper width').selectOption('58');
    await row.getByRole('button', { name: 'Save' }).click();
    await page.getByText('"大堂打印机" was saved.').waitFor();
    await page.locator('li.printer-row', { hasText: '58 mm' }).waitFor();
    await shot(page, 'admin-printers-en-desk');
    // Still in use by the kiosk: removal is refused in words.
    await page.locator('li.printer-row', { hasText: '大堂打印机' }).getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('"大堂打印机" is still used by a kiosk or the desk: choose other printers there first.').waitFor();
    lobby.setStatus('ok');
    await page.locator('li.printer-row [data-status="ok"]').waitFor();
    await page.context().close();
  });

  test.run();
}
