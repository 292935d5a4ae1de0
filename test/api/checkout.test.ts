// Checking a visitor out by hand: the desk and security can, a kiosk or host cannot; it is logged with who did it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, nextEvent, type TestServer } from '../helpers/server.ts';

let s: TestServer;
test.before(async () => { s = await startServer(); });
test.after(async () => { await s.close(); });

async function onSiteVisit(name = 'Left Badge Behind') {
  const host = await s.makeHost('王重阳', '工程部');
  const kiosk = await s.pairKiosk();
  const kioskSock = await s.socket(kiosk.token);
  const reg = await s.api('POST', '/api/visits', { visitor: { name, idType: 'passport', idNumber: 'E3141592' }, purpose: 'Repair', hostId: host.host.id }, kiosk.token);
  const printed = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.id === reg.body.visit.id && p.visit.status === 'on-site');
  await s.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'approve' }, host.token);
  return { visit: (await printed).visit, kiosk, host };
}

for (const role of ['reception', 'security', 'admin'] as const) {
  test(`${role} checks a visitor out by hand; the visit closes, the badge stops working, the log names who`, async () => {
    const { visit, kiosk } = await onSiteVisit();
    const staff = role === 'admin' ? { token: s.admin.token, user: { id: '' } } : await s.makeUser(role);
    const r = await s.api('POST', `/api/visits/${visit.id}/checkout`, { reason: 'Badge left at the desk by 李四' }, staff.token);
    assert.is(r.status, 200, JSON.stringify(r.body));
    assert.is(r.body.visit.status, 'checked-out');
    assert.is(r.body.visit.checkoutReason, 'Badge left at the desk by 李四');
    assert.is(r.body.visit.lastMovement.direction, 'out');
    const onsite = (await s.api('GET', '/api/onsite', undefined, s.admin.token)).body.visits.map((v: any) => v.id);
    assert.not.ok(onsite.includes(visit.id));
    const scan = await s.api('POST', '/api/scan', { code: visit.badge.code, direction: 'out' }, kiosk.token);
    assert.is(scan.body.error.code, 'badge-closed');
    const log = (await s.api('GET', `/api/log?q=${visit.id}`, undefined, s.admin.token)).body.events;
    const out = log.find((e: any) => e.kind === 'visit-checked-out');
    assert.ok(out, 'logged');
    assert.is(out.data.by, 'hand');
    assert.match(out.actor, /^user:/);
    if (role !== 'admin') assert.is(out.actor, `user:${staff.user.id}`);
    assert.not.ok(JSON.stringify(log).includes('李四'), 'the free-text reason stays off the log');
  });
}

test('checking out by hand: wrong roles, unknown visits, wrong states and bad reasons are refused', async () => {
  const { visit, kiosk, host } = await onSiteVisit();
  const table: Array<[string | undefined, number]> = [[undefined, 401], [kiosk.token, 403], [host.token, 403]];
  for (const [token, status] of table) assert.is((await s.api('POST', `/api/visits/${visit.id}/checkout`, {}, token)).status, status);
  const reception = await s.makeUser('reception');
  assert.is((await s.api('POST', '/api/visits/20261130-NOPE0000/checkout', {}, reception.token)).status, 404);
  const long = await s.api('POST', `/api/visits/${visit.id}/checkout`, { reason: 'x'.repeat(201) }, reception.token);
  assert.equal([long.status, long.body.error.field], [400, 'reason']);
  const typed = await s.api('POST', `/api/visits/${visit.id}/checkout`, { reason: 42 }, reception.token);
  assert.equal([typed.status, typed.body.error.field], [400, 'reason']);
  assert.is((await s.api('POST', `/api/visits/${visit.id}/checkout`, {}, reception.token)).status, 200);
  const again = await s.api('POST', `/api/visits/${visit.id}/checkout`, {}, reception.token);
  assert.equal([again.status, again.body.error.code], [409, 'wrong-state']);
  const waiting = await s.api('POST', '/api/visits', { visitor: { name: 'Waiting', idType: 'passport', idNumber: 'E2718281' }, purpose: 'x', hostId: host.host.id }, kiosk.token);
  assert.is((await s.api('POST', `/api/visits/${waiting.body.visit.id}/checkout`, {}, reception.token)).status, 409, 'nobody to check out before they came in');
});

test('a hand checkout racing the badge scan out: exactly one closes the visit, one log entry', async () => {
  const { visit, kiosk } = await onSiteVisit();
  const security = await s.makeUser('security');
  const [byHand, byBadge] = await Promise.all([
    s.api('POST', `/api/visits/${visit.id}/checkout`, {}, security.token),
    s.api('POST', '/api/scan', { code: visit.badge.code, direction: 'out' }, kiosk.token),
  ]);
  assert.equal([byHand.status, byBadge.status].sort(), [200, 409]);
  const log = (await s.api('GET', `/api/log?q=${visit.id}`, undefined, security.token)).body.events;
  assert.is(log.filter((e: any) => e.kind === 'visit-checked-out').length, 1);
});

test.run();
