// The end of the site's day: undecided visits expire, visitors still inside are flagged, never checked out.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, nextEvent, type TestServer } from '../helpers/server.ts';

let now = Date.parse('2026-11-27T20:00:00+08:00');
let s: TestServer;
test.before(async () => { s = await startServer({ hostTimeoutS: 0.4, clock: () => new Date(now) }); });
test.after(async () => { await s.close(); });

test('after midnight an on-site visitor is flagged overstay with an alert; a waiting one expires', async () => {
  const { host, token } = await s.makeHost('夜班', '保卫部');
  const kiosk = await s.pairKiosk();
  const security = await s.makeUser('security');
  const secSock = await s.socket(security.token);
  const kioskSock = await s.socket(kiosk.token);
  const visitor = { name: 'Late Leaver', idType: 'passport', idNumber: 'E5556667' };
  const staying = (await s.api('POST', '/api/visits', { visitor, purpose: 'Night work', hostId: host.id, items: ['toolbox'] }, kiosk.token)).body.visit;
  const printed = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.id === staying.id && p.visit.status === 'on-site');
  const d = await s.api('POST', `/api/visits/${staying.id}/decision`, { decision: 'approve', escortRequired: true }, token);
  assert.is(d.body.visit.escortRequired, true, 'the host can require an escort');
  const badge = (await printed).visit.badge;
  assert.is(badge.validUntil, '2026-11-27T15:59:59.000Z', 'valid until the end of the site day (Asia/Shanghai)');
  const waiting = (await s.api('POST', '/api/visits', { visitor: { ...visitor, name: 'Never Answered' }, purpose: 'x', hostId: host.id }, kiosk.token)).body.visit;

  const overstay = nextEvent(secSock, 'alert', (p: any) => p.alert.kind === 'overstay' && p.alert.visitId === staying.id, 5000);
  now = Date.parse('2026-11-28T00:30:00+08:00');
  await overstay;
  await new Promise((r) => setTimeout(r, 600));
  const a = (await s.api('GET', `/api/visits/${staying.id}`, undefined, security.token)).body.visit;
  assert.is(a.status, 'on-site', 'never silently checked out');
  assert.is(a.overstay, true);
  assert.equal((await s.api('GET', '/api/onsite', undefined, security.token)).body.visits.map((v: any) => v.id), [staying.id]);
  const b = (await s.api('GET', `/api/visits/${waiting.id}`, undefined, security.token)).body.visit;
  assert.is(b.status, 'expired');

  const late = await s.api('POST', '/api/scan', { code: badge.code, direction: 'out' }, kiosk.token);
  assert.is(late.status, 409, 'yesterday\'s badge has expired at the door');
  assert.is(late.body.error.code, 'badge-expired');
  const desk = await s.api('GET', `/api/visits?day=2026-11-27`, undefined, security.token);
  assert.is(desk.body.visits.length, 2);
});

test.run();
