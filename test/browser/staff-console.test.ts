// The staff pages in a real browser: admin sets up hosts and kiosks, a host answers a visitor live, the desk sees who is on site.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, residentId, startServer, type TestServer } from '../helpers/server.ts';
import { auditScreen, chromiumPresent, DESK, ensureBuilt, eventually, launch, shootStaff as shoot, signInStaff } from './kiosk.ts';

async function assertUsable(page: Page, name: string): Promise<void> {
  const problems = await auditScreen(page);
  assert.equal(problems, [], `${name}: ${problems.join('; ')}`);
}

if (chromiumPresent(import.meta.filename)) {
  let s: TestServer;
  let browser: Browser;
  const ID = residentId('19880214', '057');

  test.before(async () => {
    ensureBuilt();
    [s, browser] = await Promise.all([startServer(), launch()]);
  });
  test.after(async () => {
    await browser?.close();
    await s?.close();
  });

  const signIn = (username: string, password: string, landing: string) => signInStaff(browser, s, username, password, landing);

  async function inBothLanguages(page: Page, name: string): Promise<void> {
    await shoot(page, `${name}-zh`);
    await assertUsable(page, name);
    await page.getByRole('button', { name: 'English' }).click();
    await shoot(page, `${name}-en`);
    await page.getByRole('button', { name: '中文' }).click();
  }

  test('admin adds a host with a delegate, a host account and a kiosk whose pairing code works', async () => {
    const delegate = await s.makeHost('李娜', '研发部');
    const page = await signIn(ADMIN.username, ADMIN.password, '/admin/');

    await page.getByLabel('姓名', { exact: true }).fill('张伟');
    await page.getByLabel('部门', { exact: true }).fill('研发部');
    await page.getByLabel('电子邮箱').fill('zhang.wei@example.com');
    await page.getByLabel('电话').fill('010-12345678');
    await page.getByLabel('代理人').fill('lina');
    await page.getByRole('button', { name: /李娜/ }).click();
    await page.getByRole('button', { name: '添加被访人' }).click();
    await page.getByText('已将张伟（研发部）加入名录。').waitFor();
    const hosts = await s.api('GET', `/api/hosts?q=${encodeURIComponent('张伟')}`, undefined, s.admin.token);
    const zhang = hosts.body.hosts.find((h: { name: string }) => h.name === '张伟');
    assert.ok(zhang, 'the host is in the directory');
    assert.is((await s.app.ctx.store.get('hosts', zhang.id))?.delegateId, delegate.host.id, 'with the chosen delegate');
    await inBothLanguages(page, 'admin-hosts');

    await page.getByRole('tab', { name: '员工账号' }).click();
    await page.getByLabel('名录中的被访人').fill('zw');
    await page.getByRole('button', { name: /张伟/ }).click();
    await page.getByLabel('用户名').fill('zhangwei');
    await page.getByLabel('密码').fill('zhangwei-secret');
    await page.getByRole('button', { name: '创建账号' }).click();
    await page.getByText('账号“zhangwei”已创建。', { exact: false }).waitFor();
    const signedIn = await s.api('POST', '/api/login', { username: 'zhangwei', password: 'zhangwei-secret' });
    assert.is(signedIn.body.user?.role, 'host');
    assert.is(signedIn.body.user?.hostId, zhang.id, 'the account belongs to the chosen host');
    await inBothLanguages(page, 'admin-accounts');

    await page.getByRole('tab', { name: '自助终端' }).click();
    await page.getByLabel('终端名称').fill('大堂东侧');
    await page.getByRole('button', { name: '添加终端' }).click();
    const code = page.getByTestId('pairing-code');
    await code.waitFor();
    await page.getByText(/10 分钟内有效/).waitFor();
    const first = (await code.textContent())!.trim();
    const fontSize = await code.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(fontSize >= 48, `the pairing code is large (${fontSize}px)`);
    await inBothLanguages(page, 'admin-kiosks');
    const paired = await s.api('POST', '/api/kiosks/pair', { pairingCode: first });
    assert.is(paired.status, 200, JSON.stringify(paired.body));
    assert.is(paired.body.kiosk.name, '大堂东侧');

    await page.getByRole('button', { name: '完成' }).click();
    await page.getByRole('button', { name: '生成新配对码' }).click();
    await eventually(async () => (await code.textContent())?.trim() !== first && (await code.textContent())?.trim());
    const second = (await code.textContent())!.trim();
    assert.is((await s.api('POST', '/api/kiosks/pair', { pairingCode: second })).status, 200, 'a new code pairs the kiosk again');
    await page.context().close();
  });

  test('a host sees a visitor arrive live and approves with a quick phrase', async () => {
    const { host, user } = await s.makeHost('王芳', '市场部');
    const kiosk = await s.pairKiosk('Lobby');
    const page = await signIn(user.username, 'a-long-password', '/host/');
    await page.getByText('目前没有等候您的访客').waitFor();

    const reg = await s.api('POST', '/api/visits', {
      visitor: { name: '陈静', idType: 'cn-resident', idNumber: ID, phone: '13800138000', company: '星河科技' },
      purpose: '商务洽谈', hostId: host.id, companions: 2, items: ['笔记本电脑', '样品'],
    }, kiosk.token);
    assert.is(reg.status, 201, JSON.stringify(reg.body));
    const card = page.locator(`[data-visit="${reg.body.visit.id}"]`);
    await card.waitFor(); // no reload: it came over the socket
    const text = (await card.textContent())!;
    for (const part of ['陈静', '星河科技', '商务洽谈', '笔记本电脑', reg.body.visit.visitor.idNumberMasked]) assert.ok(text.includes(part), `the card shows ${part}`);
    assert.not.ok((await page.content()).includes(ID), 'the full ID number is nowhere on the page');
    await inBothLanguages(page, 'host');
    await page.setViewportSize({ width: 390, height: 844 }); // a host answering from a phone
    await shoot(page, 'host-phone-zh');
    await assertUsable(page, 'host on a phone');
    await page.setViewportSize(DESK);

    await card.getByRole('button', { name: '请稍等，我马上下来' }).click();
    assert.is(await card.getByRole('button', { name: '请稍等，我马上下来' }).getAttribute('aria-pressed'), 'true');
    assert.is(await card.getByLabel(/给访客的留言/).inputValue(), '', 'a phrase goes as its key, not as text');
    await card.getByRole('button', { name: '同意来访' }).click();
    await page.getByText('已同意陈静来访。').waitFor();
    await card.waitFor({ state: 'detached' });
    const after = await s.api('GET', `/api/visits/${reg.body.visit.id}`, undefined, s.admin.token);
    assert.ok(['approved', 'on-site'].includes(after.body.visit.status), after.body.visit.status);
    assert.equal([after.body.visit.hostPhrase, after.body.visit.hostMessage], ['coming-down', undefined]);

    await page.getByLabel('访客姓名').fill('刘洋');
    await page.getByLabel('来访事由').fill('面试');
    await page.getByRole('button', { name: '生成邀请码' }).click();
    const invite = page.getByTestId('invite-code');
    await invite.waitFor();
    const inviteCode = (await invite.textContent())!.trim();
    const found = await s.api('GET', `/api/invites/${encodeURIComponent(inviteCode)}`, undefined, kiosk.token);
    assert.is(found.status, 200, JSON.stringify(found.body));
    assert.is(found.body.invite.visitor.name, '刘洋');
    assert.is(found.body.invite.host.id, host.id);
    await inBothLanguages(page, 'host-invite');
    await page.context().close();
  });

  test('the desk sees on-site visitors, decides for hosts, reprints, and hears a watchlist alert', async () => {
    const { host, token: hostToken } = await s.makeHost('赵磊', '行政部');
    const kiosk = await s.pairKiosk('Gate');
    const reception = await s.makeUser('reception');
    const register = (name: string, idNumber: string) => s.api('POST', '/api/visits', {
      visitor: { name, idType: 'cn-resident', idNumber }, purpose: '送货', hostId: host.id, items: ['工具'],
    }, kiosk.token);

    const onsite = (await register('孙丽', residentId('19900101', '011'))).body.visit;
    await s.api('POST', `/api/visits/${onsite.id}/decision`, { decision: 'approve' }, hostToken);
    await eventually(async () => (await s.api('GET', `/api/visits/${onsite.id}`, undefined, s.admin.token)).body.visit.status === 'on-site');
    const waiting = (await register('周杰', residentId('19920202', '022'))).body.visit;

    const page = await signIn(reception.user.username, 'a-long-password', '/desk/');
    const row = page.locator(`tr[data-visit="${onsite.id}"]`);
    await row.waitFor();
    const rowText = (await row.textContent())!;
    for (const part of [onsite.number, '孙丽', '赵磊', '工具']) assert.ok(rowText.includes(part), `the on-site row shows ${part}`);

    const security = await s.makeUser('security');
    await s.api('POST', '/api/watchlist', { name: '钱坤', idType: 'cn-resident', idNumber: residentId('19800303', '033'), reason: '曾多次滋扰前台' }, security.token);
    const refused = await register('钱坤', residentId('19800303', '033'));
    assert.is(refused.body.visit.status, 'refused');
    const banner = page.locator('.alert-watchlist-hit');
    await banner.waitFor();
    await eventually(async () => (await banner.textContent())?.includes('钱坤'));
    assert.ok((await banner.textContent())!.includes('曾多次滋扰前台'), 'the alert says why');
    await inBothLanguages(page, 'desk');

    await row.getByRole('button', { name: '补打访客证' }).click();
    await page.getByText(`访客证 ${onsite.number} 已发送到打印机。`).waitFor();
    await page.getByRole('button', { name: '打印疏散点名表' }).click();
    const present: { companions: number }[] = (await s.api('GET', '/api/onsite', undefined, s.admin.token)).body.visits;
    await page.getByText(`点名表已发送到打印机：在场${present.reduce((n, v) => n + 1 + v.companions, 0)}人。`).waitFor();

    const card = page.locator(`article[data-visit="${waiting.id}"]`);
    await card.getByRole('button', { name: '同意来访' }).click();
    await card.waitFor({ state: 'detached' });
    assert.is((await s.api('GET', `/api/visits/${waiting.id}`, undefined, s.admin.token)).body.visit.decidedBy, `user:${reception.user.id}`);
    await page.getByRole('button', { name: '知道了' }).click();
    assert.is(await banner.count(), 0, 'a dismissed alert is gone');
    await page.context().close();

    const guard = await signIn(security.user.username, 'a-long-password', '/desk/');
    await guard.getByText(/记录完整：共 \d+ 条/).waitFor();
    await guard.getByText('拒绝登记（黑名单）').first().waitFor();
    // Who did what, by name: the kiosk that registered, the receptionist who decided.
    await guard.getByRole('cell', { name: 'Gate (kiosk)' }).first().waitFor();
    await guard.getByRole('cell', { name: `${reception.user.name} (reception)` }).first().waitFor();
    assert.not.ok((await guard.locator('.log-wrap').innerText()).includes(reception.user.id), 'no raw account id in the log');
    assert.is(await guard.getByRole('button', { name: '补打访客证' }).count(), 0, 'security does not reprint');
    await guard.getByLabel('姓名').fill('吴刚');
    await guard.getByLabel('原因').fill('伪造访客证');
    await guard.getByRole('button', { name: '加入黑名单' }).click();
    await guard.getByText('已加入黑名单。').waitFor();
    const list = await s.api('GET', '/api/watchlist', undefined, security.token);
    assert.ok(list.body.entries.some((e: { name?: string; reason: string }) => e.name === '吴刚' && e.reason === '伪造访客证'));
    assert.not.ok((await guard.content()).includes(ID), 'no full ID number on the desk either');
    await inBothLanguages(guard, 'security');
    await guard.context().close();
  });

  test('a page opened without a valid token goes to sign-in, and each role lands on its own page', async () => {
    const context = await browser.newContext({ viewport: DESK });
    await context.addInitScript(() => localStorage.setItem('foyer.staffToken', 'not-a-token'));
    const page = await context.newPage();
    await page.goto(`${s.url}/host/`);
    await page.waitForURL(/\/login\/\?expired=1$/);
    await page.getByText('您已退出登录').waitFor();
    await context.close();

    const security = await s.makeUser('security');
    const wrongPage = await signIn(security.user.username, 'a-long-password', '/desk/');
    await wrongPage.goto(`${s.url}/admin/`);
    await wrongPage.waitForURL(`${s.url}/desk/`); // an admin page sends a guard back to the desk
    await wrongPage.context().close();
  });

  test.run();
}
