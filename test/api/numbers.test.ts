// Visit numbers are said at the desk and printed large: unique within a day, in order, also after a restart.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ADMIN, startServer, type TestServer } from '../helpers/server.ts';

let now = Date.parse('2026-11-30T09:00:00+08:00'); // a Monday
let s: TestServer;
test.before(async () => { s = await startServer({ clock: () => new Date(now) }); });
test.after(async () => { await s.close(); });

const visitor = (n: number) => ({ name: `Guest ${n}`, idType: 'passport', idNumber: `E${String(1000000 + n)}` });

test('60 registrations from three kiosks at once get 60 different numbers, A-0001 to A-0060', async () => {
  const { host } = await s.makeHost('一灯', '研发部');
  const kiosks = await Promise.all([1, 2, 3].map((n) => s.pairKiosk(`K${n}`)));
  const regs = await Promise.all(Array.from({ length: 60 }, (_, n) =>
    s.api('POST', '/api/visits', { visitor: visitor(n), purpose: 'Visit', hostId: host.id }, kiosks[n % 3].token)));
  assert.ok(regs.every((r) => r.status === 201), 'all registered');
  const numbers = regs.map((r) => r.body.visit.number).sort();
  assert.equal(numbers, Array.from({ length: 60 }, (_, i) => `A-${String(i + 1).padStart(4, '0')}`));
});

test('numbering goes on after a restart, and starts again the next day with the weekday letter', async () => {
  const { host } = await s.makeHost('周伯通', '研发部');
  await s.restart();
  const token = (await s.pairKiosk()).token;
  const after = await s.api('POST', '/api/visits', { visitor: visitor(100), purpose: 'Visit', hostId: host.id }, token);
  assert.is(after.body.visit.number, 'A-0061');
  now = Date.parse('2026-12-06T09:00:00+08:00'); // Sunday
  s.admin.token = await s.login(ADMIN.username, ADMIN.password);
  const sunday = await s.api('POST', '/api/visits', { visitor: visitor(101), purpose: 'Visit', hostId: host.id }, (await s.pairKiosk()).token);
  assert.is(sunday.body.visit.number, 'G-0001');
});

test.run();
