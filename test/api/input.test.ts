// Every endpoint against missing, malformed, oversized and hostile input, and against the wrong role.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, type TestServer } from '../helpers/server.ts';

type Who = 'admin' | 'reception' | 'security' | 'host' | 'kiosk' | 'none';
interface Endpoint { method: string; path: string; allowed: Who[]; field?: string; big?: string }

let s: TestServer;
const tokens: Partial<Record<Who, string>> = {};
let visitId = '';
let kioskId = '';
let userId = '';
test.before(async () => {
  s = await startServer();
  tokens.admin = s.admin.token;
  const desk = await s.makeUser('reception');
  tokens.reception = desk.token;
  userId = desk.user.id;
  tokens.security = (await s.makeUser('security')).token;
  const h = await s.makeHost('测试', '测试部');
  tokens.host = h.token;
  const kiosk = await s.pairKiosk();
  tokens.kiosk = kiosk.token;
  kioskId = kiosk.kiosk.id;
  const reg = await s.api('POST', '/api/visits', { visitor: { name: 'X Y', idType: 'passport', idNumber: 'E1234567' }, purpose: 'p', hostId: h.host.id }, kiosk.token);
  visitId = reg.body.visit.id;
});
test.after(async () => { await s.close(); });

const ENDPOINTS = (): Endpoint[] => [
  { method: 'POST', path: '/api/login', allowed: ['none'], field: 'username', big: 'username' },
  { method: 'POST', path: '/api/setup', allowed: ['none'], field: 'setupToken', big: 'setupToken' },
  { method: 'POST', path: '/api/users', allowed: ['admin'], field: 'role', big: 'username' },
  { method: 'POST', path: '/api/hosts', allowed: ['admin'], field: 'name', big: 'name' },
  { method: 'POST', path: '/api/kiosks', allowed: ['admin'], field: 'name', big: 'name' },
  { method: 'POST', path: '/api/kiosks/pair', allowed: ['none'], field: 'pairingCode', big: 'pairingCode' },
  { method: 'POST', path: '/api/appointments', allowed: ['host', 'reception', 'admin'], field: 'visitor', big: 'purpose' },
  { method: 'POST', path: '/api/visits', allowed: ['kiosk', 'reception'], field: 'visitor', big: 'purpose' },
  { method: 'POST', path: `/api/visits/${visitId}/decision`, allowed: ['host', 'reception', 'admin'], field: 'decision', big: 'message' },
  { method: 'POST', path: '/api/scan', allowed: ['kiosk', 'security', 'reception'], field: 'code', big: 'code' },
  { method: 'POST', path: '/api/watchlist', allowed: ['security', 'admin'], field: 'reason', big: 'reason' },
  { method: 'POST', path: `/api/visits/${visitId}/badge`, allowed: ['kiosk', 'reception'] },
  { method: 'POST', path: '/api/muster', allowed: ['security', 'reception', 'admin'] },
  { method: 'GET', path: '/api/hosts?q=a', allowed: ['kiosk', 'admin', 'reception', 'security', 'host'] },
  { method: 'GET', path: `/api/visits/${visitId}`, allowed: ['kiosk', 'host', 'reception', 'security', 'admin'] },
  { method: 'GET', path: '/api/onsite', allowed: ['security', 'reception', 'admin'] },
  { method: 'GET', path: '/api/log', allowed: ['security', 'admin'] },
  { method: 'GET', path: '/api/log/verify', allowed: ['security', 'admin'] },
  { method: 'GET', path: '/api/watchlist', allowed: ['security', 'admin'] },
  { method: 'GET', path: '/api/users', allowed: ['admin'] },
  { method: 'GET', path: '/api/kiosks', allowed: ['admin'] },
  { method: 'GET', path: '/api/prints', allowed: ['reception', 'security', 'admin'] },
  { method: 'GET', path: '/api/print-jobs', allowed: ['reception', 'security', 'admin'] },
  { method: 'GET', path: '/api/invites/ABCD-EFGH', allowed: ['kiosk', 'reception'] },
  { method: 'GET', path: '/api/me', allowed: ['admin', 'reception', 'security', 'host', 'kiosk'] },
  { method: 'POST', path: `/api/kiosks/${kioskId}/pairing`, allowed: ['admin'] },
  { method: 'GET', path: '/api/visits', allowed: ['reception', 'security', 'admin', 'host'] },
  { method: 'GET', path: '/api/prints/job-none.png', allowed: ['reception', 'security', 'admin'] },
  { method: 'GET', path: '/api/badge-key', allowed: ['none'] },
  { method: 'POST', path: '/api/logout', allowed: ['admin', 'reception', 'security', 'host'] },
  { method: 'POST', path: '/api/me/password', allowed: ['admin', 'reception', 'security', 'host'], field: 'currentPassword', big: 'currentPassword' },
  { method: 'POST', path: `/api/users/${userId}/disable`, allowed: ['admin'] },
  { method: 'POST', path: `/api/users/${userId}/enable`, allowed: ['admin'] },
  { method: 'POST', path: `/api/users/${userId}/password`, allowed: ['admin'], field: 'password', big: 'password' },
  { method: 'POST', path: `/api/kiosks/${kioskId}/revoke`, allowed: ['admin'] },
  { method: 'DELETE', path: `/api/kiosks/${kioskId}`, allowed: ['admin'] },
];

function assertErrorShape(r: { status: number; body: any }, what: string): void {
  assert.type(r.body?.error?.code, 'string', `${what}: error.code (${JSON.stringify(r.body)})`);
  assert.match(r.body.error.code, /^[a-z]+(-[a-z]+)*$/, `${what}: kebab-case code`);
  assert.type(r.body.error.message, 'string', `${what}: error.message`);
  assert.not.match(JSON.stringify(r.body), /\.ts:\d|at [A-Za-z.]+ \(|node:internal/, `${what}: no stack trace`);
}

test('each endpoint refuses every role it does not name: 401 without a token, 403 with the wrong one', async () => {
  for (const e of ENDPOINTS()) {
    for (const who of ['none', 'admin', 'reception', 'security', 'host', 'kiosk'] as Who[]) {
      if (e.allowed.includes(who) || e.allowed.includes('none')) continue;
      const r = await s.api(e.method, e.path, e.method === 'POST' ? {} : undefined, tokens[who]);
      const want = who === 'none' ? 401 : 403;
      assert.is(r.status, want, `${who} → ${e.method} ${e.path}: got ${r.status} ${JSON.stringify(r.body)}`);
      assertErrorShape(r, `${who} ${e.path}`);
    }
  }
});

const badTokens: Array<[string, string | undefined]> = [
  ['a forged token', 'eyJzdWIiOiJ1LTEiLCJraW5kIjoidXNlciIsInJvbGUiOiJhZG1pbiIsImV4cCI6OTk5OTk5OTk5OX0.AAAA'],
  ['garbage', 'not-a-token'],
  ['an empty bearer', ''],
];
test('a bad token is a 401 everywhere, never anonymous', async () => {
  for (const [what, token] of badTokens) {
    const res = await fetch(`${s.url}/api/onsite`, { headers: { authorization: `Bearer ${token}` } });
    assert.is(res.status, 401, what);
  }
  const anon = await fetch(`${s.url}/api/login`, { method: 'POST', headers: { authorization: 'Basic abc', 'content-type': 'application/json' }, body: '{}' });
  assert.is(anon.status, 401, 'a present but wrong Authorization header is refused');
});

const hostile: Array<[string, string, number, string | undefined]> = [
  ['non-JSON', '{"name": ', 400, undefined],
  ['an array', '[1,2,3]', 400, undefined],
  ['a string', '"hello"', 400, undefined],
  ['null', 'null', 400, undefined],
  ['a __proto__ key', '{"__proto__": {"role": "admin"}}', 400, '__proto__'],
  ['a nested constructor key', '{"visitor": {"constructor": {"name": "x"}}}', 400, 'constructor'],
  ['a nested prototype key', '{"visitor": {"name": "x", "prototype": 1}}', 400, 'prototype'],
  ['a 300 kB body', JSON.stringify({ name: 'x'.repeat(300 * 1024) }), 413, undefined],
];
test('malformed and hostile bodies get a 4xx in the error shape on every POST, and the server stays up', async () => {
  for (const e of ENDPOINTS().filter((x) => x.method === 'POST')) {
    const token = tokens[e.allowed[0]];
    for (const [what, raw, status, field] of hostile) {
      const r = await s.api('POST', e.path, undefined, token, raw);
      assert.is(r.status, status, `${what} → ${e.path}: ${JSON.stringify(r.body)}`);
      assertErrorShape(r, `${what} ${e.path}`);
      if (field) assert.is(r.body.error.field, field, `${what} → ${e.path}`);
    }
  }
  assert.is((await s.api('GET', '/api/health')).status, 200);
});

test('missing fields and 100 kB strings are refused naming the field', async () => {
  for (const e of ENDPOINTS().filter((x) => x.field)) {
    const token = tokens[e.allowed[0]];
    const missing = await s.api('POST', e.path, {}, token);
    assert.is(missing.status, e.path === '/api/setup' ? 400 : 400, `missing → ${e.path}: ${JSON.stringify(missing.body)}`);
    assert.is(missing.body.error.field, e.field, `missing → ${e.path}`);
    const big = 'x'.repeat(100 * 1024);
    const body: Record<string, unknown> = { [e.big!]: big };
    if (e.path === '/api/users') Object.assign(body, { role: 'reception' });
    if (e.path === '/api/appointments') Object.assign(body, { hostId: undefined, start: new Date().toISOString(), end: new Date(Date.now() + 3600e3).toISOString() });
    if (e.big === 'purpose' || e.big === 'message' || e.big === 'reason') Object.assign(body, { decision: 'approve', name: 'x' });
    const r = await s.api('POST', e.path, e.path.endsWith('/visits') || e.path.endsWith('/appointments') ? { visitor: { name: 'a', idType: 'passport', idNumber: 'E1234567' }, ...body } : body, token);
    assert.is(r.status, 400, `100 kB ${e.big} → ${e.path}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    assert.is(r.body.error.field, e.big, `100 kB → ${e.path}`);
    assertErrorShape(r, e.path);
  }
});

const visitBodies: Array<[string, Record<string, unknown>, string]> = [
  ['a wrong check digit', { visitor: { name: 'A', idType: 'cn-resident', idNumber: '110105194912310021' }, purpose: 'p', hostId: 'x' }, 'visitor.idNumber'],
  ['an impossible birth date', { visitor: { name: 'A', idType: 'cn-resident', idNumber: '110105194902300025' }, purpose: 'p', hostId: 'x' }, 'visitor.idNumber'],
  ['an unknown ID type', { visitor: { name: 'A', idType: 'licence', idNumber: 'E1' }, purpose: 'p' }, 'visitor.idType'],
  ['a bad phone', { visitor: { name: 'A', idType: 'passport', idNumber: 'E1234567', phone: 'call me' }, purpose: 'p' }, 'visitor.phone'],
  ['an unknown host', { visitor: { name: 'A', idType: 'passport', idNumber: 'E1234567' }, purpose: 'p', hostId: 'h-nobody' }, 'hostId'],
  ['no host and no invite', { visitor: { name: 'A', idType: 'passport', idNumber: 'E1234567' }, purpose: 'p' }, 'hostId'],
  ['a number as the name', { visitor: { name: 42, idType: 'passport', idNumber: 'E1234567' }, purpose: 'p' }, 'visitor.name'],
  ['control characters in the name', { visitor: { name: 'A\u0000B', idType: 'passport', idNumber: 'E1234567' }, purpose: 'p' }, 'visitor.name'],
  ['negative companions', { visitor: { name: 'A', idType: 'passport', idNumber: 'E1234567' }, purpose: 'p', companions: -1 }, 'companions'],
  ['items not a list', { visitor: { name: 'A', idType: 'passport', idNumber: 'E1234567' }, purpose: 'p', items: 'laptop' }, 'items'],
  ['an unknown invite code', { visitor: { name: 'A', idType: 'passport', idNumber: 'E1234567' }, inviteCode: 'ZZZZ-ZZZZ' }, 'inviteCode'],
];
test('a visit with bad fields is refused naming the field, and nothing is stored', async () => {
  const before = (await s.api('GET', '/api/visits', undefined, tokens.reception)).body.visits.length;
  for (const [what, body, field] of visitBodies) {
    const r = await s.api('POST', '/api/visits', body, tokens.kiosk);
    assert.is(r.status, 400, `${what}: ${JSON.stringify(r.body)}`);
    assert.is(r.body.error.field, field, what);
  }
  assert.is((await s.api('GET', '/api/visits', undefined, tokens.reception)).body.visits.length, before);
});

test('unknown ids in the path are 404; unknown paths are 404 in the error shape', async () => {
  for (const path of ['/api/visits/20261127-NOSUCH00', '/api/visits/..%2F..%2Fetc', '/api/nope']) {
    const r = await s.api('GET', path, undefined, tokens.reception);
    assert.is(r.status, 404, path);
    assertErrorShape(r, path);
  }
  for (const path of ['/api/kiosks/k-nosuch/pairing', '/api/visits/20261127-NOSUCH00/decision', '/api/visits/20261127-NOSUCH00/badge']) {
    const r = await s.api('POST', path, path.endsWith('decision') ? { decision: 'approve' } : {}, path.includes('kiosks') ? tokens.admin : tokens.reception);
    assert.is(r.status, 404, path);
    assertErrorShape(r, path);
  }
  for (const [method, path] of [['POST', '/api/users/u-nosuch/disable'], ['POST', '/api/users/u-nosuch/enable'], ['POST', '/api/users/u-nosuch/password'], ['POST', '/api/kiosks/k-nosuch/revoke'], ['DELETE', '/api/kiosks/k-nosuch']]) {
    const r = await s.api(method, path, method === 'POST' ? {} : undefined, tokens.admin);
    assert.is(r.status, 404, path);
    assertErrorShape(r, path);
  }
  const q = await s.api('GET', `/api/hosts?q=${'a'.repeat(1000)}`, undefined, tokens.kiosk);
  assert.is(q.status, 400);
  assert.is(q.body.error.field, 'q');
});

test('the kiosk never gets a list of all staff: an empty query finds nobody', async () => {
  const r = await s.api('GET', '/api/hosts?q=', undefined, tokens.kiosk);
  assert.equal(r.body.hosts, []);
  const found = await s.api('GET', '/api/hosts?q=cs', undefined, tokens.kiosk);
  assert.equal(Object.keys(found.body.hosts[0]).sort(), ['department', 'id', 'name']);
});

const queries: Array<[string, string]> = [
  ['/api/log?from=yesterday', 'from'],
  ['/api/log?to=2026-13-45', 'to'],
  ['/api/log?from=2026-11-27&to=2026-11-01', 'from'],
  ['/api/log?from=2020-01-01&to=2026-01-01', 'from'],
  [`/api/log?q=${'x'.repeat(500)}`, 'q'],
];
test('bad query parameters are refused naming the parameter', async () => {
  for (const [path, field] of queries) {
    const r = await s.api('GET', path, undefined, tokens.security);
    assert.is(r.status, 400, path);
    assert.is(r.body.error.field, field, path);
  }
});

const socketPayloads: Array<[string, unknown, string]> = [
  ['null', null, 'invalid-body'],
  ['an array', [1, 2], 'invalid-body'],
  ['no visitId', { decision: 'approve' }, 'missing-field'],
  ['a bad decision', { visitId, decision: 'maybe' }, 'invalid-input'],
  ['a 100 kB message', { visitId, decision: 'approve', message: 'x'.repeat(100 * 1024) }, 'too-long'],
  ['an unknown visit', { visitId: '20261127-NOSUCH00', decision: 'approve' }, 'not-found'],
];
test('visit:decide answers bad payloads with {ok:false,error} and the socket stays usable', async () => {
  const sock = await s.socket(tokens.reception!);
  for (const [what, payload, code] of socketPayloads) {
    const p = typeof payload === 'object' && payload && 'visitId' in payload ? { ...payload, visitId: (payload as any).visitId || visitId } : payload;
    const ack: any = await sock.timeout(3000).emitWithAck('visit:decide', p);
    assert.is(ack.ok, false, what);
    assert.is(ack.error.code, code, `${what}: ${JSON.stringify(ack)}`);
  }
  assert.ok(sock.connected);
  const kioskSock = await s.socket(tokens.kiosk!);
  const ack: any = await kioskSock.timeout(3000).emitWithAck('visit:decide', { visitId, decision: 'approve' });
  assert.is(ack.error.code, 'forbidden', 'a kiosk may not decide');
});

test('a socket with a bad token is refused at connect', async () => {
  const err = await s.socket('forged.token').then(() => undefined, (e: Error) => e);
  assert.ok(err);
  assert.match(err!.message, /bad-token|unauthorized/);
});

test.run();
