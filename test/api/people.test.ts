// A person's data request: security finds, exports and erases every record about one person.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, nextEvent, residentId, type TestServer } from '../helpers/server.ts';

let s: TestServer;
let security: { token: string };
let host: { host: { id: string }; token: string };
let kiosk: { token: string };
let kioskSock: any;
test.before(async () => {
  s = await startServer();
  security = await s.makeUser('security');
  host = await s.makeHost('林主管', '采购部');
  kiosk = await s.pairKiosk();
  kioskSock = await s.socket(kiosk.token);
});
test.after(async () => { await s.close(); });

const P_ID = residentId('19790101', '234');
const P = { name: '吕晓明', idType: 'cn-resident', idNumber: P_ID, phone: '13700001111', company: '晓明贸易有限公司' };
const Q = { name: '吕晓明', idType: 'passport', idNumber: 'E2223334', phone: '13600002222' }; // the same name, someone else
const soon = () => ({ start: new Date(Date.now() - 60_000).toISOString(), end: new Date(Date.now() + 3600_000).toISOString() });
const later = () => ({ start: new Date(Date.now() + 86400_000).toISOString(), end: new Date(Date.now() + 90000_000).toISOString() });

/** Registers, approves (the badge prints) and, unless stay, scans out. */
async function visitOf(visitor: object, extra: object = {}, opts: { stay?: boolean; deny?: boolean } = {}) {
  const reg = await s.api('POST', '/api/visits', { visitor, purpose: 'Supplier meeting', hostId: host.host.id, ...extra }, kiosk.token);
  assert.ok(reg.status === 201, JSON.stringify(reg.body));
  let visit = reg.body.visit;
  if (opts.deny) return (await s.api('POST', `/api/visits/${visit.id}/decision`, { decision: 'deny' }, host.token)).body.visit;
  if (visit.status === 'awaiting-host') {
    const printed = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.id === visit.id && p.visit.status === 'on-site');
    await s.api('POST', `/api/visits/${visit.id}/decision`, { decision: 'approve' }, host.token);
    visit = (await printed).visit;
  } else if (visit.status === 'approved') {
    visit = (await nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.id === visit.id && p.visit.status === 'on-site')).visit;
  }
  if (opts.stay) return visit;
  return (await s.api('POST', '/api/scan', { code: visit.badge.code, direction: 'out' }, kiosk.token)).body.visit;
}

const search = (body: object, token = security.token) => s.api('POST', '/api/people/search', body, token);
const ids = (list: Array<{ id: string }>) => list.map((x) => x.id).sort();

let fixture: Record<string, any>;
async function setUp() {
  if (fixture) return fixture;
  const p1 = await visitOf(P, { plate: '沪A88888' });
  const used = (await s.api('POST', '/api/appointments', { visitor: { name: P.name, phone: '+86 137 0000 1111', company: P.company }, purpose: 'Contract', ...soon() }, host.token)).body.appointment;
  const p2 = await visitOf({ name: P.name, idType: P.idType, idNumber: P_ID }, { inviteCode: used.inviteCode });
  const upcoming = (await s.api('POST', '/api/appointments', { visitor: { name: P.name, phone: P.phone }, purpose: 'Follow-up', ...later() }, host.token)).body.appointment;
  const q1 = await visitOf(Q, {}, { deny: true });
  const byPhone = (await s.api('POST', '/api/watchlist', { phone: P.phone, reason: 'Tailgated in October' }, security.token)).body.entry;
  const byId = (await s.api('POST', '/api/watchlist', { idType: 'cn-resident', idNumber: P_ID, reason: 'Banned by the landlord' }, security.token)).body.entry;
  return (fixture = { p1, p2, q1, used, upcoming, byPhone, byId });
}

test('a search by ID number, phone or name finds every record about the person, and only theirs', async () => {
  const f = await setUp();
  const cases: Array<[string, object, string[], string[], string[]]> = [
    ['ID number', { idType: 'cn-resident', idNumber: P_ID.toLowerCase() }, [f.p1.id, f.p2.id], [f.used.id], [f.byId.id]],
    ['phone, spelt another way', { phone: '+86 137-0000-1111' }, [f.p1.id, f.p2.id], [f.used.id, f.upcoming.id], [f.byPhone.id]],
    ['name alone (weak: two people share it)', { name: ' 吕 晓明 ' }, [f.p1.id, f.p2.id, f.q1.id], [f.used.id, f.upcoming.id], []],
    ['name and phone', { name: '吕晓明', phone: P.phone }, [f.p1.id, f.p2.id], [f.used.id, f.upcoming.id], []],
    ['ID and someone else\'s phone', { idType: 'cn-resident', idNumber: P_ID, phone: Q.phone }, [], [], []],
    ['the other person\'s ID', { idType: 'passport', idNumber: Q.idNumber }, [f.q1.id], [], []],
  ];
  for (const [what, body, visits, appointments, watchlist] of cases) {
    const r = await search(body);
    assert.is(r.status, 200, `${what}: ${JSON.stringify(r.body)}`);
    assert.equal(ids(r.body.visits), [...visits].sort(), `${what}: visits`);
    assert.equal(ids(r.body.appointments), [...appointments].sort(), `${what}: appointments`);
    assert.equal(ids(r.body.watchlist), [...watchlist].sort(), `${what}: watchlist`);
  }
  const all = await search({ phone: P.phone });
  const raw = JSON.stringify(all.body);
  for (const secret of ['idHash', 'requestId', 'inviteCode', f.used.inviteCode, P_ID]) assert.not.ok(raw.includes(secret), `the answer never holds ${secret}`);
  assert.is(all.body.visits[0].visitor.idNumberMasked, `${P_ID.slice(0, 6)}********${P_ID.slice(-4)}`);
});

test('each search is logged with the actor and counts, never the criteria', async () => {
  await setUp();
  await search({ idType: 'cn-resident', idNumber: P_ID, name: P.name });
  const log = await s.api('GET', '/api/log?q=person-searched', undefined, security.token);
  const last = log.body.events.at(-1);
  assert.is(last.kind, 'person-searched');
  assert.match(last.actor, /^user:/);
  assert.equal(last.data, { using: 'id,name', visits: 2, appointments: 1, watchlist: 0, calls: 0, cases: 0 });
  const raw = JSON.stringify(log.body.events);
  for (const secret of [P.name, P_ID, P.phone]) assert.not.ok(raw.includes(secret), `the log never holds ${secret}`);
  assert.not.ok(/[0-9a-f]{64}"/.test(JSON.stringify(log.body.events.map((e: any) => e.data))), 'nor an ID hash');
});

async function download(body: object) {
  const res = await fetch(`${s.url}/api/people/export`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${security.token}` }, body: JSON.stringify(body) });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

test('an export is a download: CSV in UTF-8 with a BOM, one row per record with its type; or JSON', async () => {
  const f = await setUp();
  const { res, bytes } = await download({ phone: P.phone, format: 'csv' });
  assert.is(res.status, 200);
  assert.is(res.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.match(res.headers.get('content-disposition')!, /^attachment; filename="foyer-person-\d{8}-\d{6}\.csv"$/);
  assert.equal([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM, so Excel reads UTF-8');
  const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
  assert.match(lines[0], /^"type","id","day","number","status","name"/);
  assert.equal(lines.slice(1).map((l) => l.split(',')[0]).sort(), ['"appointment"', '"appointment"', '"visit"', '"visit"', '"watchlist"']);
  const p1 = lines.find((l) => l.includes(f.p1.id))!;
  for (const value of ['吕晓明', P.company, '沪A88888', '林主管']) assert.ok(p1.includes(value), `the visit row holds ${value}`);

  const json = await download({ idType: 'cn-resident', idNumber: P_ID, format: 'json' });
  assert.match(json.res.headers.get('content-disposition')!, /^attachment; filename="foyer-person-\d{8}-\d{6}\.json"$/);
  const doc = JSON.parse(json.bytes.toString('utf8'));
  assert.equal(ids(doc.visits), [f.p1.id, f.p2.id].sort());
  assert.ok(doc.exportedAt);
  const log = await s.api('GET', '/api/log?q=person-exported', undefined, security.token);
  assert.equal(log.body.events.map((e: any) => e.data.format), ['csv', 'json']);
  assert.equal(log.body.events[0].data, { using: 'phone', format: 'csv', visits: 2, appointments: 2, watchlist: 1, calls: 0, cases: 0 });
});

test('a name that is a spreadsheet formula is exported as text, quotes doubled', async () => {
  const evil = '=HYPERLINK("http://x.test","点我")';
  await visitOf({ name: evil, idType: 'passport', idNumber: 'E9990001' }, {}, { deny: true });
  const { bytes } = await download({ name: evil, format: 'csv' });
  const text = bytes.toString('utf8');
  assert.ok(text.includes('"\'=HYPERLINK(""http://x.test"",""点我"")"'), text);
});

type Who = 'admin' | 'security' | 'reception' | 'host' | 'kiosk' | 'none';
const ROUTES = ['/api/people/search', '/api/people/export', '/api/people/erase'];

test('only security and admin may ask; everyone else gets 403, no token 401', async () => {
  const tokens: Record<Who, string | undefined> = {
    admin: s.admin.token, security: security.token, reception: (await s.makeUser('reception')).token,
    host: host.token, kiosk: kiosk.token, none: undefined,
  };
  const expected: Record<Who, number> = { admin: 200, security: 200, reception: 403, host: 403, kiosk: 403, none: 401 };
  for (const route of ROUTES) {
    for (const who of Object.keys(tokens) as Who[]) {
      const r = await s.api('POST', route, { phone: '13000000000', format: 'json' }, tokens[who]);
      assert.is(r.status, expected[who], `${who} ${route}: ${JSON.stringify(r.body)}`);
      if (r.status >= 400) assert.ok(r.body.error.code, 'the contract error shape');
    }
  }
});

const BAD: Array<[string, object | string, number, string, string?]> = [
  ['no criteria at all', {}, 400, 'missing-field', 'idNumber'],
  ['only unknown keys', { email: 'a@b.c' }, 400, 'missing-field', 'idNumber'],
  ['an idType without a number', { idType: 'passport' }, 400, 'missing-field', 'idNumber'],
  ['a number without its type', { idNumber: 'E1234567' }, 400, 'missing-field', 'idType'],
  ['an unknown idType', { idType: 'driving', idNumber: 'E1234567' }, 400, 'invalid-input', 'idType'],
  ['a resident ID with a bad check digit', { idType: 'cn-resident', idNumber: P_ID.slice(0, 17) + (P_ID[17] === '1' ? '2' : '1') }, 400, 'id-checksum', 'idNumber'],
  ['a number that is not a string', { idType: 'passport', idNumber: 12345678 }, 400, 'invalid-input', 'idNumber'],
  ['a phone with letters', { phone: '1380013800O' }, 400, 'invalid-input', 'phone'],
  ['a phone as a list', { phone: ['13800138000'] }, 400, 'invalid-input', 'phone'],
  ['a name that is too long', { name: '张'.repeat(65) }, 400, 'too-long', 'name'],
  ['a name with control characters', { name: 'Zhang\u0000Wei' }, 400, 'invalid-input', 'name'],
  ['a name with no letters', { name: ' ·· ' }, 400, 'invalid-input', 'name'],
  ['a name that is an object', { name: { $ne: '' } }, 400, 'invalid-input', 'name'],
  ['a hostile key', '{"name":"x","__proto__":{"admin":true}}', 400, 'invalid-input'],
  ['malformed JSON', '{"name":', 400, 'invalid-json'],
  ['a list for a body', '[{"name":"x"}]', 400, 'invalid-body'],
  ['a body over 256 kB', { name: 'x', padding: 'x'.repeat(300_000) }, 413, 'body-too-large'],
];

test('missing, malformed, oversized and hostile input is refused naming the field, never a 500', async () => {
  for (const route of ROUTES) {
    for (const [what, body, status, code, field] of BAD) {
      const raw = typeof body === 'string' ? body : JSON.stringify({ format: 'json', ...body });
      const r = await s.api('POST', route, undefined, security.token, raw);
      assert.is(r.status, status, `${route}, ${what}: ${JSON.stringify(r.body)}`);
      assert.is(r.body.error.code, code, `${route}, ${what}`);
      if (field) assert.is(r.body.error.field, field, `${route}, ${what}`);
    }
  }
  for (const format of [undefined, 'xlsx', 1]) {
    const r = await s.api('POST', '/api/people/export', { phone: P.phone, format }, security.token);
    assert.equal([r.status, r.body.error.field], [400, 'format'], String(format));
  }
  assert.not.ok(s.logs.some((l) => / 500 /.test(l)), 'no request failed on the server');
});

test.run();
