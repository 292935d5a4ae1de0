// Calls and matters (/matters/): a desk clerk logs a call and takes a message that reaches the host's console live, where
// the host marks it read; opens a complaint from the call in one tap, assigns it to the host's department; the host
// accepts and resolves it on their console; the clerk records the callback (reached, satisfaction 5) and closes it;
// the month's report counts the call and the case. The same at 390 px (no sideways scroll). A supervisor reaches
// the page from the desk. Screenshots in both languages, each held to the accessibility floor.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { callTimers } from '../../server/flows/calls.ts';
import { caseDraft } from '../unit/matters-fixtures.ts';
import { chromiumPresent, ensureBuilt, eventually, inBothLanguages, launch, signInStaff } from './kiosk.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

if (chromiumPresent(import.meta.filename)) {
  let s: TestServer;
  let browser: Browser;
  /** How far the server's clock runs ahead of the real one (a transfer left unacknowledged comes back after 10 min). */
  let ahead = 0;

  test.before(async () => {
    ensureBuilt();
    [s, browser] = await Promise.all([startServer({ clock: () => new Date(Date.now() + ahead) }), launch()]);
  });
  test.after(async () => {
    await browser?.close();
    await s?.close();
  });

  const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const card = (page: Page, number: string) => page.locator(`[data-case="${number}"]`);

  async function wholeLife(options: Parameters<Browser['newContext']>[0], who: string, caller: string, shots: string) {
    const host = await s.makeHost(who, `物业部${shots}`);
    const reception = await s.makeUser('reception');
    const desk = await signInStaff(browser, s, reception.user.username, 'a-long-password', '/desk/', options);
    const console = await signInStaff(browser, s, host.user.username, 'a-long-password', '/host/', options);
    await console.getByRole('heading', { name: '留言与事务' }).waitFor();
    await console.getByText('没有给您的留言或转接。').waitFor();

    await desk.getByRole('link', { name: '来电与事务' }).click();
    await desk.waitForURL(`${s.url}/matters/`);
    const form = desk.locator('.call-form');
    await form.getByLabel('来电人姓名').fill(caller);
    await form.getByLabel(/^电话/).fill('13800138000');
    await form.getByLabel('单位').fill('阳光小区 3 栋');
    await form.getByLabel('事由').fill('楼道灯坏了三天没人修');
    await form.getByRole('radio', { name: '投诉' }).click();
    await form.getByRole('radio', { name: '重要' }).click();
    await form.getByLabel(/^找谁/).fill(who.slice(0, 2));
    await form.getByRole('button', { name: new RegExp(who) }).click();
    await form.getByRole('radio', { name: '留言' }).click();
    await form.getByLabel('留言内容').fill('请尽快回电');
    await inBothLanguages(desk, `matters-call-form-${shots}`);
    await form.getByRole('button', { name: '登记来电' }).click();
    await form.getByText(`已登记 ${caller} 的来电。`).waitFor();
    const listed = desk.locator('.call-list .call-card', { hasText: caller });
    await listed.getByText('留言未读').waitFor();

    // The message reaches the host's console live; the host marks it read, and the desk sees it read.
    const message = console.locator('.host-matters .call-card', { hasText: caller });
    await message.getByText('请尽快回电').waitFor();
    await inBothLanguages(console, `matters-host-message-${shots}`);
    await message.getByRole('button', { name: '标为已读' }).click();
    await message.getByText(/已读/).waitFor();
    await listed.getByText(/已读/).waitFor();

    // One tap opens the complaint from the call, prefilled; its card shows the apology in both languages.
    await form.getByRole('button', { name: '由此来电立事务' }).click();
    const opened = await desk.locator('.cases-open [data-case]').first();
    await opened.waitFor();
    const number = (await opened.getAttribute('data-case'))!;
    assert.match(number, /^C-\d{8}-\d{4}$/);
    const complaint = card(desk, number);
    assert.match(await complaint.innerText(), '楼道灯坏了三天没人修');
    assert.match(await complaint.innerText(), '我代表');
    assert.match(await complaint.innerText(), 'apolog');
    await listed.getByText('已立事务').waitFor();

    // Assigned to the host's department.
    await complaint.getByRole('button', { name: '派单' }).click();
    await complaint.getByLabel('派给', { exact: true }).fill(who.slice(0, 2));
    await complaint.getByRole('button', { name: new RegExp(who) }).click();
    await complaint.getByRole('radio', { name: /其部门/ }).click();
    await complaint.getByRole('button', { name: '保存' }).click();
    await complaint.getByText('已派单').waitFor();
    await inBothLanguages(desk, `matters-case-assigned-${shots}`);

    // The host accepts and resolves it on their console; the desk hears each step.
    const theirs = card(console, number);
    await theirs.getByText('已派单').waitFor();
    await inBothLanguages(console, `matters-host-case-${shots}`);
    await theirs.getByRole('button', { name: '受理' }).click();
    await theirs.getByText('已受理').waitFor();
    await complaint.getByText('已受理').waitFor();
    await theirs.getByRole('button', { name: '处理完毕' }).click();
    await theirs.getByLabel('处理结果').fill('已更换灯泡');
    await theirs.getByRole('button', { name: '保存' }).click();
    await complaint.getByText('处理结果：已更换灯泡').waitFor();
    await console.getByText('交给您的事务').waitFor({ state: 'detached' });

    // The clerk calls back: reached, very satisfied; then closes.
    await complaint.getByRole('button', { name: '登记回访' }).click();
    await complaint.getByRole('radio', { name: '已联系上' }).click();
    await complaint.getByRole('radio', { name: /5/ }).click();
    await inBothLanguages(desk, `matters-callback-${shots}`);
    await complaint.getByRole('button', { name: '保存' }).click();
    await complaint.getByText('满意度 5/5').waitFor();
    await complaint.getByRole('button', { name: '关闭', exact: true }).click();
    await complaint.getByRole('button', { name: '保存' }).click();
    await complaint.waitFor({ state: 'detached' });
    await desk.getByText(`事务 ${number}：已关闭。`).waitFor();

    // Found again by its number among past matters, closed, its steps with who and when.
    await desk.locator('.case-search').getByLabel('姓名、事由、编号或电话').fill(number);
    await desk.locator('.case-search').getByRole('button', { name: '查找' }).click();
    const found = card(desk, number);
    await found.getByText('已关闭').waitFor();
    await found.getByText(/经过/).click();
    const steps = await found.locator('.case-steps li').allInnerTexts();
    assert.equal(await found.locator('.case-step-what').allInnerTexts(),
      ['登记', `派给 物业部${shots}`, '受理', '处理完毕', '回访 · 已联系上', '关闭'], steps.join('\n'));
    // Who took each step: the clerk's as "me", the host's by their name and role (the answer names them).
    assert.equal(await found.locator('.case-step-by').allInnerTexts(),
      [' · 我', ' · 我', ` · ${host.user.name} (host)`, ` · ${host.user.name} (host)`, ' · 我', ' · 我'], steps.join('\n'));
    assert.ok(steps[3].includes('已更换灯泡'), steps[3]);
    assert.ok(await noSideways(desk), 'no sideways scroll on the desk page');
    assert.ok(await noSideways(console), 'no sideways scroll on the host console');
    await inBothLanguages(desk, `matters-found-${shots}`);
    await desk.context().close();
    await console.context().close();
    return { number, token: reception.token };
  }

  test('a call, a message read by the host, a complaint from it answered, called back and closed; the month counts them', async () => {
    const { token } = await wholeLife({ timezoneId: 'Asia/Shanghai' }, '李娜', '王芳', 'desk');
    const report = await s.api('GET', '/api/reports/monthly', undefined, token);
    assert.is(report.status, 200);
    const { calls, cases } = report.body.report;
    assert.is(calls.total, 1);
    assert.equal(calls.byCategory, [{ key: 'complaint', count: 1 }]);
    assert.is(cases.total, 1);
    assert.is(cases.byCategory[0].key, 'complaint');
    assert.is(cases.satisfaction.responses, 1);
    assert.is(cases.satisfaction.average, 5);
    assert.is(cases.callbacks.within24h, 1);
  });

  test('the same at 390 px: cards, no sideways scroll', async () => {
    await wholeLife({ ...PHONE, timezoneId: 'Asia/Shanghai' }, '赵敏', '钱伟', 'phone');
  });

  test('a supervisor goes from the desk to the calls and matters and may close a matter before its callback, giving a reason', async () => {
    const supervisor = await s.makeUser('supervisor');
    const opened = await s.api('POST', '/api/cases', { category: 'suggestion', importance: 'normal', subject: '建议增加停车位', contact: { name: '刘强' } }, supervisor.token);
    assert.is(opened.status, 201, JSON.stringify(opened.body));
    // A complaint from yesterday, past its deadline by two hours and a bit: first on the list, saying how late.
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now() - 86_400_000);
    const late = await s.app.ctx.store.insertCase(caseDraft(yesterday, 1, { subject: '噪音投诉', dueAt: new Date(Date.now() - 125 * 60_000).toISOString() }));
    const page = await signInStaff(browser, s, supervisor.user.username, 'a-long-password', '/desk/', { timezoneId: 'Asia/Shanghai' });
    await page.getByRole('link', { name: '来电与事务' }).click();
    await page.waitForURL(`${s.url}/matters/`);
    const c = card(page, opened.body.case.number);
    await c.waitFor();
    const first = page.locator('.cases-open [data-case]').first();
    assert.is(await first.getAttribute('data-case'), late!.number);
    assert.match(await first.locator('.case-due').innerText(), /已超期 2 小时 [45] 分/);
    assert.match(await first.getAttribute('class') ?? '', 'case-late');
    assert.match(await c.locator('.case-due').innerText(), /^应于 .* 前答复$/);
    assert.is(await page.locator('.call-form').count(), 0, 'only reception logs calls');
    await c.getByRole('button', { name: /未回访即关闭/ }).click();
    await c.getByRole('button', { name: '保存' }).click();
    await c.getByText('须先回访；未回访即关闭只能由主管写明原因。').waitFor();
    await c.getByLabel(/原因/).fill('来电人撤回建议');
    await c.getByRole('button', { name: '保存' }).click();
    await c.waitFor({ state: 'detached' });
    await inBothLanguages(page, 'matters-supervisor');
    await eventually(async () => (await s.api('GET', `/api/cases/${opened.body.case.id}`, undefined, supervisor.token)).body.case.status === 'closed');
  });


  test('a transfer nobody acknowledged comes back to the desk: highlighted, alerted in words, acknowledged on their behalf', async () => {
    const host = await s.makeHost('孙丽', '工程部');
    const reception = await s.makeUser('reception');
    const desk = await signInStaff(browser, s, reception.user.username, 'a-long-password', '/desk/', { timezoneId: 'Asia/Shanghai' });
    await desk.goto(`${s.url}/matters/`);
    const form = desk.locator('.call-form');
    await form.getByLabel('来电人姓名').fill('周杰');
    await form.getByLabel('事由').fill('电梯异响');
    await form.getByRole('radio', { name: '求助' }).click();
    await form.getByLabel(/^找谁/).fill('孙丽');
    await form.getByRole('button', { name: /孙丽/ }).click();
    await form.getByRole('radio', { name: '转接' }).click();
    await form.getByRole('button', { name: '登记来电' }).click();
    const listed = desk.locator('.call-list .call-card', { hasText: '周杰' });
    await listed.getByText('转接待确认').waitFor();
    assert.is(await listed.getAttribute('class'), 'call-card call-pending');

    ahead += 11 * 60_000;
    await callTimers(s.app.ctx);
    await listed.getByText('转接无人确认，已退回前台').waitFor();
    assert.is(await listed.getAttribute('class'), 'call-card call-pending call-returned');
    const alert = desk.locator('.alert-transfer-returned');
    await alert.getByText('转接已退回').waitFor();
    assert.match(await alert.innerText(), /孙丽|工程部/);
    await inBothLanguages(desk, 'matters-transfer-returned');
    await listed.getByRole('button', { name: '代为确认' }).click();
    await listed.getByText(/已确认/).waitFor();
    assert.is(await listed.getAttribute('class'), 'call-card');
    const read = await s.api('GET', '/api/calls/mine', undefined, host.token);
    assert.ok(read.body.calls.some((c: { caller: { name: string }; transfer?: { acknowledgedAt?: string } }) => c.caller.name === '周杰' && c.transfer?.acknowledgedAt));
  });
}

test.run();
