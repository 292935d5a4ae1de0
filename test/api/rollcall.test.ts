// Evacuation roll call on screen: one open at a time, marshals marking from phones at once, the result kept.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, nextEvent, type TestServer } from '../helpers/server.ts';
import { parseCsv } from '../../server/domain/csv.ts';

let s: TestServer;
let visits: any[] = [];
let kioskToken = '';
let hostToken = '';
test.before(async () => {
  s = await startServer();
  const host = await s.makeHost('王重阳', '工程部');
  hostToken = host.token;
  const kiosk = await s.pairKiosk();
  kioskToken = kiosk.token;
  const kioskSock = await s.socket(kiosk.token);
  const people = [['张三', 2, ['李四', '王五']], ['Ada Lovelace', 0, []], ['Grace Hopper', 1, ['Kathleen Booth']]] as const;
  for (const [name, companions, companionNames] of people) {
    const reg = await s.api('POST', '/api/visits', { visitor: { name, idType: 'passport', idNumber: `E${Math.floor(1e6 + Math.random() * 8e6)}` }, purpose: 'Repair', hostId: host.host.id, companions, companionNames }, kiosk.token);
    assert.is(reg.status, 201, JSON.stringify(reg.body));
    const onSite = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.id === reg.body.visit.id && p.visit.status === 'on-site');
    await s.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'approve' }, host.token);
    visits.push((await onSite).visit);
  }
});
test.after(async () => { await s.close(); });

test('two roll calls started at once: one starts (201), the other is told which is open (409); everyone on site is listed', async () => {
  const security = await s.makeUser('security');
  const reception = await s.makeUser('reception');
  const [a, b] = await Promise.all([s.api('POST', '/api/rollcalls', {}, security.token), s.api('POST', '/api/rollcalls', {}, reception.token)]);
  const statuses = [a.status, b.status].sort();
  assert.equal(statuses, [201, 409], JSON.stringify([a.body, b.body]));
  const won = a.status === 201 ? a : b;
  const lost = a.status === 201 ? b : a;
  assert.is(lost.body.error.code, 'rollcall-open');
  assert.is(lost.body.error.rollcallId, won.body.rollcall.id);
  const rc = won.body.rollcall;
  assert.equal(rc.counts, { people: 6, accounted: 0, missing: 6 });
  const first = rc.entries.find((e: any) => e.visitId === visits[0].id);
  assert.equal([first.name, first.companions, first.companionNames, first.hostName, first.accounted], ['张三', 2, ['李四', '王五'], '王重阳', false]);
  const open = (await s.api('GET', '/api/rollcalls', undefined, security.token)).body.rollcalls.filter((r: any) => !r.endedAt);
  assert.is(open.length, 1);
  await s.api('POST', `/api/rollcalls/${rc.id}/end`, {}, security.token);
});

test('two marshals mark different people at once: both marks kept, each with who and when, sent live; same person: last writer stands', async () => {
  const m1 = await s.makeUser('security');
  const m2 = await s.makeUser('reception');
  const rc = (await s.api('POST', '/api/rollcalls', {}, m1.token)).body.rollcall;
  const watcher = await s.socket(s.admin.token);
  const live = nextEvent(watcher, 'rollcall:updated', (p: any) => p.rollcall.id === rc.id && p.rollcall.counts.accounted === 4);
  const [r1, r2] = await Promise.all([
    s.api('POST', `/api/rollcalls/${rc.id}/mark`, { visitId: visits[0].id, accounted: true }, m1.token),
    s.api('POST', `/api/rollcalls/${rc.id}/mark`, { visitId: visits[1].id, accounted: true }, m2.token),
  ]);
  assert.equal([r1.status, r2.status], [200, 200]);
  const seen = (await live).rollcall;
  assert.equal(seen.counts, { people: 6, accounted: 4, missing: 2 });
  const got = (await s.api('GET', `/api/rollcalls/${rc.id}`, undefined, m1.token)).body.rollcall;
  const e0 = got.entries.find((e: any) => e.visitId === visits[0].id);
  const e1 = got.entries.find((e: any) => e.visitId === visits[1].id);
  assert.equal([e0.accounted, e0.by, e1.accounted, e1.by], [true, `user:${m1.user.id}`, true, `user:${m2.user.id}`]);
  assert.ok(e0.at && e1.at);

  const many = await Promise.all(Array.from({ length: 8 }, (_, i) =>
    s.api('POST', `/api/rollcalls/${rc.id}/mark`, { visitId: visits[2].id, accounted: i % 2 === 0 }, i % 2 ? m1.token : m2.token)));
  assert.ok(many.every((r) => r.status === 200));
  const final = (await s.api('GET', `/api/rollcalls/${rc.id}`, undefined, m1.token)).body.rollcall;
  const e2 = final.entries.find((e: any) => e.visitId === visits[2].id);
  const consistent = many.map((r) => r.body.rollcall.entries.find((e: any) => e.visitId === visits[2].id))
    .some((e: any) => e.accounted === e2.accounted && e.by === e2.by && e.at === e2.at);
  assert.ok(consistent, 'the stored mark is one that a marshal made, whole');
  assert.is(final.counts.accounted, 4 + (e2.accounted ? 2 : 0));
  assert.equal([e0.accounted, e1.accounted], [true, true], 'the other marks stay');
  await s.api('POST', `/api/rollcalls/${rc.id}/end`, {}, m1.token);
});

test('ending keeps the result: listed, read back, no more marks; a new one may start; printed and exported (CSV with BOM); logs hold counts, not names', async () => {
  const sec = await s.makeUser('security');
  const rc = (await s.api('POST', '/api/rollcalls', {}, sec.token)).body.rollcall;
  await s.api('POST', `/api/rollcalls/${rc.id}/mark`, { visitId: visits[1].id, accounted: true }, sec.token);
  const ended = await s.api('POST', `/api/rollcalls/${rc.id}/end`, {}, sec.token);
  assert.is(ended.status, 200);
  assert.ok(ended.body.rollcall.endedAt);
  assert.is(ended.body.rollcall.endedBy, `user:${sec.user.id}`);
  const again = await s.api('POST', `/api/rollcalls/${rc.id}/end`, {}, sec.token);
  assert.equal([again.status, again.body.error.code], [409, 'rollcall-ended']);
  const late = await s.api('POST', `/api/rollcalls/${rc.id}/mark`, { visitId: visits[0].id, accounted: true }, sec.token);
  assert.equal([late.status, late.body.error.code], [409, 'rollcall-ended']);
  const kept = (await s.api('GET', `/api/rollcalls/${rc.id}`, undefined, sec.token)).body.rollcall;
  assert.equal(kept.counts, { people: 6, accounted: 1, missing: 5 });
  const list = (await s.api('GET', '/api/rollcalls', undefined, sec.token)).body.rollcalls;
  assert.is(list[0].id, rc.id);
  assert.is(list[0].entries, undefined);
  assert.equal(list[0].counts, kept.counts);

  const print = await s.api('POST', `/api/rollcalls/${rc.id}/print`, {}, sec.token);
  assert.is(print.status, 200, JSON.stringify(print.body));
  assert.ok(print.body.job.id);
  const csv = await fetch(`${s.url}/api/rollcalls/${rc.id}/export`, { headers: { authorization: `Bearer ${sec.token}` } });
  assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
  assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="rollcall-/);
  const bytes = Buffer.from(await csv.arrayBuffer());
  assert.equal([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const rows = parseCsv(bytes.toString('utf8').slice(1));
  assert.equal(rows[0], ['number', 'name', 'companions', 'companionNames', 'host', 'accounted', 'markedAt']);
  assert.ok(rows.some((r) => r[1] === 'Ada Lovelace' && r[5] === 'yes'));
  assert.ok(rows.some((r) => r[1] === '张三' && r[3] === '李四; 王五' && r[5] === 'no'));

  const next = await s.api('POST', '/api/rollcalls', {}, sec.token);
  assert.is(next.status, 201);
  await s.api('POST', `/api/rollcalls/${next.body.rollcall.id}/end`, {}, sec.token);

  const log = (await s.api('GET', '/api/log?q=rollcall-started', undefined, s.admin.token)).body.events;
  const logText = JSON.stringify((await s.api('GET', `/api/log?q=${rc.id}`, undefined, s.admin.token)).body.events);
  assert.ok(log.length >= 1);
  assert.match(logText, /rollcall-ended/);
  assert.match(logText, /"missing":5/);
  for (const name of ['张三', 'Ada', 'Grace', '李四']) assert.not.ok(logText.includes(name), `no ${name} in the log`);
});

test('roll calls: wrong roles, unknown ids and bad input are refused with the field named', async () => {
  const sec = await s.makeUser('security');
  const rc = (await s.api('POST', '/api/rollcalls', {}, sec.token)).body.rollcall;
  const routes: Array<[string, string, unknown]> = [
    ['POST', '/api/rollcalls', {}], ['GET', '/api/rollcalls', undefined], ['GET', `/api/rollcalls/${rc.id}`, undefined],
    ['POST', `/api/rollcalls/${rc.id}/mark`, { visitId: visits[0].id, accounted: true }], ['POST', `/api/rollcalls/${rc.id}/end`, {}],
    ['POST', `/api/rollcalls/${rc.id}/print`, {}], ['GET', `/api/rollcalls/${rc.id}/export`, undefined],
  ];
  for (const [method, path, body] of routes) {
    for (const [token, status] of [[undefined, 401], [kioskToken, 403], [hostToken, 403], ['nonsense', 401]] as const) {
      assert.is((await s.api(method, path, body, token)).status, status, `${method} ${path} ${token?.slice(0, 6)}`);
    }
  }
  const bad: Array<[unknown, number, string, string]> = [
    [{ accounted: true }, 400, 'missing-field', 'visitId'],
    [{ visitId: visits[0].id }, 400, 'missing-field', 'accounted'],
    [{ visitId: 42, accounted: true }, 400, 'invalid-input', 'visitId'],
    [{ visitId: visits[0].id, accounted: 'yes' }, 400, 'invalid-input', 'accounted'],
    [{ visitId: 'x'.repeat(65), accounted: true }, 400, 'too-long', 'visitId'],
    [{ visitId: '20261130-NOPE0000', accounted: true }, 400, 'unknown-visit', 'visitId'],
    [{ visitId: '<script>alert(1)</script>', accounted: true }, 400, 'unknown-visit', 'visitId'],
    [{ visitId: 'a\u0000b', accounted: true }, 400, 'invalid-input', 'visitId'],
  ];
  for (const [body, status, code, field] of bad) {
    const r = await s.api('POST', `/api/rollcalls/${rc.id}/mark`, body, sec.token);
    assert.equal([r.status, r.body.error?.code, r.body.error?.field], [status, code, field], JSON.stringify(body));
  }
  const hostile = await s.api('POST', `/api/rollcalls/${rc.id}/mark`, undefined, sec.token, '{"__proto__":{"accounted":true},"visitId":"x"}');
  assert.is(hostile.status, 400);
  const huge = await s.api('POST', `/api/rollcalls/${rc.id}/mark`, { visitId: 'x'.repeat(300 * 1024), accounted: true }, sec.token);
  assert.is(huge.status, 413);
  for (const path of ['/api/rollcalls/rc-nope', '/api/rollcalls/rc-nope/export']) assert.is((await s.api('GET', path, undefined, sec.token)).status, 404);
  for (const path of ['/api/rollcalls/rc-nope/mark', '/api/rollcalls/rc-nope/end', '/api/rollcalls/rc-nope/print']) {
    assert.is((await s.api('POST', path, { visitId: visits[0].id, accounted: true }, sec.token)).status, 404, path);
  }
  await s.api('POST', `/api/rollcalls/${rc.id}/end`, {}, sec.token);
});

test.run();
