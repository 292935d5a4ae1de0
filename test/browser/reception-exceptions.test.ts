// Reception's exceptions at the desk: a lost badge (asked once more; the old code stops, a new one prints), checking a
// visitor out by hand, and the panic button reaching security. Screenshots at desk size and 390 px in both languages.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { nextEvent, startServer, type TestServer } from '../helpers/server.ts';
import { auditScreen, chromiumPresent, ensureBuilt, launch, shootStaff as shoot, signInStaff, staffHeaderButton } from './kiosk.ts';

if (chromiumPresent(import.meta.filename)) {
  let s: TestServer;
  let browser: Browser;
  let kioskToken = '';
  const visits: any[] = [];
  let waiting: any;

  test.before(async () => {
    ensureBuilt();
    [s, browser] = await Promise.all([startServer(), launch()]);
    const host = await s.makeHost('王重阳', '工程部');
    const kiosk = await s.pairKiosk();
    kioskToken = kiosk.token;
    const sock = await s.socket(kiosk.token);
    for (const [i, name] of ['欧阳娜娜', 'Maximilian Featherstonehaugh'].entries()) {
      const reg = await s.api('POST', '/api/visits', { visitor: { name, idType: 'passport', idNumber: `E810000${i}` }, purpose: 'Repair', hostId: host.host.id }, kiosk.token);
      const on = nextEvent(sock, 'visit:updated', (p: any) => p.visit.id === reg.body.visit.id && p.visit.status === 'on-site');
      await s.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'approve' }, host.token);
      visits.push((await on).visit);
    }
    const soon = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    await s.api('POST', '/api/appointments', { visitor: { name: '预约的客人', company: '某公司' }, hostId: host.host.id, start: soon(1), end: soon(120), purpose: 'Meeting' }, s.admin.token);
    waiting = (await s.api('POST', '/api/visits', {
      visitor: { name: '等待中的人', idType: 'passport', idNumber: 'E8200000' }, purpose: 'Delivery', hostId: host.host.id,
      plate: '京A12345', items: ['Laptop'], companions: 1, companionNames: ['Jane Doe'], escortRequired: true,
    }, kiosk.token)).body.visit;
  });
  test.after(async () => {
    await browser?.close();
    await s?.close();
  });

  async function inBothLanguages(page: Page, name: string): Promise<void> {
    await shoot(page, `${name}-zh`);
    assert.equal(await auditScreen(page), [], `${name} in Chinese`);
    await staffHeaderButton(page, 'English');
    await shoot(page, `${name}-en`);
    assert.equal(await auditScreen(page), [], `${name} in English`);
    await staffHeaderButton(page, '中文');
  }

  test('reception marks a lost badge, checks a visitor out by hand and presses panic; security hears it', async () => {
    const reception = await s.makeUser('reception');
    const security = await s.makeUser('security');
    const watch = await s.socket(security.token);
    const desk = await signInStaff(browser, s, reception.user.username, 'a-long-password', '/desk/', { timezoneId: 'Asia/Shanghai' });
    const row = (id: string) => desk.locator(`tr[data-visit="${id}"]`);
    await row(visits[0].id).waitFor();
    const expected = desk.locator('.expected', { hasText: '预约的客人' });
    await expected.getByText('待到访').waitFor();
    await inBothLanguages(desk, 'exceptions-desk');

    await row(visits[0].id).getByRole('button', { name: '访客证丢失' }).click();
    const dialog = desk.getByRole('dialog');
    await dialog.getByText(/作废 欧阳娜娜 的访客证/).waitFor();
    // A modal dialog holds the header: each language's screenshot opens it afresh.
    await shoot(desk, 'exceptions-lost-badge-dialog-zh');
    assert.equal(await auditScreen(desk), []);
    await dialog.getByRole('button', { name: '取消' }).click();
    await staffHeaderButton(desk, 'English');
    await row(visits[0].id).getByRole('button', { name: 'Lost badge' }).click();
    await dialog.getByText(/Void the badge of 欧阳娜娜/).waitFor();
    await shoot(desk, 'exceptions-lost-badge-dialog-en');
    assert.equal(await auditScreen(desk), []);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await staffHeaderButton(desk, '中文');
    await row(visits[0].id).getByRole('button', { name: '访客证丢失' }).click();
    await dialog.getByRole('button', { name: '访客证丢失' }).click();
    await desk.getByText('已为 欧阳娜娜 打印新访客证，旧证已失效。').waitFor();
    const old = await s.api('POST', '/api/scan', { code: visits[0].badge.code, direction: 'out' }, kioskToken);
    assert.is(old.body.error?.code, 'badge-replaced');

    // Found by typing a name, then reached by scanning the badge into the same box (a wedge scanner types and Enter).
    const finder = desk.getByLabel('查找或扫描访客证');
    await finder.fill('feather');
    await row(visits[0].id).waitFor({ state: 'detached' });
    await row(visits[1].id).waitFor();
    await finder.fill('');
    await row(visits[0].id).waitFor();
    await finder.fill(visits[1].badge.code);
    await finder.press('Enter');
    await desk.getByRole('dialog').getByText(/Maximilian Featherstonehaugh/).waitFor();
    await desk.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await row(visits[1].id).getByRole('button', { name: '签退' }).click();
    await desk.getByRole('dialog').getByRole('button', { name: '确认签退' }).click();
    await row(visits[1].id).waitFor({ state: 'detached' });

    // The decision card shows what the host's card shows, with the words to the visitor; a denial is asked once more.
    const card = desk.locator(`article[data-visit="${waiting.id}"]`);
    await card.getByText('京A12345').waitFor();
    await card.getByText('Jane Doe').waitFor();
    await card.locator('[data-phrase]').first().waitFor();
    await inBothLanguages(desk, 'exceptions-decision-card');
    await card.locator('[data-phrase]').first().click();
    await card.getByRole('button', { name: '拒绝' }).click();
    await desk.getByRole('dialog').getByText(/拒绝 等待中的人 的来访吗/).waitFor();
    await desk.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    const kept = (await s.api('GET', `/api/visits/${waiting.id}`, undefined, s.admin.token)).body.visit;
    assert.is(kept.status, 'awaiting-host', 'nothing decided on cancel');
    assert.is(kept.hostPhrase, undefined, 'and the chosen phrase was not sent either');
    await card.getByRole('button', { name: '拒绝' }).click();
    await desk.getByRole('dialog').getByRole('button', { name: '确认拒绝' }).click();
    await card.waitFor({ state: 'detached' });
    const denied = (await s.api('GET', `/api/visits/${waiting.id}`, undefined, s.admin.token)).body.visit;
    assert.is(denied.status, 'denied');
    assert.ok(denied.hostPhrase, 'the phrase went with the confirmed denial');

    const heard = nextEvent(watch, 'alert', (p: any) => p.alert.kind === 'panic');
    await desk.getByRole('button', { name: '紧急报警' }).click();
    await desk.getByText('已通知安保。').waitFor();
    const { alert } = await heard;
    assert.match(String(alert.data.where), /前台/);
    await inBothLanguages(desk, 'exceptions-after');
    await desk.context().close();

    const phone = await signInStaff(browser, s, reception.user.username, 'a-long-password', '/desk/', { viewport: { width: 390, height: 844 }, isMobile: true, timezoneId: 'Asia/Shanghai' });
    await phone.locator(`[data-visit="${visits[0].id}"]`).first().waitFor();
    assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll at 390 px');
    await inBothLanguages(phone, 'exceptions-desk-390');
    await phone.context().close();
  });

  test.run();
}
