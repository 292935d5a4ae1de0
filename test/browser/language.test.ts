// Chinese and English: complete tables, a switch on every screen, and Chinese drawn with the shipped font.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Request } from 'playwright-core';
import { en } from '../../kiosk/ui/strings.en.ts';
import { zhCN } from '../../kiosk/ui/strings.zh-CN.ts';
import { chromiumPresent, shoot, useLobby } from './kiosk.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('both languages have every string, with the same placeholders', () => {
  for (const key of Object.keys(en) as (keyof typeof en)[]) {
    assert.ok(zhCN[key]?.trim(), `zh-CN has ${key}`);
    assert.equal(placeholders(zhCN[key]), placeholders(en[key]), `placeholders of ${key}`);
  }
});

if (chromiumPresent(import.meta.filename)) {
  const lobby = useLobby(test);

  test('the language button switches everything, welcome and form alike, and back', () => lobby.withKiosk('language', async (page) => {
    for (const label of ['欢迎光临', '来访登记', '我有邀请', '离开签退']) await page.getByText(label, { exact: true }).waitFor();
    assert.is(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    await page.getByRole('button', { name: 'English' }).click();
    for (const label of ['Welcome', 'Check in', 'I have an invitation', 'Check out']) await page.getByText(label, { exact: true }).waitFor();
    assert.is(await page.evaluate(() => document.documentElement.lang), 'en');

    await page.getByRole('button', { name: 'Check in' }).click();
    await page.getByLabel('Full name').fill('Lucy');
    for (const label of ['Full name', 'ID number', 'Mobile phone', 'Company']) await page.getByLabel(label).waitFor();
    await page.getByRole('radiogroup', { name: 'ID type' }).waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    for (const label of ['姓名', '证件号码', '手机号码', '单位']) await page.getByLabel(label).waitFor();
    await page.getByRole('radiogroup', { name: '证件类型' }).waitFor();
    assert.is(await page.getByLabel('姓名').inputValue(), 'Lucy', 'switching keeps what was typed');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('请填写此项。').first().waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Please fill this in.').first().waitFor();
    const text = await page.locator('body').innerText();
    assert.not.match(text, /\{\w+\}/, 'no placeholder is left unfilled');
  }));

  test('Chinese is drawn with the shipped font, fetched in slices, after the first screen', () => lobby.withKiosk('fonts', async (page) => {
    const fonts: string[] = [];
    page.on('request', (request: Request) => { if (request.url().endsWith('.woff2')) fonts.push(request.url()); });
    await page.reload();
    await page.getByText('欢迎光临').waitFor();
    const loaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((face) => face.family.replace(/"/g, '') === 'Noto Sans SC' && face.status === 'loaded').length;
    });
    assert.ok(loaded > 0, 'some Noto Sans SC slices are loaded');
    assert.ok(fonts.length > 0 && fonts.length < 40, `only the slices on screen are fetched (${fonts.length})`);
    const html = await (await fetch(`${lobby.server.url}/`)).text();
    assert.not.match(html, /fonts-[\w-]+\.css/, 'the font CSS does not block the first paint');
    await shoot(page, 'welcome-zh');
  }));
}

test.run();
