// Check-out by the USB scanner: its keystrokes are caught by the kiosk, never typed into a field.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nextEvent, residentId, type TestServer } from '../helpers/server.ts';
import { chromiumPresent, eventually, scanWithWedge, shoot, useLobby } from './kiosk.ts';

if (chromiumPresent(import.meta.filename)) {
  let host: Awaited<ReturnType<TestServer['makeHost']>>;
  const lobby = useLobby(test, async (s) => { host = await s.makeHost('孙丽', '行政部'); });

  /** A visitor registered at this kiosk, approved, with a printed badge: returns the badge's code. */
  async function onSiteBadge(name: string, items: string[]): Promise<string> {
    const { server: s, kioskToken } = lobby;
    const registered = await s.api('POST', '/api/visits', {
      visitor: { name, idType: 'cn-resident', idNumber: residentId('19800808', String(100 + items.length)), phone: '13511112222' },
      purpose: '参观', hostId: host.host.id, items,
    }, kioskToken);
    assert.is(registered.status, 201, JSON.stringify(registered.body));
    const id = registered.body.visit.id;
    await s.api('POST', `/api/visits/${id}/decision`, { decision: 'approve' }, host.token);
    const visit = await eventually(async () => {
      const { body } = await s.api('GET', `/api/visits/${id}`, undefined, kioskToken);
      return body.visit.badge?.print === 'printed' && body.visit;
    });
    return visit.badge.code;
  }

  test('a badge scanned at welcome checks the visitor out and lists the items declared at entry', () => lobby.withKiosk('checkout', async (page) => {
    const code = await onSiteBadge('钱多多', ['Laptop', '相机']);
    const hostSocket = await lobby.server.hostSocket(host.token);
    const checkedOut = nextEvent(hostSocket, 'visit:updated', (p: any) => p.visit.status === 'checked-out');
    await page.getByRole('button', { name: 'English' }).click();
    await scanWithWedge(page, code);
    await page.getByRole('heading', { name: 'Goodbye, 钱多多' }).waitFor();
    await page.getByText('You told us you brought these with you. Please check you have them:').waitFor();
    assert.equal(await page.locator('.items-list li').allInnerTexts(), ['Laptop', 'Camera'], 'items in today\'s language');
    await shoot(page, 'goodbye-en');
    assert.is((await checkedOut).visit.status, 'checked-out');

    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: '离开签退' }).click();
    await scanWithWedge(page, code);
    await page.getByText('该来访已结束，请前往前台。').waitFor();
    await scanWithWedge(page, 'NOT-A-REAL-BADGE-0000');
    await page.getByText('无法识别该访客证，请重试或前往前台。').waitFor();
    await shoot(page, 'checkout-error-zh');
  }));

  test('a scan while a field has the focus is not typed into it', () => lobby.withKiosk('scan-in-field', async (page) => {
    const code = await onSiteBadge('冯远', []);
    await page.getByRole('button', { name: '来访登记' }).click();
    const name = page.getByLabel('姓名');
    await name.click();
    await page.keyboard.type('Li', { delay: 120 }); // a person typing: slower than any scanner
    await scanWithWedge(page, code);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.is(await name.inputValue(), 'Li', 'the scan went to the kiosk, not into the field');
    assert.is(await page.getByRole('heading', { name: '您的信息' }).count(), 1, 'and a form is not interrupted by it');
    await page.keyboard.type(' Lei', { delay: 120 });
    assert.is(await name.inputValue(), 'Li Lei', 'typing goes on as normal');
  }));

  test('a badge scanned over another visitor\'s screen checks its visitor out in passing; their screen, field and typing stay', () => lobby.withKiosk('checkout-in-passing', async (page) => {
    const code = await onSiteBadge('卫青', ['Laptop']);
    await page.getByRole('button', { name: '我有邀请' }).click();
    const field = page.locator('.screen-invitation input'); // its label follows the language
    await field.click();
    await page.keyboard.type('ABCD', { delay: 120 });
    await scanWithWedge(page, code);
    const note = page.locator('.departure');
    await note.getByText('再见，已签离').waitFor();
    await note.getByText('卫青').waitFor();
    await note.getByText('笔记本电脑').waitFor(); // the items to check at the door, in today's language
    await shoot(page, 'checkout-in-passing-zh');
    assert.is(await field.inputValue(), 'ABCD', 'the invite code being typed is untouched');
    assert.ok(await field.evaluate((el) => el === document.activeElement), 'and keeps the focus');
    await note.waitFor({ state: 'detached', timeout: 8000 }); // the note goes by itself
    await page.keyboard.type('-EFGH', { delay: 120 });
    assert.is(await field.inputValue(), 'ABCD-EFGH');
    const onsite = (await lobby.server.api('GET', '/api/onsite', undefined, lobby.server.admin.token)).body.visits;
    assert.not.ok(onsite.some((v: { visitor: { name: string } }) => v.visitor.name === '卫青'), 'checked out');

    await page.getByRole('button', { name: 'English' }).click();
    const next = await onSiteBadge('霍去病', []);
    await field.click();
    await scanWithWedge(page, next);
    await note.getByText('Goodbye — checked out').waitFor();
    await shoot(page, 'checkout-in-passing-en');
    await note.click(); // a tap closes it at once
    await note.waitFor({ state: 'detached' });
    assert.ok(await field.evaluate((el) => el === document.activeElement), 'the field keeps the focus through the tap');
  }));

  test('a person typing gets every key back, in order, even keys a badge code begins with', () => lobby.withKiosk('typing', async (page) => {
    await page.getByRole('button', { name: '来访登记' }).click();
    const name = page.getByLabel('姓名');
    await name.click();
    await page.keyboard.type('Fang', { delay: 15 }); // a fast typist
    assert.is(await name.inputValue(), 'Fang');
    await page.keyboard.type(' FY1.x y', { delay: 40 }); // looks like a badge until the space
    assert.is(await name.inputValue(), 'Fang FY1.x y');
    await page.keyboard.type(' F', { delay: 40 });
    await page.keyboard.press('Backspace'); // a correction undoes the held F, not the letter before it
    assert.is(await name.inputValue(), 'Fang FY1.x y ');
    await page.keyboard.type('FY', { delay: 40 }); // and stops: after a pause the keys show
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement).value.endsWith('FY'), undefined, { timeout: 3000 });
    assert.is(await name.inputValue(), 'Fang FY1.x y FY');
  }));

  test.run();
}
