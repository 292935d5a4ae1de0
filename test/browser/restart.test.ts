// The server restarts while a visitor waits: a banner shows, the kiosk reconnects by itself, the visitor keeps their place.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { spawnServer, type ServerProcess } from '../helpers/process.ts';
import { callApi, residentId, startServer, type TestServer } from '../helpers/server.ts';
import { chromiumPresent, ensureBuilt, fillWalkIn, launch, openKiosk, shoot, withKiosk } from './kiosk.ts';

if (chromiumPresent(import.meta.filename)) {
  let browser: Browser;
  const dirs: string[] = [];

  test.before(async () => {
    ensureBuilt();
    browser = await launch();
  });
  test.after(async () => {
    await browser?.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  const markDocument = (page: Page) => page.evaluate(() => { (window as { sameDocument?: boolean }).sameDocument = true; });
  const sameDocument = (page: Page) => page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument === true);

  test('a visitor waiting through a quick restart is approved without a reload', async () => {
    const s: TestServer = await startServer();
    try {
      const host = await s.makeHost('黄磊', '工程部');
      await s.socket(host.token); // the host's console is open: the kiosk says the host was told
      const { token } = await s.pairKiosk();
      await withKiosk(browser, s, token, 'restart-quick', async (page) => {
        await fillWalkIn(page, { name: 'Wei Dong', idNumber: residentId('19870707', '777'), phone: '13800001234', hostQuery: 'hl', hostName: '黄磊', purpose: 'Site visit' });
        await page.getByRole('button', { name: 'Submit' }).click();
        await page.getByText('We have told 黄磊 that you are here.').waitFor();
        await markDocument(page);
        await s.restart();
        const visitId = (await s.api('GET', '/api/visits', undefined, s.admin.token)).body.visits[0].id;
        // Decided while the kiosk may still be reconnecting: it catches up by reading the visit again.
        assert.is((await s.api('POST', `/api/visits/${visitId}/decision`, { decision: 'approve', message: '马上到' }, host.token)).status, 200);
        await page.getByText('Please take your badge').waitFor({ timeout: 10_000 });
        await page.getByText('马上到').waitFor();
        assert.ok(await sameDocument(page), 'the page was not reloaded');
      });
    } finally {
      await s.close();
    }
  });

  test('while the server is down a banner shows; a waiting visitor and one about to submit both carry on after it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foyer-outage-'));
    dirs.push(dir);
    const env = { FOYER_DATA_DIR: dir, FOYER_BOOTSTRAP_ADMIN: 'admin:outage-test-pass' };
    let server: ServerProcess = await spawnServer(env);
    const call = (method: string, p: string, body?: unknown, token?: string) => callApi(server.url, method, p, body, token);
    try {
      const admin = (await call('POST', '/api/login', { username: 'admin', password: 'outage-test-pass' })).body.token;
      // 黄磊 has no account yet, so no console and no channel: the kiosk says reception was told, as it was.
      const hostId = (await call('POST', '/api/hosts', { name: '黄磊', department: '工程部' }, admin)).body.host.id;
      const kiosk = await call('POST', '/api/kiosks', { name: 'Lobby' }, admin);
      const token = (await call('POST', '/api/kiosks/pair', { pairingCode: kiosk.body.pairingCode })).body.token;

      const second = await openKiosk(browser, server, token); // another kiosk, with a visitor at the privacy notice
      await fillWalkIn(second.page, { name: 'Ma Li', idNumber: residentId('19911111', '779'), phone: '13800004321', hostQuery: 'hl', hostName: '黄磊', purpose: 'Interview' });
      await withKiosk(browser, server, token, 'restart-outage', async (page) => {
        await fillWalkIn(page, { name: 'Wei Dong', idNumber: residentId('19870707', '778'), phone: '13800001234', hostQuery: 'hl', hostName: '黄磊', purpose: 'Site visit' });
        await page.getByRole('button', { name: 'Submit' }).click();
        await page.getByText('Reception has been told and will help you shortly.').waitFor();
        await markDocument(page);

        server.child.kill('SIGKILL');
        await server.exited;
        const banner = page.getByText(/Connection to the server lost/);
        await banner.waitFor();
        await shoot(page, 'offline-banner-en');
        assert.ok(await page.getByText('Reception has been told and will help you shortly.').isVisible(), 'the visitor keeps their place');
        await second.page.getByRole('button', { name: 'Submit' }).click();
        await second.page.getByText('The kiosk cannot reach the server. Please wait a moment and try again.').waitFor();
        await shoot(second.page, 'offline-submit-en');
        await new Promise((resolve) => setTimeout(resolve, 1000));

        server = await spawnServer({ ...env, FOYER_PORT: new URL(server.url).port });
        await banner.waitFor({ state: 'detached', timeout: 10_000 });
        const user = (await call('POST', '/api/users', { username: 'huang', password: 'a-long-password', name: '黄磊', role: 'host', hostId }, admin)).body.user;
        assert.ok(user, 'the admin token still works after the restart');
        const hostToken = (await call('POST', '/api/login', { username: 'huang', password: 'a-long-password' })).body.token;
        const visitId = (await call('GET', '/api/visits', undefined, admin)).body.visits[0].id;
        assert.is((await call('POST', `/api/visits/${visitId}/decision`, { decision: 'approve' }, hostToken)).status, 200);
        await page.getByText(/Please take your badge|Printing your badge/).waitFor({ timeout: 10_000 });
        assert.ok(await sameDocument(page), 'the page was not reloaded');

        await second.page.getByRole('button', { name: 'Submit' }).click(); // the same details, sent again
        await second.page.getByText('Reception has been told and will help you shortly.').waitFor();
      });
      await second.context.close();
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  test.run();
}
