// The alert list: alerts are kept when raised, listed by role, acknowledged once (live to security, reception, admin).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, nextEvent, type TestServer } from '../helpers/server.ts';

let s: TestServer;
test.before(async () => { s = await startServer(); });
test.after(async () => { await s.close(); });

/** A panic press from a fresh reception device: the alert as security heard it live. */
async function panic(where: string) {
  const reception = await s.makeUser('reception');
  const security = await s.makeUser('security');
  const sock = await s.socket(security.token);
  const heard = nextEvent(sock, 'alert', (p: any) => p.alert.kind === 'panic' && p.alert.data?.where === where);
  assert.is((await s.api('POST', '/api/panic', { where }, reception.token)).status, 201);
  const { alert } = await heard;
  sock.close();
  return alert;
}

test('a raised alert is kept: it has an id and is listed as open, newest first, without who it went to', async () => {
  const first = await panic('Gate A');
  const second = await panic('Gate B');
  assert.match(first.id, /^al-[0-9a-f]{16}$/);
  const security = await s.makeUser('security');
  const r = await s.api('GET', '/api/alerts?open=1', undefined, security.token);
  assert.is(r.status, 200, JSON.stringify(r.body));
  const ids = r.body.alerts.map((a: any) => a.id);
  assert.ok(ids.indexOf(second.id) < ids.indexOf(first.id) && ids.includes(first.id), 'newest first');
  const listed = r.body.alerts.find((a: any) => a.id === first.id);
  assert.equal([listed.kind, listed.message, listed.ackedAt, listed.roles], ['panic', 'Panic: Gate A', undefined, undefined]);
});

test('acknowledge: the alert leaves the open list, stays in the full list, everyone hears alert:acked, the log says who', async () => {
  const alert = await panic('Lobby east');
  const security = await s.makeUser('security');
  const reception = await s.makeUser('reception');
  const recSock = await s.socket(reception.token);
  const adminSock = await s.socket(s.admin.token);
  const heard = [recSock, adminSock].map((sock) => nextEvent(sock, 'alert:acked', (p: any) => p.alert.id === alert.id));
  const r = await s.api('POST', `/api/alerts/${alert.id}/ack`, {}, security.token);
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.equal([r.body.alert.ackedBy, typeof r.body.alert.ackedAt], [`user:${security.user.id}`, 'string']);
  for (const p of await Promise.all(heard)) assert.is(p.alert.ackedBy, `user:${security.user.id}`);
  recSock.close(); adminSock.close();
  assert.not.ok((await s.api('GET', '/api/alerts?open=1', undefined, security.token)).body.alerts.some((a: any) => a.id === alert.id));
  const all = (await s.api('GET', '/api/alerts', undefined, reception.token)).body;
  assert.ok(all.alerts.some((a: any) => a.id === alert.id && a.ackedAt));
  assert.is(all.actors[`user:${security.user.id}`], `${security.user.name} (security)`, 'who acknowledged, by name');
  const log = (await s.api('GET', '/api/log?q=alert-acknowledged', undefined, s.admin.token)).body.events;
  const acked = log.find((e: any) => e.kind === 'alert-acknowledged' && e.data.alert === alert.id);
  assert.equal([acked.actor, acked.data.alertKind], [`user:${security.user.id}`, 'panic']);
});

test('two acknowledgements at once: one wins, the other is told it was acknowledged, and by whom', async () => {
  for (let i = 0; i < 4; i++) {
    const alert = await panic(`Race ${i}`);
    const a = await s.makeUser('security');
    const b = await s.makeUser('reception');
    const results = await Promise.all([a, b, a].map((u) => s.api('POST', `/api/alerts/${alert.id}/ack`, {}, u.token)));
    const won = results.filter((x) => x.status === 200);
    const lost = results.filter((x) => x.status === 409);
    assert.is(won.length, 1, JSON.stringify(results.map((x) => x.body)));
    assert.is(lost.length, 2);
    for (const l of lost) {
      assert.is(l.body.error.code, 'alert-acknowledged');
      assert.is(l.body.error.alert.ackedBy, won[0].body.alert.ackedBy, 'the loser sees who acknowledged it');
    }
    const log = (await s.api('GET', '/api/log?q=alert-acknowledged', undefined, s.admin.token)).body.events;
    assert.is(log.filter((e: any) => e.data.alert === alert.id).length, 1, 'logged once');
  }
});

test('a watchlist hit is kept as an alert with its visit', async () => {
  const security = await s.makeUser('security');
  await s.api('POST', '/api/watchlist', { phone: '13911112222', reason: 'Banned' }, security.token);
  const host = await s.makeHost('周伯通', '工程部');
  const kiosk = await s.pairKiosk();
  const sock = await s.socket(security.token);
  const heard = nextEvent(sock, 'alert', (p: any) => p.alert.kind === 'watchlist-hit');
  const reg = await s.api('POST', '/api/visits', { visitor: { name: 'X Y', phone: '13911112222', idType: 'passport', idNumber: 'E5550001' }, purpose: 'Meeting', hostId: host.host.id }, kiosk.token);
  const { alert } = await heard;
  sock.close();
  const listed = (await s.api('GET', '/api/alerts?open=1', undefined, security.token)).body.alerts.find((a: any) => a.id === alert.id);
  assert.equal([listed?.kind, listed?.visitId], ['watchlist-hit', reg.body.visit.id]);
});

test('roles: hosts, kiosks and strangers are refused', async () => {
  const host = await s.makeHost('裘千尺', '工程部');
  const kiosk = await s.pairKiosk();
  const alert = await panic('Roles');
  for (const [token, status] of [[undefined, 401], ['junk', 401], [host.token, 403], [kiosk.token, 403]] as const) {
    assert.is((await s.api('GET', '/api/alerts?open=1', undefined, token)).status, status);
    assert.is((await s.api('POST', `/api/alerts/${alert.id}/ack`, {}, token)).status, status);
  }
});

const badInput: Array<[string, string, number, string]> = [
  ['open=yes', '/api/alerts?open=yes', 400, 'open'],
  ['an oversized open', `/api/alerts?open=${'1'.repeat(500)}`, 400, 'open'],
  ['a hostile open', '/api/alerts?open=%3Cscript%3E', 400, 'open'],
];
for (const [what, path, status, field] of badInput) {
  test(`GET /api/alerts refuses ${what}`, async () => {
    const r = await s.api('GET', path, undefined, s.admin.token);
    assert.equal([r.status, r.body.error?.field], [status, field]);
  });
}

for (const id of ['al-0000000000000000', 'nope', '..%2F..%2Fusers', 'al-' + 'f'.repeat(300), '%00']) {
  test(`POST /api/alerts/${id.slice(0, 24)}/ack is 404`, async () => {
    const r = await s.api('POST', `/api/alerts/${id}/ack`, {}, s.admin.token);
    assert.equal([r.status, r.body.error?.code], [404, 'alert-not-found']);
  });
}

test.run();
