// Reception registers visitors at the desk (walk-ins and invitations), and a host's invitation comes with a QR code and a text to copy.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import jsqrModule from 'jsqr';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { nextEvent, residentId, startServer, type TestServer } from '../helpers/server.ts';
import { auditScreen, chromiumPresent, ensureBuilt, eventually, launch, shootStaff as shoot, signInStaff } from './kiosk.ts';

// jsqr is CommonJS with a default export; under NodeNext its type is the module object.
const jsQR = ((jsqrModule as unknown as { default?: typeof jsqrModule }).default ?? jsqrModule) as unknown as
  (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

/** Reads a QR code from a screenshot, as the kiosk's camera would. */
async function readQrPng(png: Buffer): Promise<string | undefined> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data, width, height } = context.getImageData(0, 0, image.width, image.height);
  return jsQR(data, width, height)?.data;
}

if (chromiumPresent(import.meta.filename)) {
  let s: TestServer;
  let browser: Browser;
  let host: { host: { id: string; name: string }; token: string; user: { username: string; name: string } };
  let reception: Page;

  test.before(async () => {
    ensureBuilt();
    [s, browser] = await Promise.all([startServer(), launch()]);
    host = await s.makeHost('张伟', '研发部');
    const desk = await s.makeUser('reception');
    reception = await signInStaff(browser, s, desk.user.username, 'a-long-password', '/desk/');
  });
  test.after(async () => {
    await browser?.close();
    await s?.close();
  });

  async function inBothLanguages(page: Page, name: string): Promise<void> {
    await shoot(page, `${name}-zh`);
    const problems = await auditScreen(page);
    assert.equal(problems, [], `${name}: ${problems.join('; ')}`);
    await page.getByRole('button', { name: 'English' }).click();
    await shoot(page, `${name}-en`);
    assert.equal(await auditScreen(page), [], `${name} in English`);
    await page.getByRole('button', { name: '中文' }).click();
  }

  const form = () => reception.locator('#register');
  const register = () => form().getByRole('button', { name: '登记', exact: true }).click();

  test('reception registers a walk-in with a resident ID; the host hears visit:arrived and the form clears', async () => {
    const id = residentId('19880214', '057');
    const socket = await s.socket(host.token);
    const arrived = nextEvent(socket, 'visit:arrived', (p) => p.visit.visitor.name === '陈静');
    const page = reception;

    await page.getByLabel('姓名', { exact: true }).fill('陈静');
    await page.getByLabel('证件号码').fill(id);
    await page.getByLabel('手机号码').fill('138 0013 8000');
    await page.getByLabel('单位').fill('星河科技');
    await page.getByLabel('被访人', { exact: true }).fill('zw');
    await page.getByRole('button', { name: /张伟/ }).click();
    await page.getByRole('button', { name: '商务洽谈' }).click();
    await page.getByRole('button', { name: '增加一人' }).click();
    await page.getByRole('button', { name: '笔记本电脑' }).click();
    await page.getByLabel('其他物品').fill('雨伞，三脚架');
    await page.getByLabel('车牌').fill('京a12345');
    await page.getByRole('radiogroup', { name: '需要陪同' }).getByRole('radio', { name: '是' }).click();
    await inBothLanguages(page, 'desk-register-filled');
    await register();

    const { visit } = await arrived;
    assert.is(visit.host.id, host.host.id);
    assert.is(visit.visitor.phone, '13800138000');
    assert.is(visit.visitor.company, '星河科技');
    assert.is(visit.purpose, '商务洽谈');
    assert.is(visit.companions, 1);
    assert.equal(visit.items, ['笔记本电脑', '雨伞', '三脚架']);
    assert.is(visit.plate, '京A12345');
    assert.is(visit.escortRequired, true);
    assert.is(visit.createdBy.startsWith('user:'), true, 'registered by the receptionist, not a kiosk');

    const result = page.locator(`.registered[data-visit="${visit.id}"]`);
    await result.getByText('陈静已登记，等待张伟确认').waitFor();
    assert.ok((await result.textContent())!.includes(visit.visitor.idNumberMasked), 'the result shows the masked ID');
    await page.locator(`article[data-visit="${visit.id}"]`).waitFor(); // and the visit waits in the list beside it
    assert.is(await page.getByLabel('姓名', { exact: true }).inputValue(), '', 'the form is empty again');
    assert.is(await page.getByLabel('证件号码').inputValue(), '');
    assert.not.ok((await page.content()).includes(id), 'the full ID number is nowhere on the page');
    await inBothLanguages(page, 'desk-register-waiting');
    await page.getByRole('button', { name: '完成' }).click();
    await result.waitFor({ state: 'detached' });
  });

  test('a submit retried after a lost answer registers the walk-in once', async () => {
    const page = reception;
    let lost = 0;
    // The first answer never arrives: the server registered the visit, the desk saw a network error.
    await page.route('**/api/visits', async (route) => {
      if (route.request().method() !== 'POST' || lost++ > 0) return route.fallback();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByLabel('姓名', { exact: true }).fill('赵敏');
    await page.getByLabel('证件类型').getByRole('radio', { name: '护照' }).click();
    await page.getByLabel('证件号码').fill('E12345678');
    await page.getByLabel('手机号码').fill('+85291234567');
    await page.getByLabel('被访人', { exact: true }).fill('张伟');
    await page.getByRole('button', { name: /张伟/ }).click();
    await page.getByLabel('来访事由').fill('送文件');
    await register();
    await form().getByText('无法连接服务器，请检查网络后重试。').waitFor();
    assert.is(await page.getByLabel('姓名', { exact: true }).inputValue(), '赵敏', 'the form is kept for the retry');
    await register();
    const result = form().locator('.registered');
    await result.getByText('赵敏已登记，等待张伟确认').waitFor();
    await page.unroute('**/api/visits');
    const mine = (await s.api('GET', '/api/visits', undefined, s.admin.token)).body.visits.filter((v: { visitor: { name: string } }) => v.visitor.name === '赵敏');
    assert.is(mine.length, 1, 'one visit, not two');
    assert.is(mine[0].visitor.idNumberMasked.includes('*'), true);
    await page.getByRole('button', { name: '完成' }).click();
  });

  test('a bad resident ID number shows the check-digit message as it is typed, and nothing is sent', async () => {
    const good = residentId('19900101', '011');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const page = reception;
    const before = (await s.api('GET', '/api/visits', undefined, s.admin.token)).body.visits.length;

    await page.getByLabel('证件号码').fill(bad);
    await form().getByText('身份证号码校验不通过，请逐位核对。').waitFor();
    await register();
    await form().getByText('请填写“姓名”。').waitFor(); // and the fields left empty are named
    await form().getByText('请选择被访人。').waitFor();
    await inBothLanguages(page, 'desk-register-problems');
    await page.getByRole('button', { name: 'English' }).click();
    await form().getByText('This ID number does not add up: please check each digit.').waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    assert.is((await s.api('GET', '/api/visits', undefined, s.admin.token)).body.visits.length, before, 'no visit was registered');

    await page.getByLabel('证件号码').fill(good);
    await eventually(async () => (await form().getByText('身份证号码校验不通过').count()) === 0);
    await page.getByLabel('证件号码').fill('');
  });

  test('an invite code fills the form; reception adds only the ID and the badge prints', async () => {
    const now = Date.now();
    const made = await s.api('POST', '/api/appointments', {
      visitor: { name: '刘洋', company: '远景咨询', phone: '13912345678' }, purpose: '面试',
      start: new Date(now - 10 * 60_000).toISOString(), end: new Date(now + 2 * 3600_000).toISOString(),
    }, host.token);
    assert.is(made.status, 201, JSON.stringify(made.body));
    const code: string = made.body.appointment.inviteCode;
    const page = reception;

    await page.getByLabel('邀请码').fill('ZZZZ-ZZZZ');
    await page.getByRole('button', { name: '查询' }).click();
    await form().getByText('没有找到此邀请码，请与访客核对。').waitFor();
    await page.getByLabel('邀请码').fill(code.toLowerCase());
    await page.getByRole('button', { name: '查询' }).click();
    await form().getByRole('heading', { name: '刘洋的邀请' }).waitFor();
    const summary = (await form().locator('.invite-facts').textContent())!;
    for (const part of ['远景咨询', '张伟 · 研发部', '面试']) assert.ok(summary.includes(part), `the invitation shows ${part}`);
    assert.is(await page.getByLabel('姓名', { exact: true }).count(), 0, 'the name is not asked again');
    assert.is(await page.getByLabel('手机号码').count(), 0, 'nor the phone');
    await page.getByLabel('证件号码').fill(residentId('19951231', '246'));
    await inBothLanguages(page, 'desk-register-invite');
    await register();

    const result = form().locator('.registered');
    await result.getByText('刘洋已获准进入').waitFor();
    await result.getByText('访客证已打印，请交给访客。').waitFor(); // followed live: approved, then printed
    const visitId = (await result.getAttribute('data-visit'))!;
    const { visit } = (await s.api('GET', `/api/visits/${visitId}`, undefined, s.admin.token)).body;
    assert.is(visit.appointmentId, made.body.appointment.id);
    assert.is(visit.visitor.phone, '13912345678', 'the phone came from the invitation');
    assert.is(visit.status, 'on-site');
    await page.getByLabel('邀请码').waitFor(); // back to an empty walk-in form
    await inBothLanguages(page, 'desk-register-approved');
    await page.getByRole('button', { name: '完成' }).click();
  });

  test('a watchlisted walk-in: the desk is told not to admit, without the reason', async () => {
    const security = await s.makeUser('security');
    await s.api('POST', '/api/watchlist', { name: '钱坤', idType: 'cn-resident', idNumber: residentId('19800303', '033'), reason: '曾多次滋扰前台' }, security.token);
    const page = reception;
    await page.getByLabel('姓名', { exact: true }).fill('钱坤');
    await page.getByLabel('证件号码').fill(residentId('19800303', '033'));
    await page.getByLabel('手机号码').fill('13700137000');
    await page.getByLabel('被访人', { exact: true }).fill('张伟');
    await page.getByRole('button', { name: /张伟/ }).click();
    await page.getByLabel('来访事由').fill('拜访');
    await register();
    const result = form().locator('.registered-stop');
    await result.getByText('不得放行：钱坤').waitFor();
    await result.getByText('已通知保安。').waitFor();
    assert.not.ok((await result.textContent())!.includes('滋扰'), 'the reason stays with security');
    await inBothLanguages(page, 'desk-register-refused');
    await page.getByRole('button', { name: '完成' }).click();
  });

  test('the host\'s invitation shows a QR code of the invite code that the kiosk reads, and copies a bilingual text', async () => {
    const page = await signInStaff(browser, s, host.user.username, 'a-long-password', '/host/');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.url });
    await page.getByLabel('访客姓名').fill('王芳');
    await page.getByLabel('来访事由').fill('项目评审');
    await page.getByRole('button', { name: '生成邀请码' }).click();
    const code = (await page.getByTestId('invite-code').textContent())!.trim();
    const qr = page.getByTestId('invite-qr').locator('svg');
    await qr.waitFor();
    assert.is(await qr.getAttribute('aria-label'), `邀请码 ${code} 的二维码`);
    const box = (await qr.boundingBox())!;
    assert.ok(box.width >= 200, `the QR code is large enough for a camera (${box.width}px)`);

    // In the middle of the screen: scrolled only as far as needed, the code would sit under the sticky header.
    await qr.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const decoded = await readQrPng(await qr.screenshot());
    assert.is(decoded, code, 'the QR code holds the invite code, nothing more');
    const kiosk = await s.pairKiosk('Lobby');
    const found = await s.api('GET', `/api/invites/${encodeURIComponent(decoded!)}`, undefined, kiosk.token);
    assert.is(found.status, 200, 'the kiosk finds the invitation from the QR text');
    assert.is(found.body.invite.visitor.name, '王芳');

    await page.getByRole('button', { name: '复制邀请' }).click();
    await page.getByText('已复制，可粘贴到发给访客的消息中。').waitFor();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    for (const part of ['来访邀请', '访客：王芳', `邀请码：${code}`, `拜访${host.user.name}`, 'Visitor: 王芳', `Invite code: ${code}`, 'I have an invitation']) {
      assert.ok(text.includes(part), `the copied text has "${part}":\n${text}`);
    }
    assert.ok(text.split('\n').length <= 12, 'and it is short');
    await inBothLanguages(page, 'host-invite-qr');
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, 'host-invite-qr-phone-zh');
    await page.context().close();
  });

  test.run();
}
