// Web Push to the host's browser: the site's VAPID key, subscriptions per host user (validated, own only), and on an
// arrival an encrypted push (aes128gcm, RFC 8291) with a VAPID signature, received here by a local listener acting
// as the push service and decrypted with the browser's key made in the test. A 410 forgets the subscription.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify, type ECDH } from 'node:crypto';
import { startServer, residentId, type TestServer } from '../helpers/server.ts';

let s: TestServer;
test.before(async () => { s = await startServer({ env: { FOYER_PUBLIC_URL: 'https://foyer.test' }, notifyRetryDelaysMs: [0, 50] }); });
test.after(async () => { await s.close(); });

/** A browser's push keys, as PushSubscription.toJSON() gives them. */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return { ecdh, auth, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } };
}

/** The push service: records each POST (headers and body), answers with the statuses given, then 201. */
async function pushService(statuses: number[] = []) {
  const got: Array<{ headers: http.IncomingHttpHeaders; body: Buffer; url: string }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks), url: req.url ?? '' });
      res.writeHead(statuses.shift() ?? 201);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base, got,
    async next(n: number) {
      const until = Date.now() + 5000;
      while (got.length < n) {
        if (Date.now() > until) throw new Error(`the push service got ${got.length} pushes, not ${n}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return got[n - 1];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** RFC 8291 / RFC 8188 (aes128gcm, one record): what the browser does with a push. */
function decrypt(body: Buffer, ua: ECDH, auth: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body[20];
  const asPublic = body.subarray(21, 21 + idLength);
  const sealed = body.subarray(21 + idLength);
  const secret = ua.computeSecret(asPublic);
  const ikm = Buffer.from(hkdfSync('sha256', secret, auth, Buffer.concat([Buffer.from('WebPush: info\0'), ua.getPublicKey(), asPublic]), 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
  let end = plain.length - 1;
  while (plain[end] === 0) end--;
  assert.is(plain[end], 2, 'the last record ends with the 0x02 delimiter');
  return plain.subarray(0, end).toString('utf8');
}

/** The VAPID header: a JWT (ES256) for the push service's origin, signed with the key it names. */
function checkVapid(header: string | undefined, audience: string, publicKey: string) {
  const m = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? '');
  assert.ok(m, `a VAPID authorization header: ${header}`);
  assert.is(m![2], publicKey, 'signed with the site\'s public key');
  const [head, claims, sig] = m![1].split('.');
  const point = Buffer.from(publicKey, 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') }, format: 'jwk' });
  assert.ok(verify('sha256', Buffer.from(`${head}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(sig, 'base64url')), 'the JWT signature holds');
  const body = JSON.parse(Buffer.from(claims, 'base64url').toString());
  assert.is(body.aud, audience);
  assert.is(body.sub, 'https://foyer.test');
  assert.ok(body.exp * 1000 > Date.now());
}

const visitor = (n: number) => ({ name: `推送访客${n}`, idType: 'cn-resident', idNumber: residentId('19880808', String(300 + n)), company: '青山科技' });
const sessionOf = async (userId: string) => (await s.app.ctx.store.list('sessions')).find((x) => x.userId === userId)!.id;
const logOf = async (visitId: string) => (await s.api('GET', `/api/log?q=${visitId}`, undefined, s.admin.token)).body.events as any[];
const waitFor = async (check: () => Promise<boolean>) => {
  const until = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};

test('the public key, and a host\'s browser registers, re-registers as one, and unregisters; only its own', async () => {
  const host = await s.makeHost('卢一', '市场部');
  const other = await s.makeHost('卢二', '市场部');
  const key = await s.api('GET', '/api/push/key', undefined, host.token);
  assert.is(key.status, 200);
  assert.is(key.body.enabled, true);
  assert.is(Buffer.from(key.body.publicKey, 'base64url').length, 65);
  assert.is((await s.api('GET', '/api/push/key', undefined, other.token)).body.publicKey, key.body.publicKey, 'one key per site');

  const sub = { endpoint: 'https://push.example.com/send/abc123', keys: browserKeys().keys, expirationTime: null };
  const made = await s.api('POST', '/api/push/subscriptions', sub, host.token);
  assert.is(made.status, 201, JSON.stringify(made.body));
  const again = await s.api('POST', '/api/push/subscriptions', sub, host.token);
  assert.is(again.body.subscription.id, made.body.subscription.id);
  const stored = (await s.app.ctx.store.list('pushSubscriptions')).filter((p) => p.userId === host.user.id);
  assert.is(stored.length, 1, 'the same browser twice is one subscription');
  assert.is(stored[0].hostId, host.host.id);
  assert.is(stored[0].sessionId, await sessionOf(host.user.id), 'kept with the session that registered it');

  assert.is((await s.api('DELETE', `/api/push/subscriptions/${made.body.subscription.id}`, undefined, other.token)).status, 404, 'not another host\'s');
  assert.is((await s.api('DELETE', `/api/push/subscriptions/${made.body.subscription.id}`, undefined, host.token)).status, 204);
  assert.is((await s.api('DELETE', `/api/push/subscriptions/${made.body.subscription.id}`, undefined, host.token)).status, 404);
  assert.is((await s.app.ctx.store.list('pushSubscriptions')).filter((p) => p.userId === host.user.id).length, 0);
});

test('wrong role, no token, and bad input: refused with the field named', async () => {
  const host = await s.makeHost('卢三', '市场部');
  const reception = await s.makeUser('reception');
  const kiosk = await s.pairKiosk('推送门');
  const good = { endpoint: 'https://push.example.com/send/x', keys: browserKeys().keys };
  for (const token of [reception.token, kiosk.token, s.admin.token]) {
    assert.is((await s.api('POST', '/api/push/subscriptions', good, token)).status, 403);
    assert.is((await s.api('GET', '/api/push/key', undefined, token)).status, 403);
    assert.is((await s.api('DELETE', '/api/push/subscriptions/abc', undefined, token)).status, 403);
  }
  assert.is((await s.api('POST', '/api/push/subscriptions', good)).status, 401);
  const cases: Array<[unknown, string]> = [
    [{ keys: good.keys }, 'endpoint'],
    [{ ...good, endpoint: 'http://push.example.com/x' }, 'endpoint'],
    [{ ...good, endpoint: 'not a url' }, 'endpoint'],
    [{ ...good, endpoint: 'https://user:pw@push.example.com/x' }, 'endpoint'],
    [{ ...good, endpoint: 'https://127.0.0.1/x' }, 'endpoint'],
    [{ ...good, endpoint: 'https://[::1]:8443/x' }, 'endpoint'],
    [{ ...good, endpoint: 'https://localhost/x' }, 'endpoint'],
    [{ ...good, endpoint: 'https://printer.local/x' }, 'endpoint'],
    [{ ...good, endpoint: 'https://10.1.2.3/x' }, 'endpoint'],
    [{ ...good, endpoint: `https://push.example.com/${'x'.repeat(1000)}` }, 'endpoint'],
    [{ ...good, endpoint: 42 }, 'endpoint'],
    [{ endpoint: good.endpoint }, 'keys'],
    [{ ...good, keys: 'k' }, 'keys'],
    [{ ...good, keys: { auth: good.keys.auth } }, 'keys.p256dh'],
    [{ ...good, keys: { ...good.keys, p256dh: 'AAAA' } }, 'keys.p256dh'],
    [{ ...good, keys: { ...good.keys, p256dh: 'not base64!' } }, 'keys.p256dh'],
    [{ ...good, keys: { ...good.keys, auth: Buffer.alloc(8).toString('base64url') } }, 'keys.auth'],
  ];
  for (const [body, field] of cases) {
    const r = await s.api('POST', '/api/push/subscriptions', body, host.token);
    assert.is(r.status, 400, `${JSON.stringify(body).slice(0, 80)}: ${JSON.stringify(r.body)}`);
    assert.is(r.body.error.field, field, JSON.stringify(r.body));
  }
  const big = await s.api('POST', '/api/push/subscriptions', undefined, host.token, JSON.stringify({ ...good, pad: 'x'.repeat(300 * 1024) }));
  assert.is(big.status, 413);
  assert.is((await s.app.ctx.store.list('pushSubscriptions')).filter((p) => p.userId === host.user.id).length, 0, 'nothing was kept');
});

test('an arrival is pushed to each of the host\'s browsers: encrypted, VAPID-signed, the name and never the ID number', async () => {
  const service = await pushService();
  try {
    const host = await s.makeHost('卢四', '销售部');
    const browser = browserKeys();
    // The route takes https push services only; the local stand-in is stored directly.
    await s.app.ctx.store.put('pushSubscriptions', { id: 'local-browser-1', userId: host.user.id, hostId: host.host.id, endpoint: `${service.base}/push/browser-1`, keys: browser.keys, sessionId: await sessionOf(host.user.id), createdAt: new Date().toISOString() });
    const kiosk = await s.pairKiosk('推送大堂');
    const v = visitor(1);
    const reg = await s.api('POST', '/api/visits', { visitor: v, purpose: '合同签署', hostId: host.host.id }, kiosk.token);
    assert.is(reg.status, 201);
    assert.is(reg.body.visit.escalation?.level ?? 'host', 'host', 'a browser registered for push makes the host reachable');

    const push = await service.next(1);
    assert.is(push.url, '/push/browser-1');
    assert.is(push.headers['content-encoding'], 'aes128gcm');
    assert.ok(Number(push.headers.ttl) > 0);
    checkVapid(push.headers.authorization, service.base, (await s.api('GET', '/api/push/key', undefined, host.token)).body.publicKey);
    const text = decrypt(push.body, browser.ecdh, browser.auth);
    const payload = JSON.parse(text);
    assert.is(payload.type, 'visitor.arrived');
    assert.is(payload.visitId, reg.body.visit.id);
    assert.match(payload.title, '推送访客1');
    assert.match(payload.body, '青山科技');
    assert.is(payload.url, `https://foyer.test/host/?visit=${reg.body.visit.id}`);
    assert.not.ok(text.includes(v.idNumber) || text.includes(reg.body.visit.visitor.idNumberMasked) || text.includes(v.idNumber.slice(-8)), 'no ID number');
    assert.not.ok(push.body.includes(Buffer.from('推送访客1')), 'the body is encrypted');

    await waitFor(async () => (await logOf(reg.body.visit.id)).some((e) => e.kind === 'host-channel-sent'));
    const log = await logOf(reg.body.visit.id);
    assert.is(log.find((e) => e.kind === 'host-notified')?.data.via, 'push');
    assert.equal(log.find((e) => e.kind === 'host-channel-sent')?.data, { host: host.host.id, channel: 'push', attempt: 1 });
    assert.not.ok(s.logs.join('\n').includes('推送访客1'), 'no visitor data in the server log');

    // An invited visitor's arrival (already approved) is pushed too, without anything to decide.
    const invite = await s.api('POST', '/api/appointments', { visitor: { name: '推送受邀者' }, start: new Date(Date.now() - 60_000).toISOString(), end: new Date(Date.now() + 3_600_000).toISOString(), purpose: '面试' }, host.token);
    assert.is(invite.status, 201, JSON.stringify(invite.body));
    const invited = await s.api('POST', '/api/visits', { visitor: { ...visitor(5), name: '推送受邀者' }, purpose: '面试', inviteCode: invite.body.appointment.inviteCode }, kiosk.token);
    assert.is(invited.status, 201, JSON.stringify(invited.body));
    const second = JSON.parse(decrypt((await service.next(2)).body, browser.ecdh, browser.auth));
    assert.is(second.type, 'visitor.invited-arrived');
    assert.is(second.visitId, invited.body.visit.id);
    assert.match(second.title, '邀请的访客已到达');
  } finally {
    await service.close();
  }
});

test('a 410 from the push service forgets the subscription; a 500 is retried', async () => {
  const service = await pushService([500, 410]);
  try {
    const host = await s.makeHost('卢五', '销售部');
    const browser = browserKeys();
    await s.app.ctx.store.put('pushSubscriptions', { id: 'local-browser-2', userId: host.user.id, hostId: host.host.id, endpoint: `${service.base}/push/browser-2`, keys: browser.keys, sessionId: await sessionOf(host.user.id), createdAt: new Date().toISOString() });
    const kiosk = await s.pairKiosk('推送侧门');
    const reg = await s.api('POST', '/api/visits', { visitor: visitor(2), purpose: '面试', hostId: host.host.id }, kiosk.token);
    assert.is(reg.status, 201);
    await service.next(2);
    // The subscription is forgotten and the failure logged, in either order: wait for both.
    const failures = async () => (await logOf(reg.body.visit.id)).filter((e) => e.kind === 'host-channel-failed');
    await waitFor(async () => !(await s.app.ctx.store.get('pushSubscriptions', 'local-browser-2')) && (await failures()).length === 2);
    const failed = await failures();
    assert.equal(failed.map((e) => [e.data.channel, e.data.attempt, e.data.final]), [['push', 1, false], ['push', 2, true]]);
    assert.match(failed[1].data.error, 'HTTP 410');
    assert.not.ok(failed[1].data.error.includes('/push/browser-2'), 'the endpoint\'s path is not logged');

    // Without a browser (and no console, no channel) the host is not reachable any more: reception decides.
    const reg2 = await s.api('POST', '/api/visits', { visitor: visitor(3), purpose: '面试', hostId: host.host.id }, kiosk.token);
    assert.is(reg2.body.visit.escalation.level, 'reception');
  } finally {
    await service.close();
  }
});

test('a browser signed out hears nothing: the host is not reachable through it', async () => {
  const service = await pushService();
  try {
    const host = await s.makeHost('卢七', '销售部');
    const browser = browserKeys();
    await s.app.ctx.store.put('pushSubscriptions', { id: 'local-browser-3', userId: host.user.id, hostId: host.host.id, endpoint: `${service.base}/push/browser-3`, keys: browser.keys, sessionId: await sessionOf(host.user.id), createdAt: new Date().toISOString() });
    assert.is((await s.api('POST', '/api/logout', undefined, host.token)).status, 204);
    const kiosk = await s.pairKiosk('推送后门');
    const reg = await s.api('POST', '/api/visits', { visitor: visitor(4), purpose: '送货', hostId: host.host.id }, kiosk.token);
    assert.is(reg.body.visit.escalation.level, 'reception');
    await new Promise((r) => setTimeout(r, 200));
    assert.is(service.got.length, 0, 'nothing pushed to a signed-out browser');
  } finally {
    await service.close();
  }
});

test('a site on plain http has no Web Push: the key says so and a subscription is refused', async () => {
  const plain = await startServer({ env: { FOYER_PUBLIC_URL: 'http://foyer.test:8080' } });
  try {
    const host = await plain.makeHost('卢六', '市场部');
    assert.equal((await plain.api('GET', '/api/push/key', undefined, host.token)).body, { enabled: false });
    const r = await plain.api('POST', '/api/push/subscriptions', { endpoint: 'https://push.example.com/x', keys: browserKeys().keys }, host.token);
    assert.is(r.status, 409);
    assert.is(r.body.error.code, 'push-off');
  } finally {
    await plain.close();
  }
});

test.run();
