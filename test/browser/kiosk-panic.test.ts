// The kiosk's discreet panic button (突发事件: contact security at once): the title held for two seconds tells security,
// with the kiosk's name, and the screen shows nothing a visitor would notice; a tap or a short press raises nothing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { PANIC_HOLD_MS } from '../../kiosk/lobby/Frame.tsx';
import { chromiumPresent, eventually, shoot, useLobby } from './kiosk.ts';

if (chromiumPresent(import.meta.filename)) {
  let security: Socket;
  const alerts: any[] = [];
  const lobby = useLobby(test, async (s) => {
    security = await s.socket((await s.makeUser('security')).token);
    security.on('alert', ({ alert }) => alerts.push(alert));
  });

  /** Holds the kiosk's title down for ms, as a finger would. */
  async function hold(page: Page, ms: number) {
    const box = (await page.locator('[data-panic-hold]').boundingBox())!;
    await page.mouse.move(box.x + 10, box.y + box.height / 2);
    await page.mouse.down();
    await page.waitForTimeout(ms);
    await page.mouse.up();
  }

  test('a short press raises nothing; held two seconds, security hears of it with the kiosk\'s name, and the screen stays as it was', () => lobby.withKiosk('panic', async (page) => {
    await hold(page, 300);
    await page.waitForTimeout(PANIC_HOLD_MS + 300);
    assert.is(alerts.length, 0, 'a tap is not an alarm');
    const before = await page.locator('main, .kiosk-screen, body').first().textContent();
    await hold(page, PANIC_HOLD_MS + 400);
    const panic = await eventually(() => alerts.find((a) => a.kind === 'panic'));
    assert.is(panic.data.device, 'Lobby');
    assert.is(panic.data.where, '自助终端 Kiosk');
    const kept = (await lobby.server.api('GET', '/api/alerts?open=1', undefined, lobby.server.admin.token)).body.alerts;
    assert.ok(kept.some((a: any) => a.kind === 'panic' && a.data.device === 'Lobby'), 'kept for the security list');
    assert.is(await page.getByRole('alert').count(), 0, 'nothing alarming on the kiosk');
    assert.is((await page.locator('main, .kiosk-screen, body').first().textContent())!.replace(' ·', ''), before, 'the screen reads as before');
    await shoot(page, 'kiosk-panic-sent');
  }));
}

test.run();
