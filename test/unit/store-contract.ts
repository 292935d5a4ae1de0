// The Store contract, registered once per implementation so memory and lowdb cannot drift apart.
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import type { VisitStatus } from '../../server/protocol.ts';
import type { Directory, DirectoryKind, Store } from '../../data/store.ts';
import { EventChainError, EventOrderError, ZERO_HASH } from '../../data/rules.ts';
import { chain, failure, host, visit } from './store-fixtures.ts';

const at = '2026-11-27T09:00:00.000Z';
const samples: { [K in DirectoryKind]: Directory[K] } = {
  users: { id: 'u1', username: 'li', name: 'Li', role: 'host', passwordHash: 'x', createdAt: at },
  sessions: { id: 's1', userId: 'u1', createdAt: at, expiresAt: at },
  hosts: host(1),
  kiosks: { id: 'k1', name: 'Lobby', tokenVersion: 1, createdAt: at },
  appointments: {
    id: 'a1', inviteCode: 'ABC123', visitor: { name: 'Wang' }, hostId: 'h1', start: at, end: at,
    purpose: 'interview', createdBy: 'u1', createdAt: at,
  },
  watchlist: { id: 'w1', name: 'X', reason: 'banned', createdAt: at, createdBy: 'u1' },
  marks: { id: 'retention', value: '2026-05-01', at },
  departments: { id: '研发部', channels: [{ kind: 'wecom', target: 'http://10.0.0.5/hook', secret: 's' }], updatedAt: at },
  settings: { id: 'site', siteName: '远山大厦', closingTime: '18:00', updatedAt: at },
  printers: { id: 'pr-1', name: '前台打印机', address: 'tcp://192.168.1.50:9100', paper: 80, createdAt: at, updatedAt: at },
  alerts: { id: 'al-1', kind: 'printer', at, message: 'Badge 3 could not print', roles: ['security'] },
  pushSubscriptions: { id: 'p1', userId: 'u1', hostId: 'h1', endpoint: 'https://push.example/abc', keys: { p256dh: 'BPk', auth: 'au' }, sessionId: 's1', createdAt: at },
};
const secrets = { badgePrivateKey: 'priv', badgePublicKey: 'pub', idHashKey: 'k1', tokenKey: 'k2' };

export function storeContract(test: Test, name: string, open: () => Promise<Store>): void {
  const it = (title: string, body: (store: Store) => Promise<void>) =>
    test(`${name}: ${title}`, async () => {
      const store = await open();
      try {
        await body(store);
      } finally {
        await store.close();
      }
    });

  it('directory records round-trip by kind', async (store) => {
    for (const kind of Object.keys(samples) as DirectoryKind[]) {
      await store.put(kind, samples[kind]);
      assert.equal(await store.get(kind, samples[kind].id), samples[kind], kind);
      assert.equal(await store.list(kind), [samples[kind]], kind);
      await store.remove(kind, samples[kind].id);
      assert.is(await store.get(kind, samples[kind].id), undefined, kind);
    }
    await store.remove('hosts', 'never-there');
  });

  it('put replaces the record with the same id in its place', async (store) => {
    for (const n of [1, 2, 3]) await store.put('hosts', host(n));
    await store.put('hosts', { ...host(2), name: 'Renamed' });
    assert.equal((await store.list('hosts')).map((h) => h.name), ['Host 1', 'Renamed', 'Host 3']);
  });

  it('records go in and come out as copies', async (store) => {
    const h = host(1);
    await store.put('hosts', h);
    h.name = 'changed by caller';
    (await store.get('hosts', 'h1'))!.name = 'changed again';
    const v = visit('2026-11-27', 1);
    await store.putVisit(v);
    v.status = 'denied';
    (await store.openVisits())[0].purpose = 'changed';
    (await store.openVisits(() => true))[0].purpose = 'changed';
    assert.is((await store.get('hosts', 'h1'))!.name, 'Host 1');
    assert.equal(await store.getVisit(v.id), visit('2026-11-27', 1));
  });

  it('a visit round-trips by id; unknown and malformed ids are undefined', async (store) => {
    await store.putVisit(visit('2026-11-27', 1));
    assert.equal(await store.getVisit('20261127-0001'), visit('2026-11-27', 1));
    for (const id of ['20261127-9999', '20261126-0001', 'nonsense', '../directory', '']) {
      assert.is(await store.getVisit(id), undefined, id);
    }
  });

  it('putVisit refuses a visit whose id does not name its day', async (store) => {
    const cases = [
      { ...visit('2026-11-27', 1), day: '2026-11-28' },
      { ...visit('2026-11-27', 1), id: 'abc' },
      { ...visit('2026-11-27', 1), day: '../x' },
    ];
    for (const bad of cases) {
      assert.match((await failure(store.putVisit(bad))).message, bad.id === 'abc' ? 'abc' : bad.day);
    }
    assert.equal(await store.visitsOfDay('2026-11-27'), []);
  });

  it('visitsOfDay lists one day in the order first stored', async (store) => {
    for (const n of [3, 1, 2]) await store.putVisit(visit('2026-11-27', n));
    await store.putVisit(visit('2026-11-28', 4));
    await store.putVisit(visit('2026-11-27', 3, 'on-site'));
    assert.equal((await store.visitsOfDay('2026-11-27')).map((v) => v.number), ['3', '1', '2']);
    assert.equal(await store.visitsOfDay('2026-01-01'), []);
    assert.match((await failure(store.visitsOfDay('27/11/2026'))).message, 'YYYY-MM-DD');
  });

  it('openVisits follows every status', async (store) => {
    const open: Record<VisitStatus, boolean> = {
      'awaiting-host': true, approved: true, 'on-site': true, 'checked-out': false,
      denied: false, refused: false, expired: false, cancelled: false,
    };
    const statuses = Object.keys(open) as VisitStatus[];
    for (const [n, s] of statuses.entries()) await store.putVisit(visit('2026-11-27', n, s));
    const expected = statuses.flatMap((s, n) => (open[s] ? [visit('2026-11-27', n, s)] : []));
    assert.equal(await store.openVisits(), expected);
    assert.equal(await store.openVisits((v) => v.status === 'on-site'), expected.filter((v) => v.status === 'on-site'), 'pick chooses among open visits');
    assert.equal(await store.openVisits(() => true), expected, 'and never adds a closed one');
    for (const [n, s] of statuses.entries()) if (open[s]) await store.putVisit(visit('2026-11-27', n, 'checked-out'));
    assert.equal(await store.openVisits(), []);
  });

  it('appendEvent chains from the zero hash and refuses a wrong prevHash', async (store) => {
    assert.is(await store.lastEvent(), undefined);
    const [first, second] = chain([at, '2026-11-27T09:01:00.000Z']);
    assert.is(first.prevHash, ZERO_HASH);
    assert.instance(await failure(store.appendEvent({ ...second, prevHash: 'f'.repeat(64) })), EventChainError);
    await store.appendEvent(first);
    assert.instance(await failure(store.appendEvent(first)), EventChainError);
    await store.appendEvent(second);
    assert.equal(await store.lastEvent(), second);
    assert.equal(await store.events(at, '2026-11-28T00:00:00.000Z'), [first, second]);
  });

  it('of two appends built on the same last event, exactly one lands', async (store) => {
    const [first] = chain([at]);
    const rivals = [chain(['2026-11-27T09:05:00.000Z'], first)[0], chain(['2026-11-28T01:00:00.000Z'], first)[0]];
    rivals[1].id = 'rival';
    await store.appendEvent(first);
    const results = await Promise.allSettled(rivals.map((e) => store.appendEvent(e)));
    assert.equal(results.map((r) => r.status), ['fulfilled', 'rejected']);
    assert.equal(await store.lastEvent(), rivals[0]);
  });

  it('events(from, to) is half-open, oldest first, across days', async (store) => {
    const times = ['2026-11-25T23:59:59.999Z', '2026-11-26T00:00:00.000Z', '2026-11-26T12:00:00.000Z',
      '2026-11-27T08:00:00.000+08:00', '2026-11-27T00:00:00.000Z', '2026-11-28T00:00:00.000Z'];
    const log = chain(times);
    for (const e of log) await store.appendEvent(e);
    const found = await store.events('2026-11-26T00:00:00.000Z', '2026-11-28T00:00:00.000Z');
    assert.equal(found.map((e) => e.seq), [2, 3, 4, 5]); // 4 and 5 are the same instant: by seq
    assert.equal(await store.events('2026-11-28T00:00:00.000Z', '2026-11-26T00:00:00.000Z'), []);
    assert.match((await failure(store.events('yesterday', at))).message, 'from');
  });

  it('secrets are made once and kept', async (store) => {
    let made = 0;
    const make = () => (made++, { ...secrets });
    const [a, b] = await Promise.all([store.secrets(make), store.secrets(make)]);
    assert.equal([a, b, await store.secrets(make)], [secrets, secrets, secrets]);
    assert.is(made, 1);
  });

  it('100 overlapping putVisit and put calls all land', async (store) => {
    const days = ['2026-11-26', '2026-11-27'];
    await Promise.all(Array.from({ length: 100 }, (_, n) =>
      n % 2 ? store.put('hosts', host(n)) : store.putVisit(visit(days[n % 4 ? 1 : 0], n))));
    assert.is((await store.list('hosts')).length, 50);
    const stored = [...(await store.visitsOfDay(days[0])), ...(await store.visitsOfDay(days[1]))];
    assert.is(stored.length, 50);
    assert.is((await store.openVisits()).length, 50);
  });

  it('update is one read-change-write: 50 rival increments all land', async (store) => {
    await store.put('kiosks', { ...samples.kiosks, tokenVersion: 0 });
    await Promise.all(Array.from({ length: 50 }, () =>
      store.update('kiosks', 'k1', (k) => k && { ...k, tokenVersion: k.tokenVersion + 1 })));
    assert.is((await store.get('kiosks', 'k1'))!.tokenVersion, 50);
  });

  it('update: a single-use claim is won once; a throw or undefined stores nothing', async (store) => {
    await store.put('appointments', samples.appointments);
    const claims = await Promise.allSettled(Array.from({ length: 10 }, (_, n) =>
      store.update('appointments', 'a1', (a) => {
        if (!a || a.usedByVisitId) throw new Error('used');
        return { ...a, usedByVisitId: `v${n}` };
      })));
    assert.is(claims.filter((c) => c.status === 'fulfilled').length, 1);
    const won = (await store.get('appointments', 'a1'))!.usedByVisitId;
    assert.equal(await store.update('appointments', 'a1', () => undefined), { ...samples.appointments, usedByVisitId: won });
    assert.is(await store.update('hosts', 'none', () => undefined), undefined);
    const created = await store.update('hosts', 'h9', (h) => h ?? host(9));
    assert.equal(created, host(9));
    assert.match((await failure(store.update('hosts', 'h9', (h) => ({ ...h!, id: 'h10' })))).message, 'id');
    assert.equal(await store.list('hosts'), [host(9)]);
  });

  it('insert keeps a unique rule: of 10 rivals for one username, one lands', async (store) => {
    const sameName = (name: string) => (u: Directory['users']) => u.username.toLowerCase() === name.toLowerCase();
    const results = await Promise.all(Array.from({ length: 10 }, (_, n) =>
      store.insert('users', { ...samples.users, id: `u${n}`, username: n % 2 ? 'LI' : 'li' }, sameName('li'))));
    assert.is(results.filter(Boolean).length, 1);
    const [winner] = await store.list('users');
    assert.is(await store.insert('users', { ...samples.users, id: winner.id, username: 'other' }), false, 'the same id clashes too');
    assert.equal(await store.list('users'), [winner]);
  });

  it('update with a rule over the kind: of 10 renames to one username one lands; of two admins stepping down one stays', async (store) => {
    for (let n = 0; n < 10; n++) await store.put('users', { ...samples.users, id: `u${n}`, username: `user${n}`, role: 'admin' });
    const unique = (next: Directory['users'], others: Directory['users'][]) => {
      if (others.some((u) => u.username.toLowerCase() === next.username.toLowerCase())) throw new Error('username-taken');
    };
    const renames = await Promise.allSettled(Array.from({ length: 10 }, (_, n) =>
      store.update('users', `u${n}`, (u) => u && { ...u, username: n % 2 ? 'WANG' : 'wang' }, unique)));
    assert.is(renames.filter((r) => r.status === 'fulfilled').length, 1);
    assert.is((await store.list('users')).filter((u) => u.username.toLowerCase() === 'wang').length, 1);
    assert.ok(renames.every((r) => r.status === 'fulfilled' || /username-taken/.test(String(r.reason))), 'the others were refused by the rule');

    for (let n = 2; n < 10; n++) await store.remove('users', `u${n}`);
    const oneAdmin = (next: Directory['users'], others: Directory['users'][]) => {
      if (next.role !== 'admin' && !others.some((u) => u.role === 'admin')) throw new Error('last-admin');
    };
    const steps = await Promise.allSettled(['u0', 'u1'].map((id) => store.update('users', id, (u) => u && { ...u, role: 'reception' }, oneAdmin)));
    assert.is(steps.filter((r) => r.status === 'fulfilled').length, 1);
    assert.is((await store.list('users')).filter((u) => u.role === 'admin').length, 1, 'one admin stays');
  });

  it('update with a rule sees the others as stored, and a refusal stores nothing', async (store) => {
    await store.put('hosts', host(1));
    await store.put('hosts', host(2));
    let seen: string[] = [];
    const refused = await failure(store.update('hosts', 'h1', (h) => h && { ...h, name: 'changed' }, (next, others) => {
      seen = others.map((o) => o.id);
      assert.is(next.name, 'changed');
      throw new Error('no');
    }));
    assert.is(refused.message, 'no');
    assert.equal(seen, ['h2']);
    assert.equal(await store.get('hosts', 'h1'), host(1));
  });

  it('updateVisit changes one visit atomically and keeps the open list true', async (store) => {
    await store.putVisit(visit('2026-11-27', 1));
    assert.is(await store.updateVisit('20261127-9999', (v) => v), undefined);
    const outcomes = await Promise.allSettled(['approved', 'denied'].map((status) =>
      store.updateVisit('20261127-0001', (v) => {
        if (v.status !== 'awaiting-host') throw new Error('decided already');
        return { ...v, status: status as VisitStatus };
      })));
    assert.equal(outcomes.map((o) => o.status).sort(), ['fulfilled', 'rejected']);
    const closed = await store.updateVisit('20261127-0001', (v) => ({ ...v, status: 'checked-out' }));
    assert.is(closed!.status, 'checked-out');
    assert.equal(await store.openVisits(), []);
    assert.match((await failure(store.updateVisit('20261127-0001', (v) => ({ ...v, day: '2026-11-28' })))).message, '2026-11-28');
  });

  it('nextVisitNumber hands out each number of a day once, above the stored ones', async (store) => {
    await store.putVisit({ ...visit('2026-11-27', 1), number: 'A-0007' });
    const numbers = await Promise.all(Array.from({ length: 20 }, () => store.nextVisitNumber('2026-11-27')));
    assert.equal([...numbers].sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 8));
    assert.is(await store.nextVisitNumber('2026-11-28'), 1);
    assert.match((await failure(store.nextVisitNumber('tomorrow'))).message, 'YYYY-MM-DD');
  });

  it('visitByRequest finds a day\'s visit by who registered it and their requestId, also after it changed', async (store) => {
    await store.putVisit({ ...visit('2026-11-27', 1), requestId: 'req-0001' });
    await store.putVisit({ ...visit('2026-11-27', 2), requestId: 'req-0002', createdBy: 'kiosk-2' });
    assert.is((await store.visitByRequest('2026-11-27', 'kiosk-1', 'req-0001'))?.id, '20261127-0001');
    assert.is(await store.visitByRequest('2026-11-27', 'kiosk-1', 'req-0002'), undefined, 'another kiosk\'s request');
    assert.is(await store.visitByRequest('2026-11-28', 'kiosk-1', 'req-0001'), undefined, 'another day');
    await store.putVisit({ ...visit('2026-11-27', 3), requestId: 'req-0003' });
    await store.updateVisit('20261127-0003', (v) => ({ ...v, status: 'approved' }));
    assert.is((await store.visitByRequest('2026-11-27', 'kiosk-1', 'req-0003'))?.status, 'approved');
  });

  it('findVisits searches days by name (case, spaces, tones ignored), number, id and host', async (store) => {
    const named = (day: string, n: number, name: string, hostId = 'h1') => ({ ...visit(day, n), visitor: { ...visit(day, n).visitor, name }, hostId, number: `A-000${n}` });
    await store.putVisit(named('2026-11-25', 1, 'Lǚ Xiǎo Míng'));
    await store.putVisit(named('2026-11-26', 2, '张伟', 'h2'));
    await store.putVisit(named('2026-11-27', 3, 'Lu Xiaoming', 'h2'));
    await store.putVisit(named('2026-11-28', 4, 'Someone Else'));
    const table: Array<[string, string, Parameters<Store['findVisits']>[2], string[]]> = [
      ['2026-11-01', '2026-11-30', { text: 'lu xiao ming' }, ['20261125-0001', '20261127-0003']],
      ['2026-11-26', '2026-11-30', { text: 'LU XIAOMING' }, ['20261127-0003']],
      ['2026-11-01', '2026-11-30', { text: '张 伟' }, ['20261126-0002']],
      ['2026-11-01', '2026-11-30', { text: 'a-0004' }, ['20261128-0004']],
      ['2026-11-01', '2026-11-30', { text: '20261126-0002' }, ['20261126-0002']],
      ['2026-11-01', '2026-11-30', { hostId: 'h2' }, ['20261126-0002', '20261127-0003']],
      ['2026-11-01', '2026-11-30', { text: 'xiaoming', hostId: 'h1' }, ['20261125-0001']],
      ['2026-11-01', '2026-11-30', { text: 'nobody' }, []],
    ];
    for (const [from, to, query, ids] of table) assert.equal((await store.findVisits(from, to, query)).sort(), ids, JSON.stringify(query));
    await store.putVisit(named('2026-11-25', 5, 'Late Entry')); // a finished day gets a visit (the clock stepped back)
    assert.equal(await store.findVisits('2026-11-25', '2026-11-25', { text: 'late entry' }), ['20261125-0005']);
  });

  it('eventsOfVisits gives the events of those visits filed on their days, within the range', async (store) => {
    await store.putVisit(visit('2026-11-26', 1));
    await store.putVisit(visit('2026-11-27', 2));
    const log = chain(['2026-11-26T09:00:00.000Z', '2026-11-26T10:00:00.000Z', '2026-11-27T09:00:00.000Z', '2026-11-27T10:00:00.000Z']);
    const ofVisit = ['20261126-0001', '20261127-0002', '20261126-0001', undefined];
    for (const [i, e] of log.entries()) await store.appendEvent(ofVisit[i] ? { ...e, visitId: ofVisit[i] } : e);
    const all = await store.events('2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z');
    const found = await store.eventsOfVisits(['20261126-0001'], '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z');
    assert.equal(found.map((e) => e.seq), [1, 3]);
    assert.equal(found, all.filter((e) => e.visitId === '20261126-0001'));
    assert.equal((await store.eventsOfVisits(['20261126-0001'], '2026-11-26T09:30:00Z', '2026-12-01T00:00:00Z')).map((e) => e.seq), [3]);
    assert.equal(await store.eventsOfVisits([], '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'), []);
    assert.equal(await store.eventDays(), ['2026-11-26', '2026-11-27']);
  });

  it('invitations are found by code in any spelling, kept unique by code, and listed by their start day', async (store) => {
    const appt = (id: string, code: string, start: string) => ({ ...samples.appointments, id, inviteCode: code, start, end: start });
    await store.put('appointments', appt('a1', 'ABCD-EFGH', '2026-11-25T09:00:00.000Z'));
    await store.put('appointments', appt('a2', 'JKMN-PQRS', '2026-11-27T09:00:00.000Z'));
    assert.is((await store.appointmentByCode('abcdefgh'))?.id, 'a1');
    assert.is((await store.appointmentByCode('JKMN PQRS'))?.id, 'a2');
    assert.is(await store.appointmentByCode('ZZZZZZZZ'), undefined);
    const rivals = await Promise.all(['a3', 'a4'].map((id) => store.insert('appointments', appt(id, 'abcd efgh', '2026-11-26T09:00:00.000Z'))));
    assert.equal(rivals, [false, false], 'the code of a1, spelled otherwise');
    assert.equal(await Promise.all(['a5', 'a6'].map((id) => store.insert('appointments', appt(id, 'TTTT-VVVV', '2026-11-26T09:00:00.000Z')))).then((r) => r.filter(Boolean).length), 1);
    assert.equal((await store.appointmentsStarting('2026-11-26', '2026-11-27')).map((a) => a.id).sort(), ['a2', 'a5']);
  });

  it('visitDays lists the days that hold visits, oldest first', async (store) => {
    for (const day of ['2026-11-28', '2026-11-26', '2026-11-28']) await store.putVisit(visit(day, 1));
    assert.equal(await store.visitDays(), ['2026-11-26', '2026-11-28']);
  });

  it('appendEvent refuses an event timed before the last one', async (store) => {
    const [first] = chain(['2026-11-27T09:00:00.000Z']);
    await store.appendEvent(first);
    const [back] = chain(['2026-11-27T08:59:59.999Z'], first);
    assert.instance(await failure(store.appendEvent(back)), EventOrderError);
    assert.equal(await store.lastEvent(), first);
  });

  // Brute-force counts (Store.attempt): one sliding window per key, counted atomically.
  const T = Date.parse('2026-11-27T09:00:00.000Z');
  const WINDOW = 60_000;
  const granted = (ids: Array<string | undefined>) => ids.filter((id): id is string => id !== undefined);

  it('attempt: 30 at once with max 10 record exactly 10 hits, with distinct ids; the rest are refused uncounted', async (store) => {
    const ids = await Promise.all(Array.from({ length: 30 }, () => store.attempt('t:k', T, WINDOW, 10)));
    assert.is(granted(ids).length, 10);
    assert.is(new Set(granted(ids)).size, 10, 'distinct ids');
    for (const id of granted(ids)) assert.type(id, 'string');
    assert.is(await store.attempt('t:k', T + 1, WINDOW, 10), undefined);
    // Refused attempts were not counted: the budget is back as soon as the 10 hits leave the window.
    assert.ok(await store.attempt('t:k', T + WINDOW, WINDOW, 10));
  });

  it('attempt: the window slides with the time passed in; a clock set back frees nothing early', async (store) => {
    assert.ok(await store.attempt('t:k', T, WINDOW, 2));
    assert.ok(await store.attempt('t:k', T + 30_000, WINDOW, 2));
    assert.is(await store.attempt('t:k', T + WINDOW - 1, WINDOW, 2), undefined);
    assert.ok(await store.attempt('t:k', T + WINDOW, WINDOW, 2), 'the first hit has left the window');
    assert.is(await store.attempt('t:k', T + WINDOW + 1, WINDOW, 2), undefined);
    // The clock goes back an hour: hits stamped "in the future" still count, and nothing throws.
    assert.is(await store.attempt('t:k', T - 3_600_000, WINDOW, 2), undefined);
    assert.is(await store.attempt('t:k', T + 30_000 - WINDOW, WINDOW, 2), undefined, 'half a minute back: still full');
    assert.ok(await store.attempt('t:k', T + 30_000 + WINDOW, WINDOW, 2), 'freed when the hit at +30 s leaves the window');
    // A new key on a clock set back works as any other.
    assert.ok(await store.attempt('t:back', T - 3_600_000, WINDOW, 1));
    assert.is(await store.attempt('t:back', T - 3_600_000 + 1, WINDOW, 1), undefined);
  });

  it('attempt: forgetAttempt gives back one hit, clearAttempts all; unknown ids and keys are no error', async (store) => {
    const ids = granted(await Promise.all(Array.from({ length: 3 }, () => store.attempt('t:k', T, WINDOW, 3))));
    assert.is(ids.length, 3);
    assert.is(await store.attempt('t:k', T, WINDOW, 3), undefined);
    await store.forgetAttempt('t:k', ids[1]);
    await store.forgetAttempt('t:k', ids[1]); // twice: still one
    await store.forgetAttempt('t:other', ids[0]); // another key's id: nothing
    await store.forgetAttempt('t:k', 'no-such-id');
    await store.forgetAttempt('t:never', '1');
    const again = await store.attempt('t:k', T, WINDOW, 3);
    assert.ok(again, 'one freed');
    assert.is(await store.attempt('t:k', T, WINDOW, 3), undefined, 'only one');
    await store.clearAttempts('t:k');
    await store.clearAttempts('t:never');
    assert.is(granted(await Promise.all(Array.from({ length: 5 }, () => store.attempt('t:k', T, WINDOW, 3)))).length, 3, 'all freed');
  });

  it('attempt: keys are independent, and max 0 refuses all', async (store) => {
    assert.ok(await store.attempt('t:a', T, WINDOW, 1));
    assert.is(await store.attempt('t:a', T, WINDOW, 1), undefined);
    assert.ok(await store.attempt('t:b', T, WINDOW, 1), 'another key');
    assert.ok(await store.attempt('u:a', T, WINDOW, 1), 'the same name of another kind');
    assert.ok(await store.attempt('t:A', T, WINDOW, 1), 'keys compare exactly');
    await store.clearAttempts('t:a');
    assert.is(await store.attempt('t:b', T, WINDOW, 1), undefined, 'clearing one key leaves the others');
    assert.is(await store.attempt('t:zero', T, WINDOW, 0), undefined);
    await failure(store.attempt('t:k', T, 0, 1));
    await failure(store.attempt('t:k', Number.NaN, WINDOW, 1));
  });

  it('a closed store refuses calls', async (store) => {
    await store.close();
    await store.close();
    assert.match((await failure(store.list('hosts'))).message, 'closed');
    assert.match((await failure(store.putVisit(visit('2026-11-27', 1)))).message, 'closed');
    assert.match((await failure(store.attempt('t:k', T, WINDOW, 1))).message, 'closed');
  });
}
