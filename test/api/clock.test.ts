// The clock stepping back (an NTP correction, a wrong RTC) never forks the log: order kept, chain verifies after a restart.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ADMIN, startServer, type TestServer } from '../helpers/server.ts';

let now = Date.parse('2026-11-30T23:59:30Z');
let s: TestServer;
test.before(async () => { s = await startServer({ clock: () => new Date(now) }); });
test.after(async () => { await s.close(); });

test('events made after the clock steps back keep the log in order, across a UTC day and a restart', async () => {
  const security = await s.makeUser('security');
  const { host } = await s.makeHost('刘一刀', '安保');
  const kiosk = await s.pairKiosk();
  const register = (name: string) => s.api('POST', '/api/visits', { visitor: { name, idType: 'passport', idNumber: 'E4444444' }, purpose: 'x', hostId: host.id }, kiosk.token);
  await register('Before midnight');
  now = Date.parse('2026-12-01T00:00:20Z');
  await register('After midnight');
  const headBefore = (await s.api('GET', '/api/log/verify', undefined, security.token)).body.head;
  now = Date.parse('2026-11-30T22:00:00Z'); // two hours back, into the previous UTC day
  const back = await register('Clock stepped back');
  assert.is(back.status, 201, 'the site keeps working');
  assert.ok(s.logs.some((l) => /clock is \d+ ms behind/.test(l)), 'the step is reported once in the server log');

  const check = async () => {
    const token = await s.login(ADMIN.username, ADMIN.password);
    const verify = (await s.api('GET', '/api/log/verify', undefined, token)).body;
    const events = (await s.api('GET', '/api/log?from=2026-11-29&to=2026-12-02', undefined, token)).body.events;
    return { verify, events };
  };
  const live = await check();
  assert.ok(live.verify.chain.ok, JSON.stringify(live.verify.chain));
  assert.ok(live.verify.head.seq > headBefore.seq);
  const seqs = live.events.map((e: any) => e.seq);
  assert.equal(seqs, [...seqs].sort((a: number, b: number) => a - b), 'listed in chain order');
  const times = live.events.map((e: any) => Date.parse(e.at));
  assert.equal(times, [...times].sort((a: number, b: number) => a - b), 'log times never run backwards');

  await s.restart();
  const after = await check();
  assert.ok(after.verify.chain.ok, 'verifies after a restart');
  const token = await s.login(ADMIN.username, ADMIN.password);
  const kept = (await s.api('GET', `/api/log/verify?seq=${live.verify.head.seq}&hash=${live.verify.head.hash}`, undefined, token)).body.anchor;
  assert.equal([kept.found, kept.matches], [true, true], 'the head before the restart is still in the log');
  now = Date.parse('2026-12-01T00:00:30Z');
  assert.is((await register('Clock back to normal')).status, 201);
  const last = await check();
  assert.ok(last.verify.chain.ok);
  assert.is(last.verify.head.seq, after.verify.head.seq + 2, 'registered + notified: the chain goes on from the head');
});

test.run();
