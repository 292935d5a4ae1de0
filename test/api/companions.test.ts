// Counting people, not visits: companions are on the badge, on every list, in the muster count and on the printed muster.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, nextEvent, type TestServer } from '../helpers/server.ts';

let s: TestServer;
test.before(async () => { s = await startServer(); });
test.after(async () => { await s.close(); });

async function onSite(body: Record<string, unknown>) {
  const host = await s.makeHost('李莫愁', '市场部');
  const kiosk = await s.pairKiosk();
  const sock = await s.socket(kiosk.token);
  const reg = await s.api('POST', '/api/visits', { visitor: { name: 'Group Lead', idType: 'passport', idNumber: 'E8888888' }, purpose: 'Tour', hostId: host.host.id, ...body }, kiosk.token);
  assert.is(reg.status, 201, JSON.stringify(reg.body));
  const printed = nextEvent(sock, 'visit:updated', (p: any) => p.visit.id === reg.body.visit.id && p.visit.status === 'on-site');
  await s.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'approve' }, host.token);
  return (await printed).visit;
}

test('a visitor with two named companions and one unnamed is four people on site and on the muster', async () => {
  const security = await s.makeUser('security');
  const before = (await s.api('GET', '/api/onsite', undefined, security.token)).body;
  const visit = await onSite({ companions: 3, companionNames: ['王五', 'Zhao Liu'] });
  assert.is(visit.companions, 3);
  assert.equal(visit.companionNames, ['王五', 'Zhao Liu']);
  const after = (await s.api('GET', '/api/onsite', undefined, security.token)).body;
  assert.is(after.visits.length, before.visits.length + 1);
  assert.is(after.people, before.people + 4, 'the visitor and three companions');

  const muster = await s.api('POST', '/api/muster', undefined, security.token);
  assert.is(muster.status, 200, JSON.stringify(muster.body));
  assert.is(muster.body.count, after.visits.length);
  assert.is(muster.body.people, after.people);
  assert.ok(muster.body.logHead.seq > 0, 'the log head printed on the muster is returned too');
  const log = (await s.api('GET', `/api/log/verify?seq=${muster.body.logHead.seq}&hash=${muster.body.logHead.hash.slice(0, 16)}`, undefined, security.token)).body;
  assert.equal(log.anchor, { seq: muster.body.logHead.seq, hash: muster.body.logHead.hash.slice(0, 16), found: true, matches: true });
});

test('companionNames: no more names than companions; a count alone is fine; names alone count', async () => {
  const host = await s.makeHost('公孙止', '市场部');
  const kiosk = await s.pairKiosk();
  const base = { visitor: { name: 'V', idType: 'passport', idNumber: 'E1111111' }, purpose: 'x', hostId: host.host.id };
  const table: Array<[Record<string, unknown>, number, number | string]> = [
    [{ companions: 1, companionNames: ['A', 'B'] }, 400, 'companionNames'],
    [{ companionNames: 'A' }, 400, 'companionNames'],
    [{ companionNames: ['A', 42] }, 400, 'companionNames.1'],
    [{ companionNames: ['x'.repeat(65)] }, 400, 'companionNames.0'],
    [{ companions: 2 }, 201, 2],
    [{ companionNames: ['A', 'B'] }, 201, 2],
  ];
  for (const [extra, status, expected] of table) {
    const r = await s.api('POST', '/api/visits', { ...base, ...extra }, kiosk.token);
    assert.is(r.status, status, JSON.stringify(extra));
    if (status === 400) assert.is(r.body.error.field, expected);
    else assert.is(r.body.visit.companions, expected);
  }
});

test('a written-down head that is not in the log, or was changed, is reported; bad anchors are 400', async () => {
  const security = await s.makeUser('security');
  const { head } = (await s.api('GET', '/api/log/verify', undefined, security.token)).body;
  const cases: Array<[string, number, Record<string, unknown> | string]> = [
    [`seq=${head.seq}&hash=${'0'.repeat(16)}`, 200, { found: true, matches: false }],
    [`seq=${head.seq + 1000}&hash=${head.hash.slice(0, 20)}`, 200, { found: false, matches: false }],
    [`seq=${head.seq}&hash=${head.hash.toUpperCase()}`, 200, { found: true, matches: true }],
    [`seq=${head.seq}`, 400, 'hash'],
    [`hash=${head.hash}`, 400, 'seq'],
    [`seq=0&hash=${head.hash}`, 400, 'seq'],
    [`seq=${head.seq}&hash=abc`, 400, 'hash'],
    [`seq=${head.seq}&hash=${'z'.repeat(16)}`, 400, 'hash'],
  ];
  for (const [query, status, expected] of cases) {
    const r = await s.api('GET', `/api/log/verify?${query}`, undefined, security.token);
    assert.is(r.status, status, query);
    if (status === 400) assert.is(r.body.error.field, expected, query);
    else {
      const { found, matches } = r.body.anchor;
      assert.equal({ found, matches }, expected, query);
    }
  }
});

test.run();
