// The site's settings on the kiosk: its name and logo on the welcome screen (a new logo shows live); outside
// reception hours a closed screen in both languages that still lets an invited visitor in; an agreement the purpose
// requires, read, ticked and signed with a drawn stroke before the visit is sent. Kiosk size and 390 px, 中文 and English.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import type { Page } from 'playwright-core';
import { residentId } from '../helpers/server.ts';
import { auditScreen, chromiumPresent, eventually, useLobby } from './kiosk.ts';

const SHOTS = path.resolve(import.meta.dirname, '../scratch-tmp');
const PHONE = { width: 390, height: 844 };
const shot = (page: Page, name: string) => page.evaluate(() => document.fonts.ready).then(() => page.screenshot({ path: path.join(SHOTS, `${name}.png`) }));
/** What sticks out past the right edge (empty: no sideways scroll). */
const overflow = (page: Page) => page.evaluate(() => [...document.querySelectorAll('body *')]
  .filter((e) => e.getBoundingClientRect().right > innerWidth + 1).map((e) => `${e.tagName}.${e.className}`).slice(0, 5));

const NDA = {
  id: 'nda', title: { zh: '保密协议', en: 'Non-disclosure agreement' },
  text: { zh: '本人承诺对访问期间获知的一切信息保密。\n未经书面许可，不拍照、不录音、不带走任何资料。', en: 'I will keep everything I learn during this visit confidential.\nNo photos, recordings or documents leave without written permission.' },
};

function logo(colour: string): Buffer {
  const c = createCanvas(360, 120);
  const g = c.getContext('2d');
  g.fillStyle = colour; g.beginPath(); g.arc(60, 60, 50, 0, Math.PI * 2); g.fill();
  g.fillRect(130, 40, 200, 40);
  return c.toBuffer('image/png');
}

let now = Date.parse('2026-12-02T10:00:00+08:00');

if (chromiumPresent(import.meta.filename)) {
  const lobby = useLobby(test, async (s) => {
    await s.makeHost('张伟', '研发部');
    const put = await fetch(`${s.url}/api/settings/logo`, { method: 'PUT', headers: { 'content-type': 'image/png', authorization: `Bearer ${s.admin.token}` }, body: new Uint8Array(logo('#0a58ca')) });
    assert.is(put.status, 200);
    const set = await s.api('PATCH', '/api/settings', {
      siteName: '远山大厦', agreements: [NDA], receptionHours: { open: '08:30', close: '18:00' },
      purposes: [{ zh: '面试', en: 'Interview', approval: true, escort: false, agreementId: 'nda' }, { zh: '送货', en: 'Delivery', approval: true, escort: false }],
    }, s.admin.token);
    assert.is(set.status, 200, JSON.stringify(set.body));
  }, { server: { clock: () => new Date(now) } });

  const logoShown = (page: Page) => page.locator('.welcome-brand img.site-logo').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);

  test('the welcome screen shows the site\'s name and logo; a new logo shows live, without a reload', () => lobby.withKiosk('brand', async (page) => {
    now = Date.parse('2026-12-02T10:00:00+08:00');
    await page.locator('.welcome-brand .site-name', { hasText: '远山大厦' }).waitFor();
    await eventually(() => logoShown(page));
    const first = await page.locator('.welcome-brand img.site-logo').getAttribute('src');
    assert.equal(await auditScreen(page), []);
    await shot(page, 'kiosk-welcome-logo-zh');
    await page.getByRole('button', { name: 'English' }).click();
    await shot(page, 'kiosk-welcome-logo-en');
    await fetch(`${lobby.server.url}/api/settings/logo`, { method: 'PUT', headers: { 'content-type': 'image/png', authorization: `Bearer ${lobby.server.admin.token}` }, body: new Uint8Array(logo('#1b6e3a')) });
    await eventually(async () => (await page.locator('.welcome-brand img.site-logo').getAttribute('src')) !== first);
    await eventually(() => logoShown(page));
  }));

  for (const [size, viewport] of [['kiosk', undefined], ['phone', PHONE]] as const) {
    test(`${size}: outside reception hours a closed screen in both languages, with the hours; an invitation still opens`, () => lobby.withKiosk(`closed-${size}`, async (page) => {
      now = Date.parse('2026-12-02T23:40:00+08:00');
      await page.reload(); // the kiosk reads the server's clock from GET /api/site
      await page.getByRole('heading', { name: '前台已停止接待' }).waitFor();
      await page.getByText('接待时间：08:30 至 18:00').waitFor();
      await page.getByText('Reception is closed').waitFor(); // the other language beneath
      await page.getByText('Reception hours: 08:30 to 18:00').waitFor();
      assert.is(await page.getByRole('button', { name: '来访登记' }).count(), 0, 'no walk-in check-in');
      assert.equal(await overflow(page), []);
      assert.equal(await auditScreen(page), []);
      await shot(page, `kiosk-closed-${size}-zh`);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Reception is closed' }).waitFor();
      await page.getByText('前台已停止接待').waitFor();
      assert.equal(await overflow(page), []);
      await shot(page, `kiosk-closed-${size}-en`);
      await page.getByRole('button', { name: 'I have an invitation' }).click();
      await page.getByRole('heading', { name: /invitation/i }).first().waitFor();
    }, viewport ? { viewport } : {}));
  }

  test('past midnight it is still closed; hours taken away live open the kiosk again', () => lobby.withKiosk('closed-live', async (page) => {
    now = Date.parse('2026-12-03T00:30:00+08:00');
    await page.reload();
    await page.getByRole('heading', { name: '前台已停止接待' }).waitFor();
    const token = await lobby.server.login('admin', 'correct-horse-battery');
    await lobby.server.api('PATCH', '/api/settings', { receptionHours: null }, token);
    await page.getByRole('button', { name: '来访登记' }).waitFor();
    await lobby.server.api('PATCH', '/api/settings', { receptionHours: { open: '08:30', close: '18:00' } }, token);
    await page.getByRole('heading', { name: '前台已停止接待' }).waitFor();
    now = Date.parse('2026-12-03T09:00:00+08:00');
    await page.reload();
    await page.getByRole('button', { name: '来访登记' }).waitFor();
  }));

  test('a purpose with an agreement: the text in the visitor\'s language, tick and a drawn signature, then the visit carries it', () => lobby.withKiosk('agreement', async (page) => {
    now = Date.parse('2026-12-03T10:00:00+08:00');
    await page.reload();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.getByLabel('Full name').fill('Li Lei');
    await page.getByLabel('ID number').fill(residentId('19880215', '042'));
    await page.getByLabel('Mobile phone').fill('13912345678');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Host').fill('zw');
    await page.getByRole('button', { name: /张伟/ }).click();
    await page.getByRole('button', { name: 'Interview' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Non-disclosure agreement' }).waitFor();
    await page.getByText('I will keep everything I learn during this visit confidential.').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Please tick "I have read and agree".').waitFor();
    await page.getByLabel('I have read and agree').check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Please sign in the box.').waitFor();
    assert.equal(await auditScreen(page), []);
    await shot(page, 'kiosk-agreement-unsigned-en');
    // A finger's stroke, as mouse events.
    const pad = await page.locator('canvas.signature-pad').boundingBox();
    await page.mouse.move(pad!.x + 40, pad!.y + pad!.height * 0.6);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(pad!.x + 40 + i * 20, pad!.y + pad!.height * (0.6 - 0.3 * Math.sin(i / 3)));
    await page.mouse.up();
    const inked = await page.locator('canvas.signature-pad').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n;
    });
    assert.ok(inked > 500, `the stroke is on the pad (${inked} pixels)`);
    await shot(page, 'kiosk-agreement-signed-en');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading', { name: 'Thank you, please wait' }).waitFor();
    const admin = await lobby.server.login('admin', 'correct-horse-battery');
    const visits = (await lobby.server.api('GET', '/api/visits', undefined, admin)).body.visits as any[];
    const visit = visits.find((v) => v.visitor.name === 'Li Lei');
    assert.is(visit?.agreement?.id, 'nda');
    assert.equal(visit.agreement.title, NDA.title);
  }));

  for (const [size, viewport] of [['kiosk', undefined], ['phone', PHONE]] as const) {
    test(`${size}: the agreement screen in Chinese and English fits without sideways scroll`, () => lobby.withKiosk(`agreement-${size}`, async (page) => {
      now = Date.parse('2026-12-03T11:00:00+08:00');
      await page.reload();
      await page.getByRole('button', { name: '来访登记' }).click();
      await page.getByLabel('姓名').fill('韩梅梅');
      await page.getByLabel('证件号码').fill(residentId('19900307', '123'));
      await page.getByLabel('手机号码').fill('13912345679');
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByLabel('被访人').fill('zw');
      await page.getByRole('button', { name: /张伟/ }).click();
      await page.getByRole('button', { name: '面试' }).click();
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByRole('heading', { name: '保密协议' }).waitFor();
      await page.getByText('本人承诺对访问期间获知的一切信息保密。').waitFor();
      assert.equal(await overflow(page), []);
      assert.equal(await auditScreen(page), []);
      await shot(page, `kiosk-agreement-${size}-zh`);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Non-disclosure agreement' }).waitFor();
      assert.equal(await overflow(page), []);
      await shot(page, `kiosk-agreement-${size}-en`);
    }, viewport ? { viewport } : {}));
  }

  test.run();
}
