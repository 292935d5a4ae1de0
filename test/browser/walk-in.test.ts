// A walk-in from welcome to badge, by the visible labels, with the host approving over a socket.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Socket } from 'socket.io-client';
import { residentId } from '../helpers/server.ts';
import { chromiumPresent, eventually, shoot, useLobby } from './kiosk.ts';

if (chromiumPresent(import.meta.filename)) {
  let hostSocket: Socket;
  let hostId: string;
  const lobby = useLobby(test, async (s) => {
    const host = await s.makeHost('张伟', '研发部');
    await s.makeHost('王芳', '财务部');
    hostId = host.host.id;
    hostSocket = await s.hostSocket(host.token);
  });

  test('a walk-in checks in by the labels, the host approves live, and the badge is taken', () => lobby.withKiosk('walk-in', async (page) => {
    const arrivals: string[] = [];
    hostSocket.on('visit:arrived', ({ visit }) => arrivals.push(visit.id));

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.getByLabel('Full name').fill('Li Lei');
    assert.is(await page.getByRole('radio', { name: 'Resident ID card' }).getAttribute('aria-checked'), 'true');
    await page.getByLabel('ID number').fill(residentId('19880215', '042'));
    await page.getByLabel('Mobile phone').fill('13912345678');
    await page.getByLabel('Company').fill('Star River Tech');
    await shoot(page, 'walk-in-about-you-filled-en');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByLabel('Host').fill('zw');
    const result = page.getByRole('button', { name: /张伟/ });
    await result.waitFor();
    assert.is(await page.getByRole('button', { name: /王芳/ }).count(), 0, 'only matching staff are listed');
    assert.ok((await result.textContent())!.includes('研发部'), 'a result shows the department');
    await shoot(page, 'walk-in-host-search-en');
    await result.click();
    await page.getByRole('button', { name: 'Meeting' }).click();
    assert.is(await page.getByLabel('Purpose of visit').inputValue(), 'Meeting');
    await page.getByRole('button', { name: 'Laptop' }).click();
    await page.getByRole('button', { name: 'One more person' }).click();
    await page.getByLabel('Vehicle plate').fill('京a12345');
    await shoot(page, 'walk-in-your-visit-filled-en');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('heading', { name: 'Your information' }).waitFor();
    // Two taps in the same instant: the second must not register a second visit.
    const submit = page.getByRole('button', { name: 'Submit' });
    await eventually(() => submit.isEnabled());
    await submit.evaluate((button: HTMLButtonElement) => { button.click(); button.click(); });
    await page.getByText('We have told 张伟 that you are here.').waitFor();
    await shoot(page, 'walk-in-waiting-en');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.is(arrivals.length, 1, 'the host was told once');
    const open = await lobby.server.api('GET', '/api/visits', undefined, lobby.server.admin.token);
    assert.is(open.body.visits.length, 1, 'one visit registered');
    const visit = open.body.visits[0];
    assert.equal([visit.hostId, visit.purpose, visit.items, visit.companions, visit.plate], [hostId, 'Meeting', ['Laptop'], 1, '京A12345']);

    const ack = await hostSocket.timeout(3000).emitWithAck('visit:decide', { visitId: arrivals[0], decision: 'approve', message: '请稍等，我马上下来' });
    assert.ok(ack.ok, JSON.stringify(ack));
    await page.getByText('Please take your badge').waitFor();
    await page.getByText('请稍等，我马上下来').waitFor();
    await shoot(page, 'walk-in-badge-en');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: '来访登记' }).waitFor(); // back to welcome, in the kiosk's own language
  }));

  test('the form says what is wrong as the visitor types, in their language', () => lobby.withKiosk('walk-in-problems', async (page) => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Check in' }).click();
    const id = page.getByLabel('ID number');
    await id.fill('11010519880230042');
    await page.getByText('The birth date in this ID number (1988-02-30) is not a real date.').waitFor();
    const good = residentId('19880215', '042');
    await id.fill(good.slice(0, 17) + (good.endsWith('1') ? '2' : '1'));
    await page.getByText('This ID number does not add up: please check each digit.').waitFor();
    await page.getByLabel('Mobile phone').fill('12345');
    await page.getByText(/11-digit mainland mobile number/).waitFor();
    await shoot(page, 'walk-in-problems-en');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByText('身份证号码校验不通过，请逐位核对。').waitFor();
    await page.getByText(/请输入以 13–19 开头的 11 位大陆手机号/).waitFor();
    await shoot(page, 'walk-in-problems-zh');
    await page.getByLabel('手机号码').fill('+44 20 7946 0958');
    await page.getByLabel('证件号码').fill(good);
    assert.is(await page.locator('.field-error:not(:empty)').count(), 0, 'a good ID and an international number pass');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('请填写此项。').waitFor(); // the name was left empty
    assert.ok(await page.getByLabel('姓名').evaluate((el) => el === document.activeElement), 'the empty field gets the focus');
  }));

  test.run();
}
