// The desk counts people (companions too), names companions, checks visitors out by hand, and shows the log's head.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { residentId, startServer, type TestServer } from '../helpers/server.ts';
import { auditScreen, chromiumPresent, ensureBuilt, eventually, launch, shoot, shootStaff, signInStaff, staffHeaderButton } from './kiosk.ts';

const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

if (chromiumPresent(import.meta.filename)) {
  let s: TestServer;
  let browser: Browser;
  let host: Awaited<ReturnType<TestServer['makeHost']>>;
  let kioskToken: string;
  let seq = 100;

  test.before(async () => {
    ensureBuilt();
    [s, browser] = await Promise.all([startServer(), launch()]);
    host = await s.makeHost('赵磊', '行政部');
    kioskToken = (await s.pairKiosk('Gate')).token;
  });
  test.after(async () => {
    await browser?.close();
    await s?.close();
  });

  async function register(name: string, extra: Record<string, unknown> = {}) {
    const r = await s.api('POST', '/api/visits', {
      visitor: { name, idType: 'cn-resident', idNumber: residentId('19900101', String(seq++)) }, purpose: '送货', hostId: host.host.id, ...extra,
    }, kioskToken);
    assert.is(r.status, 201, JSON.stringify(r.body));
    return r.body.visit as { id: string; number: string };
  }
  async function onSite(name: string, extra: Record<string, unknown> = {}) {
    const visit = await register(name, extra);
    await s.api('POST', `/api/visits/${visit.id}/decision`, { decision: 'approve' }, host.token);
    await eventually(async () => (await s.api('GET', `/api/visits/${visit.id}`, undefined, s.admin.token)).body.visit.status === 'on-site', 10_000);
    return visit;
  }
  const people = async () => {
    const { visits } = (await s.api('GET', '/api/onsite', undefined, s.admin.token)).body as { visits: { companions: number }[] };
    return { visits: visits.length, people: visits.reduce((n, v) => n + 1 + v.companions, 0) };
  };
  const signIn = async (role: 'reception' | 'security' | 'host', landing = '/desk/') => {
    const username = role === 'host' ? host.user.username : (await s.makeUser(role)).user.username;
    return signInStaff(browser, s, username, 'a-long-password', landing, { viewport: WIDE });
  };

  /**
   * Screenshots at 1280 and 390 px, in Chinese and English, each checked against the accessibility floor; `open` and
   * `close` show a modal dialog for each (the language button is behind it), shot as the screen shows it.
   */
  const nothing = async () => {};
  async function look(page: Page, name: string, { open = nothing, close = nothing } = {}): Promise<void> {
    for (const viewport of [WIDE, PHONE]) {
      await page.setViewportSize(viewport);
      for (const lang of ['zh', 'en'] as const) {
        if (lang === 'en') await staffHeaderButton(page, 'English');
        await open();
        const shot = `${name}-${viewport.width}-${lang}`;
        await (open === nothing ? shootStaff(page, shot) : shoot(page, `staff-${shot}`));
        assert.equal(await auditScreen(page), [], `${name} at ${viewport.width} px in ${lang}`);
        await close();
      }
      await staffHeaderButton(page, '中文');
    }
    await page.setViewportSize(WIDE);
  }

  test('the on-site heading counts people, visitors and companions, and each row counts its companions', async () => {
    const trio = await onSite('孙丽', { companions: 2 });
    await onSite('周杰');
    const page = await signIn('reception');
    const count = await people();
    await page.getByRole('heading', { name: `在场人员：${count.people}人（访客${count.visits}人）` }).waitFor();
    await page.locator(`tr[data-visit="${trio.id}"]`).getByText('随行人数：2').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: `On site now: ${count.people} people (${count.visits} visitors)` }).waitFor();
    await page.getByRole('button', { name: '中文' }).click();

    await onSite('吴刚', { companions: 1 }); // arrives live
    const more = await people();
    assert.is(more.people, count.people + 2);
    await page.getByRole('heading', { name: `在场人员：${more.people}人（访客${more.visits}人）` }).waitFor();
    await page.getByRole('button', { name: '打印疏散点名表' }).click();
    await page.getByText(`点名表已发送到打印机：在场${more.people}人。`).waitFor();
    await page.context().close();
  });

  test('companion names typed at the desk reach the host, the waiting card and the on-site row', async () => {
    const page = await signIn('reception');
    await page.getByLabel('姓名', { exact: true }).fill('陈静');
    await page.getByLabel('证件号码').fill(residentId('19880214', '057'));
    await page.getByLabel('手机号码').fill('13800138000');
    await page.getByLabel('被访人', { exact: true }).fill('zl');
    await page.getByRole('button', { name: /赵磊/ }).click();
    await page.getByRole('button', { name: '商务洽谈' }).click();
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: '增加一人' }).click();
    await page.getByLabel('随行人员1姓名').fill('李雷');
    await page.getByLabel('随行人员3姓名').fill(' 韩梅梅 ');
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/visits') && r.method() === 'POST');
    await page.locator('#register').getByRole('button', { name: '登记', exact: true }).click();
    const body = (await sent).postDataJSON();
    assert.is(body.companions, 3);
    assert.equal(body.companionNames, ['李雷', '韩梅梅'], 'the names given, trimmed, and no empty ones');

    const card = page.locator('article.visit-card', { hasText: '陈静' });
    await card.getByText('李雷、韩梅梅').waitFor(); // needs the server to keep companionNames
    const hostPage = await signIn('host', '/host/');
    await hostPage.locator('article.visit-card', { hasText: '陈静' }).getByText('李雷、韩梅梅').waitFor();
    await look(hostPage, 'host-companions');
    await hostPage.locator('article.visit-card', { hasText: '陈静' }).getByRole('button', { name: '同意来访' }).click();
    const row = page.locator('tr', { hasText: '陈静' });
    await row.getByText('同行：李雷、韩梅梅，另1人').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await row.getByText('With 李雷, 韩梅梅 and 1 more').waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await hostPage.context().close();
    await page.context().close();
  });

  test('reception checks a visitor out by hand after confirming, with a reason; the row leaves every desk live', async () => {
    const leaving = await onSite('钱多多');
    const desk = await signIn('reception');
    const guard = await signIn('security');
    const row = desk.locator(`tr[data-visit="${leaving.id}"]`);
    await guard.locator(`tr[data-visit="${leaving.id}"]`).waitFor();

    await row.getByRole('button', { name: '签退' }).click();
    const dialog = desk.getByRole('dialog', { name: '为钱多多签退？' });
    await dialog.getByText(`访客 ${leaving.number} 将被记为已离开`).waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.is((await s.api('GET', `/api/visits/${leaving.id}`, undefined, s.admin.token)).body.visit.status, 'on-site', 'cancel changes nothing');

    const reason = desk.locator('dialog input');
    await look(desk, 'desk-checkout-dialog', {
      open: async () => { await row.locator('button').last().click(); await reason.fill('离开时未扫描访客证'); },
      close: async () => { await desk.keyboard.press('Escape'); await reason.waitFor({ state: 'detached' }); },
    });
    await row.getByRole('button', { name: '签退' }).click();
    await dialog.getByLabel('原因').fill('离开时未扫描访客证');
    const answered = desk.waitForResponse((r) => r.url().endsWith(`/api/visits/${leaving.id}/checkout`));
    await dialog.getByRole('button', { name: '确认签退' }).click();
    const answer = await answered;
    assert.is(answer.status(), 200, await answer.text());
    assert.equal(answer.request().postDataJSON(), { reason: '离开时未扫描访客证' });
    await desk.getByText(`已为钱多多（${leaving.number}）签退。`).waitFor();
    await row.waitFor({ state: 'detached' });
    await guard.locator(`tr[data-visit="${leaving.id}"]`).waitFor({ state: 'detached' }); // visit:updated
    assert.is((await s.api('GET', `/api/visits/${leaving.id}`, undefined, s.admin.token)).body.visit.status, 'checked-out');
    await desk.context().close();
    await guard.context().close();
  });

  test('security sees the log head to write down, and checks a written-down head against the log', async () => {
    const guard = await signIn('security');
    const { head } = (await s.api('GET', '/api/log/verify', undefined, s.admin.token)).body as { head: { seq: number; hash: string } };
    await guard.getByText(`日志末条：#${head.seq} · ${head.hash.slice(0, 4)}…${head.hash.slice(-4)}`).waitFor();
    assert.is(await guard.getByTestId('log-head-note').textContent(), `#${head.seq} ${head.hash.slice(0, 16).replace(/(.{4})(?=.)/g, '$1 ')}`, 'what to write down');

    const form = guard.locator('.anchor-check');
    await form.getByRole('button', { name: '核对' }).click();
    await form.getByText('请填写条目编号，如 1234。').waitFor();
    await form.getByText('请填写哈希：至少前16位').waitFor();

    await form.getByLabel('编号').fill(String(head.seq));
    await form.getByLabel('哈希').fill(head.hash.slice(0, 16).replace(/(.{4})(?=.)/g, '$1 ')); // as written down, in groups
    await look(guard, 'security-log-head');
    await form.getByRole('button', { name: '核对' }).click();
    await form.getByText(`#${head.seq} 仍在日志中，未被改动。`).waitFor(); // needs the server's anchor
    await look(guard, 'security-log-anchor');

    const wrong = (head.hash[0] === '0' ? '1' : '0') + head.hash.slice(1, 16);
    await form.getByLabel('哈希').fill(wrong);
    await form.getByRole('button', { name: '核对' }).click();
    await form.getByText(`未找到 #${head.seq}，或其内容已被改动。请上报。`).waitFor();
    await guard.context().close();
  });

  test.run();
}
