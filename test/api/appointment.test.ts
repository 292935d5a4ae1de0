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

test('ten kiosks typing one invite code at the same moment: one approved visit, nine 409 invite-used, one badge', async () => {
  const { token } = await s.makeHost('林冲', '保卫部');
  const kiosks = await Promise.all(Array.from({ length: 10 }, (_, i) => s.pairKiosk(`Gate ${i}`)));
  const a = await s.api('POST', '/api/appointments', { visitor: { name: '鲁智深' }, purpose: 'Visit', ...inOneHour() }, token);
  const code = a.body.appointment.inviteCode;
  const before = s.printing.virtual!.prints(500).length;
  const visitor = { name: '鲁智深', idType: 'cn-resident', idNumber: residentId('19850505', '777') };
  const reception = await s.makeUser('reception');
  const deskSock = await s.socket(reception.token);
  const printed = nextEvent(deskSock, 'visit:updated', (p: any) => p.visit.appointmentId === a.body.appointment.id && p.visit.status === 'on-site');
  const results = await Promise.all(kiosks.map((k) => s.api('POST', '/api/visits', { visitor, inviteCode: code }, k.token)));
  assert.equal(results.map((r) => r.status).sort(), [201, ...Array(9).fill(409)]);
  const won = results.find((r) => r.status === 201)!;
  assert.is(won.body.visit.status, 'approved');
  for (const r of results.filter((x) => x.status === 409)) {
    assert.is(r.body.error.code, 'invite-used');
    assert.is(r.body.error.field, 'inviteCode');
  }
  await printed;
  await new Promise((r) => setTimeout(r, 300)); // time for any other badge to come out
  assert.is(s.printing.virtual!.prints(500).length, before + 1, 'one badge, not ten');
  const today = (await s.api('GET', `/api/visits?day=${won.body.visit.day}`, undefined, reception.token)).body.visits;
  assert.is(today.filter((v: any) => v.appointmentId === a.body.appointment.id).length, 1);
});

const names: Array<[string, string, string, 'approved' | 'awaiting-host']> = [
  ['the same name in another case, spacing and tone marks', 'Lǚ Xiǎo-Míng', 'LU XIAO·MING', 'approved'],
  ['the same Chinese name with a space', '欧阳修', '欧阳 修', 'approved'],
  ['another name', '欧阳修', '欧阳询', 'awaiting-host'],
  ['a similar Latin name', 'Maria Gomez', 'Mario Gomez', 'awaiting-host'],
];
for (const [label, invited, given, status] of names) {
  test(`an invite code with ${label} → ${status}`, async () => {
    const { host, token } = await s.makeHost('杨志', '采购部');
    const hostSock = await s.socket(token);
    const kiosk = await s.pairKiosk();
    const a = await s.api('POST', '/api/appointments', { visitor: { name: invited }, purpose: 'Visit', ...inOneHour() }, token);
    const code = a.body.appointment.inviteCode;
    const asked = status === 'awaiting-host' ? nextEvent(hostSock, 'visit:arrived') : undefined;
    const reg = await s.api('POST', '/api/visits', { visitor: { name: given, idType: 'passport', idNumber: 'E7000001' }, inviteCode: code }, kiosk.token);
    assert.is(reg.status, 201, JSON.stringify(reg.body));
    assert.is(reg.body.visit.status, status);
    if (status === 'approved') return;
    assert.is(reg.body.visit.invitedAs, invited, 'the host sees whom the invitation was for');
    assert.is(reg.body.visit.hostId, host.id);
    assert.is((await asked!).visit.id, reg.body.visit.id, 'the host decides');
    const invitee = await s.api('POST', '/api/visits', { visitor: { name: invited, idType: 'passport', idNumber: 'E7000002' }, inviteCode: code }, kiosk.token);
    assert.is(invitee.body.visit.status, 'approved', 'the invitation is still there for its visitor');
  });
}

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

test('30 wrong invite codes fired together from one kiosk: at most 10 are looked up, the rest 429', async () => {
  const kiosk = await s.pairKiosk('Rusher');
  const tries = await Promise.all(Array.from({ length: 30 }, (_, i) => s.api('GET', `/api/invites/ZZZZ-Z${String(i).padStart(3, '0')}`, undefined, kiosk.token)));
  assert.is(tries.filter((t) => t.status === 404).length, 10);
  assert.is(tries.filter((t) => t.status === 429).length, 20);
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
