// Words to a waiting visitor: a phrase key (never its text) reaches the kiosk, free text as typed, "coming in N
// minutes" as an absolute time on the server's clock with the clock's `now`; bad input names its field, the
// wrong caller gets 403 and a visitor who no longer waits 409, over HTTP and over the socket alike.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nextEvent, residentId, startServer, type TestServer } from '../helpers/server.ts';
import { PHRASE_KEYS } from '../../server/phrases.ts';

let now = Date.parse('2026-11-30T10:00:00+08:00');
let s: TestServer;
let seq = 0;
test.before(async () => { s = await startServer({ clock: () => new Date(now) }); });
test.after(async () => { await s.close(); });

/** A host with their console open, a kiosk following its socket, and a visitor waiting for that host. */
async function waiting() {
  const host = await s.makeHost(`短语${++seq}`, '测试部');
  const hostSocket = await s.socket(host.token);
  const kiosk = await s.pairKiosk(`Phrases ${seq}`);
  const kioskSocket = await s.socket(kiosk.token);
  const reg = await s.api('POST', '/api/visits', { visitor: { name: `Visitor ${seq}`, idType: 'cn-resident', idNumber: residentId('19900307', String(100 + seq)) }, purpose: 'x', hostId: host.host.id }, kiosk.token);
  assert.is(reg.status, 201);
  return { host, hostSocket, kiosk, kioskSocket, visit: reg.body.visit };
}

const say = (socket: any, payload: object) => new Promise<any>((resolve) => socket.emit('visit:message', payload, resolve));

test('a phrase goes as its key: the kiosk hears the key, the visit keeps it, the log keeps no text', async () => {
  const w = await waiting();
  for (const phrase of PHRASE_KEYS) {
    const heard = nextEvent(w.kioskSocket, 'visit:updated', (p) => p.visit.hostPhrase === phrase);
    const r = await s.api('POST', `/api/visits/${w.visit.id}/message`, { phrase }, w.host.token);
    assert.is(r.status, 200, phrase);
    assert.equal([r.body.visit.hostPhrase, r.body.visit.hostMessage, r.body.visit.status], [phrase, undefined, 'awaiting-host']);
    const event = await heard;
    assert.is(event.now, new Date(now).toISOString());
  }
  const log = (await s.api('GET', `/api/log?q=${w.visit.id}`, undefined, s.admin.token)).body.events.filter((e: any) => e.kind === 'host-message');
  assert.is(log.length, PHRASE_KEYS.length);
  assert.equal(log[0].data, { phrase: PHRASE_KEYS[0] });
});

test('free text is kept as typed (trimmed), and a phrase or a text replaces both of what was said before', async () => {
  const w = await waiting();
  const typed = '<b>楼下</b> & "5" 号门 ';
  const r1 = await s.api('POST', `/api/visits/${w.visit.id}/message`, { phrase: 'take-seat', message: typed }, w.host.token);
  assert.equal([r1.body.visit.hostPhrase, r1.body.visit.hostMessage], ['take-seat', typed.trim()]);
  const r2 = await s.api('POST', `/api/visits/${w.visit.id}/message`, { phrase: 'coming-down' }, w.host.token);
  assert.equal([r2.body.visit.hostPhrase, r2.body.visit.hostMessage], ['coming-down', undefined]);
  const log = (await s.api('GET', `/api/log?q=${w.visit.id}`, undefined, s.admin.token)).body.events.filter((e: any) => e.kind === 'host-message');
  assert.equal(log[0].data, { phrase: 'take-seat', text: true });
  assert.not.ok(JSON.stringify(log).includes('楼下'));
});

test('coming in N minutes: `until` is the server clock + N, and `now` lets a late reader count what is left', async () => {
  const w = await waiting();
  const heard = nextEvent(w.kioskSocket, 'visit:updated', (p) => Boolean(p.visit.hostComing));
  const ack = await say(w.hostSocket, { visitId: w.visit.id, comingInMinutes: 5, phrase: 'coming-down' });
  assert.ok(ack.ok, JSON.stringify(ack));
  const until = new Date(now + 5 * 60_000).toISOString();
  assert.equal(ack.visit.hostComing, { minutes: 5, until });
  assert.is(ack.now, new Date(now).toISOString());
  assert.equal((await heard).visit.hostComing, { minutes: 5, until });

  now += 2 * 60_000; // a kiosk that reconnects two minutes later
  const read = (await s.api('GET', `/api/visits/${w.visit.id}`, undefined, w.kiosk.token)).body;
  assert.is(Date.parse(read.visit.hostComing.until) - Date.parse(read.now), 3 * 60_000);
  // A new phrase keeps the countdown; a new countdown replaces it.
  const later = await say(w.hostSocket, { visitId: w.visit.id, phrase: 'sorry-wait' });
  assert.equal(later.visit.hostComing, { minutes: 5, until });
  const again = await say(w.hostSocket, { visitId: w.visit.id, comingInMinutes: 10 });
  assert.equal(again.visit.hostComing, { minutes: 10, until: new Date(now + 10 * 60_000).toISOString() });
});

test('a decision carries the words too: approve with "coming in 5 min" and a phrase', async () => {
  const w = await waiting();
  const r = await s.api('POST', `/api/visits/${w.visit.id}/decision`, { decision: 'approve', phrase: 'colleague-coming', comingInMinutes: 5 }, w.host.token);
  assert.is(r.status, 200);
  assert.equal([r.body.visit.status, r.body.visit.hostPhrase, r.body.visit.hostComing], ['approved', 'colleague-coming', { minutes: 5, until: new Date(now + 5 * 60_000).toISOString() }]);
  const other = (await waiting()).visit.id;
  const bad = await s.api('POST', `/api/visits/${other}/decision`, { decision: 'approve', phrase: 'hurry-up' }, s.admin.token);
  assert.equal([bad.status, bad.body.error.field], [400, 'phrase']);
  const denyComing = await s.api('POST', `/api/visits/${other}/decision`, { decision: 'deny', comingInMinutes: 5 }, s.admin.token);
  assert.equal([denyComing.status, denyComing.body.error.field], [400, 'comingInMinutes'], 'nobody comes down to a visitor they turned away');
  assert.is((await s.api('GET', `/api/visits/${other}`, undefined, s.admin.token)).body.visit.status, 'awaiting-host');
});

const BAD_INPUT: Array<[string, Record<string, unknown>, string, string]> = [
  ['an unknown phrase key', { phrase: 'hurry-up' }, 'phrase', 'invalid-input'],
  ['a phrase given as text', { phrase: '请稍等，我马上下来' }, 'phrase', 'invalid-input'],
  ['a phrase that is not a string', { phrase: 3 }, 'phrase', 'invalid-input'],
  ['nothing to say', {}, 'phrase', 'missing-field'],
  ['only blanks', { message: '   ' }, 'phrase', 'missing-field'],
  ['text over 200 characters', { message: '字'.repeat(201) }, 'message', 'too-long'],
  ['text with control characters', { message: 'a\u0007b' }, 'message', 'invalid-input'],
  ['zero minutes', { comingInMinutes: 0 }, 'comingInMinutes', 'invalid-input'],
  ['more than an hour', { comingInMinutes: 61 }, 'comingInMinutes', 'invalid-input'],
  ['minutes as text', { comingInMinutes: '5' }, 'comingInMinutes', 'invalid-input'],
  ['a fraction of a minute', { comingInMinutes: 2.5 }, 'comingInMinutes', 'invalid-input'],
];

test('bad input: 400 naming the field, over HTTP and the socket, and nothing changes', async () => {
  const w = await waiting();
  for (const [what, body, field, code] of BAD_INPUT) {
    const r = await s.api('POST', `/api/visits/${w.visit.id}/message`, body, w.host.token);
    assert.equal([r.status, r.body.error?.code, r.body.error?.field], [400, code, field], what);
    const ack = await say(w.hostSocket, { visitId: w.visit.id, ...body });
    assert.equal([ack.ok, ack.error?.code, ack.error?.field], [false, code, field], `socket: ${what}`);
  }
  assert.ok((await s.api('POST', `/api/visits/${w.visit.id}/message`, { message: '字'.repeat(200) }, w.host.token)).status === 200, '200 characters are fine');
  const visit = (await s.api('GET', `/api/visits/${w.visit.id}`, undefined, w.kiosk.token)).body.visit;
  assert.equal([visit.hostPhrase, visit.hostComing], [undefined, undefined]);
});

test('who may write: the host, their delegate, reception and admin; not another host, security or a kiosk', async () => {
  const delegate = await s.makeHost(`代理${++seq}`, '测试部');
  const host = await s.makeHost(`被访${++seq}`, '测试部', { delegateId: delegate.host.id });
  await s.socket(host.token);
  const kiosk = await s.pairKiosk('Who kiosk');
  const visitId = (await s.api('POST', '/api/visits', { visitor: { name: 'Who Visitor', idType: 'passport', idNumber: 'E7070707' }, purpose: 'x', hostId: host.host.id }, kiosk.token)).body.visit.id;
  const other = await s.makeHost(`别人${++seq}`, '测试部');
  const reception = await s.makeUser('reception');
  const security = await s.makeUser('security');
  const table: Array<[string, string, number]> = [
    ['the host', host.token, 200], ['the delegate', delegate.token, 200], ['reception', reception.token, 200], ['admin', s.admin.token, 200],
    ['another host', other.token, 403], ['security', security.token, 403], ['a kiosk', kiosk.token, 403],
  ];
  for (const [who, token, status] of table) {
    const r = await s.api('POST', `/api/visits/${visitId}/message`, { phrase: 'take-seat' }, token);
    assert.is(r.status, status, who);
    if (status === 403) assert.is(r.body.error.code, 'forbidden', who);
    const ack = await say(await s.socket(token), { visitId, phrase: 'take-seat' });
    assert.equal(ack.ok ? 200 : ack.error.code, status === 200 ? 200 : 'forbidden', `socket: ${who}`);
  }
  // An unknown phrase from the wrong caller is still a 403: who may speak is checked first.
  assert.is((await s.api('POST', `/api/visits/${visitId}/message`, { phrase: 'hurry-up' }, other.token)).status, 403);
  assert.is((await s.api('POST', '/api/visits/20261130-NOSUCHID/message', { phrase: 'take-seat' }, s.admin.token)).status, 404);
});

test('a visitor who no longer waits: 409 wrong-state for each decided or closed status', async () => {
  const cases: Array<[string, (id: string, token: string) => Promise<unknown>]> = [
    ['approved', (id, token) => s.api('POST', `/api/visits/${id}/decision`, { decision: 'approve' }, token)],
    ['denied', (id, token) => s.api('POST', `/api/visits/${id}/decision`, { decision: 'deny' }, token)],
  ];
  for (const [status, close] of cases) {
    const w = await waiting();
    await close(w.visit.id, w.host.token);
    const r = await s.api('POST', `/api/visits/${w.visit.id}/message`, { phrase: 'coming-down' }, w.host.token);
    assert.equal([r.status, r.body.error?.code], [409, 'wrong-state'], status);
    const ack = await say(w.hostSocket, { visitId: w.visit.id, comingInMinutes: 5 });
    assert.equal(ack.error?.code, 'wrong-state', `socket: ${status}`);
  }
});

test('words sent together with a decision: one wins the visit, the other is 409 or lands before it', async () => {
  const w = await waiting();
  const [message, decision] = await Promise.all([
    s.api('POST', `/api/visits/${w.visit.id}/message`, { phrase: 'take-seat' }, w.host.token),
    s.api('POST', `/api/visits/${w.visit.id}/decision`, { decision: 'deny', phrase: 'go-to-reception' }, w.host.token),
  ]);
  assert.is(decision.status, 200);
  assert.ok([200, 409].includes(message.status));
  const visit = (await s.api('GET', `/api/visits/${w.visit.id}`, undefined, w.kiosk.token)).body.visit;
  assert.equal([visit.status, visit.hostPhrase], ['denied', 'go-to-reception']);
});

test.run();
