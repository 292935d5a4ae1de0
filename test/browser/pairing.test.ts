// Pairing: a new device asks for the admin's code once, keeps its token, and asks again when unpaired.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chromiumPresent, shoot, useLobby } from './kiosk.ts';

if (chromiumPresent(import.meta.filename)) {
  const lobby = useLobby(test, async (s) => { await s.makeHost('张伟', '研发部'); }, { paired: false });

  test('a new device is paired with the admin code and stays paired across reloads', () => lobby.withKiosk('pairing', async (page) => {
    const s = lobby.server;
    const created = await s.api('POST', '/api/kiosks', { name: 'Lobby east' }, s.admin.token);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Pairing code').fill('WRONG-CODE');
    await page.getByRole('button', { name: 'Pair' }).click();
    await page.getByText(/That pairing code did not work/).waitFor();
    await shoot(page, 'pairing-error-en');

    await page.getByLabel('Pairing code').fill(created.body.pairingCode);
    await page.getByRole('button', { name: 'Pair' }).click();
    await page.getByRole('button', { name: '来访登记' }).waitFor();
    const token = await page.evaluate(() => localStorage.getItem('foyer.kiosk.token'));
    assert.ok(token, 'the device token is kept by the browser');
    assert.is((await s.api('GET', '/api/hosts?q=zw', undefined, token!)).status, 200, 'and it is a working kiosk token');

    await page.reload();
    await page.getByRole('button', { name: '来访登记' }).waitFor();
    assert.is(await page.getByLabel('配对码').count(), 0, 'pairing is shown once');
  }));

  test('a device whose kiosk was re-paired elsewhere goes back to pairing by itself', () => lobby.withKiosk('unpaired', async (page) => {
    const s = lobby.server;
    const created = await s.api('POST', '/api/kiosks', { name: 'Lobby west' }, s.admin.token);
    await page.getByLabel('配对码').fill(created.body.pairingCode);
    await shoot(page, 'pairing-zh');
    const live = page.waitForEvent('websocket').then((ws) => ws.waitForEvent('framereceived', (frame) => String(frame.payload).startsWith('40')));
    await page.getByRole('button', { name: '配对' }).click();
    await page.getByRole('button', { name: '来访登记' }).waitFor();
    await live;

    // The admin pairs the same kiosk again (a replacement device): the server closes this device's socket, its
    // reconnection is refused, and the kiosk asks over HTTP, hears 401 and shows pairing, with nobody touching it.
    const again = await s.api('POST', `/api/kiosks/${created.body.kiosk.id}/pairing`, {}, s.admin.token);
    assert.is((await s.api('POST', '/api/kiosks/pair', { pairingCode: again.body.pairingCode })).status, 200);
    await page.getByLabel('配对码').waitFor({ timeout: 15_000 });
    assert.is(await page.evaluate(() => localStorage.getItem('foyer.kiosk.token')), null, 'the dead token is forgotten');
  }));

  test('a kiosk whose token a request is refused with goes back to pairing', () => lobby.withKiosk('refused', async (page) => {
    const s = lobby.server;
    const created = await s.api('POST', '/api/kiosks', { name: 'Lobby north' }, s.admin.token);
    await page.getByLabel('配对码').fill(created.body.pairingCode);
    // The live socket must be up first (socket.io's connect packet, "40…"): one still shaking hands would read the
    // refused token below, be refused itself, and unpair the kiosk before the visitor's request is made.
    const live = page.waitForEvent('websocket').then((ws) => ws.waitForEvent('framereceived', (frame) => String(frame.payload).startsWith('40')));
    await page.getByRole('button', { name: '配对' }).click();
    await page.getByRole('button', { name: '来访登记' }).waitFor();
    await live;
    // The live socket stays up on the good token; the next HTTP request carries one the server refuses.
    await page.evaluate(() => localStorage.setItem('foyer.kiosk.token', 'not-a-token'));
    await page.getByRole('button', { name: '我有邀请' }).click();
    await page.getByLabel('邀请码').fill('ABCD-EFGH');
    await page.getByRole('button', { name: '继续' }).click(); // the server answers 401
    await page.getByLabel('配对码').waitFor();
    assert.is(await page.evaluate(() => localStorage.getItem('foyer.kiosk.token')), null, 'the refused token is forgotten');
  }));

  test.run();
}
