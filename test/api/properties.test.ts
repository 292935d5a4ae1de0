// Property-based: whatever JSON any caller sends to any route, the answer is never a 5xx, and nothing
// stored breaks a later read (also after a restart). Routes come from the router, so new ones are covered.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { startServer, residentId, type TestServer } from '../helpers/server.ts';

let s: TestServer;
test.before(async () => { s = await startServer(); });
test.after(async () => { await s.close(); });

// Field names the contract uses, so generated bodies reach the checks behind the first missing field.
const FIELDS = [
  'username', 'password', 'name', 'role', 'hostId', 'department', 'email', 'phone', 'delegateId', 'location',
  'pairingCode', 'setupToken', 'visitor', 'idType', 'idNumber', 'company', 'purpose', 'inviteCode', 'companions',
  'companionNames', 'items', 'plate', 'escortRequired', 'requestId', 'decision', 'message', 'code', 'direction',
  'reason', 'start', 'end', 'currentPassword', 'newPassword', 'format', 'seq', 'hash', 'visitId',
];
const scalar = fc.oneof(
  fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
  fc.constantFrom('', 'approve', 'deny', 'in', 'out', 'cn-resident', 'passport', 'admin', 'host', 'json', 'csv', '2026-11-30T09:00:00Z', '__proto__', 'x'.repeat(5000)),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.constantFrom(...FIELDS), tie('v'), { maxKeys: 5 })),
})).v;
const body = fc.oneof(fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 }), fc.dictionary(fc.string({ maxLength: 10 }), value, { maxKeys: 4 }));
const raw = fc.oneof(fc.constant('{'), fc.constant('[]'), fc.constant('null'), fc.constant('"x"'), fc.string({ maxLength: 30 }));
const param = fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom('20261130-ABCDEFGH', 'u-000000000000', '..', '%00', '%E0%A4%A', 'ABCD-EFGH', 'x.png'));

const QUERY = ['day', 'from', 'to', 'q', 'seq', 'hash'];
const edgy = fc.constantFrom('2026-13-45', '2026-02-30', '0000-00-00', '0', '-1', '9'.repeat(30), '2026-11-30', '2026-11-30T25:00:00Z', 'a'.repeat(65), 'ffffffffffffffff');
const queryValue = fc.oneof({ weight: 3, arbitrary: edgy }, { weight: 1, arbitrary: param });
const query = fc.record(Object.fromEntries(QUERY.map((k) => [k, queryValue])), { requiredKeys: [] })
  .map((q) => (Object.keys(q).length ? `?${new URLSearchParams(q as Record<string, string>)}` : ''));

/** Routes that end the caller's own session or change its password get a throwaway session. */
const SELF_ENDING = /logout|password/;

test('no route answers 5xx to any body from any caller, and every answer is JSON in the contract\'s shape', async () => {
  const { host, token: hostToken } = await s.makeHost('测试', 'QA');
  const kiosk = await s.pairKiosk();
  const reception = await s.makeUser('reception');
  const security = await s.makeUser('security');
  await s.api('POST', '/api/visits', { visitor: { name: 'Seed', idType: 'cn-resident', idNumber: residentId() }, purpose: 'x', hostId: host.id }, kiosk.token);
  const callers = [undefined, s.admin.token, hostToken, kiosk.token, reception.token, security.token, 'garbage.token'];
  const routes = s.app.routes();
  assert.ok(routes.length >= 30, `${routes.length} routes`);
  for (const route of routes) {
    await fc.assert(fc.asyncProperty(param, query, fc.constantFrom(...callers.keys()), fc.oneof(body.map((b) => ({ b })), raw.map((r) => ({ r }))), async (p, q, who, payload) => {
      const path = route.pattern.replace(/:[a-z]+/gi, () => encodeURIComponent(p)) + (route.method === 'GET' ? q : '');
      let token = callers[who];
      if (SELF_ENDING.test(route.pattern) && token === s.admin.token) token = (await s.makeUser('reception')).token;
      const r = route.method === 'GET' ? await s.api('GET', path, undefined, token)
        : 'b' in payload ? await s.api(route.method, path, payload.b, token) : await s.api(route.method, path, undefined, token, payload.r);
      if (r.status >= 500) throw new Error(`${route.method} ${path} → ${r.status} ${JSON.stringify(r.body)} for ${JSON.stringify(payload)}`);
      if (r.status >= 400 && (typeof r.body !== 'object' || typeof r.body.error?.code !== 'string')) throw new Error(`${route.method} ${path}: ${r.status} without the error shape`);
    }), { numRuns: route.method === 'GET' ? 80 : 40, seed: 7 });
  }
});

test('after all that, every list still reads, the log verifies, and the server restarts on what it stored', async () => {
  const reads = ['/api/visits', '/api/onsite', '/api/log', '/api/log/verify', '/api/hosts', '/api/users', '/api/kiosks', '/api/watchlist', '/api/print-jobs', '/api/me'];
  const check = async () => {
    for (const p of reads) {
      const r = await s.api('GET', p, undefined, s.admin.token);
      assert.is(r.status, 200, `${p}: ${JSON.stringify(r.body).slice(0, 300)}`);
    }
    assert.ok((await s.api('GET', '/api/log/verify', undefined, s.admin.token)).body.chain.ok);
  };
  await check();
  await s.restart();
  await check();
});

test.run();
