// Erasing one person on request: refused while a visit is open, atomic per record, racing nothing into half a record.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, nextEvent, residentId, ADMIN, type TestServer } from '../helpers/server.ts';
import { runRetention } from '../../server/flows/retention.ts';

const DAY = 24 * 3600_000;

async function open(clock?: () => Date) {
  const s = await startServer({ hostTimeoutS: 0.8, clock });
  const security = await s.makeUser('security');
  const host = await s.makeHost('周经理', '行政部');
  const kiosk = await s.pairKiosk();
  const kioskSock = await s.socket(kiosk.token);
  /** Registers, approves (the badge prints) and, unless stay, scans out. */
  async function visit(visitor: object, extra: object = {}, stay = false) {
    const reg = await s.api('POST', '/api/visits', { visitor, purpose: 'Delivery', hostId: host.host.id, ...extra }, kiosk.token);
    const printed = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.id === reg.body.visit.id && p.visit.status === 'on-site');
    await s.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'approve', message: '马上到' }, host.token);
    const v = (await printed).visit;
    return stay ? v : (await s.api('POST', '/api/scan', { code: v.badge.code, direction: 'out' }, kiosk.token)).body.visit;
  }
  return { s, security, host, kiosk, visit };
}

const printsIn = (dir: string) => fs.readdirSync(path.join(dir, 'prints'));

/** Either nothing of the person is gone, or all of it and erasedAt: never half. */
function assertWholeOrGone(v: any, name: string): 'whole' | 'gone' {
  if (v.erasedAt) {
    assert.equal([v.visitor.name, v.visitor.phone, v.visitor.company, v.visitor.idNumberMasked, v.plate, v.hostMessage, v.items], ['', undefined, undefined, '', undefined, undefined, []], v.id);
    return 'gone';
  }
  assert.equal([v.visitor.name, Boolean(v.visitor.phone), Boolean(v.visitor.idNumberMasked), Boolean(v.plate), Boolean(v.hostMessage), v.items.length], [name, true, true, true, true, 1], v.id);
  return 'whole';
}

test('erase is refused while a visit is open, then erases visits, invitations and badge prints; the watchlist stays', async () => {
  const { s, security, host, visit } = await open();
  try {
    const person = { name: '郑秘密', idType: 'passport', idNumber: 'G12345678', phone: '13512345678', company: '保密物流' };
    const done = await visit(person, { plate: '粤B54321', items: ['样品箱'] });
    const inside = await visit(person, {}, true);
    const other = await visit({ name: 'Bystander', idType: 'passport', idNumber: 'E5550001' });
    const appt = (await s.api('POST', '/api/appointments', { visitor: { name: person.name, phone: person.phone, company: person.company }, purpose: 'Pickup', start: new Date().toISOString(), end: new Date(Date.now() + 3600_000).toISOString() }, host.token)).body.appointment;
    await s.api('POST', '/api/watchlist', { phone: person.phone, reason: 'Left a door open' }, security.token);

    const refused = await s.api('POST', '/api/people/erase', { phone: person.phone }, security.token);
    assert.is(refused.status, 409);
    assert.is(refused.body.error.code, 'visit-open');
    assert.ok(refused.body.error.message.includes(inside.number), 'it names the open visit by its number');
    for (const secret of [person.name, person.phone, person.company]) assert.not.ok(JSON.stringify(refused.body).includes(secret));
    assert.is((await s.api('POST', '/api/people/search', { phone: person.phone }, security.token)).body.visits.length, 2, 'nothing was erased');

    assert.is((await s.api('POST', '/api/scan', { code: inside.badge.code, direction: 'out' }, security.token)).status, 200);
    const personal = await s.api('POST', '/api/people/erase', { phone: person.phone, reason: '本人来电要求删除 13512345678' }, security.token);
    assert.equal([personal.status, personal.body.error.code, personal.body.error.field], [400, 'reason-personal', 'reason'], 'a reason naming the person is refused');

    const erased = await s.api('POST', '/api/people/erase', { phone: '+86 135 1234 5678', reason: 'Request by email, ticket 2026-118' }, security.token);
    assert.is(erased.status, 200, JSON.stringify(erased.body));
    assert.equal(erased.body, { erased: { visits: 2, appointments: 1, calls: 0, cases: 0 }, kept: { watchlist: 1 } });
    const after = await s.api('POST', '/api/people/search', { phone: person.phone }, security.token);
    assert.equal([after.body.visits.length, after.body.appointments.length, after.body.watchlist.length], [0, 0, 1]);
    for (const id of [done.id, inside.id]) assertWholeOrGone((await s.api('GET', `/api/visits/${id}`, undefined, security.token)).body.visit, person.name);
    assert.is((await s.api('GET', `/api/visits/${other.id}`, undefined, security.token)).body.visit.visitor.name, 'Bystander');
    for (const secret of [person.company, '粤B54321', '样品箱']) assert.equal(await s.holding(secret), [], `"${secret}" is stored nowhere`);
    assert.equal(await s.holding(person.name), [], 'the name went with the visits and the invitation');
    const prints = printsIn(s.dataDir);
    for (const v of [done, inside]) assert.not.ok(prints.some((f) => f.startsWith(v.badge.jobId)), `the badge of ${v.id} went`);
    assert.ok(prints.includes(`${other.badge.jobId}.png`), 'other people\'s badges stay');
    assert.ok(appt.id);

    const log = await s.api('GET', '/api/log?q=person-erased', undefined, security.token);
    assert.equal(log.body.events.at(-1).data, { using: 'phone', visits: 2, appointments: 1, prints: 2, watchlistKept: 1, calls: 0, cases: 0, reason: 'Request by email, ticket 2026-118' });
    const again = await s.api('POST', '/api/people/erase', { phone: person.phone }, security.token);
    assert.equal(again.body, { erased: { visits: 0, appointments: 0, calls: 0, cases: 0 }, kept: { watchlist: 1 } }, 'erasing twice erases nothing more');
    assert.is((await s.api('GET', '/api/log/verify', undefined, security.token)).body.chain.ok, true);
  } finally {
    await s.close();
  }
});

test('two erasures at once erase each visit once', async () => {
  const { s, security, visit } = await open();
  try {
    const person = { name: 'Twin Request', idType: 'passport', idNumber: 'K7654321', phone: '13811112222' };
    const visits = [];
    for (let i = 0; i < 6; i++) visits.push(await visit(person, { plate: `A${i}`, items: ['x'] }));
    const [a, b] = await Promise.all([1, 2].map(() => s.api('POST', '/api/people/erase', { idType: 'passport', idNumber: 'K7654321' }, security.token)));
    assert.equal([a.status, b.status], [200, 200]);
    assert.is(a.body.erased.visits + b.body.erased.visits, 6, `${JSON.stringify(a.body)} ${JSON.stringify(b.body)}`);
    for (const v of visits) assert.is(assertWholeOrGone((await s.api('GET', `/api/visits/${v.id}`, undefined, security.token)).body.visit, person.name), 'gone');
  } finally {
    await s.close();
  }
});

test('an erasure racing a check-out never erases an open visit nor leaves half a record', async () => {
  const { s, security, kiosk, visit } = await open();
  try {
    const person = { name: 'Door Racer', idType: 'passport', idNumber: 'R1234567', phone: '13822223333' };
    const v = await visit(person, { plate: 'R1', items: ['bag'] }, true);
    const [erase, out] = await Promise.all([
      s.api('POST', '/api/people/erase', { phone: person.phone }, security.token),
      s.api('POST', '/api/scan', { code: v.badge.code, direction: 'out' }, kiosk.token),
    ]);
    assert.is(out.status, 200);
    const after = (await s.api('GET', `/api/visits/${v.id}`, undefined, security.token)).body.visit;
    assert.is(after.status, 'checked-out');
    const state = assertWholeOrGone(after, person.name);
    if (erase.status === 409) assert.is(state, 'whole');
    else assert.equal([erase.body.erased.visits, state], [1, 'gone']);
  } finally {
    await s.close();
  }
});

test('an erasure racing retention runs: every visit erased exactly once, counted once', async () => {
  let now = Date.parse('2026-03-02T09:00:00+08:00');
  const { s, security, visit } = await open(() => new Date(now));
  try {
    const person = { name: 'Race Subject', idType: 'passport', idNumber: 'T9876543', phone: '13833334444' };
    const visits = [];
    for (let i = 0; i < 8; i++) visits.push(await visit(person, { plate: `T${i}`, items: ['box'] }));
    now += 181 * DAY; // the scheduled run starts on the next tick
    const token = await s.login(ADMIN.username, ADMIN.password);
    const [erase, run1, run2] = await Promise.all([
      s.api('POST', '/api/people/erase', { name: person.name, phone: person.phone }, token),
      runRetention(s.app.ctx),
      runRetention(s.app.ctx),
    ]);
    assert.is(erase.status, 200, JSON.stringify(erase.body));
    await new Promise((r) => setTimeout(r, 600)); // the scheduled run, if it came after ours
    const log = await s.api('GET', `/api/log?from=${new Date(now - DAY).toISOString()}`, undefined, token);
    const runs = log.body.events.filter((e: any) => e.kind === 'retention-run').map((e: any) => e.data.visits);
    const total = runs.reduce((a: number, b: number) => a + b, 0) + erase.body.erased.visits;
    assert.is(total, 8, `retention ${JSON.stringify(runs)} (direct ${run1?.visits}, ${run2?.visits}) + erase ${erase.body.erased.visits}`);
    const list = (await s.api('GET', `/api/visits?day=2026-03-02`, undefined, token)).body.visits;
    assert.is(list.length, 8);
    for (const v of list) assert.is(assertWholeOrGone(v, person.name), 'gone');
  } finally {
    await s.close();
  }
});

test.run();
