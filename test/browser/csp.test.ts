// Every page under the server's Content-Security-Policy and Permissions-Policy, in Chromium: nothing blocked, nothing broken
// (scripts, styles, fonts, the live socket, the host's invite QR, the lobby's camera QR decoder).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server.ts';
import { qrVideo } from './fake-camera.ts';
import { chromiumPresent, DESK, ensureBuilt, launch, PORTRAIT } from './kiosk.ts';

interface Watched { page: Page; context: BrowserContext; problems: string[] }

if (chromiumPresent(import.meta.filename)) {
  let s: TestServer;
  let browser: Browser;
  let kioskToken: string;
  let hostLogin: string;
  let receptionLogin: string;
  let securityLogin: string;
  let inviteCode: string;

  test.before(async () => {
    ensureBuilt();
    s = await startServer();
    const host = await s.makeHost('陈静', '法务部');
    hostLogin = host.user.username;
    receptionLogin = (await s.makeUser('reception')).user.username;
    securityLogin = (await s.makeUser('security')).user.username;
    kioskToken = (await s.pairKiosk()).token;
    const now = Date.now();
    const made = await s.api('POST', '/api/appointments', {
      visitor: { name: '郑爽' }, purpose: '合同签署', start: new Date(now - 600_000).toISOString(), end: new Date(now + 7200_000).toISOString(),
    }, host.token);
    inviteCode = made.body.appointment.inviteCode;
    // The camera shows the invite QR, so the lobby's decoder has something to read.
    const video = qrVideo(`${s.url}/i/${inviteCode}`, path.join(mkdtempSync(path.join(os.tmpdir(), 'foyer-csp-')), 'qr.y4m'));
    browser = await launch(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
  });
  test.after(async () => {
    await browser?.close();
    await s?.close();
  });

  /** A page whose policy violations, console errors and uncaught errors are collected from its first script on. */
  async function watch(options: Parameters<Browser['newContext']>[0] = {}): Promise<Watched> {
    const context = await browser.newContext({ viewport: DESK, timezoneId: 'Asia/Shanghai', ...options });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
      });
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      // A failed load is reported below with its address.
      if (/^(error|warning)$/.test(message.type()) && !message.text().startsWith('Failed to load resource')) problems.push(`console ${message.type()}: ${message.text()}`);
    });
    // The browser asks for /favicon.ico by itself; the pages name none.
    page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()}: ${r.request().method()} ${r.url()}`); });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
    return { page, context, problems };
  }

  /** A promise awaited later: if the test fails before that, its rejection must not end the whole run. */
  const later = <T>(promise: Promise<T>): Promise<T> => { promise.catch(() => {}); return promise; };
  /** The live socket opened and the server spoke on it: connect-src let it through. */
  const socketOpens = (page: Page) => later(page.waitForEvent('websocket').then((ws) => ws.waitForEvent('framereceived')));

  async function expectClean({ page, context, problems }: Watched, name: string): Promise<void> {
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((face) => face.status === 'loaded').map((face) => face.family);
    });
    assert.ok(fonts.some((family) => /Noto Sans SC/.test(family)), `${name}: the CJK font loaded (${fonts.join(', ')})`);
    assert.equal(problems, [], `${name}: ${problems.join('\n')}`);
    await context.close();
  }

  /** `live`: the page keeps a socket open (host, desk). */
  async function signIn(username: string, password: string, landing: string, live = true): Promise<Watched> {
    const watched = await watch();
    const { page } = watched;
    await page.goto(`${s.url}/login/`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    const opened = live ? socketOpens(page) : undefined;
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${s.url}${landing}`);
    await opened;
    return watched;
  }

  test('the lobby runs under the policy, its camera QR decoder included', async () => {
    const watched = await watch({ viewport: PORTRAIT, hasTouch: true, permissions: ['camera'] });
    const { page, context } = watched;
    await context.addInitScript((t) => localStorage.setItem('foyer.kiosk.token', t), kioskToken);
    const live = socketOpens(page);
    await page.goto(`${s.url}/`);
    await page.getByRole('button', { name: '来访登记' }).waitFor();
    await live;
    const decoder = later(page.waitForResponse((r) => /\/assets\/jsQR-[^/]+\.js$/.test(r.url())));
    await page.getByRole('button', { name: '我有邀请' }).click();
    await page.getByRole('button', { name: '扫描二维码' }).click();
    assert.is((await decoder).status(), 200, 'the decoder chunk loads');
    await page.getByRole('heading', { name: '郑爽，欢迎您' }).waitFor({ timeout: 15_000 });
    await expectClean(watched, 'lobby');
  });

  test('the setup and login pages run under the policy', async () => {
    // A link that does not work says so before the form (POST /api/setup/check runs under the policy too).
    for (const [url, text] of [['/setup/#not-a-real-token', /此设置链接已失效/], ['/login/', '密码']] as const) {
      const watched = await watch();
      await watched.page.goto(s.url + url);
      await (typeof text === 'string' ? watched.page.getByLabel(text) : watched.page.getByText(text)).first().waitFor();
      await expectClean(watched, url);
    }
  });

  test('the admin page runs under the policy', async () => {
    const watched = await signIn(ADMIN.username, ADMIN.password, '/admin/', false);
    await watched.page.getByRole('button', { name: '添加被访人' }).waitFor();
    await expectClean(watched, '/admin/');
  });

  test('the host page runs under the policy, its invite QR code included', async () => {
    const watched = await signIn(hostLogin, 'a-long-password', '/host/');
    const { page } = watched;
    await page.getByLabel('访客姓名').fill('刘洋');
    await page.getByLabel('来访事由').fill('面试');
    await page.getByRole('button', { name: '生成邀请码' }).click();
    await page.getByTestId('invite-qr').locator('svg path').waitFor();
    await expectClean(watched, '/host/');
  });

  test('the desk page runs under the policy, for reception and for security', async () => {
    for (const [who, username] of [['reception', receptionLogin], ['security', securityLogin]]) {
      const watched = await signIn(username, 'a-long-password', '/desk/');
      await watched.page.getByRole('heading', { name: /在场人员/ }).waitFor();
      await expectClean(watched, `/desk/ (${who})`);
    }
  });

  test('a blocked inline script is caught by this test (the policy is on, the watch works)', async () => {
    const watched = await watch();
    await watched.page.goto(`${s.url}/login/`);
    await watched.page.getByLabel('密码').waitFor();
    // Chromium runs this through the page's own script path, as an injected <script> would be.
    await watched.page.evaluate(() => { const el = document.createElement('script'); el.textContent = 'window.ran = 1'; document.body.append(el); });
    await watched.page.waitForTimeout(200);
    assert.ok(watched.problems.some((p) => /CSP violation: script-src/.test(p)), watched.problems.join('\n'));
    assert.is(await watched.page.evaluate(() => (window as { ran?: number }).ran), undefined);
    await watched.context.close();
  });

  test.run();
}
