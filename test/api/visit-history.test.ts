// Visit history: a range over months, paged by cursor (stable while visits arrive), filters, CSV and Excel exports.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import ExcelJS from 'exceljs';
import { startServer, ADMIN, type TestServer } from '../helpers/server.ts';
import { parseCsv } from '../../server/domain/csv.ts';

const DAY = 24 * 3600_000;
let ahead = -70 * DAY;
let s: TestServer;
let security: { token: string };
let hostA: any, hostB: any, kiosk: any;
const dayOf = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY + 8 * 3600_000).toISOString().slice(0, 10);

async function registerOn(offsetDays: number, name: string, host: any, company: string) {
  ahead = offsetDays * DAY;
  const r = await s.api('POST', '/api/visits', { visitor: { name, company, idType: 'passport', idNumber: `E${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}` }, purpose: '=HYPERLINK("x")', hostId: host.host.id }, kiosk.token);
  assert.is(r.status, 201, JSON.stringify(r.body));
  return r.body.visit;
}

test.before(async () => {
  s = await startServer({ clock: () => new Date(Date.now() + ahead) });
  hostA = await s.makeHost('郭靖', '研发部');
  hostB = await s.makeHost('Huang Rong', 'Sales');
  kiosk = await s.pairKiosk();
  for (const [d, n] of [[-70, 3], [-65, 2], [-40, 4], [-35, 1], [-2, 2]] as const) {
    for (let i = 0; i < n; i++) await registerOn(d, i % 2 ? `Visitor ${d} ${i}` : `张三丰${-d}${i}`, i % 2 ? hostB : hostA, i % 2 ? 'Acme Ltd' : '武当派');
  }
  ahead = 0;
  s.admin.token = await s.login(ADMIN.username, ADMIN.password);
  security = await s.makeUser('security');
});
test.after(async () => { await s.close(); });

test('a range over months answers every visit once, newest first, paged by cursor', async () => {
  const seen: any[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const r = await s.api('GET', `/api/visits?from=${dayOf(-75)}&to=${dayOf(0)}&limit=3${cursor ? `&cursor=${cursor}` : ''}`, undefined, security.token);
    assert.is(r.status, 200, JSON.stringify(r.body));
    seen.push(...r.body.visits);
    cursor = r.body.next;
    pages++;
  } while (cursor && pages < 20);
  assert.is(seen.length, 12);
  assert.is(new Set(seen.map((v) => v.id)).size, 12, 'no visit twice');
  const keys = seen.map((v) => `${v.day} ${v.number}`);
  assert.equal(keys, [...keys].sort().reverse(), 'newest first');
  assert.ok(seen.every((v) => !('idHash' in v) && /\*/.test(v.visitor.idNumberMasked)), 'masked ID only');
});

test('paging stays stable while new visits arrive', async () => {
  const first = await s.api('GET', `/api/visits?from=${dayOf(-75)}&to=${dayOf(0)}&limit=4`, undefined, security.token);
  await registerOn(0, 'Late Arrival', hostA, 'Acme Ltd');
  ahead = 0;
  const second = await s.api('GET', `/api/visits?from=${dayOf(-75)}&to=${dayOf(0)}&limit=4&cursor=${first.body.next}`, undefined, security.token);
  const ids = [...first.body.visits, ...second.body.visits].map((v: any) => v.id);
  assert.is(new Set(ids).size, 8, 'nothing repeated');
  assert.not.ok(second.body.visits.some((v: any) => v.visitor.name === 'Late Arrival'));
});

test('filters: last month of one host, company, status, department, kiosk, q; day= is one day', async () => {
  const lastMonth = await s.api('GET', `/api/visits?from=${dayOf(-45)}&to=${dayOf(-30)}&hostId=${hostA.host.id}`, undefined, security.token);
  assert.ok(lastMonth.body.visits.length >= 2);
  assert.ok(lastMonth.body.visits.every((v: any) => v.hostId === hostA.host.id && v.day >= dayOf(-45) && v.day <= dayOf(-30)));
  const acme = (await s.api('GET', `/api/visits?company=acme&from=${dayOf(-75)}`, undefined, security.token)).body.visits;
  assert.ok(acme.length > 0 && acme.every((v: any) => v.visitor.company === 'Acme Ltd'));
  const sales = (await s.api('GET', `/api/visits?department=Sales&from=${dayOf(-75)}`, undefined, security.token)).body.visits;
  assert.ok(sales.length > 0 && sales.every((v: any) => v.host.department === 'Sales'));
  const byKiosk = (await s.api('GET', `/api/visits?kiosk=${kiosk.kiosk?.id ?? 'none'}&from=${dayOf(-75)}`, undefined, security.token));
  assert.is(byKiosk.status, 200);
  const status = acme[0].status;
  assert.ok((await s.api('GET', `/api/visits?status=${status}&from=${dayOf(-75)}`, undefined, security.token)).body.visits.every((v: any) => v.status === status));
  const named = (await s.api('GET', `/api/visits?q=${encodeURIComponent('张三丰40')}&from=${dayOf(-75)}`, undefined, security.token)).body.visits;
  assert.ok(named.length >= 1 && named.every((v: any) => v.visitor.name.startsWith('张三丰40')));
  const oneDay = (await s.api('GET', `/api/visits?day=${dayOf(-65)}&q=`, undefined, security.token)).body.visits;
  assert.is(oneDay.length, 2);
});

test('CSV: UTF-8 with a BOM, a header, one row per visit, Chinese intact, masked ID, formulas guarded; logged as an export', async () => {
  const res = await fetch(`${s.url}/api/visits.csv?from=${dayOf(-75)}&to=${dayOf(-30)}&hostId=${hostA.host.id}`, { headers: { authorization: `Bearer ${security.token}` } });
  assert.is(res.status, 200);
  assert.is(res.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="foyer-visits-\d{8}-\d{6}\.csv"/);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM');
  const rows = parseCsv(bytes.toString('utf8').slice(1));
  assert.equal(rows[0].slice(0, 6), ['day', 'number', 'status', 'name', 'idType', 'idNumberMasked']);
  const body = rows.slice(1);
  assert.ok(body.length >= 4);
  assert.ok(body.some((row) => row[3].startsWith('张三丰') && row[6] === '武当派'), 'Chinese intact');
  assert.ok(body.every((row) => /\*/.test(row[5]) && !/E\d{7}/.test(row[5])), 'masked ID only');
  assert.ok(body.every((row) => row[9].startsWith("'=")), 'formula guarded');
  const log = (await s.api('GET', '/api/log?q=visits-exported', undefined, s.admin.token)).body.events;
  const e = log.find((x: any) => x.kind === 'visits-exported' && x.data.format === 'csv');
  assert.ok(e, 'audited');
  assert.is(e.data.count, body.length);
  assert.not.ok(JSON.stringify(log).includes('张三丰'), 'no names in the log');
});

test('Excel: read back with exceljs, a header and the same rows; logged', async () => {
  const res = await fetch(`${s.url}/api/visits.xlsx?from=${dayOf(-75)}&company=${encodeURIComponent('武当')}`, { headers: { authorization: `Bearer ${security.token}` } });
  assert.is(res.status, 200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
  const sheet = book.worksheets[0];
  assert.is(sheet.getRow(1).getCell(4).value, 'name');
  const names = [];
  for (let i = 2; i <= sheet.rowCount; i++) names.push(String(sheet.getRow(i).getCell(4).value));
  assert.ok(names.length >= 5 && names.every((n) => n.startsWith('张三丰')), names.join());
  const log = (await s.api('GET', '/api/log?q=visits-exported', undefined, s.admin.token)).body.events;
  assert.ok(log.some((x: any) => x.data.format === 'xlsx' && x.data.using === 'company'));
});

test('wrong roles are refused', async () => {
  const reception = await s.makeUser('reception');
  const host = await s.makeHost('Wrong Role', 'Sales');
  for (const path of ['/api/visits.csv', '/api/visits.xlsx']) {
    for (const [token, status] of [[undefined, 401], ['junk', 401], [reception.token, 403], [host.token, 403], [kiosk.token, 403]] as const) {
      assert.is((await s.api('GET', path, undefined, token)).status, status, `${path} ${status}`);
    }
  }
  assert.is((await s.api('GET', `/api/visits?from=${dayOf(-75)}`, undefined, kiosk.token)).status, 403);
  assert.is((await s.api('GET', '/api/visits?event=badge-lost', undefined, kiosk.token)).status, 403);
});

test('event=: only the visits that had such an event (lost badge, checked out by hand, watchlist hit), also in the CSV', async () => {
  const reception = await s.makeUser('reception');
  const today = async (name: string, idNumber = `E${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`) => {
    const r = await s.api('POST', '/api/visits', { visitor: { name, idType: 'passport', idNumber }, purpose: 'Audit', hostId: hostA.host.id }, kiosk.token);
    assert.ok(r.status === 201, JSON.stringify(r.body));
    return r.body.visit;
  };
  const approved = async (name: string) => {
    const v = await today(name);
    assert.is((await s.api('POST', `/api/visits/${v.id}/decision`, { decision: 'approve' }, s.admin.token)).status, 200);
    return v;
  };
  const [lost, byHand, untouched] = [await approved('Lost Badge'), await approved('By Hand'), await approved('Untouched')];
  assert.is((await s.api('POST', `/api/visits/${lost.id}/lost-badge`, {}, reception.token)).status, 200);
  assert.is((await s.api('POST', `/api/visits/${byHand.id}/checkout`, { reason: 'left by the car park' }, security.token)).status, 200);
  assert.is((await s.api('POST', '/api/watchlist', { idType: 'passport', idNumber: 'E7654321', reason: 'Trespass' }, security.token)).status, 201);
  const refused = await today('Watched One', 'E7654321');
  assert.is(refused.status, 'refused');
  const cases: Array<[string, string[]]> = [
    ['badge-lost', [lost.id]], ['checked-out-by-hand', [byHand.id]], ['watchlist-hit', [refused.id]], ['overstay', []],
  ];
  for (const [event, ids] of cases) {
    const r = await s.api('GET', `/api/visits?from=${dayOf(-75)}&event=${event}`, undefined, security.token);
    assert.is(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.visits.map((v: any) => v.id), ids, event);
  }
  const combined = await s.api('GET', `/api/visits?event=badge-lost&q=${encodeURIComponent('Untouched')}`, undefined, security.token);
  assert.equal(combined.body.visits, [], 'filters combine');
  assert.ok(untouched.id);
  const res = await fetch(`${s.url}/api/visits.csv?event=checked-out-by-hand`, { headers: { authorization: `Bearer ${security.token}` } });
  const rows = parseCsv(Buffer.from(await res.arrayBuffer()).toString('utf8').slice(1));
  assert.equal(rows.slice(1).map((row) => row[3]), ['By Hand']);
  const log = (await s.api('GET', '/api/log?q=visits-exported', undefined, s.admin.token)).body.events;
  assert.ok(log.some((x: any) => x.data.using === 'event'), 'the export names the filter, not its value');
});

test('CSV times are on the site clock with its offset (Asia/Shanghai), the instant unchanged', async () => {
  const res = await fetch(`${s.url}/api/visits.csv?from=${dayOf(-75)}`, { headers: { authorization: `Bearer ${security.token}` } });
  const rows = parseCsv(Buffer.from(await res.arrayBuffer()).toString('utf8').slice(1));
  const [day, created] = [rows[0].indexOf('day'), rows[0].indexOf('createdAt')];
  const api = (await s.api('GET', `/api/visits?from=${dayOf(-75)}&limit=500`, undefined, security.token)).body.visits;
  assert.is(rows.length - 1, api.length);
  for (const row of rows.slice(1)) {
    assert.match(row[created], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    assert.is(row[created].slice(0, 10), row[day], 'the site day is the day of the site clock');
  }
  const seconds = (list: string[]) => list.map((t) => Math.floor(Date.parse(t) / 1000)).sort((a, b) => a - b);
  assert.equal(seconds(rows.slice(1).map((row) => row[created])), seconds(api.map((v: any) => v.createdAt)), 'the same instants (to the second)');
});

test('GET /api/visit-filters: department names, kiosk ids and names, event kinds; security and admin only', async () => {
  const r = await s.api('GET', '/api/visit-filters', undefined, security.token);
  assert.is(r.status, 200);
  assert.ok(r.body.departments.includes('研发部') && r.body.departments.includes('Sales'));
  assert.ok(r.body.departments.every((d: unknown) => typeof d === 'string'));
  assert.ok(r.body.kiosks.some((k: any) => k.id === kiosk.kiosk.id && k.name === 'Lobby'));
  assert.ok(r.body.kiosks.every((k: any) => Object.keys(k).sort().join() === 'id,name'), 'names only: no pairing state');
  assert.equal(r.body.events, ['badge-lost', 'overstay', 'watchlist-hit', 'checked-out-by-hand', 'escalated']);
  assert.is((await s.api('GET', '/api/visit-filters', undefined, s.admin.token)).status, 200);
  const reception = await s.makeUser('reception');
  const host = await s.makeHost('Filter Host', 'Sales');
  for (const [token, status] of [[undefined, 401], ['junk', 401], [reception.token, 403], [host.token, 403], [kiosk.token, 403]] as const) {
    assert.is((await s.api('GET', '/api/visit-filters', undefined, token)).status, status, String(status));
  }
});

const bad: Array<[string, string]> = [
  ['from=2026-13-01', 'from'], ['to=yesterday', 'to'], [`from=${'9'.repeat(300)}`, 'from'],
  ['from=2026-05-02&to=2026-05-01', 'from'], ['status=gone', 'status'], ['limit=0', 'limit'], ['limit=100000', 'limit'],
  ['cursor=not-a-cursor', 'cursor'], [`cursor=${'A'.repeat(500)}`, 'cursor'], [`q=${'x'.repeat(65)}`, 'q'],
  ['q=%00%01', 'q'], [`company=${'c'.repeat(101)}`, 'company'], ['day=2026-02-30', 'day'],
  ['event=nope', 'event'], ['event=visit-registered', 'event'], ['event=__proto__', 'event'], ['event=constructor', 'event'],
  [`event=${'b'.repeat(500)}`, 'event'], ['event=BADGE-LOST', 'event'], ['event=%00', 'event'],
];
for (const [qs, field] of bad) {
  test(`bad input ${qs.slice(0, 30)} → 400 ${field}`, async () => {
    for (const path of ['/api/visits', '/api/visits.csv']) {
      const r = await s.api('GET', `${path}?${qs}`, undefined, security.token);
      assert.equal([r.status, r.body.error?.field], [400, field], `${path} ${JSON.stringify(r.body)}`);
    }
  });
}

test.run();
