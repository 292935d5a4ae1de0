// The host's words on the kiosk: a phrase key shown in the language the visitor chose, free text as typed, and
// "coming in 5 minutes" as a countdown that runs down, on a server whose clock is hours away from the kiosk's.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { residentId } from '../helpers/server.ts';
import { chromiumPresent, eventually, fillWalkIn, shoot, shootStaff, signInStaff, useLobby } from './kiosk.ts';

const SKEW_MS = 3 * 3600_000; // the server's clock runs three hours ahead of the kiosk's

if (chromiumPresent(import.meta.filename)) {
  let hostSocket: Socket;
  const arrivals: string[] = [];
  const lobby = useLobby(test, async (s) => {
    const host = await s.makeHost('张伟', '研发部');
    hostSocket = await s.hostSocket(host.token);
    hostSocket.on('visit:arrived', ({ visit }) => arrivals.push(visit.id));
  }, { server: { clock: () => new Date(Date.now() + SKEW_MS) } });

  const say = async (payload: object, event = 'visit:message') => {
    const ack = await hostSocket.timeout(3000).emitWithAck(event, payload);
    assert.ok(ack.ok, JSON.stringify(ack));
  };
  const seconds = async (page: Page) => {
    const [mm, ss] = (await page.locator('.countdown-time').textContent())!.split(':').map(Number);
    return mm * 60 + ss;
  };
  const arrival = async (n: number) => eventually(() => arrivals[n - 1]);

  test('English: a phrase key reaches the kiosk in English, free text as typed, and approval with a countdown', () => lobby.withKiosk('phrases-en', async (page) => {
    await fillWalkIn(page, { name: 'Li Lei', idNumber: residentId('19880215', '042'), phone: '13912345678', hostQuery: 'zw', hostName: '张伟', purpose: 'Meeting' });
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByText('We have told 张伟 that you are here.').waitFor();
    const visitId = await arrival(1);

    await say({ visitId, phrase: 'coming-down', message: '<b>East</b> gate & lift 3' });
    await page.getByText('I\'ll be right down').waitFor();
    assert.is(await page.getByText('请稍等，我马上下来').count(), 0, 'the phrase is in the visitor\'s language only');
    assert.is(await page.locator('.host-text').textContent(), '<b>East</b> gate & lift 3', 'free text is shown as typed, not as markup');
    await shoot(page, 'phrases-waiting-en');

    await say({ visitId, decision: 'approve', comingInMinutes: 5 }, 'visit:decide');
    await page.getByText('Please take your badge').waitFor();
    await page.getByText('张伟 will be here in').waitFor();
    await page.getByText('I\'ll be right down').waitFor(); // the words said before stay
    const first = await seconds(page);
    assert.ok(first <= 300 && first >= 290, `counts from 05:00 on the server's clock, not the kiosk's (${first})`);
    await shoot(page, 'phrases-countdown-en');
    await eventually(async () => (await seconds(page)) <= first - 2, 4000);
  }));

  test('Chinese: the phrase in Chinese, a countdown while waiting, and at zero "any moment", never negative', () => lobby.withKiosk('phrases-zh', async (page) => {
    await page.getByRole('button', { name: '来访登记' }).click();
    await page.getByLabel('姓名').fill('韩梅梅');
    await page.getByLabel('证件号码').fill(residentId('19900307', '043'));
    await page.getByLabel('手机号码').fill('13912345679');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('被访人').fill('zw');
    await page.getByRole('button', { name: /张伟/ }).click();
    await page.getByLabel('来访事由').fill('面试');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('已通知 张伟 您已到达。').waitFor();
    const visitId = await arrival(2);

    await say({ visitId, phrase: 'take-seat', comingInMinutes: 5 });
    await page.getByText('请在大堂稍坐').waitFor();
    await page.getByText('张伟 预计到达还有').waitFor();
    assert.is(await page.getByText('Please take a seat in the lobby').count(), 0);
    const first = await seconds(page);
    assert.ok(first <= 300 && first >= 290, `05:00 on the server's clock (${first})`);
    await shoot(page, 'phrases-countdown-zh');
    await eventually(async () => (await seconds(page)) < first, 3000);

    // The visitor switches to English while waiting: the same key, now in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Please take a seat in the lobby').waitFor();
    await page.getByRole('button', { name: '中文' }).click();

    // The minutes pass (the kiosk's own clock moves on): zero says the host is about to arrive.
    await page.evaluate(() => { const real = Date.now; Date.now = () => real() + 6 * 60_000; });
    await page.getByText('张伟 马上就到。').waitFor();
    assert.is(await page.locator('.countdown-time').count(), 0, 'no numbers below zero');
    assert.not.match(await page.locator('body').innerText(), /-\d+:\d\d/);
    await shoot(page, 'phrases-any-moment-zh');

    await say({ visitId, phrase: 'go-to-reception' });
    await page.getByText('请到前台').waitFor();
    await shoot(page, 'phrases-waiting-zh');
  }));

  test('from the host console in Chinese to a kiosk in English: the chips send keys, the visitor reads English', () => lobby.withKiosk('phrases-console', async (page) => {
    const host = await lobby.server.makeHost('李娜', '市场部');
    const console_ = await signInStaff(lobby.browser, lobby.server, host.user.username, 'a-long-password', '/host/');
    try {
      await console_.getByText('目前没有等候您的访客').waitFor();
      await fillWalkIn(page, { name: 'Jim Green', idNumber: residentId('19920101', '044'), phone: '13912345670', hostQuery: '李娜', hostName: '李娜', purpose: 'Interview' });
      await page.getByRole('button', { name: 'Submit' }).click();
      await page.getByText('We have told 李娜 that you are here.').waitFor();

      const card = console_.locator('.visit-card', { hasText: 'Jim Green' });
      await card.getByRole('button', { name: '请在大堂稍坐' }).click();
      await card.getByRole('button', { name: '5 分钟后到', exact: true }).click();
      await card.getByRole('button', { name: '立即发送' }).click();
      await card.getByText(/已告诉访客：请在大堂稍坐 · \d\d:\d\d 前到/).waitFor();
      await shootStaff(console_, 'host-phrases-sent-zh');

      await page.getByText('Please take a seat in the lobby').waitFor();
      await page.getByText('李娜 will be here in').waitFor();
      assert.is(await page.getByText('请在大堂稍坐').count(), 0);
      assert.ok((await seconds(page)) > 290);
      await shoot(page, 'phrases-from-console-en');
    } finally {
      await console_.context().close();
    }
  }));
}

test.run();
