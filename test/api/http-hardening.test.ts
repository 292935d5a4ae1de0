// HTTP below the routes: security headers on every answer, HEAD like GET, uploads that stop half-way, bodies too large.
import http from 'node:http';
import net from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, type TestServer } from '../helpers/server.ts';
import { expectSecurityHeaders, headersOf } from '../helpers/http.ts';

let s: TestServer;
let kioskToken: string;
test.before(async () => {
  s = await startServer();
  kioskToken = (await s.pairKiosk()).token;
});
test.after(async () => { await s.close(); });

/** Sends `request` as raw bytes, then `finish`es the socket (end: a FIN; destroy: a reset), and resolves with what came back. */
function rawRequest(url: string, request: string, finish: 'end' | 'destroy' | 'wait'): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    let answer = '';
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(request);
      if (finish === 'end') socket.end();
      if (finish === 'destroy') setTimeout(() => socket.destroy(), 50);
    });
    socket.on('data', (d) => { answer += d; if (finish === 'wait' && answer.includes('\r\n\r\n')) socket.destroy(); });
    socket.on('error', () => {});
    socket.setTimeout(3000, () => socket.destroy());
    socket.on('close', () => resolve(answer));
  });
}

const API_ANSWERS: Array<[string, string, () => string | undefined, number]> = [
  ['a public read', '/api/health', () => undefined, 200],
  ['a signed-in read', '/api/hosts?q=a', () => kioskToken, 200],
  ['no token', '/api/onsite', () => undefined, 401],
  ['the wrong role', '/api/onsite', () => kioskToken, 403],
  ['an unknown route', '/api/no-such-thing', () => undefined, 404],
];

test('every API answer, success or error, carries the security headers', async () => {
  for (const [what, path, token, status] of API_ANSWERS) {
    const r = await s.api('GET', path, undefined, token());
    assert.is(r.status, status, what);
    expectSecurityHeaders(r.headers, `${what} (${path})`);
  }
  const bad = await s.api('POST', '/api/login', undefined, undefined, '{"username": ');
  assert.is(bad.status, 400);
  expectSecurityHeaders(bad.headers, 'a malformed body');
});

test("Socket.IO's own HTTP answers carry the security headers too", async () => {
  const r = await fetch(`${s.url}/socket.io/?EIO=4&transport=polling`);
  assert.is(r.status, 200);
  await r.text();
  expectSecurityHeaders(r.headers, 'the polling handshake');
});

test('HEAD answers every API read with the status and headers of GET and no body', async () => {
  for (const [what, path, token, status] of API_ANSWERS) {
    const headers = token() ? { authorization: `Bearer ${token()}` } : undefined;
    const get = await fetch(s.url + path, { headers });
    await get.arrayBuffer();
    const head = await fetch(s.url + path, { method: 'HEAD', headers });
    assert.is(head.status, status, what);
    assert.is(head.status, get.status, what);
    assert.equal(headersOf(head), headersOf(get), what);
    assert.is((await head.arrayBuffer()).byteLength, 0, what);
  }
});

const BODY_START = '{"username'; // 10 of the 1000 bytes the request announces
const DROPS: Array<[string, 'end' | 'destroy']> = [['closes its side (FIN)', 'end'], ['resets the connection', 'destroy']];

test('a client that announces 1000 bytes, sends 10 and goes away is not a server error, and the server keeps serving', async () => {
  for (const [what, finish] of DROPS) {
    const before = s.logs.length;
    await rawRequest(s.url, `POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n${BODY_START}`, finish);
    // The server logs the request once it has given up on the body.
    for (const end = Date.now() + 3000; Date.now() < end && !s.logs.slice(before).some((line) => line.includes('POST /api/login'));) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const lines = s.logs.slice(before);
    assert.not.ok(lines.some((line) => /failed|\b500\b/.test(line)), `${what}: ${lines.join('\n')}`);
    assert.is((await s.api('GET', '/api/health')).status, 200, what);
    assert.is((await s.api('POST', '/api/login', { username: 'admin', password: 'wrong-password-here' })).status, 401, what);
  }
});

test('a body over 256 kB is a 413, announced or streamed, and the answer reaches the client', async () => {
  const big = JSON.stringify({ name: 'x'.repeat(300 * 1024) });
  const announced = await s.api('POST', '/api/login', undefined, undefined, big);
  assert.is(announced.status, 413);
  assert.is(announced.body.error.code, 'body-too-large');

  const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(`${s.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    for (let i = 0; i < 10; i++) req.write(big.slice(i * 32 * 1024, (i + 1) * 32 * 1024)); // chunked: no length to check first
    req.end(big.slice(10 * 32 * 1024));
  });
  assert.is(streamed.status, 413);
  assert.is(JSON.parse(streamed.body).error.code, 'body-too-large');

  // A length over the limit is refused before the body is read: the answer comes while the client is still to send it.
  const early = await rawRequest(s.url, `POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n${BODY_START}`, 'wait');
  assert.match(early, /^HTTP\/1\.1 413 /);
  assert.not.ok(s.logs.some((line) => /failed|\b500\b/.test(line)), s.logs.join('\n'));
});

test.run();
