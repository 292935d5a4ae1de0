// The desk's words in the admin's settings: the regulations' phrases shown until changed, a phrase edited in the
// browser and read back by the desk, a placeholder typo caught, the SMS bridge saved and shown masked; and the call
// record form as the browser prints it (A4 landscape) and on a phone. Chinese and English, desk and 390 px.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, startServer, type TestServer } from '../helpers/server.ts';
import { auditScreen, chromiumPresent, DESK, ensureBuilt, inBothLanguages, launch, signInStaff, staffHeaderButton } from './kiosk.ts';

const PHONE = { width: 390, height: 844 };
const SHOTS = path.resolve(import.meta.dirname, '../scratch-tmp');

if (chromiumPresent(import.meta.filename)) {
  let s: TestServer;
  let browser: Browser;
  test.before(async () => {
    ensureBuilt();
    [s, browser] = await Promise.all([startServer({ clock: () => new Date('2026-12-01T11:00:00+08:00') }), launch()]);
    await s.api('PATCH', '/api/settings', { siteName: '远山大厦' }, s.admin.token);
  });
  test.after(async () => {
    await browser?.close();
    await s?.close();
  });

  /** The desk's words panels, whole, into test/scratch-tmp/. */
  async function shootPanels(page: Page, name: string): Promise<void> {
    mkdirSync(SHOTS, { recursive: true });
    await page.evaluate(async () => { await document.fonts.ready; });
    await page.evaluate(() => scrollTo(0, 0));
    const boxes = await page.locator('.desk-words').evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right }; }));
    const top = Math.min(...boxes.map((b) => b.top));
    const clip = { x: 0, y: top, width: page.viewportSize()!.width, height: Math.max(...boxes.map((b) => b.bottom)) - top };
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true, clip });
  }
  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);
  const openSettings = async (page: Page, lang: 'zh' | 'en' = 'zh') => {
    await page.getByRole('tab', { name: lang === 'zh' ? '设置' : 'Settings' }).click();
    await page.locator('.deskPhrases').waitFor();
  };

  test('the regulations\' phrases until changed; one edited in the browser reaches the desk; a typo in a text is caught', async () => {
    const page = await signInStaff(browser, s, ADMIN.username, ADMIN.password, '/admin/');
    await openSettings(page);
    const phrases = page.locator('.deskPhrases');
    await phrases.getByRole('heading', { name: '规范用语' }).waitFor();
    assert.is(await phrases.locator('textarea').nth(0).inputValue(), '您好！{site}，请问您找哪位？');
    assert.is(await phrases.locator('textarea').nth(4).inputValue(), '请稍等。');
    await phrases.locator('textarea').nth(4).fill('请稍等，我马上为您查询。');
    await phrases.getByRole('button', { name: '保存规范用语' }).click();
    await phrases.getByText('规范用语已保存。').waitFor();
    const desk = (await s.api('GET', '/api/desk-phrases', undefined, s.admin.token)).body;
    assert.is(desk.phrases.find((p: any) => p.key === 'holding').zh, '请稍等，我马上为您查询。');
    assert.is(desk.phrases.find((p: any) => p.key === 'greeting').zh, '您好！远山大厦，请问您找哪位？');
    // The prompts as the desk shows them (PhrasePrompts), read again after the save.
    await phrases.getByText('前台看到的提示').click();
    const holding = phrases.locator('.phrase-prompt-holding');
    await holding.getByText('请稍等，我马上为您查询。').waitFor();
    assert.equal(await holding.locator('figcaption, p').allTextContents(), ['请对方稍等', '请稍等，我马上为您查询。', 'One moment, please.']);
    await phrases.locator('.phrase-prompt-greeting').getByText('您好！远山大厦，请问您找哪位？').waitFor();
    assert.is(await phrases.locator('.phrase-prompt').count(), 9);

    const texts = page.locator('.smsTemplates');
    await texts.locator('textarea').nth(1).fill('Hello {nmae}, thanks for calling.');
    await texts.getByRole('button', { name: '保存标准短信' }).click();
    await texts.getByText('只能使用 {name} {site} {subject} {staff}。').waitFor();
    assert.is((await s.api('GET', '/api/settings', undefined, s.admin.token)).body.settings.smsTemplates, undefined, 'nothing saved');
    await texts.getByRole('button', { name: '恢复制度原文' }).click();

    const bridge = page.locator('.sms-bridge');
    await bridge.getByText('尚未设置短信网关，前台无法发送短信。').waitFor();
    await bridge.getByLabel('地址（http:// 或 https://）').fill('https://sms.example.com/send?access_token=ak-9f8e7d6c5b4a3210');
    await bridge.getByLabel(/签名密钥/).fill('bridge-secret');
    await bridge.getByRole('button', { name: '保存短信网关' }).click();
    await bridge.getByText('短信网关已保存。').waitFor();
    assert.is(await bridge.getByLabel('地址（http:// 或 https://）').inputValue(), 'https://sms.example.com/send?access_token=…3210', 'read back masked');
    await bridge.getByText('已设置密钥：留空即保留原密钥。').waitFor();
    // Saved again as shown, the bridge keeps its URL and secret.
    await bridge.getByRole('button', { name: '保存短信网关' }).click();
    await bridge.getByText('短信网关已保存。').waitFor();
    assert.equal((await s.app.ctx.store.get('settings', 'site'))?.smsWebhook, { url: 'https://sms.example.com/send?access_token=ak-9f8e7d6c5b4a3210', secret: 'bridge-secret' });

    await inBothLanguages(page, 'desk-words-admin', shootPanels);
    await page.context().close();
  });

  test('the desk\'s words fit a phone in both languages', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const phone = await signInStaff(browser, s, ADMIN.username, ADMIN.password, '/admin/', { viewport: PHONE });
      if (lang === 'en') await staffHeaderButton(phone, 'English');
      await openSettings(phone, lang);
      await phone.locator('.deskPhrases').getByRole('heading', { name: lang === 'zh' ? '规范用语' : 'Standard phrases' }).waitFor();
      assert.ok(await noSidewaysScroll(phone), `no sideways scroll at 390 px (${lang})`);
      assert.equal(await auditScreen(phone), [], lang);
      await shootPanels(phone, `desk-words-admin-phone-${lang}`);
      await phone.context().close();
    }
  });

  test('the call record form as the browser prints it: A4 landscape, both languages; a card per call on a phone', async () => {
    const reception = await s.makeUser('reception', { name: '前台小李' });
    const host = await s.makeHost('周敏', '法务部');
    for (const body of [
      { caller: { name: '王芳', phone: '13912345678', organisation: '星河科技' }, subject: '电梯故障，困人十分钟', category: 'complaint', importance: 'important', at: '2026-12-01T08:05:00+08:00' },
      { caller: { name: 'Anna Berg', organisation: 'Nordic AB' }, subject: 'Contract renewal', category: 'inquiry', importance: 'normal', kind: 'message', message: 'Please call back', forHostId: host.host.id, at: '2026-12-01T09:30:00+08:00' },
      { caller: { name: '赵六' }, subject: '停车位申请', category: 'paid-service', importance: 'normal', kind: 'transfer', forDepartment: '法务部', at: '2026-12-01T10:10:00+08:00' },
    ]) assert.is((await s.api('POST', '/api/calls', body, reception.token)).status, 201);

    for (const [name, viewport] of [['desk', DESK], ['phone', PHONE]] as const) {
      const context = await browser.newContext({ viewport, extraHTTPHeaders: { authorization: `Bearer ${reception.token}` } });
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
      const answer = await page.goto(`${s.url}/api/calls/form?from=2026-12-01&to=2026-12-01`);
      assert.is(answer?.status(), 200);
      await page.getByText('电梯故障，困人十分钟').waitFor();
      assert.is(await page.locator('h1').evaluate((h) => getComputedStyle(h).textAlign), 'center', 'the stylesheet applies');
      assert.equal(violations, [], 'nothing refused by the CSP');
      if (name === 'phone') assert.ok(await noSidewaysScroll(page), 'no sideways scroll at 390 px');
      await page.screenshot({ path: path.join(SHOTS, `call-form-${name}.png`), fullPage: true });
      if (name === 'desk') {
        await page.emulateMedia({ media: 'print' });
        await page.setViewportSize({ width: 1123, height: 794 }); // A4 landscape at 96 dpi
        await page.screenshot({ path: path.join(SHOTS, 'call-form-print.png'), fullPage: true });
        const pdf = await page.pdf({ preferCSSPageSize: true });
        assert.ok(pdf.length > 1000);
      }
      await context.close();
    }
  });

  test.run();
}
