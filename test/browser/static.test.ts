// The built front end as the server serves it: security headers, HEAD like GET, no inline script, nothing but the build.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, type TestServer } from '../helpers/server.ts';
import { assetsOf, expectSecurityHeaders, headersOf, PAGES } from '../helpers/http.ts';
import { ensureBuilt } from './kiosk.ts';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../kiosk/dist');

let s: TestServer;
test.before(async () => {
  ensureBuilt();
  s = await startServer();
});
test.after(async () => { await s.close(); });

const pagesHtml = () => readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));

test('the built pages hold no inline script, style or event handler, which the policy would block', () => {
  const files = pagesHtml();
  assert.is(files.length, PAGES.length, files.join(', '));
  for (const file of files) {
    const html = readFileSync(path.join(DIST, file), 'utf8');
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) assert.match(tag, /\bsrc="\/assets\//, `${file}: ${tag}`);
    assert.not.match(html, /<style\b/, `${file}: a <style> element`);
    assert.not.match(html, /\sstyle=/, `${file}: a style attribute`);
    assert.not.match(html, /\son[a-z]+=/, `${file}: an inline event handler`);
  }
});

test('every page, asset and miss carries the security headers', async () => {
  const html = await (await fetch(`${s.url}/`)).text();
  const misses = ['/assets/no-such-file-12345678.js', '/.build.json'];
  for (const url of [...PAGES, '/i/ABCD-EFGH', ...assetsOf(html), ...misses]) {
    const r = await fetch(s.url + url);
    await r.arrayBuffer();
    assert.is(r.status, misses.includes(url) ? 404 : 200, url);
    expectSecurityHeaders(r.headers, url);
  }
});

test('HEAD answers pages, assets and misses with the status and headers of GET and no body', async () => {
  const html = await (await fetch(`${s.url}/host/`)).text();
  for (const url of [...PAGES, ...assetsOf(html), '/assets/no-such-file-12345678.js']) {
    const get = await fetch(s.url + url);
    const body = await get.arrayBuffer();
    const head = await fetch(s.url + url, { method: 'HEAD' });
    assert.is(head.status, get.status, url);
    assert.equal(headersOf(head), headersOf(get), url);
    assert.is((await head.arrayBuffer()).byteLength, 0, url);
    if (get.status === 200) assert.is(Number(head.headers.get('content-length')), body.byteLength, `${url}: HEAD tells the size`);
  }
});

test('the static files answer only GET and HEAD', async () => {
  for (const method of ['POST', 'PUT', 'DELETE']) {
    const r = await fetch(`${s.url}/`, { method });
    assert.is(r.status, 405, method);
    assert.is(r.headers.get('allow'), 'GET, HEAD', method);
  }
});

const OUTSIDE: Array<[string, string]> = [
  ['the build stamp (a dot-file)', '/.build.json'],
  ['an encoded way up', '/%2e%2e/package.json'],
  ['an encoded way up from a page', '/host/%2e%2e/%2e%2e/vite.config.ts'],
  ['a backslash way up', '/..%5c..%5cpackage.json'],
  ['the sources', '/lobby/main.tsx'],
];

test('nothing but the build is served', async () => {
  for (const [what, url] of OUTSIDE) {
    const r = await fetch(s.url + url);
    const text = await r.text();
    assert.ok(r.status === 404 || /^<!doctype html>/i.test(text), `${what}: ${r.status} ${text.slice(0, 80)}`);
    assert.not.match(text, /"inputs"|"scripts"|defineConfig|import /, what);
  }
});

test.run();
