// Pre-registered visitors: an invite code fills the form, approves at once, works once, and resists guessing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, nextEvent, residentId, type TestServer } from '../helpers/server.ts';

let s: TestServer;
test.before(async () => { s = await startServer(); });
test.after(async () => { await s.close(); });

const inOneHour = () => ({ start: new Date(Date.now() - 10 * 60e3).toISOString(), end: new Date(Date.now() + 60 * 60e3).toISOString() });

test('a host invites a visitor; the kiosk reads the invite, registers with it and the visit is approved and printed', async () => {
  const { host, token } = await s.makeHost('陈静', '人力资源部');
  const kiosk = await s.pairKiosk();
  const kioskSock = await s.socket(kiosk.token);
  const a = await s.api('POST', '/api/appointments', { visitor: { name: 'Maria Gómez', phone: '+34 600 123 456', company: 'ACME' }, purpose: 'Interview', ...inOneHour() }, token);
  assert.is(a.status, 201, JSON.stringify(a.body));
  const code: string = a.body.appointment.inviteCode;
  assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  assert.is(a.body.appointment.hostId, host.id, 'a host invites for themself');

  const inv = await s.api('GET', `/api/invites/${code.toLowerCase().replace('-', ' ')}`, undefined, kiosk.token);
  assert.is(inv.status, 200, JSON.stringify(inv.body));
  assert.equal(inv.body.invite.visitor, { name: 'Maria Gómez', company: 'ACME' }, 'no phone number to whoever holds the code');
  assert.equal(inv.body.invite.host, { id: host.id, name: '陈静', department: '人力资源部' });

  const printed = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.status === 'on-site');
  const reg = await s.api('POST', '/api/visits', { visitor: { name: 'Maria Gómez', idType: 'passport', idNumber: 'pe1234567' }, inviteCode: code }, kiosk.token);
  assert.is(reg.status, 201, JSON.stringify(reg.body));
  assert.is(reg.body.visit.status, 'approved');
  assert.is(reg.body.visit.purpose, 'Interview');
  assert.is(reg.body.visit.visitor.company, 'ACME');
  assert.is(reg.body.visit.visitor.idNumberMasked, 'PE*****67');
  assert.is((await printed).visit.badge.print, 'printed');

  const reuse = await s.api('POST', '/api/visits', { visitor: { name: 'X', idType: 'passport', idNumber: 'PE1234567' }, inviteCode: code }, kiosk.token);
  assert.is(reuse.status, 409);
  assert.is(reuse.body.error.code, 'invite-used');
});

test('an invitation for another day is not open yet', async () => {
  const { token } = await s.makeHost('孙丽', '法务部');
  const kiosk = await s.pairKiosk();
  const start = new Date(Date.now() + 2 * 86400e3).toISOString(), end = new Date(Date.now() + 2 * 86400e3 + 3600e3).toISOString();
  const a = await s.api('POST', '/api/appointments', { visitor: { name: '刘强' }, purpose: '签约', start, end }, token);
  const r = await s.api('GET', `/api/invites/${a.body.appointment.inviteCode}`, undefined, kiosk.token);
  assert.is(r.status, 409);
  assert.is(r.body.error.code, 'invite-not-open');
});

test('guessing invite codes is cut off with 429 after a few wrong tries', async () => {
  const kiosk = await s.pairKiosk('Guesser');
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) statuses.push((await s.api('GET', `/api/invites/ZZZZ-ZZ${String(i).padStart(2, '0')}`, undefined, kiosk.token)).status);
  assert.equal(statuses.slice(0, 10), Array(10).fill(404));
  assert.equal(statuses.slice(10), [429, 429]);
  const body = (await s.api('GET', '/api/invites/ZZZZ-ZZZZ', undefined, kiosk.token)).body;
  assert.is(body.error.code, 'too-many-attempts');
});

test('a host may not invite for another host; reception may, naming the host', async () => {
  const me = await s.makeHost('马超', '销售部');
  const other = await s.makeHost('黄忠', '销售部');
  const reception = await s.makeUser('reception');
  const body = { visitor: { name: 'Guest' }, purpose: 'Visit', ...inOneHour() };
  assert.is((await s.api('POST', '/api/appointments', { ...body, hostId: other.host.id }, me.token)).status, 403);
  assert.is((await s.api('POST', '/api/appointments', { ...body, hostId: other.host.id }, reception.token)).status, 201);
  const missing = await s.api('POST', '/api/appointments', body, reception.token);
  assert.is(missing.status, 400);
  assert.is(missing.body.error.field, 'hostId');
});

test.run();
