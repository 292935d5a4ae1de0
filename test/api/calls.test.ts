// Calls (来电), messages (留言) and transfers (转接) over the API: written down by reception and read by the desk's
// roles; a message reaches its host live and on their robot, is read once (two reads at once: one readAt) and is
// reminded once after 30 minutes on the injected clock; a transfer nobody acknowledges comes back to the desk with an
// alert; a host sees only their own; the log holds who and the call, never the caller.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Socket } from 'socket.io-client';
import { startServer, nextEvent, type TestServer } from '../helpers/server.ts';
import { robot } from '../helpers/robot.ts';
import { ConfigError, parseConfig } from '../../server/config.ts';

const MINUTE = 60_000;
// Tuesday 1 December 2026, 10:00 in Shanghai; the clock moves only when a test moves it.
let now = Date.parse('2026-12-01T10:00:00+08:00');
const iso = (ms = now) => new Date(ms).toISOString();
let s: TestServer;
let hook: Awaited<ReturnType<typeof robot>>;
test.before(async () => {
  s = await startServer({ hostTimeoutS: 0.8, clock: () => new Date(now), notifyRetryDelaysMs: [0, 50] });
  hook = await robot();
});
test.after(async () => { await s.close(); await hook.close(); });

const CALLER = { name: '来电人赵先生', phone: '13987654321', organisation: '远山物业' };
const SUBJECT = '询问停车位续租';
const WORDS = '请回电，下午三点前都在';

interface Staff { reception: string; supervisor: string; security: string; admin: string; kiosk: string }
let staff: Staff;
let market: { host: any; token: string };
let other: { host: any; token: string };
let engineers: Array<{ host: any; token: string }>;

async function setUp() {
  if (staff) return;
  const [reception, supervisor, security, kiosk] = [await s.makeUser('reception'), await s.makeUser('supervisor'), await s.makeUser('security'), await s.pairKiosk()];
  staff = { reception: reception.token, supervisor: supervisor.token, security: security.token, admin: s.admin.token, kiosk: kiosk.token };
  market = await s.makeHost('市场部张经理', '市场部', { channels: [{ kind: 'webhook', target: hook.url }] });
  other = await s.makeHost('财务部钱会计', '财务部');
  engineers = [await s.makeHost('工程部李工', '工程部'), await s.makeHost('工程部王工', '工程部')];
}

const base = (extra: Record<string, unknown> = {}) => ({ caller: CALLER, subject: SUBJECT, category: 'inquiry', importance: 'normal', ...extra });
const logCall = (body: unknown, token = staff.reception) => s.api('POST', '/api/calls', body, token);
const message = (extra: Record<string, unknown> = {}) => logCall(base({ kind: 'message', forHostId: market.host.id, message: WORDS, ...extra }));
const transfer = (extra: Record<string, unknown> = {}) => logCall(base({ kind: 'transfer', forHostId: market.host.id, ...extra }));
const readIt = (id: string, token: string) => s.api('POST', `/api/calls/${id}/read`, {}, token);
const acknowledge = (id: string, token: string) => s.api('POST', `/api/calls/${id}/acknowledge`, {}, token);
const listed = async (query = '', token = staff.reception) => (await s.api('GET', `/api/calls${query}`, undefined, token)).body;
const mine = async (token: string) => (await s.api('GET', '/api/calls/mine', undefined, token)).body.calls as any[];
/** The first message the robot got (or gets) that passes the check: other tests' reminders may come between. */
async function robotGot(check: (body: any) => boolean) {
  for (let n = 1; ; n++) {
    const body = await hook.next(n);
    if (check(body)) return body;
  }
}
const isPending = (c: any) => (c.kind === 'message' ? !c.message.readAt : !c.transfer.acknowledgedAt);

test('reception writes a call down: 201 with the call, the desk hears it, the desk\'s roles list it by day, text and kind', async () => {
  await setUp();
  const desk = await s.socket(staff.supervisor);
  const heard = nextEvent(desk, 'call:updated', (p) => p.call.subject === '报修空调');
  const r = await logCall(base({ subject: '报修空调', category: 'help', importance: 'important', forDepartment: '工程部', at: iso(now - 5 * MINUTE) }));
  assert.is(r.status, 201, JSON.stringify(r.body));
  const call = r.body.call;
  assert.equal(
    { kind: call.kind, caller: call.caller, category: call.category, importance: call.importance, forDepartment: call.forDepartment, at: call.at, day: call.day, createdAt: call.createdAt },
    { kind: 'call', caller: CALLER, category: 'help', importance: 'important', forDepartment: '工程部', at: iso(now - 5 * MINUTE), day: '2026-12-01', createdAt: iso() },
  );
  assert.match(call.id, /^20261201-/);
  assert.is((await heard).call.id, call.id);
  const second = (await logCall(base({ subject: '咨询会议室', caller: { name: '孙女士' } }))).body.call;
  for (const token of [staff.reception, staff.supervisor, staff.admin]) {
    const ids = (await listed('', token)).calls.map((c: any) => c.id);
    assert.ok(ids.includes(call.id) && ids.includes(second.id), 'today\'s calls');
  }
  assert.equal((await listed(`?q=${encodeURIComponent('孙女士')}`)).calls.map((c: any) => c.id), [second.id]);
  assert.equal((await listed('?q=87654321&kind=call')).calls.map((c: any) => c.id), [call.id], 'by phone digits and kind');
  assert.equal((await listed('?kind=message')).calls.filter((c: any) => c.id === call.id), []);
  assert.equal((await listed('?from=2026-11-30&to=2026-11-30')).calls, []);
  const page = await listed('?limit=1');
  assert.is(page.calls.length, 1);
  const rest = await listed(`?limit=500&cursor=${page.next}`);
  assert.not.ok(rest.calls.some((c: any) => c.id === page.calls[0].id), 'the next page goes on after the first');
  assert.ok(rest.calls.length >= 1);
  desk.close();
});

test('bad input is refused naming its field: missing, malformed, oversized, hostile, unknown category', async () => {
  await setUp();
  const rows: Array<[string, unknown, string, string]> = [
    ['no body fields', {}, 'caller', 'missing-field'],
    ['caller not an object', base({ caller: '赵先生' }), 'caller', 'invalid-input'],
    ['caller without a name', base({ caller: { phone: '13900000000' } }), 'caller.name', 'missing-field'],
    ['caller name of spaces', base({ caller: { name: '   ' } }), 'caller.name', 'missing-field'],
    ['caller name too long', base({ caller: { name: '名'.repeat(65) } }), 'caller.name', 'too-long'],
    ['caller name with a control character', base({ caller: { name: '赵\u0007先生' } }), 'caller.name', 'invalid-input'],
    ['caller name a number', base({ caller: { name: 42 } }), 'caller.name', 'invalid-input'],
    ['caller phone not a phone', base({ caller: { name: '赵', phone: 'call me' } }), 'caller.phone', 'invalid-input'],
    ['caller with an unknown field', base({ caller: { name: '赵', __proto__x: 1 } }), 'caller.__proto__x', 'unknown-field'],
    ['organisation too long', base({ caller: { name: '赵', organisation: 'x'.repeat(121) } }), 'caller.organisation', 'too-long'],
    ['no subject', base({ subject: undefined }), 'subject', 'missing-field'],
    ['subject too long', base({ subject: '事'.repeat(201) }), 'subject', 'too-long'],
    ['subject with a line break', base({ subject: 'a\nb' }), 'subject', 'invalid-input'],
    ['no category', base({ category: undefined }), 'category', 'missing-field'],
    ['unknown category', base({ category: 'gossip' }), 'category', 'unknown-category'],
    ['category not a string', base({ category: ['inquiry'] }), 'category', 'unknown-category'],
    ['category with script', base({ category: '<script>alert(1)</script>' }), 'category', 'unknown-category'],
    ['no importance', base({ importance: undefined }), 'importance', 'missing-field'],
    ['importance major (cases only)', base({ importance: 'major' }), 'importance', 'invalid-input'],
    ['unknown kind', base({ kind: 'fax' }), 'kind', 'invalid-input'],
    ['a message for nobody', base({ kind: 'message', message: WORDS }), 'forHostId', 'missing-field'],
    ['a transfer for nobody', base({ kind: 'transfer' }), 'forHostId', 'missing-field'],
    ['a message without words', base({ kind: 'message', forHostId: 'h-x' }), 'message', 'missing-field'],
    ['words on a plain call', base({ message: WORDS }), 'message', 'invalid-input'],
    ['message too long', base({ kind: 'message', forHostId: 'h-x', message: '字'.repeat(1001) }), 'message', 'too-long'],
    ['both host and department', base({ forHostId: 'h-x', forDepartment: '工程部' }), 'forDepartment', 'invalid-input'],
    ['unknown host', base({ forHostId: 'h-nobody' }), 'forHostId', 'unknown-host'],
    ['host id an object', base({ forHostId: { $ne: null } }), 'forHostId', 'invalid-input'],
    ['unknown department', base({ forDepartment: '没有这个部门' }), 'forDepartment', 'unknown-department'],
    ['department too long', base({ forDepartment: '部'.repeat(65) }), 'forDepartment', 'too-long'],
    ['at not a time', base({ at: 'yesterday' }), 'at', 'invalid-input'],
    ['at two minutes ahead', base({ at: iso(now + 2 * MINUTE) }), 'at', 'in-future'],
    ['at eight days back', base({ at: iso(now - 8 * 24 * 60 * MINUTE) }), 'at', 'too-old'],
  ];
  const failures: string[] = [];
  for (const [label, body, field, code] of rows) {
    const r = await logCall(body);
    const got = [r.status, r.body.error?.field, r.body.error?.code];
    if (JSON.stringify(got) !== JSON.stringify([400, field, code])) failures.push(`${label}: ${JSON.stringify(got)}`);
  }
  assert.equal(failures, []);
  // Within the bounds: a minute ahead is a clock's skew, seven days back is allowed.
  assert.is((await logCall(base({ at: iso(now + 50_000) }))).status, 201);
  assert.is((await logCall(base({ at: iso(now - 7 * 24 * 60 * MINUTE + MINUTE) }))).status, 201);
  // An inactive host is no one to take a message.
  const gone = await s.makeHost('离职的人', '市场部');
  assert.is((await s.api('PATCH', `/api/hosts/${gone.host.id}`, { active: false }, s.admin.token)).status, 200);
  const off = await message({ forHostId: gone.host.id });
  assert.equal([off.status, off.body.error?.field, off.body.error?.code], [400, 'forHostId', 'host-inactive']);
  // Broken bodies and queries.
  assert.is((await s.api('POST', '/api/calls', undefined, staff.reception, '{"caller":')).status, 400);
  assert.is((await s.api('POST', '/api/calls', { pad: 'x'.repeat(300_000) }, staff.reception)).status, 413);
  for (const [query, field] of [['?from=2026-13-01', 'from'], ['?to=yesterday', 'to'], ['?from=2026-12-02&to=2026-12-01', 'from'], ['?kind=fax', 'kind'],
    ['?limit=0', 'limit'], ['?limit=501', 'limit'], ['?cursor=abc', 'cursor'], [`?q=${'q'.repeat(65)}`, 'q']] as const) {
    const r = await s.api('GET', `/api/calls${query}`, undefined, staff.reception);
    assert.equal([r.status, r.body.error?.field], [400, field], query);
  }
  for (const path of ['/api/calls/nope/read', '/api/calls/nope/acknowledge', `/api/calls/${encodeURIComponent('../../x')}/read`, `/api/calls/20261201-${'f'.repeat(300)}/acknowledge`]) {
    const r = await s.api('POST', path, {}, staff.reception);
    assert.equal([r.status, r.body.error?.code], [404, 'call-not-found'], path);
  }
});

test('wrong roles: kiosk, security and hosts may not write or list calls; supervisors and admins read but do not write', async () => {
  await setUp();
  const failures: string[] = [];
  const expect = async (label: string, r: Promise<{ status: number }>, status: number) => {
    const got = (await r).status;
    if (got !== status) failures.push(`${label}: ${got} (expected ${status})`);
  };
  for (const [who, token] of [['kiosk', staff.kiosk], ['security', staff.security], ['host', market.token], ['supervisor', staff.supervisor], ['admin', staff.admin]] as const) {
    await expect(`${who} writes a call`, logCall(base(), token), 403);
  }
  for (const [who, token] of [['kiosk', staff.kiosk], ['security', staff.security], ['host', market.token]] as const) {
    await expect(`${who} lists calls`, s.api('GET', '/api/calls', undefined, token), 403);
  }
  for (const [who, token] of [['reception', staff.reception], ['supervisor', staff.supervisor], ['security', staff.security], ['kiosk', staff.kiosk]] as const) {
    await expect(`${who} asks for a host's own`, s.api('GET', '/api/calls/mine', undefined, token), 403);
  }
  await expect('anonymous lists calls', s.api('GET', '/api/calls'), 401);
  const m = (await message()).body.call;
  const t = (await transfer()).body.call;
  for (const [who, token] of [['supervisor', staff.supervisor], ['security', staff.security], ['kiosk', staff.kiosk], ['admin', staff.admin]] as const) {
    await expect(`${who} reads a message`, readIt(m.id, token), 403);
    await expect(`${who} acknowledges a transfer`, acknowledge(t.id, token), 403);
  }
  await expect('another host reads the message', readIt(m.id, other.token), 403);
  await expect('another host acknowledges the transfer', acknowledge(t.id, other.token), 403);
  await expect('a host of another department reads a department\'s message',
    readIt((await message({ forHostId: undefined, forDepartment: '工程部' })).body.call.id, market.token), 403);
  const plain = (await logCall(base({ forHostId: market.host.id }))).body.call;
  await expect('the host reads a plain call for them (not a message)', readIt(plain.id, market.token), 403);
  await expect('reception reads a plain call', readIt(plain.id, staff.reception), 409);
  await expect('the host acknowledges a message', acknowledge(m.id, market.token), 409);
  await expect('the host reads a transfer', readIt(t.id, market.token), 409);
  assert.equal(failures, []);
});

test('a message reaches its host live and on their robot with the caller as written; two reads at once leave one readAt', async () => {
  await setUp();
  const host = await s.socket(market.token);
  const elsewhere = await s.socket(other.token);
  const desk = await s.socket(staff.reception);
  let strayed = 0;
  elsewhere.on('call:message', () => { strayed++; });
  const live = nextEvent(host, 'call:message', (p) => p.call.message?.text === '明早九点前回电');
  const r = await message({ message: '明早九点前回电' });
  assert.is(r.status, 201);
  const call = r.body.call;
  assert.equal((await live).call, call);
  const sent = await robotGot((b) => b.visit.id === call.id);
  assert.is(sent.type, 'call');
  assert.equal(sent.visitor, { name: CALLER.name, company: CALLER.organisation, phone: CALLER.phone });
  assert.match(sent.text.zh, '您有新留言');
  assert.match(sent.text.zh, '明早九点前回电');
  assert.is(sent.visit.id, call.id);

  const listedMine = await mine(market.token);
  assert.is(listedMine.find((c) => c.id === call.id)?.message.readAt, undefined, 'pending in the host\'s own list');
  const deskHeard = nextEvent(desk, 'call:updated', (p) => p.call.id === call.id && Boolean(p.call.message.readAt));
  const both = await Promise.all([readIt(call.id, market.token), readIt(call.id, staff.reception)]);
  assert.equal(both.map((b) => b.status).sort(), [200, 409]);
  const won = both.find((b) => b.status === 200)!.body.call;
  const lost = both.find((b) => b.status === 409)!.body.error;
  assert.is(lost.code, 'already-read');
  assert.is(lost.call.message.readAt, won.message.readAt, 'the loser is told of the one read');
  assert.is(won.message.readAt, iso());
  assert.is((await deskHeard).call.message.readBy, won.message.readBy);
  assert.is((await readIt(call.id, market.token)).status, 409, 'read once');
  assert.is(strayed, 0, 'another host hears nothing of it');
  for (const sock of [host, elsewhere, desk]) sock.close();
});

test('a message for a department reaches each of its hosts live; any of them reads it, for all', async () => {
  await setUp();
  const socks = await Promise.all(engineers.map((e) => s.socket(e.token)));
  const heard = socks.map((sock) => nextEvent(sock, 'call:message', (p) => p.call.forDepartment === '工程部' && p.call.message.text === '电梯异响'));
  const r = await message({ forHostId: undefined, forDepartment: '工程部', message: '电梯异响' });
  assert.is(r.status, 201, JSON.stringify(r.body));
  for (const h of await Promise.all(heard)) assert.is(h.call.id, r.body.call.id);
  for (const e of engineers) assert.ok((await mine(e.token)).some((c) => c.id === r.body.call.id), 'in each host\'s own list');
  assert.not.ok((await mine(market.token)).some((c) => c.id === r.body.call.id), 'not in another department\'s');
  const updated = nextEvent(socks[0], 'call:updated', (p) => p.call.id === r.body.call.id);
  assert.is((await readIt(r.body.call.id, engineers[1].token)).status, 200);
  assert.ok((await updated).call.message.readAt, 'the other host hears it was read');
  socks.forEach((sock) => sock.close());
});

test('an unread message is reminded once, 30 minutes after it was taken, live, on the robot and to the desk', async () => {
  await setUp();
  const start = now;
  const host = await s.socket(market.token);
  const desk = await s.socket(staff.reception);
  const m = (await message({ message: '请尽快回电' })).body.call;
  const marker = (await transfer({ forHostId: other.host.id })).body.call;
  assert.match((await robotGot((b) => b.visit.id === m.id)).text.zh, '您有新留言');
  // At 29 minutes: the marker transfer comes back (so the clock's job ran then), the message is not yet reminded.
  const markerBack = nextEvent(desk, 'call:updated', (p) => p.call.id === marker.id && Boolean(p.call.transfer?.returnedAt));
  now = start + 29 * MINUTE;
  await markerBack;
  const reminded = nextEvent(host, 'call:message', (p) => p.call.id === m.id && Boolean(p.call.message.remindedAt));
  const deskTold = nextEvent(desk, 'call:updated', (p) => p.call.id === m.id && Boolean(p.call.message.remindedAt));
  now = start + 30 * MINUTE;
  assert.is((await reminded).call.message.remindedAt, iso(start + 30 * MINUTE), 'reminded at 30 minutes, not before');
  assert.is((await deskTold).call.message.remindedAt, iso(start + 30 * MINUTE));
  const again = await robotGot((b) => b.visit.id === m.id && b.text.zh.includes('留言未读提醒'));
  assert.is(again.type, 'call');
  assert.is(again.visitor.name, CALLER.name);
  // Once: an hour on (another marker shows the job ran), the reminder stays the first.
  const second = (await transfer({ forHostId: other.host.id })).body.call;
  const secondBack = nextEvent(desk, 'call:updated', (p) => p.call.id === second.id && Boolean(p.call.transfer?.returnedAt));
  now = start + 90 * MINUTE;
  await secondBack;
  const stored = (await mine(market.token)).find((c) => c.id === m.id);
  assert.is(stored.message.remindedAt, iso(start + 30 * MINUTE), 'reminded once');
  // Read after the reminder, it leaves the pending list.
  assert.is((await readIt(m.id, market.token)).status, 200);
  host.close();
  desk.close();
});

test('a transfer nobody acknowledges comes back to the desk with an alert; one acknowledged in time does not', async () => {
  await setUp();
  const start = now;
  const host = await s.socket(market.token);
  const desk = await s.socket(staff.reception);
  const liveTransfer = nextEvent(host, 'call:transfer', (p) => p.call.subject === '转接：合同问题');
  const t = (await transfer({ subject: '转接：合同问题' })).body.call;
  assert.is((await liveTransfer).call.id, t.id);
  const taken = (await transfer({ subject: '转接：已接' })).body.call;
  const ack = await acknowledge(taken.id, market.token);
  assert.is(ack.status, 200);
  assert.is(ack.body.call.transfer.acknowledgedAt, iso());
  const alert = nextEvent(desk, 'alert', (p) => p.alert.kind === 'transfer-returned' && p.alert.data?.call === t.id);
  const back = nextEvent(desk, 'call:updated', (p) => p.call.id === t.id && Boolean(p.call.transfer?.returnedAt));
  now = start + 10 * MINUTE;
  const a = (await alert).alert;
  assert.equal(a.data, { call: t.id, to: market.host.name, minutes: 10 });
  assert.not.ok(JSON.stringify(a).includes(CALLER.name) || JSON.stringify(a).includes(CALLER.phone), 'the alert names no caller');
  assert.is((await back).call.transfer.returnedAt, iso(start + 10 * MINUTE));
  const kept = (await s.api('GET', '/api/alerts?open=1', undefined, staff.reception)).body.alerts;
  assert.ok(kept.some((k: any) => k.kind === 'transfer-returned' && k.data.call === t.id), 'kept for reception');
  // The acknowledged one stays with its host.
  const day = await listed('?limit=500');
  assert.is(day.calls.find((c: any) => c.id === taken.id).transfer.returnedAt, undefined);
  // Back at the desk, reception takes it; once.
  const both = await Promise.all([acknowledge(t.id, staff.reception), acknowledge(t.id, market.token)]);
  assert.equal(both.map((b) => b.status).sort(), [200, 409]);
  assert.is(both.find((b) => b.status === 409)!.body.error.code, 'already-acknowledged');
  host.close();
  desk.close();
});

test('a host reads only their own through /api/calls/mine, pending first', async () => {
  await setUp();
  const handled = (await message({ message: '已处理的留言' })).body.call;
  assert.is((await readIt(handled.id, market.token)).status, 200);
  const pending = (await message({ message: '未读的留言' })).body.call;
  const theirs = (await message({ forHostId: other.host.id, message: '别人的留言' })).body.call;
  const list = await mine(market.token);
  const ids = list.map((c) => c.id);
  assert.ok(ids.includes(pending.id) && ids.includes(handled.id));
  assert.not.ok(ids.includes(theirs.id), 'never another host\'s');
  assert.ok(ids.indexOf(pending.id) < ids.indexOf(handled.id), 'pending first');
  const pendingFlags = list.map(isPending);
  assert.equal(pendingFlags, [...pendingFlags].sort((a, b) => Number(b) - Number(a)), 'every pending one before any handled');
  assert.ok(list.every((c) => c.kind !== 'call'), 'messages and transfers only');
  assert.ok((await mine(other.token)).some((c) => c.id === theirs.id));
  assert.is((await s.api('GET', '/api/calls', undefined, market.token)).status, 403);
});

test('the log has each step with who and the call, never the caller\'s name or phone, the subject or the words', async () => {
  await setUp();
  const secret = { name: '保密来电人欧阳', phone: '13712340987', organisation: '保密公司', subject: '保密的事由', words: '保密的留言内容' };
  const m = (await logCall(base({ caller: { name: secret.name, phone: secret.phone, organisation: secret.organisation }, subject: secret.subject, kind: 'message', forHostId: market.host.id, message: secret.words }))).body.call;
  await robotGot((b) => b.visit.id === m.id); // told on the robot, as the host's own message
  assert.is((await readIt(m.id, staff.reception)).status, 200);
  const t = (await logCall(base({ caller: { name: secret.name, phone: secret.phone }, subject: secret.subject, kind: 'transfer', forDepartment: '工程部' }))).body.call;
  assert.is((await acknowledge(t.id, engineers[0].token)).status, 200);
  const events = (await s.api('GET', `/api/log?from=${iso(Date.parse('2026-11-30T00:00:00Z'))}&to=${iso(now + MINUTE)}`, undefined, s.admin.token)).body.events as any[];
  const about = (id: string) => events.filter((e) => e.data?.call === id).map((e) => [e.kind, e.actor?.split(':')[0]]);
  assert.equal(about(m.id), [['call-logged', 'user'], ['call-message-read', 'user']]);
  assert.equal(about(t.id), [['call-logged', 'user'], ['call-transfer-acknowledged', 'user']]);
  const logged = events.find((e) => e.kind === 'call-logged' && e.data.call === m.id);
  assert.equal(logged.data, { call: m.id, kind: 'message', category: 'inquiry', importance: 'normal', host: market.host.id });
  const all = JSON.stringify(events) + s.logs.join('\n');
  for (const [what, value] of Object.entries(secret)) assert.not.ok(all.includes(value), `the log holds no ${what}`);
});

test('FOYER_MESSAGE_REMIND_MIN and FOYER_TRANSFER_RETURN_MIN: 30 and 10 by default, whole minutes from 1 to 1440', () => {
  const minutes = (env: Record<string, string>) => { const c = parseConfig(env); return [c.messageRemindMin, c.transferReturnMin]; };
  assert.equal(minutes({}), [30, 10]);
  assert.equal(minutes({ FOYER_MESSAGE_REMIND_MIN: '1', FOYER_TRANSFER_RETURN_MIN: '1440' }), [1, 1440]);
  for (const [name, value] of [['FOYER_MESSAGE_REMIND_MIN', '0'], ['FOYER_MESSAGE_REMIND_MIN', '2.5'], ['FOYER_TRANSFER_RETURN_MIN', '1441'], ['FOYER_TRANSFER_RETURN_MIN', 'ten']]) {
    assert.throws(() => parseConfig({ [name]: value }), (e: Error) => e instanceof ConfigError && e.message.includes(name), `${name}=${value}`);
  }
});

test.run();
