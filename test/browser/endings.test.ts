// The turns that end without a badge: a host's polite denial, and a watchlist refusal that says only "see reception".
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Socket } from 'socket.io-client';
import { nextEvent, residentId } from '../helpers/server.ts';
import { chromiumPresent, fillWalkIn, shoot, useLobby } from './kiosk.ts';

if (chromiumPresent(import.meta.filename)) {
  let hostSocket: Socket;
  const lobby = useLobby(test, async (s) => {
    const host = await s.makeHost('刘洋', '市场部');
    hostSocket = await s.hostSocket(host.token);
  });

  test('a denied visitor is told politely, with the host\'s words, and where to go', () => lobby.withKiosk('denied', async (page) => {
    const arrived = nextEvent(hostSocket, 'visit:arrived');
    await fillWalkIn(page, { name: 'Han Meimei', idNumber: residentId('19920101', '017'), phone: '13700001111', hostQuery: 'ly', hostName: '刘洋', purpose: 'Sales call' });
    await page.getByRole('button', { name: 'Submit' }).click();
    const { visit } = await arrived;
    await hostSocket.timeout(3000).emitWithAck('visit:decide', { visitId: visit.id, decision: 'deny', message: '今天不在公司，请改约' });
    await page.getByRole('heading', { name: 'Sorry, your visit cannot go ahead today' }).waitFor();
    await page.getByText('今天不在公司，请改约').waitFor();
    await page.getByText(/Please see reception at the front desk/).waitFor();
    await shoot(page, 'denied-en');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: '来访登记' }).waitFor();
  }));

  test('a watchlist hit shows only "please see reception"', () => lobby.withKiosk('refused', async (page) => {
    const s = lobby.server;
    const security = await s.makeUser('security');
    const idNumber = residentId('19750505', '333');
    const entry = await s.api('POST', '/api/watchlist', { idType: 'cn-resident', idNumber, reason: 'Trespass notice 2024-17' }, security.token);
    assert.is(entry.status, 201, JSON.stringify(entry.body));
    await fillWalkIn(page, { name: 'Zhao Si', idNumber, phone: '13600002222', hostQuery: '刘', hostName: '刘洋', purpose: 'Meeting' });
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading', { name: 'Please see reception' }).waitFor();
    await shoot(page, 'refused-en');
    const text = (await page.locator('main').innerText()).toLowerCase();
    for (const word of ['watchlist', 'refused', 'trespass', 'denied', 'sorry', '刘洋', 'security']) {
      assert.not.ok(text.includes(word.toLowerCase()), `the screen does not say "${word}"`);
    }
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '请前往前台' }).waitFor();
  }));

  test('a visitor left waiting does not hold the kiosk: the next one starts, and the first visit goes on', () => lobby.withKiosk('next-visitor', async (page) => {
    const arrived = nextEvent(hostSocket, 'visit:arrived');
    await fillWalkIn(page, { name: 'Lin Tao', idNumber: residentId('19930303', '018'), phone: '13700003333', hostQuery: 'ly', hostName: '刘洋', purpose: 'Meeting' });
    await page.getByRole('button', { name: 'Submit' }).click();
    const { visit } = await arrived;
    await page.getByRole('button', { name: 'Let the next visitor check in' }).click();
    await page.getByRole('button', { name: '来访登记' }).click();
    assert.is(await page.getByLabel('姓名').inputValue(), '', 'nothing of the first visitor is left');
    const ack = await hostSocket.timeout(3000).emitWithAck('visit:decide', { visitId: visit.id, decision: 'approve' });
    assert.ok(ack.ok, 'the first visit can still be decided');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.is(await page.getByRole('heading', { name: '您的信息' }).count(), 1, 'and its news does not take the screen from the next visitor');
  }));

  test.run();
}
