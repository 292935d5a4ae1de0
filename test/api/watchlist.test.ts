// The watchlist: a match refuses the visit, the kiosk learns nothing more, security is alerted.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, nextEvent, residentId, type TestServer } from '../helpers/server.ts';

let s: TestServer;
test.before(async () => { s = await startServer(); });
test.after(async () => { await s.close(); });

const ID = residentId('19700101', '555');

type Outcome = 'refused' | 'held';
const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, Outcome]> = [
  ['the ID number', { idType: 'cn-resident', idNumber: ID }, { name: 'Somebody Else', idType: 'cn-resident', idNumber: ID }, 'refused'],
  ['the phone, written differently, of an entry without ID or name', { phone: '+86 139 0000 1111' }, { name: 'A B', idType: 'passport', idNumber: 'E1234567', phone: '13900001111' }, 'refused'],
  ['name and phone with a made-up ID number', { idType: 'cn-resident', idNumber: ID, name: '欧阳锋', phone: '13800009999' }, { name: '欧阳 锋', idType: 'passport', idNumber: 'X0000001', phone: '+86 138 0000 9999' }, 'held'],
  ['the phone under another name', { name: '裘千仞', phone: '13700001111' }, { name: 'Q Qianren', idType: 'passport', idNumber: 'E2222222', phone: '13700001111' }, 'held'],
  ['the name alone, ignoring case, spaces and tone marks', { name: 'Lǚ Xiǎo Míng' }, { name: 'lu xiaoming', idType: 'passport', idNumber: 'G7654321' }, 'held'],
];

for (const [what, entry, visitor, outcome] of cases) {
  test(`a watchlist match by ${what}: the visit is ${outcome}, security is alerted with the visit, the host is not asked`, async () => {
    const security = await s.makeUser('security');
    const secSock = await s.socket(security.token);
    const reception = await s.makeUser('reception');
    const deskSock = await s.socket(reception.token);
    const { host, token: hostToken } = await s.makeHost('钱进', '总经办');
    const hostSock = await s.socket(hostToken);
    let hostHeard = false;
    hostSock.on('visit:arrived', () => { hostHeard = true; });
    const hostSaw: string[] = [];
    hostSock.on('visit:updated', (p: any) => hostSaw.push(p.visit.status));
    const added = await s.api('POST', '/api/watchlist', { ...entry, reason: 'Banned after incident 2026-03' }, security.token);
    assert.is(added.status, 201, JSON.stringify(added.body));
    assert.not.ok(JSON.stringify(added.body).includes(ID), 'the entry never shows the full ID');

    const kiosk = await s.pairKiosk();
    const alerted = nextEvent(secSock, 'alert', (p: any) => p.alert.kind === 'watchlist-hit', 3000);
    const deskAsked = outcome === 'held' ? nextEvent(deskSock, 'visit:arrived', () => true, 3000) : undefined;
    const reg = await s.api('POST', '/api/visits', { visitor, purpose: 'Visit', hostId: host.id }, kiosk.token);
    assert.is(reg.status, 201);
    assert.not.ok(JSON.stringify(reg.body).includes('incident'), 'the kiosk never learns the reason');
    const a = await alerted;
    assert.is(a.alert.visitId, reg.body.visit.id);
    assert.is(a.alert.data.reason, 'Banned after incident 2026-03');
    assert.is(a.alert.data.action, outcome === 'held' ? 'hold' : 'refuse');
    if (outcome === 'refused') assert.is(reg.body.visit.status, 'refused');
    else {
      assert.is(reg.body.visit.status, 'awaiting-host', 'not through silently, not refused on a likeness');
      assert.is(reg.body.visit.escalation.level, 'reception');
      assert.is((await deskAsked!).visit.id, reg.body.visit.id);
      const byHost = await s.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'approve' }, hostToken);
      assert.is(byHost.status, 403, 'only reception decides a held visit');
      assert.equal(hostSaw, [], 'the host sees nothing of a held visit while reception decides');
      const hostList = (await s.api('GET', '/api/visits', undefined, hostToken)).body.visits;
      assert.not.ok(hostList.some((v: any) => v.id === reg.body.visit.id), 'nor in their list');
      const byDesk = await s.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'deny' }, reception.token);
      assert.is(byDesk.body.visit.status, 'denied');
    }
    await new Promise((r) => setTimeout(r, 100));
    assert.not.ok(hostHeard, 'the host is not asked about a refused or held visitor');
  });
}

test('the same name as an entry with an ID number, with another ID, goes to the host as usual', async () => {
  const security = await s.makeUser('security');
  await s.api('POST', '/api/watchlist', { idType: 'cn-resident', idNumber: residentId('19800202', '321'), name: '张伟', reason: 'x' }, security.token);
  const { host, token } = await s.makeHost('洪七公', '总经办');
  await s.socket(token); // the host's console is open
  const kiosk = await s.pairKiosk();
  const reg = await s.api('POST', '/api/visits', { visitor: { name: '张伟', idType: 'cn-resident', idNumber: residentId('19910303', '456') }, purpose: 'Visit', hostId: host.id }, kiosk.token);
  assert.is(reg.body.visit.status, 'awaiting-host');
  assert.is(reg.body.visit.escalation.level, 'host');
});

test('an ordinary visitor with a similar name is not refused', async () => {
  const { host } = await s.makeHost('郑和', '总经办');
  const kiosk = await s.pairKiosk();
  const reg = await s.api('POST', '/api/visits', { visitor: { name: 'Lu Xiaoming Jr', idType: 'passport', idNumber: 'K1111111' }, purpose: 'Visit', hostId: host.id }, kiosk.token);
  assert.is(reg.body.visit.status, 'awaiting-host');
});

test('a watchlist entry needs something to match and a reason', async () => {
  const security = await s.makeUser('security');
  const table: Array<[Record<string, unknown>, string]> = [
    [{ reason: 'x' }, 'name'],
    [{ name: 'X' }, 'reason'],
    [{ idNumber: ID, reason: 'x' }, 'idType'],
    [{ idType: 'cn-resident', idNumber: '110105194912310021', reason: 'x' }, 'idNumber'],
    [{ phone: 'call me', reason: 'x' }, 'phone'],
  ];
  for (const [body, field] of table) {
    const r = await s.api('POST', '/api/watchlist', body, security.token);
    assert.is(r.status, 400, JSON.stringify(body));
    assert.is(r.body.error.field, field, JSON.stringify(r.body));
  }
});

test.run();
