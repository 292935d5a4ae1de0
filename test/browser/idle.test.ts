// A minute without a touch (3 s here) takes the kiosk back to welcome, in its own language, with nothing kept.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chromiumPresent, shoot, useLobby } from './kiosk.ts';

if (chromiumPresent(import.meta.filename)) {
  const lobby = useLobby(test);

  test('an idle kiosk counts down, then returns to welcome in Chinese with the form cleared', () => lobby.withKiosk('idle', async (page) => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.getByLabel('Full name').fill('Somebody Private');
    await page.getByLabel('Mobile phone').fill('13800138000');
    await page.getByText(/Back to start in \d s/).waitFor();
    await page.getByRole('alertdialog').getByText('Are you still there?').waitFor({ timeout: 4000 });
    await shoot(page, 'idle-warning-en');
    await page.getByRole('heading', { name: '欢迎光临' }).waitFor({ timeout: 4000 });
    await page.getByRole('button', { name: '来访登记' }).click();
    assert.is(await page.getByLabel('姓名').inputValue(), '', 'the name is gone');
    assert.is(await page.getByLabel('手机号码').inputValue(), '', 'and the phone');
  }, { query: 'idle=3' }));

  test('a touch restarts the countdown', () => lobby.withKiosk('idle-touch', async (page) => {
    await page.getByRole('button', { name: '来访登记' }).click();
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await page.getByLabel('姓名').tap();
    }
    assert.is(await page.getByRole('heading', { name: '您的信息' }).count(), 1, 'still on the form after 4.5 s of regular touches');
  }, { query: 'idle=3' }));

  test('welcome in another language also returns to the kiosk\'s own', () => lobby.withKiosk('idle-language', async (page) => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    await page.getByRole('heading', { name: '欢迎光临' }).waitFor({ timeout: 5000 });
  }, { query: 'idle=3' }));

  test.run();
}
