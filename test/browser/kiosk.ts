// Shared set-up of the browser tests: headless Chromium, a server with a paired kiosk page, screenshots, audits.
import { existsSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, type StartOptions, type TestServer } from '../helpers/server.ts';
import { currentBuild } from '../../kiosk/build/rebuild.ts';

export const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENS_DIR = path.join(ROOT, 'test-output/screens');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const PORTRAIT = { width: 1080, height: 1920 };
export const LANDSCAPE = { width: 1920, height: 1080 };
/** A staff desktop. */
export const DESK = { width: 1366, height: 1000 };

/** False (after saying so) when Chromium is missing; on CI a missing browser is a failure, not a skip. */
export function chromiumPresent(file: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`Chromium is missing at ${CHROMIUM}: CI must install it (apt-get install -y chromium fonts-noto-cjk)`);
  console.log(`${path.basename(file)}: browser tests skipped because Chromium is missing at ${CHROMIUM}`);
  return false;
}

/** Builds the front end unless the current build was made from the sources as they are, so a file can run alone. */
export function ensureBuilt(): void {
  if (currentBuild(ROOT)) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

export function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...extraArgs] });
}

export interface KioskPage { context: BrowserContext; page: Page }

export interface KioskOptions { query?: string; viewport?: { width: number; height: number } }

/** A lobby page on a device already paired with `token`; `query` e.g. 'idle=3'. */
export async function openKiosk(browser: Browser, server: { url: string }, token: string | null, opts: KioskOptions = {}): Promise<KioskPage> {
  const context = await browser.newContext({ viewport: opts.viewport ?? PORTRAIT, hasTouch: true, permissions: ['camera'], timezoneId: 'Asia/Shanghai' });
  if (token) await context.addInitScript((t) => { if (!localStorage.getItem('foyer.kiosk.token')) localStorage.setItem('foyer.kiosk.token', t); }, token);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error.message));
  await page.goto(`${server.url}/${opts.query ? `?${opts.query}` : ''}`);
  return { context, page };
}

/** Saves a screenshot under test-output/screens/ (git-ignored) for a person to look at; `fullPage` (from the top) for pages that scroll. */
export async function shoot(page: Page, name: string, { fullPage = false } = {}): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.evaluate(async (top) => { await document.fonts.ready; if (top) scrollTo(0, 0); }, fullPage);
  const whole = fullPage ? { fullPage, animations: 'disabled' as const } : {};
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`), ...whole });
}

/**
 * Types like a USB barcode scanner: every key sent straight after the last, then Enter, each stamped with the time
 * a scanner sends it. page.keyboard.type waits a round trip per key and stamps each when the browser gets to it,
 * which on a loaded CI machine spaces them like a person's typing, not a scanner's.
 */
export async function scanWithWedge(page: Page, code: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const sent: Promise<unknown>[] = [];
    // Each key carries the time a scanner would have sent it (4 ms apart), as the hardware's events do, so a
    // renderer slowed by a loaded machine sees the keys late but still at a scanner's pace.
    const start = Date.now() / 1000;
    const press = (key: string, code: string, keyCode: number, text: string) => {
      const timestamp = start + (sent.length / 2) * 0.004;
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, code, windowsVirtualKeyCode: keyCode, text, unmodifiedText: text, timestamp }));
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, windowsVirtualKeyCode: keyCode, timestamp: timestamp + 0.001 }));
    };
    for (const ch of code) press(ch, keyCodeName(ch), ch.toUpperCase().charCodeAt(0), ch);
    press('Enter', 'Enter', 13, '\r');
    await Promise.all(sent);
  } finally {
    await cdp.detach();
  }
}

/** The physical key a scanner would press for a character (KeyA, Digit4, Minus, …), as a keyboard reports it. */
function keyCodeName(ch: string): string {
  if (/[a-z]/i.test(ch)) return `Key${ch.toUpperCase()}`;
  if (/[0-9]/.test(ch)) return `Digit${ch}`;
  return { '-': 'Minus', '.': 'Period', '/': 'Slash', ':': 'Semicolon', '_': 'Minus', '=': 'Equal', '#': 'Digit3', '?': 'Slash', '~': 'Backquote' }[ch] ?? '';
}

/** Until `check` passes or `timeoutMs` ends. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      if (Date.now() > end) throw new Error('eventually: still falsy');
    } catch (error) {
      if (Date.now() > end) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Opens a kiosk page for one test, keeps a screenshot of the page if the test fails, and closes it. */
export async function withKiosk(
  browser: Browser, server: { url: string }, token: string | null, name: string,
  body: (page: Page) => Promise<void>, opts: KioskOptions = {},
): Promise<void> {
  const { context, page } = await openKiosk(browser, server, token, opts);
  try {
    await body(page);
  } catch (error) {
    await shoot(page, `FAILED-${name}`).catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
}

/** Signs a staff member in through /login/ (in Chinese, the default) and waits for the page of their role. */
export async function signInStaff(
  browser: Browser, server: { url: string }, username: string, password: string, landing: string,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: DESK, hasTouch: true, ...options });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error.message));
  await page.goto(`${server.url}/login/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${server.url}${landing}`);
  return page;
}

/** Clicks a staff header button (English / 中文, Change password, Sign out): on a phone they are behind Menu. */
export async function staffHeaderButton(page: Page, name: string | RegExp): Promise<void> {
  const button = page.locator('.staff-header').getByRole('button', { name });
  if (!(await button.isVisible())) await page.getByRole('button', { name: /^(Menu|菜单)$/ }).click();
  await button.click();
}

/** A staff page, whole, as test-output/screens/staff-<name>.png. */
export const shootStaff = (page: Page, name: string) => shoot(page, `staff-${name}`, { fullPage: true });

export interface Lobby {
  server: TestServer;
  browser: Browser;
  /** The token of a kiosk paired before the tests; empty when the file asked for none. */
  kioskToken: string;
  /** withKiosk on this file's browser, server and kiosk. */
  withKiosk: (name: string, body: (page: Page) => Promise<void>, opts?: KioskOptions) => Promise<void>;
}

/**
 * One server and one browser for a test file, closed after it, and a paired kiosk unless `paired` is false.
 * `prepare` adds what the file's tests need (hosts, their sockets) first; `server` sets the server up (e.g. its env).
 */
export function useLobby(
  test: Test, prepare: (server: TestServer) => Promise<void> = async () => {}, { paired = true, server = {} }: { paired?: boolean; server?: StartOptions } = {},
): Lobby {
  const lobby: Lobby = {
    server: undefined!, browser: undefined!, kioskToken: '',
    withKiosk: (name, body, opts) => withKiosk(lobby.browser, lobby.server, lobby.kioskToken, name, body, opts),
  };
  test.before(async () => {
    ensureBuilt();
    [lobby.server, lobby.browser] = await Promise.all([startServer(server), launch()]);
    await prepare(lobby.server);
    if (paired) lobby.kioskToken = (await lobby.server.pairKiosk()).token;
  });
  test.after(async () => {
    await lobby.browser?.close();
    await lobby.server?.close();
  });
  return lobby;
}

export interface WalkIn { name: string; idNumber: string; phone: string; company?: string; hostQuery: string; hostName: string; purpose: string; items?: string[] }

/** From welcome to the privacy notice, in English, by the visible labels. */
export async function fillWalkIn(page: Page, visitor: WalkIn, shots?: string): Promise<void> {
  if (await page.getByRole('button', { name: 'English' }).count()) await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Check in' }).click();
  await page.getByLabel('Full name').fill(visitor.name);
  await page.getByLabel('ID number').fill(visitor.idNumber);
  await page.getByLabel('Mobile phone').fill(visitor.phone);
  if (visitor.company) await page.getByLabel('Company').fill(visitor.company);
  if (shots) await shoot(page, `${shots}-about-you`);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Host').fill(visitor.hostQuery);
  await page.getByRole('button', { name: new RegExp(visitor.hostName) }).click();
  await page.getByLabel('Purpose of visit').fill(visitor.purpose);
  for (const item of visitor.items ?? []) await page.getByRole('button', { name: item }).click();
  if (shots) await shoot(page, `${shots}-your-visit`);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Submit' }).waitFor();
}

/**
 * What fails the accessibility floor of the lobby and the staff pages on the screen as shown: controls smaller than
 * 48 px, and text below WCAG AA contrast (4.5:1, or 3:1 for large text) against the background it sits on.
 */
export async function auditScreen(page: Page): Promise<string[]> {
  await page.evaluate('window.__name ??= (f) => f'); // tsx names inner functions with a helper the page lacks
  return page.evaluate(() => {
    const problems: string[] = [];
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const channel = (c: number) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const backgroundOf = (el: Element | null): number[] => {
      for (; el; el = el.parentElement) {
        const [r, g, b, a = 1] = rgb(getComputedStyle(el).backgroundColor);
        if (a > 0.5) return [r, g, b];
      }
      return [255, 255, 255];
    };
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[aria-hidden="true"]');
    };
    const describe = (el: Element) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    for (const el of document.querySelectorAll('button, input, a, [role="radio"], [role="tab"]')) {
      const box = el.getBoundingClientRect();
      if (visible(el) && (box.width < 48 || box.height < 48)) problems.push(`small target ${Math.round(box.width)}×${Math.round(box.height)}: ${describe(el)}`);
    }
    for (const el of document.querySelectorAll('body *')) {
      const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!hasText || !visible(el) || (el.closest('button:disabled') && !el.closest('.arming'))) continue;
      const style = getComputedStyle(el);
      const [l1, l2] = [luminance(rgb(style.color)), luminance(backgroundOf(el))].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) problems.push(`contrast ${ratio.toFixed(2)}: ${describe(el)}`);
    }
    return problems;
  });
}

/** A staff page shot in Chinese and then English, each held to the accessibility floor (auditScreen); back in Chinese
 *  after. `shot` saves one picture (default: test-output/screens/staff-<name>-zh.png and -en.png). */
export async function inBothLanguages(page: Page, name: string, shot: (page: Page, name: string) => Promise<void> = shootStaff): Promise<void> {
  await shot(page, `${name}-zh`);
  assert.equal(await auditScreen(page), [], `${name} in Chinese`);
  await staffHeaderButton(page, 'English');
  await shot(page, `${name}-en`);
  assert.equal(await auditScreen(page), [], `${name} in English`);
  await staffHeaderButton(page, '中文');
}
