// Reception hours: outside them (site time, the injected clock) a kiosk registers only invited visitors; reception at
// the desk registers at any hour; the kiosk learns the server's clock from GET /api/site.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, ADMIN, type TestServer } from '../helpers/server.ts';

let now = Date.parse('2026-12-02T12:00:00+08:00');
let s: TestServer;
test.before(async () => { s = await startServer({ clock: () => new Date(now) }); });
test.after(async () => { await s.close(); });

/** Staff sessions end as the clock moves on: sign in again at each time. */
const fresh = (username: string, password = 'a-long-password') => s.login(username, password);
const admin = () => fresh(ADMIN.username, ADMIN.password);
let seq = 0;
const visitor = () => ({ name: `Night Guest ${++seq}`, idType: 'passport', idNumber: `N${String(2000000 + seq)}` });

test('no hours set: the kiosk registers walk-ins at 3 a.m.', async () => {
  const host = await s.makeHost('夜班', '保安部');
  const kiosk = await s.pairKiosk();
  now = Date.parse('2026-12-02T03:00:00+08:00');
  const r = await s.api('POST', '/api/visits', { visitor: visitor(), purpose: '送货', hostId: host.host.id }, kiosk.token);
  assert.is(r.status, 201, JSON.stringify(r.body));
});

test('08:30-18:00 Shanghai: walk-ins at the kiosk only inside, through the night and past midnight; invitations and the desk always', async () => {
  now = Date.parse('2026-12-02T12:00:00+08:00');
  assert.is((await s.api('PATCH', '/api/settings', { receptionHours: { open: '08:30', close: '18:00' } }, s.admin.token)).status, 200);
  const host = await s.makeHost('前台', '行政部');
  const kiosk = await s.pairKiosk();
  const reception = await s.makeUser('reception');
  const table: Array<[string, boolean]> = [
    ['2026-12-02T08:29:59+08:00', false],
    ['2026-12-02T08:30:00+08:00', true],
    ['2026-12-02T17:59:59+08:00', true],
    ['2026-12-02T18:00:00+08:00', false],
    ['2026-12-02T23:59:00+08:00', false],
    ['2026-12-03T00:01:00+08:00', false], // the next day, in Shanghai; still the 2nd in UTC
    ['2026-12-03T00:31:00+08:00', false],
    ['2026-12-03T07:00:00+08:00', false],
    ['2026-12-03T09:00:00+08:00', true],
  ];
  for (const [at, open] of table) {
    now = Date.parse(at);
    const site = await s.api('GET', '/api/site');
    assert.is(site.body.now, new Date(now).toISOString(), `${at}: the kiosk reads the server's clock`);
    const r = await s.api('POST', '/api/visits', { visitor: visitor(), purpose: '送货', hostId: host.host.id }, kiosk.token);
    if (open) assert.is(r.status, 201, `${at}: ${JSON.stringify(r.body)}`);
    else assert.equal([r.status, r.body.error?.code], [409, 'reception-closed'], at);
    const desk = await s.api('POST', '/api/visits', { visitor: visitor(), purpose: '送货', hostId: host.host.id }, await fresh(reception.user.username));
    assert.is(desk.status, 201, `${at}: reception registers at the desk at any hour`);
  }

  // Closed (past midnight): an invited visitor still registers at the kiosk, approved at once; a wrong code does not.
  now = Date.parse('2026-12-03T00:20:00+08:00');
  const invite = await s.api('POST', '/api/appointments', {
    visitor: { name: '夜归人' }, purpose: '取件', start: new Date(now - 600_000).toISOString(), end: new Date(now + 3600_000).toISOString(),
  }, await fresh(host.user.username));
  assert.is(invite.status, 201, JSON.stringify(invite.body));
  const invited = await s.api('POST', '/api/visits', { visitor: { name: '夜归人', idType: 'passport', idNumber: 'N9990001' }, inviteCode: invite.body.appointment.inviteCode }, kiosk.token);
  assert.equal([invited.status, invited.body.visit?.status], [201, 'approved'], JSON.stringify(invited.body));
  const wrong = await s.api('POST', '/api/visits', { visitor: visitor(), inviteCode: 'ZZZZ-ZZZZ' }, kiosk.token);
  assert.ok([400, 404].includes(wrong.status) && wrong.body.error.code !== 'reception-closed', `a code that is no invitation is not let through: ${JSON.stringify(wrong.body)}`);

  // Always open again: null.
  await s.api('PATCH', '/api/settings', { receptionHours: null }, await admin());
  assert.is((await s.api('POST', '/api/visits', { visitor: visitor(), purpose: '送货', hostId: host.host.id }, kiosk.token)).status, 201);
});

test('hours changed live apply to the next registration', async () => {
  now = Date.parse('2026-12-04T20:00:00+08:00');
  s.admin.token = await admin();
  const host = await s.makeHost('晚班', '行政部');
  const kiosk = await s.pairKiosk();
  assert.is((await s.api('POST', '/api/visits', { visitor: visitor(), purpose: '送货', hostId: host.host.id }, kiosk.token)).status, 201);
  await s.api('PATCH', '/api/settings', { receptionHours: { open: '09:00', close: '17:00' } }, s.admin.token);
  assert.is((await s.api('POST', '/api/visits', { visitor: visitor(), purpose: '送货', hostId: host.host.id }, kiosk.token)).status, 409);
  await s.api('PATCH', '/api/settings', { receptionHours: { open: '09:00', close: '21:00' } }, s.admin.token);
  assert.is((await s.api('POST', '/api/visits', { visitor: visitor(), purpose: '送货', hostId: host.host.id }, kiosk.token)).status, 201);
  await s.api('PATCH', '/api/settings', { receptionHours: null }, s.admin.token);
});

test.run();
