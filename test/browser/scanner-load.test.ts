// Leaving by badge on a loaded machine: every scanner burst checks its visitor out, on any screen, with any focus.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { residentId } from '../helpers/server.ts';
import { chromiumPresent, eventually, shoot, useLobby } from './kiosk.ts';

const DELAYS_MS = [2, 4, 6, 8, 10]; // a USB scanner's time per key
const ROUNDS = Number(process.env.SCANNER_ROUNDS) || 2; // × 5 delays × 3 places = 30 bursts
const PLACES = ['welcome', 'checkout', 'form'] as const;
type Place = (typeof PLACES)[number];

/** One busy process per core, as a kiosk PC running updates and a video decoder might be. */
function loadEveryCore(): ChildProcess[] {
  return os.cpus().map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}

/** The page's main thread blocks for 30–150 ms at random moments, as a busy renderer does. */
const JANK = () => {
  setInterval(() => {
    const until = performance.now() + 30 + Math.random() * 120;
    while (performance.now() < until) { /* busy */ }
  }, 200);
};

if (chromiumPresent(import.meta.filename)) {
  let host: Awaited<ReturnType<typeof lobby.server.makeHost>>;
  let burners: ChildProcess[] = [];
  const lobby = useLobby(test, async (s) => { host = await s.makeHost('孙丽', '行政部'); });
  test.after(() => { for (const burner of burners) burner.kill('SIGKILL'); });

  /** Visitors registered, approved and with printed badges: their names and badge codes. */
  async function onSiteBadges(count: number): Promise<{ id: string; name: string; code: string }[]> {
    const { server: s, kioskToken } = lobby;
    const made: { id: string; name: string; code: string }[] = [];
    for (let i = 0; i < count; i += 6) {
      made.push(...await Promise.all(Array.from({ length: Math.min(6, count - i) }, async (_, j) => {
        const name = `离开${i + j}`;
        const registered = await s.api('POST', '/api/visits', {
          visitor: { name, idType: 'cn-resident', idNumber: residentId('19800808', String(100 + i + j)) }, purpose: '参观', hostId: host.host.id,
        }, kioskToken);
        assert.is(registered.status, 201, JSON.stringify(registered.body));
        const id: string = registered.body.visit.id;
        await s.api('POST', `/api/visits/${id}/decision`, { decision: 'approve' }, host.token);
        const visit = await eventually(async () => {
          const { body } = await s.api('GET', `/api/visits/${id}`, undefined, kioskToken);
          return body.visit.badge?.print === 'printed' && body.visit;
        }, 20_000);
        return { id, name, code: visit.badge.code as string };
      })));
    }
    return made;
  }

  const checkedOut = async (id: string, timeoutMs: number) => eventually(async () => {
    const { body } = await lobby.server.api('GET', `/api/visits/${id}`, undefined, lobby.kioskToken);
    return body.visit.status === 'checked-out';
  }, timeoutMs).catch(() => false);

  /** Gets the kiosk to the place a burst is typed in; on the form, focus in the name field with "Li" typed by a person. */
  async function goTo(page: Page, place: Place): Promise<void> {
    if (await page.locator('.screen-goodbye').count()) await page.getByRole('button', { name: '完成' }).click();
    const welcome = page.getByRole('button', { name: '来访登记' });
    if (await page.getByLabel('姓名').count()) {
      if (place === 'form') return page.getByLabel('姓名').focus();
      await page.getByRole('button', { name: '上一步' }).click(); // leaves the form for the welcome screen
    }
    await welcome.waitFor();
    if (place === 'checkout') await page.getByRole('button', { name: '离开签退' }).click();
    if (place === 'form') {
      await welcome.click();
      await page.getByLabel('姓名').click();
      await page.keyboard.type('Li', { delay: 150 });
    }
  }

  test('every badge burst at 2–10 ms a key checks its visitor out under CPU load and main-thread jank, wherever the kiosk is', () =>
    lobby.withKiosk('scanner-load', async (page) => {
      const badges = await onSiteBadges(ROUNDS * DELAYS_MS.length * PLACES.length);
      await page.context().addInitScript(JANK);
      await page.reload();
      burners = loadEveryCore();
      const failures: string[] = [];
      let n = 0;
      for (let round = 0; round < ROUNDS; round++) {
        for (const place of PLACES) {
          for (const delay of DELAYS_MS) {
            const badge = badges[n++];
            await goTo(page, place);
            await page.keyboard.type(badge.code, { delay });
            await page.keyboard.press('Enter');
            const label = `${place} @${delay}ms (${badge.code.length} chars)`;
            const out = await checkedOut(badge.id, 5000);
            if (process.env.SCANNER_VERBOSE) console.log(`burst ${n}: ${label} ${out ? 'checked out' : 'FAILED'}`);
            if (!out) {
              failures.push(label);
              await shoot(page, `FAILED-scan-${n}`);
              await page.reload(); // start the next burst from a known place
              continue;
            }
            if (place === 'form') {
              await page.getByRole('status').getByText(badge.name).waitFor();
              const name = page.getByLabel('姓名');
              assert.is(await name.inputValue(), 'Li', `${label}: the field the visitor was typing in is unchanged`);
              assert.ok(await name.evaluate((el) => el === document.activeElement), `${label}: and still has the focus`);
              assert.is(await page.getByRole('heading', { name: '您的信息' }).count(), 1, `${label}: the form stays`);
            } else {
              await page.getByRole('heading', { name: `${badge.name}，再见` }).waitFor();
            }
          }
        }
      }
      for (const burner of burners) burner.kill('SIGKILL');
      console.log(`scanner under load: ${n - failures.length}/${n} bursts checked their visitor out${failures.length ? `; failed: ${failures.join(', ')}` : ''}`);
      assert.equal(failures, [], `${failures.length} of ${n} bursts failed`);

      await goTo(page, 'form');
      await shoot(page, 'scanner-form-after-bursts');
      await page.keyboard.type(' Lei', { delay: 150 });
      assert.is(await page.getByLabel('姓名').inputValue(), 'Li Lei', 'a person typing slowly still types into the field');
    }, { query: 'idle=600' }));

  test('a badge code with an issue number is read whole, however loaded the page', () => lobby.withKiosk('scanner-issue', async (page) => {
    await page.context().addInitScript(JANK);
    await page.reload();
    const sig = 'A'.repeat(85) + 'g';
    for (const code of [`FY1.v-0123456789ab.mj1b2c3.2.${sig}`, `FY1.v-0123456789ab.mj1b2c3.12.${sig}`]) {
      await page.getByRole('button', { name: '来访登记' }).waitFor();
      const sent = page.waitForRequest((r) => r.url().endsWith('/api/scan'));
      await page.keyboard.type(code, { delay: 2 });
      await page.keyboard.press('Enter');
      assert.is((await sent).postDataJSON().code, code);
      await page.getByText('无法识别该访客证，请重试或前往前台。').waitFor();
      await page.getByRole('button', { name: '上一步' }).click();
    }
  }));

  test.run();
}
