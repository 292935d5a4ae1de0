// The host console reaches the host outside the tab: the banner explains first and the browser asks only after the
// click; then each arrival (a walk-in waiting, an invited visitor here) shows a desktop notification through the page's
// own code (window.Notification is wrapped to record, not replaced); a click shows the visit. The console is an
// installable app: its manifest and service worker are served with the right types and scope, and the page links them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { residentId, startServer, type TestServer } from '../helpers/server.ts';
import { auditScreen, chromiumPresent, ensureBuilt, eventually, launch, shootStaff as shoot, signInStaff } from './kiosk.ts';

// Runs before the page's scripts: every notification the page makes is recorded, and made for real.
// (A string: tsx would name the class with a helper the page lacks.)
const RECORD_NOTIFICATIONS = `(() => {
  const Real = window.Notification;
  const shown = [];
  window.__notifications = shown;
  class Recording extends Real {
    constructor(title, options) {
      super(title, options);
      shown.push({ title, body: options && options.body, tag: options && options.tag, instance: this });
    }
    static get permission() { return Real.permission; }
    static requestPermission(...args) { return Real.requestPermission(...args); }
  }
  window.Notification = Recording;
})();`;

if (chromiumPresent(import.meta.filename)) {
  let s: TestServer;
  let browser: Browser;

  test.before(async () => {
    ensureBuilt();
    [s, browser] = await Promise.all([startServer(), launch()]);
  });
  test.after(async () => {
    await browser?.close();
    await s?.close();
  });

  const shown = (page: Page) => page.evaluate(() => (window as any).__notifications.map(({ title, body, tag }: any) => ({ title, body, tag })));

  test('the banner asks first; after the click each arrival is a notification with the visitor\'s name; a click shows the visit', async () => {
    const host = await s.makeHost('周敏', '财务部');
    const username = host.user.username;
    const page = await signInStaff(browser, s, username, 'a-long-password', '/host/');
    const context = page.context();
    await context.addInitScript({ content: RECORD_NOTIFICATIONS });
    await page.reload();
    const banner = page.getByTestId('notify-banner');
    await banner.waitFor();
    assert.match(await banner.innerText(), '开启通知');
    assert.is(await page.evaluate(() => Notification.permission), 'default', 'no browser prompt before the click');
    await shoot(page, 'host-notify-banner-zh');
    assert.equal(await auditScreen(page), []);
    await page.getByRole('button', { name: 'English' }).click();
    await shoot(page, 'host-notify-banner-en');
    assert.match(await banner.innerText(), 'Turn on notifications');
    await page.getByRole('button', { name: '中文' }).click();

    // The host says yes; the browser (this test's) allows.
    await context.grantPermissions(['notifications'], { origin: s.url });
    await page.getByRole('button', { name: '开启通知' }).click();
    await banner.waitFor({ state: 'detached' });

    const kiosk = await s.pairKiosk('大堂');
    const walkIn = await s.api('POST', '/api/visits', {
      visitor: { name: '马晓东', idType: 'cn-resident', idNumber: residentId('19900512', '321'), company: '东方物流' },
      purpose: '对账', hostId: host.host.id,
    }, kiosk.token);
    assert.is(walkIn.status, 201);
    const first = await eventually(async () => (await shown(page))[0]);
    assert.equal(first, { title: '访客到达：马晓东', body: `东方物流 · 对账 · ${walkIn.body.visit.number}`, tag: walkIn.body.visit.id });
    assert.not.ok(JSON.stringify(await shown(page)).includes('321'), 'no ID number in a notification');

    // An invited visitor arriving is told too (已到达), once.
    const start = new Date(Date.now() - 60_000).toISOString();
    const end = new Date(Date.now() + 3_600_000).toISOString();
    const invite = await s.api('POST', '/api/appointments', { visitor: { name: '程雪' }, start, end, purpose: '面试' }, host.token);
    assert.is(invite.status, 201, JSON.stringify(invite.body));
    const invited = await s.api('POST', '/api/visits', {
      visitor: { name: '程雪', idType: 'cn-resident', idNumber: residentId('19950101', '123') }, purpose: '面试', inviteCode: invite.body.appointment.inviteCode,
    }, kiosk.token);
    assert.is(invited.status, 201, JSON.stringify(invited.body));
    const second = await eventually(async () => (await shown(page))[1]);
    assert.is(second.title, '邀请的访客已到达：程雪');
    await page.waitForTimeout(300);
    assert.is((await shown(page)).length, 2, 'one notification per arrival');

    // A click on the first notification brings its card forward.
    await page.evaluate(() => (window as any).__notifications[0].instance.onclick(new Event('click')));
    const card = page.locator(`#waiting-${walkIn.body.visit.id}`);
    await eventually(async () => (await card.getAttribute('class'))?.includes('visit-focused'));
    // Focus follows the outline once the card has scrolled into view: wait for it rather than read it once.
    await eventually(async () => (await page.evaluate(() => document.activeElement?.id)) === `waiting-${walkIn.body.visit.id}`);
    await shoot(page, 'host-notify-focused');
    await context.close();
  });

  test('"not now" is remembered on this device: no banner, no prompt', async () => {
    const host = await s.makeHost('邓亮', '财务部');
    const page = await signInStaff(browser, s, host.user.username, 'a-long-password', '/host/');
    await page.getByTestId('notify-banner').waitFor();
    await page.getByRole('button', { name: '暂不' }).click();
    await page.getByTestId('notify-banner').waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { name: '等待您确认' }).waitFor();
    assert.is(await page.getByTestId('notify-banner').count(), 0);
    assert.is(await page.evaluate(() => Notification.permission), 'default');
    await page.context().close();
  });

  test('installable: the page links its manifest; the manifest, icons and service worker are served with their types, scope /host/', async () => {
    const host = await s.makeHost('孔华', '财务部');
    const page = await signInStaff(browser, s, host.user.username, 'a-long-password', '/host/');
    assert.is(await page.locator('link[rel="manifest"]').getAttribute('href'), '/host/manifest.webmanifest');
    const manifest = await fetch(`${s.url}/host/manifest.webmanifest`);
    assert.is(manifest.headers.get('content-type'), 'application/manifest+json');
    const app = await manifest.json();
    assert.is(app.name, 'Foyer 访客');
    assert.is(app.scope, '/host/');
    assert.is(app.start_url, '/host/');
    for (const icon of app.icons) {
      const r = await fetch(`${s.url}${icon.src}`);
      assert.is(r.status, 200, icon.src);
      assert.is(r.headers.get('content-type'), 'image/png');
      const bytes = Buffer.from(await r.arrayBuffer());
      assert.is(bytes.readUInt32BE(16), Number(icon.sizes.split('x')[0]), `${icon.src} is ${icon.sizes}`);
    }
    const sw = await fetch(`${s.url}/host/sw.js`);
    assert.is(sw.status, 200);
    assert.match(sw.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.match(sw.headers.get('content-security-policy') ?? '', "script-src 'self'");
    const registered = await eventually(() => page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration('/host/');
      return reg?.active ? { scope: reg.scope, script: reg.active.scriptURL } : undefined;
    }));
    assert.equal(registered, { scope: `${s.url}/host/`, script: `${s.url}/host/sw.js` });
    // Without an https public URL the site has no Web Push: the console asks and is told so.
    assert.equal((await s.api('GET', '/api/push/key', undefined, host.token)).body, { enabled: false });
    await page.context().close();
  });

  test.run();
}
