// A second approval in the browser: the admin names the confidentiality office and marks a purpose; a visitor with it
// checks in at the kiosk, the host agrees on their console (the kiosk says the office is checking), an officer agrees
// on theirs, and the kiosk hands out the badge. The desk sees both steps and cannot approve in the office's place.
// Screenshots in test/scratch-tmp/ (desk size and 390 px, 中文 and English).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ADMIN, residentId } from '../helpers/server.ts';
import { auditScreen, chromiumPresent, openKiosk, signInStaff, staffHeaderButton, useLobby } from './kiosk.ts';

const PHONE = { width: 390, height: 844 };
const SHOTS = 'test/scratch-tmp/second-approval';
const OFFICE = '保密办公室';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.evaluate(async () => { await document.fonts.ready; });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, animations: 'disabled' });
}
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);

if (chromiumPresent(import.meta.filename)) {
  const lobby = useLobby(test, undefined, { paired: false });

  test('the admin names the second approver and marks a purpose, in Settings', async () => {
    const { server: s, browser } = lobby;
    await s.makeHost('保密员王', OFFICE);
    const page = await signInStaff(browser, s, ADMIN.username, ADMIN.password, '/admin/');
    await page.getByRole('tab', { name: '设置' }).click();
    await page.getByLabel('第二审批部门').selectOption(OFFICE);
    for (const [zh, en] of [['涉密会谈', 'Classified talks'], ['开会', 'Meeting']]) {
      await page.getByRole('button', { name: '添加事由' }).click();
      await page.getByLabel('事由（中文）').last().fill(zh);
      await page.getByLabel('事由（英文）').last().fill(en);
    }
    await page.getByLabel('需第二审批').first().check();
    // Without the host's approval there is no second one: the box goes off and cannot be ticked.
    await page.getByLabel('需被访人审批').last().uncheck();
    assert.ok(await page.getByLabel('需第二审批').last().isDisabled());
    await page.getByLabel('需被访人审批').last().check();
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('已保存，自助机和各控制台即刻使用新设置。').waitFor();
    assert.equal(await auditScreen(page), []);
    await page.locator('.second-approver').scrollIntoViewIfNeeded();
    await shot(page, 'admin-settings-desk-zh');
    await staffHeaderButton(page, 'English');
    await page.getByLabel('Second approver (department)').waitFor();
    await shot(page, 'admin-settings-desk-en');
    const stored = (await s.api('GET', '/api/settings', undefined, s.admin.token)).body.settings;
    assert.equal([stored.secondApprover, stored.purposes], [{ department: OFFICE }, [
      { zh: '涉密会谈', en: 'Classified talks', approval: true, escort: false, secondApproval: true },
      { zh: '开会', en: 'Meeting', approval: true, escort: false },
    ]]);
    await page.context().close();

    const phone = await signInStaff(browser, s, ADMIN.username, ADMIN.password, '/admin/', { viewport: PHONE });
    await phone.getByRole('tab', { name: '设置' }).click();
    await phone.getByLabel('第二审批部门').waitFor();
    assert.is(await phone.getByLabel('第二审批部门').inputValue(), OFFICE);
    assert.ok(await noSidewaysScroll(phone), 'no sideways scroll at 390 px');
    await shot(phone, 'admin-settings-390-zh');
    await phone.context().close();
  });

  test('the host agrees, the kiosk says the office checks, an officer agrees on their console, the kiosk gives the badge', async () => {
    const { server: s, browser } = lobby;
    const host = await s.makeHost('张伟', '研发部');
    const hostUser = await s.api('POST', '/api/users', { username: 'zhangwei', password: 'zhangwei-secret', name: '张伟', role: 'host', hostId: host.host.id }, s.admin.token);
    assert.is(hostUser.status, 201);
    const officerHost = (await s.api('GET', `/api/hosts?q=${encodeURIComponent('保密员王')}`, undefined, s.admin.token)).body.hosts[0];
    await s.api('POST', '/api/users', { username: 'officer', password: 'officer-secret', name: '王保密', role: 'host', hostId: officerHost.id }, s.admin.token);
    const reception = await s.api('POST', '/api/users', { username: 'desk', password: 'desk-secret-1', name: '前台小刘', role: 'reception' }, s.admin.token);
    assert.is(reception.status, 201);

    const hostPage = await signInStaff(browser, s, 'zhangwei', 'zhangwei-secret', '/host/');
    const officerPage = await signInStaff(browser, s, 'officer', 'officer-secret', '/host/');
    const kiosk = await openKiosk(browser, s, (await s.pairKiosk('大堂')).token);
    const k = kiosk.page;

    await k.getByRole('button', { name: 'English' }).click();
    await k.getByRole('button', { name: 'Check in' }).click();
    await k.getByLabel('Full name').fill('Li Lei');
    await k.getByLabel('ID number').fill(residentId('19880215', '042'));
    await k.getByLabel('Mobile phone').fill('13912345678');
    await k.getByRole('button', { name: 'Next' }).click();
    await k.getByLabel('Host').fill('zw');
    await k.getByRole('button', { name: /张伟/ }).click();
    await k.getByRole('button', { name: 'Classified talks' }).click();
    await k.getByRole('button', { name: 'Next' }).click();
    await k.getByRole('heading', { name: 'Your information' }).waitFor();
    await k.getByRole('button', { name: 'Submit' }).click();
    await k.getByText('We have told 张伟 that you are here.').waitFor();

    // The host agrees: not yet in; the kiosk says so in the visitor's language.
    const card = hostPage.locator('.visit-card', { hasText: 'Li Lei' });
    await card.getByRole('button', { name: '同意' }).click();
    await hostPage.getByText(`您已同意Li Lei来访，现由${OFFICE}审核。`).waitFor();
    await card.getByText('审核中…').waitFor();
    await card.getByText(`第一步由您审批，第二步须由${OFFICE}的其他人员审批。`).waitFor();
    assert.is(await card.getByRole('button', { name: '同意' }).count(), 0, 'the host cannot approve twice');
    await k.getByText('张伟 has agreed. The confidentiality office is now checking your visit.').waitFor();
    assert.equal(await auditScreen(k), []);
    await shot(k, 'kiosk-waiting-en');
    await k.getByRole('button', { name: '中文' }).click();
    await k.getByText('张伟 已同意。保密管理部门正在审核您的来访。').waitFor();
    await shot(k, 'kiosk-waiting-zh');
    assert.equal(await auditScreen(hostPage), []);
    await shot(hostPage, 'host-after-first-desk-zh');
    await hostPage.setViewportSize(PHONE);
    await staffHeaderButton(hostPage, 'English');
    await card.getByText('checking…').waitFor();
    assert.ok(await noSidewaysScroll(hostPage), 'host console: no sideways scroll at 390 px');
    await shot(hostPage, 'host-after-first-390-en');

    // The desk sees both steps, and no approve button for the office's step.
    const desk = await signInStaff(browser, s, 'desk', 'desk-secret-1', '/desk/');
    const deskCard = desk.locator('.visit-card', { hasText: 'Li Lei' });
    await deskCard.getByText(`等待${OFFICE}审批，其他人不能代为审批。`).waitFor();
    assert.is(await deskCard.getByRole('button', { name: '同意' }).count(), 0, 'reception cannot stand in');
    await desk.getByText(`${OFFICE}审核中`).first().waitFor();
    await shot(desk, 'desk-waiting-desk-zh');
    await desk.setViewportSize(PHONE);
    await staffHeaderButton(desk, 'English');
    await deskCard.getByText(`Waiting for ${OFFICE}: nobody else can approve in its place.`).waitFor();
    assert.ok(await noSidewaysScroll(desk), 'desk: no sideways scroll at 390 px');
    await shot(desk, 'desk-waiting-390-en');

    // The officer has it live, approves without words to the visitor.
    const officerCard = officerPage.locator('.visit-card', { hasText: 'Li Lei' });
    await officerCard.getByText(`被访人已同意，需要您代表${OFFICE}审批。`).waitFor();
    assert.is(await officerCard.getByLabel(/给访客的留言/).count(), 0, 'no words to the visitor at this step');
    assert.equal(await auditScreen(officerPage), []);
    await shot(officerPage, 'officer-desk-zh');
    await staffHeaderButton(officerPage, 'English');
    await officerCard.getByText(`The host agreed. Your approval is needed for ${OFFICE}.`).waitFor();
    await shot(officerPage, 'officer-desk-en');
    await officerPage.setViewportSize(PHONE);
    assert.ok(await noSidewaysScroll(officerPage), 'officer console: no sideways scroll at 390 px');
    await shot(officerPage, 'officer-390-en');
    await officerCard.getByRole('button', { name: 'Approve' }).click();

    await k.getByText('请取走您的访客证').or(k.getByText('Please take your badge')).first().waitFor();
    await shot(k, 'kiosk-badge-zh');
    const visit = (await s.api('GET', '/api/visits', undefined, s.admin.token)).body.visits.find((v: { visitor: { name: string } }) => v.visitor.name === 'Li Lei');
    assert.equal(visit.approvals.map((a: { step: string; name: string }) => [a.step, a.name]), [['host', '张伟'], ['second', '王保密']]);
    assert.ok(['approved', 'on-site'].includes(visit.status));
    await Promise.all([hostPage, officerPage, desk].map((p) => p.context().close()));
    await kiosk.context.close();
  });
}

test.run();
