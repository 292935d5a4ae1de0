// Security's log search: a visitor by name over any range (all time by default), a host's visitors,
// an event kind within 92 days; a plain listing is still at most 92 days and checks its chain.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ADMIN, startServer, type TestServer } from '../helpers/server.ts';

let now = Date.parse('2025-03-03T09:00:00+08:00');
let s: TestServer;
test.before(async () => { s = await startServer({ clock: () => new Date(now) }); });
test.after(async () => { await s.close(); });

test('a name over all time finds every visit of that person across days and years; a host\'s visitors; an event kind', async () => {
  const zhang = await s.makeHost('张伟', '研发部');
  const li = await s.makeHost('李娜', '市场部');
  const days = ['2025-03-03', '2025-09-15', '2026-11-30'];
  const visits: Record<string, string[]> = { lu: [], other: [] };
  for (const [i, day] of days.entries()) {
    now = Date.parse(`${day}T09:00:00+08:00`);
    s.admin.token = await s.login(ADMIN.username, ADMIN.password);
    const kiosk = await s.pairKiosk(`K${i}`);
    const lu = await s.api('POST', '/api/visits', { visitor: { name: i === 1 ? 'LU Xiao-Ming' : 'Lǚ Xiǎo Míng', idType: 'passport', idNumber: `E100000${i}` }, purpose: 'x', hostId: zhang.host.id }, kiosk.token);
    const other = await s.api('POST', '/api/visits', { visitor: { name: 'Someone Else', idType: 'passport', idNumber: `E200000${i}` }, purpose: 'x', hostId: li.host.id }, kiosk.token);
    visits.lu.push(lu.body.visit.id);
    visits.other.push(other.body.visit.id);
  }
  const security = await s.makeUser('security');
  const search = (query: string) => s.api('GET', `/api/log?${query}`, undefined, security.token);

  const byName = await search(`q=${encodeURIComponent('lu xiaoming')}`);
  assert.is(byName.status, 200, JSON.stringify(byName.body));
  assert.equal([...new Set(byName.body.events.map((e: any) => e.visitId))], visits.lu, 'all three years, oldest first');
  assert.ok(byName.body.events.every((e: any) => ['visit-registered', 'host-notified', 'host-unreachable'].includes(e.kind)));

  const lastYear = await search(`q=xiaoming&from=2025-01-01&to=2025-12-31`);
  assert.equal([...new Set(lastYear.body.events.map((e: any) => e.visitId))], visits.lu.slice(0, 2));

  const host = await search(`host=${li.host.id}`);
  assert.equal([...new Set(host.body.events.map((e: any) => e.visitId))], visits.other);

  const kind = await search('q=kiosk-paired');
  assert.ok(kind.body.events.length >= 1 && kind.body.events.every((e: any) => e.kind === 'kiosk-paired'), 'an event kind: the last 92 days');

  const plain = await search('from=2025-01-01&to=2026-12-01');
  assert.equal([plain.status, plain.body.error.field], [400, 'from'], 'a plain listing stays at 92 days');
  const today = await search('');
  assert.ok(today.body.chain.ok, 'and checks its window of the chain');
  const badHost = await search(`host=${'x'.repeat(65)}`);
  assert.equal([badHost.status, badHost.body.error.field], [400, 'host']);
});

test.run();
