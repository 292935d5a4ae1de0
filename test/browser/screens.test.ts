// Every lobby screen, in both languages, portrait (1080×1920) and landscape (1920×1080), saved for a person to look at.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { nextEvent, residentId, startServer, type TestServer } from '../helpers/server.ts';
import { auditScreen, chromiumPresent, ensureBuilt, LANDSCAPE, launch, PORTRAIT, scanWithWedge, shoot as saveShot, withKiosk } from './kiosk.ts';

type Lang = 'zh' | 'en';
const words = {
  zh: { checkIn: '来访登记', invitation: '我有邀请', checkOut: '离开签退', next: '下一步', submit: '提交', done: '完成', pair: '配对', pairingCode: '配对码', inviteCode: '邀请码', continue: '继续', idNumber: '证件号码', name: '姓名', phone: '手机号码', company: '单位', host: '被访人', purpose: '来访事由', laptop: '笔记本电脑', waiting: '谢谢，请稍候', delegate: '暂未回复', reception: '已通知前台', take: '请取走您的访客证', failed: '访客证未能打印' },
  en: { checkIn: 'Check in', invitation: 'I have an invitation', checkOut: 'Check out', next: 'Next', submit: 'Submit', done: 'Done', pair: 'Pair', pairingCode: 'Pairing code', inviteCode: 'Invite code', continue: 'Continue', idNumber: 'ID number', name: 'Full name', phone: 'Mobile phone', company: 'Company', host: 'Host', purpose: 'Purpose of visit', laptop: 'Laptop', waiting: 'Thank you, please wait', delegate: 'has not replied yet', reception: 'Reception has been told', take: 'Please take your badge', failed: 'We could not print your badge' },
};

if (chromiumPresent(import.meta.filename)) {
  let s: TestServer;
  let broken: TestServer; // its printer is unreachable: every badge fails
  let browser: Browser;
  let hostSocket: Awaited<ReturnType<TestServer['hostSocket']>>;
  let hostToken: string;
  let brokenKiosk: string;
  let brokenHostToken: string;
  let seq = 100;

  test.before(async () => {
    ensureBuilt();
    [s, broken, browser] = await Promise.all([startServer({ hostTimeoutS: 2 }), startServer({ printer: 'tcp://127.0.0.1:9' }), launch()]);
    const delegate = await s.makeHost('李娜', '人事部');
    const host = await s.makeHost('张伟', '研发部', { delegateId: delegate.host.id });
    await s.makeHost('张伟国', '财务部');
    hostToken = host.token;
    hostSocket = await s.hostSocket(host.token);
    brokenHostToken = (await broken.makeHost('张伟', '研发部')).token;
    brokenKiosk = (await broken.pairKiosk()).token;
    const security = await s.makeUser('security');
    await s.api('POST', '/api/watchlist', { idType: 'cn-resident', idNumber: residentId('19660606', '666'), reason: 'test' }, security.token);
  });
  test.after(async () => {
    await browser?.close();
    await s?.close();
    await broken?.close();
  });

  const problems: string[] = [];
  /** Saves the screen and notes what fails the accessibility floor on it. */
  const shoot = async (page: Page, name: string) => {
    await saveShot(page, name);
    problems.push(...(await auditScreen(page)).map((problem) => `${name}: ${problem}`));
  };

  const start = async (page: Page, lang: Lang) => {
    await page.getByRole('button', { name: words.zh.checkIn }).waitFor();
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
  };

  async function walkIn(page: Page, lang: Lang, shots: string | null, idNumber = residentId('19880215', String(seq++))) {
    const w = words[lang];
    await page.getByRole('button', { name: w.checkIn }).click();
    if (shots) {
      await page.getByLabel(w.phone).fill('12345');
      await page.getByRole('button', { name: w.next }).click();
      await shoot(page, `about-you-problems-${shots}`);
    }
    await page.getByLabel(w.name).fill(lang === 'zh' ? '王小明' : 'Wang Xiaoming');
    await page.getByLabel(w.idNumber).fill(idNumber);
    await page.getByLabel(w.phone).fill('13800138000');
    await page.getByLabel(w.company).fill(lang === 'zh' ? '星河科技有限公司' : 'Star River Technology Ltd');
    if (shots) await shoot(page, `about-you-${shots}`);
    await page.getByRole('button', { name: w.next }).click();
    await page.getByLabel(w.host).fill('zw');
    await page.getByRole('button', { name: /研发部/ }).waitFor();
    if (shots) await shoot(page, `host-search-${shots}`);
    await page.getByRole('button', { name: /研发部/ }).click();
    await page.getByLabel(w.purpose).fill(lang === 'zh' ? '商务洽谈' : 'Meeting');
    await page.getByRole('button', { name: w.laptop }).click();
    if (shots) await shoot(page, `your-visit-${shots}`);
    await page.getByRole('button', { name: w.next }).click();
    if (shots) await shoot(page, `privacy-${shots}`);
    const arrived = nextEvent(hostSocket, 'visit:arrived');
    await page.getByRole('button', { name: w.submit }).click();
    return arrived;
  }

  async function tour(lang: Lang, orientation: 'portrait' | 'landscape') {
    const tag = `${lang}-${orientation}`;
    const viewport = orientation === 'portrait' ? PORTRAIT : LANDSCAPE;
    const w = words[lang];
    let token = '';
    await withKiosk(browser, s, null, `pairing-${tag}`, async (page) => {
      if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
      await shoot(page, `pairing-${tag}`);
      const created = await s.api('POST', '/api/kiosks', { name: `Lobby ${tag}` }, s.admin.token);
      await page.getByLabel(w.pairingCode).fill(created.body.pairingCode);
      await page.getByRole('button', { name: w.pair }).click();
      await page.getByRole('button', { name: words.zh.checkIn }).waitFor(); // paired: welcome, in the kiosk's own language
      token = (await page.evaluate(() => localStorage.getItem('foyer.kiosk.token')))!;
    }, { viewport });

    await withKiosk(browser, s, token, `walk-in-${tag}`, async (page) => {
      await start(page, lang);
      await shoot(page, `welcome-${tag}`);
      const { visit } = await walkIn(page, lang, tag);
      await page.getByText(w.waiting).waitFor();
      await shoot(page, `waiting-${tag}`);
      await page.getByText(w.delegate).waitFor({ timeout: 10_000 });
      await shoot(page, `waiting-delegate-${tag}`);
      await page.getByText(w.reception).waitFor({ timeout: 10_000 });
      await shoot(page, `waiting-reception-${tag}`);
      await hostSocket.timeout(3000).emitWithAck('visit:decide', { visitId: visit.id, decision: 'approve', message: '请稍等，我马上下来' });
      await page.getByText(w.take).waitFor();
      await shoot(page, `badge-${tag}`);
      await page.getByRole('button', { name: w.done }).click();

      await start(page, lang);
      const denied = await walkIn(page, lang, null);
      await hostSocket.timeout(3000).emitWithAck('visit:decide', { visitId: denied.visit.id, decision: 'deny', message: '今天不在公司，请改约' });
      await page.locator('.screen-denied').waitFor();
      await shoot(page, `denied-${tag}`);
      await page.getByRole('button', { name: w.done }).click();

      await start(page, lang);
      await walkIn(page, lang, null, residentId('19660606', '666')).catch(() => {}); // no host event for a refusal
      await page.locator('.screen-reception').waitFor();
      await shoot(page, `reception-${tag}`);
      await page.getByRole('button', { name: w.done }).click();

      await start(page, lang);
      const now = Date.now();
      const appt = await s.api('POST', '/api/appointments', { visitor: { name: '周杰', company: '蓝天物流' }, purpose: '合同签署', start: new Date(now - 600_000).toISOString(), end: new Date(now + 7_200_000).toISOString() }, hostToken);
      await page.getByRole('button', { name: w.invitation }).click();
      await page.getByLabel(w.inviteCode).fill('ZZZZ-ZZZZ');
      await page.getByRole('button', { name: w.continue }).click();
      await page.locator('.field-error:not(:empty)').waitFor();
      await shoot(page, `invitation-${tag}`);
      await page.getByLabel(w.inviteCode).fill(appt.body.appointment.inviteCode);
      await page.getByRole('button', { name: w.continue }).click();
      await page.getByLabel(w.idNumber).fill(residentId('19900909', String(seq++)));
      await shoot(page, `invitation-id-${tag}`);
      await page.getByRole('button', { name: w.next }).click();
      await page.getByRole('button', { name: w.submit }).click();
      await page.getByText(w.take).waitFor();

      const { body } = await s.api('GET', `/api/visits/${visit.id}`, undefined, token);
      await page.getByRole('button', { name: w.done }).click();
      await start(page, lang);
      await page.getByRole('button', { name: w.checkOut }).click();
      await scanWithWedge(page, 'NOT-A-BADGE-0000');
      await page.locator('.form-problem:not(:empty)').waitFor();
      await shoot(page, `checkout-${tag}`);
      await scanWithWedge(page, body.visit.badge.code);
      await page.locator('.screen-goodbye').waitFor();
      await shoot(page, `goodbye-${tag}`);
    }, { viewport });

    await withKiosk(browser, broken, brokenKiosk, `badge-failed-${tag}`, async (page) => {
      await start(page, lang);
      const now = Date.now();
      const appt = await broken.api('POST', '/api/appointments', { visitor: { name: '周杰' }, purpose: '合同签署', start: new Date(now - 600_000).toISOString(), end: new Date(now + 7_200_000).toISOString() }, brokenHostToken);
      await page.getByRole('button', { name: w.invitation }).click();
      await page.getByLabel(w.inviteCode).fill(appt.body.appointment.inviteCode);
      await page.getByRole('button', { name: w.continue }).click();
      await page.getByLabel(w.idNumber).fill(residentId('19900909', String(seq++)));
      await page.getByRole('button', { name: w.next }).click();
      await page.getByRole('button', { name: w.submit }).click();
      await page.getByText(w.failed).waitFor({ timeout: 15_000 });
      await shoot(page, `badge-failed-${tag}`);
    }, { viewport });

    await withKiosk(browser, s, token, `idle-${tag}`, async (page) => {
      await start(page, lang);
      await page.getByRole('button', { name: w.checkIn }).click();
      await page.getByRole('alertdialog').waitFor({ timeout: 5000 });
      await shoot(page, `idle-warning-${tag}`);
    }, { viewport, query: 'idle=4' });
  }

  for (const lang of ['zh', 'en'] as const) {
    for (const orientation of ['portrait', 'landscape'] as const) {
      test(`every screen in ${lang}, ${orientation}: touch targets of 48 px or more, AA contrast`, async () => {
        problems.length = 0;
        await tour(lang, orientation);
        assert.equal(problems, []);
      });
    }
  }


  test.run();
}
