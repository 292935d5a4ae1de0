// The watchlist: a match refuses the visit, the kiosk learns nothing more, security is alerted.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, nextEvent, residentId, type TestServer } from '../helpers/server.ts';

let s: TestServer;
test.before(async () => { s = await startServer(); });
test.after(async () => { await s.close(); });

const ID = residentId('19700101', '555');

const cases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
  ['the ID number', { idType: 'cn-resident', idNumber: ID }, { name: 'Somebody Else', idType: 'cn-resident', idNumber: ID }],
  ['the phone, written differently', { phone: '+86 139 0000 1111' }, { name: 'A B', idType: 'passport', idNumber: 'E1234567', phone: '13900001111' }],
  ['the name, ignoring case, spaces and tone marks', { name: 'Lǚ Xiǎo Míng' }, { name: 'lu xiaoming', idType: 'passport', idNumber: 'G7654321' }],
];

for (const [what, entry, visitor] of cases) {
  test(`a watchlist match by ${what} refuses the visit and alerts security`, async () => {
    const security = await s.makeUser('security');
    const secSock = await s.socket(security.token);
    const { host, token: hostToken } = await s.makeHost('钱进', '总经办');
    const hostSock = await s.socket(hostToken);
    let hostHeard = false;
    hostSock.on('visit:arrived', () => { hostHeard = true; });
    const added = await s.api('POST', '/api/watchlist', { ...entry, reason: 'Banned after incident 2026-03' }, security.token);
    assert.is(added.status, 201, JSON.stringify(added.body));
    assert.not.ok(JSON.stringify(added.body).includes(ID), 'the entry never shows the full ID');

    const kiosk = await s.pairKiosk();
    const alerted = nextEvent(secSock, 'alert', (p: any) => p.alert.kind === 'watchlist-hit');
    const reg = await s.api('POST', '/api/visits', { visitor, purpose: 'Visit', hostId: host.id }, kiosk.token);
    assert.is(reg.status, 201);
    assert.is(reg.body.visit.status, 'refused');
    assert.not.ok(JSON.stringify(reg.body).includes('incident'), 'the kiosk never learns the reason');
    const a = await alerted;
    assert.is(a.alert.visitId, reg.body.visit.id);
    assert.is(a.alert.data.reason, 'Banned after incident 2026-03');
    await new Promise((r) => setTimeout(r, 100));
    assert.not.ok(hostHeard, 'the host is not asked about a refused visitor');
  });
}

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
