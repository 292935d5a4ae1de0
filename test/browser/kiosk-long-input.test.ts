// Nothing the visitor types is cut or lost silently: near a field's limit the kiosk shows the count, and what the
// badge cannot print (an emoji) is named, in their language, before anything is registered; they go back and change
// it, or print the badge as it is.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { residentId } from '../helpers/server.ts';
import { chromiumPresent, shoot, useLobby } from './kiosk.ts';
import type { Page } from 'playwright-core';

if (chromiumPresent(import.meta.filename)) {
  const lobby = useLobby(test, async (s) => { await s.makeHost('张伟', '研发部'); });

  async function fillUpTo(page: Page, labels: { name: string; id: string; phone: string; next: string; host: string; purpose: string }, name: string) {
    await page.getByLabel(labels.name).fill(name);
    await page.getByLabel(labels.id).fill(residentId('19880215', '042'));
    await page.getByLabel(labels.phone).fill('13912345678');
    await page.getByRole('button', { name: labels.next }).click();
    await page.getByLabel(labels.host).fill('zw');
    await page.getByRole('button', { name: /张伟/ }).click();
    await page.getByLabel(labels.purpose).fill('Meeting');
    await page.getByRole('button', { name: labels.next }).click();
  }
  const visits = async () => (await lobby.server.api('GET', '/api/visits', undefined, lobby.server.admin.token)).body.visits as Array<{ visitor: { name: string } }>;

  const counts: Array<[number, string | null]> = [[10, null], [63, null], [64, '64 / 80'], [79, '79 / 80'], [80, '80 / 80']];
  test('the company field shows its count from 80% of its 80 characters, and stops at 80 where it says so', () => lobby.withKiosk('long-input', async (page) => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Check in' }).click();
    const company = page.getByLabel('Company');
    for (const [length, shown] of counts) {
      await company.fill('星'.repeat(length));
      const count = page.locator('.field-count');
      if (shown === null) assert.is(await count.count(), 0, `no count at ${length}`);
      else assert.is(await count.textContent(), shown);
    }
    await company.pressSequentially('多');
    assert.is((await company.inputValue()).length, 80, 'the 81st character is not taken');
    assert.ok(await page.locator('.field-count-full').isVisible(), 'and the count says the field is full');
    await shoot(page, 'long-input-count-en');
  }));

  test('English: an emoji in the name is named before registering; "Print as it is" registers it as typed', () => lobby.withKiosk('unprintable-en', async (page) => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Check in' }).click();
    await fillUpTo(page, { name: 'Full name', id: 'ID number', phone: 'Mobile phone', next: 'Next', host: 'Host', purpose: 'Purpose of visit' }, 'Li Lei 😀');
    const before = (await visits()).length;
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByText('The badge printer cannot print 😀 in "Full name"', { exact: false }).waitFor();
    assert.is((await visits()).length, before, 'nothing registered yet');
    await shoot(page, 'unprintable-en');
    await page.getByRole('button', { name: 'Print as it is' }).click();
    await page.getByRole('heading', { name: 'Thank you, please wait' }).waitFor();
    assert.ok((await visits()).some((v) => v.visitor.name === 'Li Lei 😀'));
  }));

  test('中文: the visitor goes back, removes the emoji, and submits; no button to print as it is then', () => lobby.withKiosk('unprintable-zh', async (page) => {
    await page.getByRole('button', { name: '来访登记' }).click();
    await fillUpTo(page, { name: '姓名', id: '证件号码', phone: '手机号码', next: '下一步', host: '被访人', purpose: '来访事由' }, '韩梅梅🙂');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('胸卡打印机无法打印“姓名”中的 🙂', { exact: false }).waitFor();
    await shoot(page, 'unprintable-zh');
    assert.is(await page.getByRole('button', { name: '按原样打印' }).count(), 1);
    await page.getByRole('button', { name: '上一步' }).click();
    await page.getByRole('button', { name: '上一步' }).click();
    await page.getByLabel('姓名').fill('韩梅梅');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '下一步' }).click();
    assert.is(await page.getByRole('button', { name: '按原样打印' }).count(), 0, 'a new submit starts without the old problem');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('heading', { name: '谢谢，请稍候' }).waitFor();
    assert.ok((await visits()).some((v) => v.visitor.name === '韩梅梅'));
  }));
}

test.run();
