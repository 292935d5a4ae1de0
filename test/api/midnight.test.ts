// Visits cross midnight: waiting, on site, leaving and overstaying follow the visit and the closing time, not the calendar.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ADMIN, startServer, nextEvent, type TestServer } from '../helpers/server.ts';

let now = Date.parse('2026-11-27T23:50:00+08:00');
const at = (local: string) => { now = Date.parse(`${local}+08:00`); };
let s: TestServer;
test.before(async () => { s = await startServer({ hostTimeoutS: 0.8, clock: () => new Date(now), env: { FOYER_BADGE_HOURS: '6' } }); });
test.after(async () => { await s.close(); });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TICK = 700; // a few of the server's 200 ms ticks

/** Staff sign in at the test's time: sessions last 12 hours of the injected clock. */
async function setUp(name: string, local: string) {
  at(local);
  s.admin.token = await s.login(ADMIN.username, ADMIN.password);
  const host = await s.makeHost(name, '保卫部');
  const kiosk = await s.pairKiosk();
  const security = await s.makeUser('security');
  return { host, kiosk, security, kioskSock: await s.socket(kiosk.token), secSock: await s.socket(security.token) };
}
const register = (kiosk: { token: string }, hostId: string, name: string) =>
  s.api('POST', '/api/visits', { visitor: { name, idType: 'passport', idNumber: 'E5556667' }, purpose: 'Night work', hostId }, kiosk.token);
async function approveAndPrint(t: Awaited<ReturnType<typeof setUp>>, visitId: string) {
  const printed = nextEvent(t.kioskSock, 'visit:updated', (p: any) => p.visit.id === visitId && p.visit.status === 'on-site');
  await s.api('POST', `/api/visits/${visitId}/decision`, { decision: 'approve' }, t.host.token);
  return (await printed).visit;
}
const read = async (id: string, token: string) => (await s.api('GET', `/api/visits/${id}`, undefined, token)).body.visit;

test('waiting at 23:59 is not expired at 00:00; approved at 00:01 is not an overstay; scan out at 00:02 works', async () => {
  const t = await setUp('夜班甲', '2026-11-27T23:59:00');
  const waiting = (await register(t.kiosk, t.host.host.id, 'Late Arrival')).body.visit;
  at('2026-11-28T00:00:30');
  await sleep(TICK);
  assert.is((await read(waiting.id, t.security.token)).status, 'awaiting-host', 'still waiting after midnight');
  at('2026-11-28T00:01:00');
  const onSite = await approveAndPrint(t, waiting.id);
  assert.is(onSite.badge.validUntil, '2026-11-27T22:01:00.000Z', 'valid for FOYER_BADGE_HOURS (6) from issue');
  await sleep(TICK);
  const after = await read(waiting.id, t.security.token);
  assert.is(after.status, 'on-site');
  assert.not.ok(after.overstay, 'an approval just after midnight is not an overstay');
  at('2026-11-28T00:02:00');
  const out = await s.api('POST', '/api/scan', { code: onSite.badge.code, direction: 'out' }, t.kiosk.token);
  assert.is(out.status, 200, JSON.stringify(out.body));
  assert.is(out.body.visit.status, 'checked-out');
});

test("on site at 23:59 with yesterday's badge: scans out at 00:01", async () => {
  const t = await setUp('夜班乙', '2026-11-28T23:58:00');
  const v = (await register(t.kiosk, t.host.host.id, 'Night Owl')).body.visit;
  const onSite = await approveAndPrint(t, v.id);
  at('2026-11-29T00:01:00');
  await sleep(TICK);
  assert.not.ok((await read(v.id, t.security.token)).overstay);
  const out = await s.api('POST', '/api/scan', { code: onSite.badge.code, direction: 'out' }, t.kiosk.token);
  assert.is(out.status, 200, JSON.stringify(out.body));
});

test('a visitor left waiting expires after 4 hours, never at midnight; one on site past the badge is flagged, alerted, and can still leave', async () => {
  const t = await setUp('夜班丙', '2026-11-30T20:00:00');
  const staying = (await register(t.kiosk, t.host.host.id, 'Stays Long')).body.visit;
  const badge = (await approveAndPrint(t, staying.id)).badge;
  at('2026-11-30T23:59:00');
  const waiting = (await register(t.kiosk, t.host.host.id, 'Never Answered')).body.visit;
  at('2026-12-01T01:59:00');
  await sleep(TICK);
  assert.not.ok((await read(staying.id, t.security.token)).overstay, 'the badge (20:00 + 6 h) still runs');

  const overstay = nextEvent(t.secSock, 'alert', (p: any) => p.alert.kind === 'overstay' && p.alert.visitId === staying.id, 5000);
  at('2026-12-01T02:00:01');
  await overstay;
  const flagged = await read(staying.id, t.security.token);
  assert.is(flagged.status, 'on-site', 'never checked out by the clock');
  assert.is(flagged.overstay, true);
  const onsite = (await s.api('GET', '/api/onsite', undefined, t.security.token)).body.visits.map((v: any) => v.id);
  assert.ok(onsite.includes(staying.id));

  at('2026-12-01T03:58:00');
  await sleep(TICK);
  assert.is((await read(waiting.id, t.security.token)).status, 'awaiting-host');
  at('2026-12-01T03:59:01');
  await sleep(TICK);
  assert.is((await read(waiting.id, t.security.token)).status, 'expired', 'four hours of waiting, not the calendar');
  const back = await s.api('POST', '/api/scan', { code: badge.code, direction: 'in' }, t.kiosk.token);
  assert.is(back.body.error?.code, 'badge-expired', 'an expired badge does not let anyone in');
  const out = await s.api('POST', '/api/scan', { code: badge.code, direction: 'out' }, t.kiosk.token);
  assert.is(out.status, 200, 'leaving by badge works every time');
  assert.is(out.body.visit.status, 'checked-out');
});

test('the closing time ends badges and waits', async () => {
  at('2026-12-02T09:00:00');
  const closing = await startServer({ hostTimeoutS: 0.8, clock: () => new Date(now), env: { FOYER_CLOSING_TIME: '18:00' } });
  try {
    const host = await closing.makeHost('白班', '前台');
    const kiosk = await closing.pairKiosk();
    const sock = await closing.socket(kiosk.token);
    const security = await closing.makeUser('security');
    const reg = (await closing.api('POST', '/api/visits', { visitor: { name: 'Day Guest', idType: 'passport', idNumber: 'E1' + '234567' }, purpose: 'Meeting', hostId: host.host.id }, kiosk.token)).body.visit;
    const printed = nextEvent(sock, 'visit:updated', (p: any) => p.visit.id === reg.id && p.visit.status === 'on-site');
    await closing.api('POST', `/api/visits/${reg.id}/decision`, { decision: 'approve' }, host.token);
    assert.is((await printed).visit.badge.validUntil, '2026-12-02T10:00:00.000Z', '18:00 in Shanghai');
    at('2026-12-02T17:50:00');
    const late = (await closing.api('POST', '/api/visits', { visitor: { name: 'Late Guest', idType: 'passport', idNumber: 'E7654321' }, purpose: 'Meeting', hostId: host.host.id }, kiosk.token)).body.visit;
    at('2026-12-02T18:00:01');
    await sleep(TICK);
    assert.is((await closing.api('GET', `/api/visits/${late.id}`, undefined, security.token)).body.visit.status, 'expired', 'nobody waits past closing');
    assert.is((await closing.api('GET', `/api/visits/${reg.id}`, undefined, security.token)).body.visit.overstay, true);
  } finally {
    await closing.close();
  }
});

test.run();
