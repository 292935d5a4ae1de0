// store: lowdb only
// HTTPS on the LAN: the real server process (server/main.ts) with the admin's certificate or one it makes for the
// site, its printed fingerprint against the served one, the plain-HTTP listener that only redirects, Socket.IO over
// wss, the trust page and the certificate download, and the configuration errors that name their variable.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { createHash, X509Certificate } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';
import { io as connect } from 'socket.io-client';
import { parseConfig, ConfigError } from '../../server/config.ts';
import { loadTls } from '../../server/tls.ts';
import { CHROMIUM, chromiumPresent, launch, shoot } from '../browser/kiosk.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ADMIN = 'admin:correct-horse-battery';
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

interface Running { child: ChildProcess; url: string; port: number; httpPort?: number; fingerprint?: string; output: () => string; stop: () => Promise<void> }

/** Runs server/main.ts and waits for its listening line (and, with HTTPS, the redirect's). */
function run(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root, env: { ...process.env, FOYER_PORT: '0', FOYER_HOST: '127.0.0.1', FOYER_HTTP_PORT: '0', FOYER_BOOTSTRAP_ADMIN: ADMIN, FOYER_TZ: 'Asia/Shanghai', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const stop = async () => { child.kill('SIGTERM'); await exited; };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`not listening within 20 s:\n${out}`)); }, 20_000);
    const check = () => {
      const m = /listening on (https?:\/\/\S+)/.exec(out);
      if (!m) return;
      const secure = m[1].startsWith('https');
      const r = /redirecting http:\/\/\S+?:(\d+) to https/.exec(out);
      if (secure && env.FOYER_HTTP_PORT !== 'off' && !r) return;
      clearTimeout(timer);
      const fp = /tls: fingerprint SHA-256 ([0-9A-F:]+)/.exec(out);
      resolve({ child, url: m[1], port: Number(new URL(m[1]).port), httpPort: r ? Number(r[1]) : undefined, fingerprint: fp?.[1], output: () => out, stop });
    };
    child.stdout!.on('data', (d) => { out += d; check(); });
    child.stderr!.on('data', (d) => { out += d; });
    void exited.then((code) => { clearTimeout(timer); reject(Object.assign(new Error(`exited ${code}:\n${out}`), { output: out, code })); });
  });
}

/** The certificate the server presents, as a TLS client sees it (no trust decision). */
function peerCertificate(port: number): Promise<tls.PeerCertificate> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, servername: 'localhost' }, () => {
      resolve(socket.getPeerCertificate());
      socket.end();
    });
    socket.on('error', reject);
  });
}

interface Answer { status: number; headers: http.IncomingHttpHeaders; body: Buffer }
/** One request; over https it trusts only `ca` (the site's certificate), as a device that trusted it would. */
function request(url: string, opts: { method?: string; ca?: string; body?: unknown; token?: string } = {}): Promise<Answer> {
  const u = new URL(url);
  const data = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(u, {
      method: opts.method ?? 'GET', ...(opts.ca ? { ca: opts.ca } : {}),
      headers: { ...(data ? { 'content-type': 'application/json' } : {}), ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(data);
  });
}
const json = (a: Answer) => JSON.parse(a.body.toString('utf8'));

/** A certificate and key as an admin would bring them (for 127.0.0.1 and localhost). */
async function adminCertificate(dir: string) {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec', curve: 'P-256', algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  } as Parameters<typeof generate>[1]);
  fs.writeFileSync(path.join(dir, 'site.crt'), pems.cert);
  fs.writeFileSync(path.join(dir, 'site.key'), pems.private);
  return { cert: pems.cert, key: pems.private, certFile: path.join(dir, 'site.crt'), keyFile: path.join(dir, 'site.key') };
}

test('the admin\'s certificate: HTTPS served with it, its fingerprint printed, the API answers', async () => {
  const dir = tmp('foyer-tls-files-');
  const own = await adminCertificate(dir);
  const s = await run({ FOYER_DATA_DIR: path.join(dir, 'db'), FOYER_TLS_CERT: own.certFile, FOYER_TLS_KEY: own.keyFile });
  try {
    assert.match(s.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const served = await peerCertificate(s.port);
    assert.is(s.fingerprint, served.fingerprint256, 'the printed fingerprint is the served certificate\'s');
    assert.is(served.fingerprint256, new X509Certificate(own.cert).fingerprint256);
    const health = await request(`${s.url}/api/health`, { ca: own.cert });
    assert.is(health.status, 200);
    assert.equal(json(health), { ok: true });
    assert.ok(health.headers['content-security-policy'], 'security headers over HTTPS too');
    assert.not.match(s.output(), /BEGIN (EC )?PRIVATE KEY/, 'the key is never printed');
  } finally {
    await s.stop();
  }
});

test('self-signed: made on first start in the data directory, the same one reused on restart', async () => {
  const dataDir = tmp('foyer-tls-self-');
  const first = await run({ FOYER_DATA_DIR: dataDir, FOYER_TLS: 'self-signed' });
  let made: string;
  try {
    assert.match(first.output(), /tls: made a certificate/);
    made = fs.readFileSync(path.join(dataDir, 'tls', 'foyer.crt'), 'utf8');
    assert.is((fs.statSync(path.join(dataDir, 'tls', 'foyer.key')).mode & 0o777), 0o600, 'the key is 0600');
    const served = await peerCertificate(first.port);
    assert.is(first.fingerprint, served.fingerprint256);
    const x509 = new X509Certificate(made);
    assert.is(x509.fingerprint256, served.fingerprint256);
    const names = x509.subjectAltName ?? '';
    for (const name of ['DNS:localhost', 'IP Address:127.0.0.1', `DNS:${os.hostname().toLowerCase()}`]) assert.ok(names.includes(name), `covers ${name}: ${names}`);
    for (const a of Object.values(os.networkInterfaces()).flat()) {
      if (a && a.family === 'IPv4' && !a.internal) assert.ok(names.includes(`IP Address:${a.address}`), `covers the LAN address ${a.address}`);
    }
    assert.ok(x509.ca, 'its own authority, so that devices can trust it');
    const days = (Date.parse(x509.validTo) - Date.parse(x509.validFrom)) / 86_400_000;
    assert.ok(days <= 825, `valid for ${days} days: Apple devices refuse more than 825`);
    // A device that trusts this certificate reaches the site by its IP address.
    assert.is((await request(`${first.url}/api/health`, { ca: made })).status, 200);
  } finally {
    await first.stop();
  }
  const second = await run({ FOYER_DATA_DIR: dataDir, FOYER_TLS: 'self-signed' });
  try {
    assert.not.match(second.output(), /made a certificate/);
    assert.is(second.fingerprint, first.fingerprint, 'the same certificate after a restart');
    assert.is((await peerCertificate(second.port)).fingerprint256, first.fingerprint);
    assert.is(fs.readFileSync(path.join(dataDir, 'tls', 'foyer.crt'), 'utf8'), made);
  } finally {
    await second.stop();
  }
});

/** One server with a self-signed certificate for the remaining tests. */
let site: Running;
let siteCert: string;
test('(start a self-signed site)', async () => {
  const dataDir = tmp('foyer-tls-site-');
  site = await run({ FOYER_DATA_DIR: dataDir, FOYER_TLS: 'self-signed' });
  siteCert = fs.readFileSync(path.join(dataDir, 'tls', 'foyer.crt'), 'utf8');
});

test('plain HTTP only redirects to the same path over HTTPS, and serves nothing else', async () => {
  assert.ok(site.httpPort, 'a redirect listener');
  const base = `http://127.0.0.1:${site.httpPort}`;
  const cases: Array<[string, string, number]> = [
    ['GET', '/', 301], ['GET', '/api/health?x=1', 301], ['HEAD', '/trust', 301], ['GET', '/trust/foyer.crt', 301],
    ['GET', '/socket.io/?EIO=4&transport=polling', 301], ['POST', '/api/login', 308], ['GET', '//elsewhere.example/x', 301],
  ];
  for (const [method, p, status] of cases) {
    const a = await request(base + p, { method, ...(method === 'POST' ? { body: { username: 'admin', password: 'correct-horse-battery' } } : {}) });
    assert.is(a.status, status, `${method} ${p}`);
    const target = new URL(p, 'http://x');
    assert.is(a.headers.location, `https://127.0.0.1:${site.port}${target.pathname}${target.search}`, `${method} ${p}`);
    assert.not.match(a.body.toString('utf8'), /"token"|ok":true|<html|BEGIN CERTIFICATE/, `${method} ${p} serves nothing`);
    assert.is(a.headers['strict-transport-security'], undefined, 'no HSTS: a device that does not trust the certificate yet must still get in');
  }
  // Under another host name the redirect keeps that name.
  const named = await new Promise<http.IncomingMessage>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: site.httpPort, path: '/host/', headers: { host: 'foyer.lan:8080' } }, resolve).on('error', reject);
  });
  named.resume();
  assert.is(named.headers.location, `https://foyer.lan:${site.port}/host/`);
});

test('Socket.IO over wss: a console connects to the same origin and gets its events', async () => {
  const login = await request(`${site.url}/api/login`, { method: 'POST', ca: siteCert, body: { username: 'admin', password: 'correct-horse-battery' } });
  assert.is(login.status, 200);
  const token = json(login).token;
  for (const transports of [['websocket'], ['polling', 'websocket']]) {
    const sock = connect(site.url, { auth: { token }, transports, reconnection: false, ca: siteCert } as Parameters<typeof connect>[1]);
    try {
      await new Promise<void>((resolve, reject) => { sock.once('connect', () => resolve()); sock.once('connect_error', reject); });
      const heard = new Promise((resolve) => sock.once('log:event', resolve));
      const made = await request(`${site.url}/api/watchlist`, { method: 'POST', ca: siteCert, token, body: { name: `王 ${transports.join('-')}`, reason: 'tls test' } });
      assert.is(made.status, 201);
      const event = await Promise.race([heard, new Promise((_, reject) => setTimeout(() => reject(new Error('no log:event within 5 s')), 5000))]);
      assert.ok(event);
      if (transports.length === 1) assert.is(sock.io.engine.transport.name, 'websocket');
    } finally {
      sock.close();
    }
  }
});

test('the trust page and the certificate download', async () => {
  const page = await request(`${site.url}/trust`, { ca: siteCert });
  assert.is(page.status, 200);
  assert.match(String(page.headers['content-type']), /^text\/html/);
  const html = page.body.toString('utf8');
  assert.ok(html.includes(site.fingerprint!), 'shows the fingerprint');
  for (const words of ['Android', 'iPad', 'Windows', '安卓', '证书', '/trust/foyer.crt', '/answer.css']) assert.ok(html.includes(words), words);
  assert.not.match(html, /<script|style=/, 'no inline script or style');
  assert.ok(String(page.headers['content-security-policy']).includes("script-src 'self'"));
  const crt = await request(`${site.url}/trust/foyer.crt`, { ca: siteCert });
  assert.is(crt.status, 200);
  assert.is(crt.headers['content-type'], 'application/x-x509-ca-cert');
  assert.match(String(crt.headers['content-disposition']), /attachment; filename="foyer\.crt"/);
  const sha = createHash('sha256').update(crt.body).digest('hex').toUpperCase().match(/../g)!.join(':');
  assert.is(sha, site.fingerprint, 'the download is the served certificate');
  assert.is((await request(`${site.url}/trust.css`, { ca: siteCert })).status, 200);
  assert.is((await request(`${site.url}/trust/other.crt`, { ca: siteCert })).status, 404);
});

test('a screenshot of the trust page on a phone, with no policy violation', async () => {
  if (!chromiumPresent(CHROMIUM)) return;
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, ignoreHTTPSErrors: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    await page.goto(`${site.url}/trust`);
    assert.ok((await page.locator('#fingerprint').textContent())?.includes(site.fingerprint!));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.is(overflow, 0, 'nothing wider than the phone');
    await shoot(page, 'trust-page', { fullPage: true });
    assert.equal(problems, []);
    await context.close();
  } finally {
    await browser.close();
  }
});

test('(stop the site)', async () => { await site.stop(); });

test('the default stays plain HTTP on 127.0.0.1 and /trust says HTTPS is off', async () => {
  const s = await run({ FOYER_DATA_DIR: tmp('foyer-tls-plain-'), FOYER_HTTP_PORT: '' });
  try {
    assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.not.match(s.output(), /redirecting|tls:/);
    assert.is((await request(`${s.url}/api/health`)).status, 200);
    const trust = await request(`${s.url}/trust`);
    assert.is(trust.status, 404);
    assert.match(trust.body.toString('utf8'), /HTTPS is off/);
    assert.is((await request(`${s.url}/trust/foyer.crt`)).status, 404);
  } finally {
    await s.stop();
  }
});

test('configuration errors name the variable', async () => {
  const dir = tmp('foyer-tls-errors-');
  const own = await adminCertificate(dir);
  const other = await adminCertificate(tmp('foyer-tls-other-'));
  const missing = path.join(dir, 'nowhere.crt');
  const rows: Array<[string, Record<string, string>, RegExp]> = [
    ['unknown FOYER_TLS', { FOYER_TLS: 'yes' }, /^FOYER_TLS="yes" is not valid: expected "self-signed"/],
    ['a certificate without its key', { FOYER_TLS_CERT: own.certFile }, /^FOYER_TLS_KEY is not set/],
    ['a key without its certificate', { FOYER_TLS_KEY: own.keyFile }, /^FOYER_TLS_CERT is not set/],
    ['both self-signed and files', { FOYER_TLS: 'self-signed', FOYER_TLS_CERT: own.certFile, FOYER_TLS_KEY: own.keyFile }, /^FOYER_TLS="self-signed" is not valid/],
    ['a missing certificate file', { FOYER_TLS_CERT: missing, FOYER_TLS_KEY: own.keyFile }, /^FOYER_TLS_CERT=".*nowhere\.crt" is not valid: .*\(no such file\)/],
    ['a missing key file', { FOYER_TLS_CERT: own.certFile, FOYER_TLS_KEY: missing }, /^FOYER_TLS_KEY=".*nowhere\.crt" is not valid/],
    ['a key that does not match', { FOYER_TLS_CERT: own.certFile, FOYER_TLS_KEY: other.keyFile }, /^FOYER_TLS_KEY=".*" is not valid: the key does not match the certificate in FOYER_TLS_CERT/],
    ['a certificate that is not one', { FOYER_TLS_CERT: own.keyFile, FOYER_TLS_KEY: own.keyFile }, /^FOYER_TLS_CERT=".*" is not valid: expected a PEM certificate/],
    ['a key that is not one', { FOYER_TLS_CERT: own.certFile, FOYER_TLS_KEY: own.certFile }, /^FOYER_TLS_KEY=".*" is not valid: expected an unencrypted PEM private key/],
    ['a redirect port that is not one', { FOYER_TLS: 'self-signed', FOYER_HTTP_PORT: 'eighty' }, /^FOYER_HTTP_PORT="eighty" is not valid/],
    ['the redirect on the HTTPS port', { FOYER_TLS: 'self-signed', FOYER_PORT: '8443', FOYER_HTTP_PORT: '8443' }, /^FOYER_HTTP_PORT="8443" is not valid: expected a port other than FOYER_PORT/],
  ];
  for (const [name, env, expected] of rows) {
    let message = '(accepted)';
    try {
      await loadTls(parseConfig({ FOYER_DATA_DIR: dir, ...env }, dir));
    } catch (e) {
      assert.ok(e instanceof ConfigError, `${name}: a ConfigError, not ${(e as Error).stack}`);
      message = (e as Error).message;
    }
    assert.match(message, expected, name);
    assert.not.match(message, /-----BEGIN [A-Z ]*PRIVATE KEY|[A-Za-z0-9+/]{40}/, `${name}: no key material in the message`);
  }
  // Defaults of the redirect port.
  const port = (env: Record<string, string>) => parseConfig({ FOYER_TLS: 'self-signed', ...env }).redirectPort;
  assert.is(port({}), 3080);
  assert.is(port({ FOYER_PORT: '443' }), 80);
  assert.is(port({ FOYER_PORT: '0' }), 0);
  assert.is(port({ FOYER_HTTP_PORT: 'off' }), undefined);
  assert.is(parseConfig({ FOYER_HTTP_PORT: '8080' }).redirectPort, undefined, 'no HTTPS, no redirect');
  // The real process: one line naming the variable, exit 1, no stack trace.
  const failed = await run({ FOYER_DATA_DIR: dir, FOYER_TLS_CERT: missing, FOYER_TLS_KEY: own.keyFile }).then(() => undefined, (e) => e as { output: string; code: number });
  assert.ok(failed, 'the server refuses to start');
  assert.is(failed!.code, 1);
  assert.match(failed!.output, /^config: FOYER_TLS_CERT=".*nowhere\.crt" is not valid/m);
  assert.not.match(failed!.output, /\n\s+at /, 'no stack trace');
});

test.run();
