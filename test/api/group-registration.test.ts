// A group at the desk: several visitors for one host at once, each their own visit and badge, the host told once.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, nextEvent, residentId, type TestServer } from '../helpers/server.ts';
import { readPrintedQr } from '../helpers/qr.ts';

let s: TestServer;
let reception: { token: string };
test.before(async () => {
  s = await startServer();
  reception = await s.makeUser('reception');
});
test.after(async () => { await s.close(); });

let people = 0;
/** A visitor nobody else in this file has: a resident ID of their own. */
function visitor(name = `访客${people}`, over: Record<string, unknown> = {}) {
  people += 1;
  return { name, idType: 'cn-resident', idNumber: residentId('19850612', String(100 + people).padStart(3, '0')), ...over };
}
const rows = (n: number) => Array.from({ length: n }, (_, i) => visitor(`团员${people}-${i}`));
const visitCount = async () => (await s.api('GET', '/api/visits', undefined, s.admin.token)).body.visits.length;

test('bad input: 400 naming the field (a row by its place), and nobody of the group is registered', async () => {
  const { host } = await s.makeHost('欧阳锋', '销售部');
  const base = () => ({ hostId: host.id, purpose: '参观 Tour', company: '星河科技', visitors: rows(3) });
  const withRow = (i: number, over: Record<string, unknown>) => { const b = base(); b.visitors[i] = { ...b.visitors[i], ...over }; return b; };
  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    ['no visitors', { ...base(), visitors: undefined }, 'visitors', 'missing-field'],
    ['visitors not a list', { ...base(), visitors: { name: 'A' } }, 'visitors', 'invalid-input'],
    ['0 visitors', { ...base(), visitors: [] }, 'visitors', 'too-short'],
    ['1 visitor', { ...base(), visitors: rows(1) }, 'visitors', 'too-short'],
    ['51 visitors', { ...base(), visitors: rows(51) }, 'visitors', 'too-long'],
    ['a row that is not an object', { ...base(), visitors: [visitor(), 'Bob'] }, 'visitors[1]', 'invalid-input'],
    ['a row without a name', withRow(1, { name: ' ' }), 'visitors[1].name', 'missing-field'],
    ['a name over 64', withRow(0, { name: 'x'.repeat(65) }), 'visitors[0].name', 'too-long'],
    ['an unknown ID type', withRow(2, { idType: 'licence' }), 'visitors[2].idType', 'invalid-input'],
    ['a resident ID with a wrong checksum', withRow(2, { idNumber: '110105198506121230' }), 'visitors[2].idNumber', 'id-checksum'],
    ['a bad phone', withRow(1, { phone: 'call me' }), 'visitors[1].phone', 'invalid-input'],
    ['a control character in a name', withRow(0, { name: 'A\u0007B' }), 'visitors[0].name', 'invalid-input'],
    ['the same ID twice', (() => { const b = base(); b.visitors[2] = { ...b.visitors[2], idNumber: b.visitors[0].idNumber }; return b; })(), 'visitors[2].idNumber', 'duplicate'],
    ['an emoji in the third name', withRow(2, { name: '王小明😀' }), 'visitors[2].name', 'unprintable'],
    ['no host', { ...base(), hostId: undefined }, 'hostId', 'missing-field'],
    ['an unknown host', { ...base(), hostId: 'h-nobody' }, 'hostId', 'unknown-host'],
    ['no purpose', { ...base(), purpose: '' }, 'purpose', 'missing-field'],
    ['a company over 100', { ...base(), company: 'c'.repeat(101) }, 'company', 'too-long'],
    ['a bad requestId', { ...base(), requestId: 'a b' }, 'requestId', 'invalid-input'],
    ['printAnyway not a boolean', { ...base(), printAnyway: 'yes' }, 'printAnyway', 'invalid-input'],
  ];
  const before = await visitCount();
  for (const [what, body, field, code] of cases) {
    const r = await s.api('POST', '/api/visits/group', body, reception.token);
    assert.is(r.status, 400, `${what}: ${JSON.stringify(r.body)}`);
    assert.is(r.body.error.field, field, what);
    assert.is(r.body.error.code, code, what);
  }
  assert.is(await visitCount(), before, 'no visit of any refused group was stored');
});

test('an unprintable name names its row and characters; sent again with printAnyway the group registers', async () => {
  const { host } = await s.makeHost('黄药师', '工程部');
  const body = { hostId: host.id, purpose: 'Audit', visitors: [visitor('Ana'), visitor('Bo 🙂')] };
  const r = await s.api('POST', '/api/visits/group', body, reception.token);
  assert.is(r.status, 400);
  assert.equal(r.body.error.characters, ['🙂']);
  assert.is(r.body.error.field, 'visitors[1].name');
  const again = await s.api('POST', '/api/visits/group', { ...body, printAnyway: true }, reception.token);
  assert.is(again.status, 201, JSON.stringify(again.body));
  assert.equal(again.body.visits.map((v: any) => v.visitor.name), ['Ana', 'Bo 🙂']);
});

test('only reception registers a group: kiosk, host, security and admin 403; no token 401', async () => {
  const { host, token: hostToken } = await s.makeHost('洪七公', '丐帮');
  const kiosk = await s.pairKiosk();
  const security = await s.makeUser('security');
  const body = { hostId: host.id, purpose: 'x', visitors: rows(2) };
  for (const [who, token] of [['kiosk', kiosk.token], ['host', hostToken], ['security', security.token], ['admin', s.admin.token]] as const) {
    assert.is((await s.api('POST', '/api/visits/group', body, token)).status, 403, who);
  }
  assert.is((await s.api('POST', '/api/visits/group', body)).status, 401);
});

test('every visitor gets a visit of their own sharing the groupId; the host hears of the group once, in the log once', async () => {
  const { host, token } = await s.makeHost('郭靖', '襄阳办');
  const hostSock = await s.socket(token);
  const arrivals: any[] = [];
  hostSock.on('visit:arrived', (p: any) => arrivals.push(p.visit));
  const r = await s.api('POST', '/api/visits/group', { hostId: host.id, purpose: '参观', company: '桃花岛', visitors: rows(5) }, reception.token);
  assert.is(r.status, 201, JSON.stringify(r.body));
  const { visits, groupId } = r.body;
  assert.is(visits.length, 5);
  assert.ok(/^g-/.test(groupId));
  assert.is(new Set(visits.map((v: any) => v.id)).size, 5);
  for (const v of visits) {
    assert.is(v.status, 'awaiting-host');
    assert.is(v.group.id, groupId);
    assert.equal(v.group.visitIds, visits.map((x: any) => x.id));
    assert.is(v.visitor.company, '桃花岛');
    assert.is(v.companions, 0, 'each person is a visitor of their own, not a companion');
    assert.ok(!('requestId' in v) && !('idHash' in v));
  }
  // A single visitor for the same host afterwards: its arrival comes after anything the group sent.
  const single = nextEvent(hostSock, 'visit:arrived', (p: any) => p.visit.visitor.name === '独行');
  await s.api('POST', '/api/visits', { visitor: visitor('独行'), purpose: 'x', hostId: host.id }, reception.token);
  await single;
  assert.equal(arrivals.filter((v) => v.group?.id === groupId).map((v) => v.id), [visits[0].group.lead]);
  const ids = visits.map((v: any) => v.id).join(' ');
  const log = (await s.api('GET', `/api/log?q=${visits[0].id}`, undefined, s.admin.token)).body.events;
  assert.ok(log.some((e: any) => e.kind === 'visit-registered' && e.data.group === groupId), ids);
  const security = await s.makeUser('security');
  let notified = 0;
  for (const v of visits) {
    const events = (await s.api('GET', `/api/log?q=${v.id}`, undefined, security.token)).body.events;
    notified += events.filter((e: any) => e.kind === 'host-notified' && e.visitId === v.id).length;
  }
  assert.is(notified, 1, 'one host-notified for the group');
});

test('approve all: each visitor gets a badge of their own, printed once, with distinct codes that read back', async () => {
  const { host, token } = await s.makeHost('黄蓉', '襄阳办');
  const desk = await s.socket(reception.token);
  const r = await s.api('POST', '/api/visits/group', { hostId: host.id, purpose: '参观', visitors: rows(3) }, reception.token);
  const ids: string[] = r.body.visits.map((v: any) => v.id);
  const onSite = new Map<string, any>();
  const all = new Promise<void>((resolve) => desk.on('visit:updated', (p: any) => {
    if (ids.includes(p.visit.id) && p.visit.status === 'on-site') onSite.set(p.visit.id, p.visit);
    if (onSite.size === ids.length) resolve();
  }));
  const d = await s.api('POST', `/api/visits/${r.body.visits[0].group.lead}/decision`, { decision: 'approve' }, token);
  assert.is(d.status, 200, JSON.stringify(d.body));
  await all;
  const codes = ids.map((id) => onSite.get(id).badge.code);
  assert.is(new Set(codes).size, 3, 'three distinct badge codes');
  for (const id of ids) {
    const visit = onSite.get(id);
    assert.is(visit.decidedBy, d.body.visit.decidedBy);
    assert.is(await readPrintedQr(s.url, visit.badge.jobId, reception.token), visit.badge.code, `the badge printed for ${visit.number} carries its own code`);
  }
  assert.is(new Set(ids.map((id) => onSite.get(id).badge.jobId)).size, 3, 'one print job per visitor');
});

test('deny all: the host denies the group once and every member is denied, nothing printed', async () => {
  const { host, token } = await s.makeHost('杨过', '古墓');
  const r = await s.api('POST', '/api/visits/group', { hostId: host.id, purpose: 'x', visitors: rows(3) }, reception.token);
  const d = await s.api('POST', `/api/visits/${r.body.visits[1].id}/decision`, { decision: 'deny', message: '今天不便' }, token);
  assert.is(d.status, 200, JSON.stringify(d.body));
  for (const v of r.body.visits) {
    const now = (await s.api('GET', `/api/visits/${v.id}`, undefined, reception.token)).body.visit;
    assert.is(now.status, 'denied', v.number);
    assert.is(now.hostMessage, '今天不便');
    assert.is(now.badge, undefined);
  }
});

test('a watchlist hit holds or refuses that one member; the host decides the others, the held one stays with reception', async () => {
  const { host, token } = await s.makeHost('小龙女', '古墓');
  const security = await s.makeUser('security');
  const members = rows(4);
  members[1] = visitor('欧阳克');
  await s.api('POST', '/api/watchlist', { name: '欧阳克', reason: 'likeness' }, security.token);
  await s.api('POST', '/api/watchlist', { idType: 'cn-resident', idNumber: members[3].idNumber, reason: 'banned' }, security.token);
  const secSock = await s.socket(security.token);
  const alerts: any[] = [];
  secSock.on('alert', (p: any) => alerts.push(p.alert));
  const r = await s.api('POST', '/api/visits/group', { hostId: host.id, purpose: 'x', visitors: members }, reception.token);
  assert.is(r.status, 201, JSON.stringify(r.body));
  const [a, held, c, refused] = r.body.visits;
  assert.is(held.status, 'awaiting-host');
  assert.is(held.escalation.level, 'reception');
  assert.is(refused.status, 'refused');
  assert.is(a.group.lead, a.id);
  assert.equal([a, held, c, refused].map((v: any) => v.group.alone ?? false), [false, true, false, true], 'a watchlist match is decided alone');
  // The host sees only those they may decide: not the held one.
  const mine = (await s.api('GET', '/api/visits', undefined, token)).body.visits.map((v: any) => v.id);
  assert.ok(mine.includes(a.id) && mine.includes(c.id) && !mine.includes(held.id));
  const d = await s.api('POST', `/api/visits/${a.id}/decision`, { decision: 'approve' }, token);
  assert.is(d.status, 200);
  const status = async (id: string) => (await s.api('GET', `/api/visits/${id}`, undefined, reception.token)).body.visit.status;
  assert.ok(['approved', 'on-site'].includes(await status(c.id)));
  assert.is(await status(held.id), 'awaiting-host', 'the held member is not decided with the group');
  assert.is(await status(refused.id), 'refused');
  assert.is((await s.api('POST', `/api/visits/${held.id}/decision`, { decision: 'approve' }, token)).status, 403, 'the host cannot decide the held one');
  await nextEvent(secSock, 'alert', () => alerts.filter((x) => x.kind === 'watchlist-hit').length >= 2).catch(() => undefined);
  assert.equal(alerts.filter((x) => x.kind === 'watchlist-hit').map((x) => x.visitId).sort(), [held.id, refused.id].sort());
});

test('the same requestId sent three times at once registers one group; the others get it back with 200', async () => {
  const { host } = await s.makeHost('周伯通', '全真');
  const body = { hostId: host.id, purpose: 'x', visitors: rows(3), requestId: 'group-req-0001' };
  const before = await visitCount();
  const answers = await Promise.all([1, 2, 3].map(() => s.api('POST', '/api/visits/group', body, reception.token)));
  assert.equal(answers.map((a) => a.status).sort(), [200, 200, 201]);
  assert.is(new Set(answers.map((a) => a.body.groupId)).size, 1);
  assert.equal(answers[0].body.visits.map((v: any) => v.id), answers[2].body.visits.map((v: any) => v.id));
  assert.is(await visitCount(), before + 3);
  // Another desk's identical key is its own request.
  const other = await s.makeUser('reception');
  assert.is((await s.api('POST', '/api/visits/group', { ...body, visitors: rows(2) }, other.token)).status, 201);
});

test('visit numbers stay unique for the day with groups and single visitors registered at once', async () => {
  const { host } = await s.makeHost('段誉', '大理');
  const kiosk = await s.pairKiosk();
  const groups = [1, 2, 3, 4].map(() => s.api('POST', '/api/visits/group', { hostId: host.id, purpose: 'x', visitors: rows(4) }, reception.token));
  const singles = [1, 2, 3].map(() => s.api('POST', '/api/visits', { visitor: visitor(), purpose: 'x', hostId: host.id }, kiosk.token));
  const answers = await Promise.all([...groups, ...singles]);
  const numbers = answers.flatMap((a) => a.body.visits?.map((v: any) => v.number) ?? [a.body.visit.number]);
  assert.is(numbers.length, 19);
  const day = (await s.api('GET', '/api/visits', undefined, s.admin.token)).body.visits.map((v: any) => v.number);
  assert.is(new Set(day).size, day.length, 'no number twice in the day');
});

test('a group nobody answers is passed on once: the delegate and then reception hear of it by its lead only', async () => {
  const slow = await startServer({ hostTimeoutS: 0.4 });
  try {
    const delegate = await slow.makeHost('秘书小周', '总经办');
    const boss = await slow.makeHost('周总', '总经办', { delegateId: delegate.host.id });
    const desk = await slow.makeUser('reception');
    await slow.socket(boss.token); // the host's console is open, but nobody answers
    const delegateSock = await slow.socket(delegate.token);
    const deskSock = await slow.socket(desk.token);
    const arrivals: string[] = [];
    const alerts: string[] = [];
    delegateSock.on('visit:arrived', (p: any) => arrivals.push(`delegate:${p.visit.id}`));
    deskSock.on('visit:arrived', (p: any) => arrivals.push(`reception:${p.visit.id}`));
    deskSock.on('alert', (p: any) => alerts.push(`${p.alert.kind}:${p.alert.visitId ?? ''}`));
    const r = await slow.api('POST', '/api/visits/group', { hostId: boss.host.id, purpose: 'x', visitors: rows(3) }, desk.token);
    const ids: string[] = r.body.visits.map((v: any) => v.id);
    const atDesk = new Set<string>();
    await new Promise<void>((resolve) => deskSock.on('visit:updated', (p: any) => {
      if (ids.includes(p.visit.id) && p.visit.escalation.level === 'reception') atDesk.add(p.visit.id);
      if (atDesk.size === ids.length) resolve();
    }));
    // A panic from the desk reaches the same sockets after anything the escalation sent.
    const panic = nextEvent(deskSock, 'alert', (p: any) => p.alert.kind === 'panic');
    await slow.api('POST', '/api/panic', { where: 'desk' }, desk.token);
    await panic;
    const lead = r.body.visits[0].group.lead;
    assert.equal(arrivals, [`delegate:${lead}`, `reception:${lead}`]);
    assert.equal(alerts.filter((a) => a.startsWith('escalation')), [`escalation:${lead}`]);
  } finally {
    await slow.close();
  }
});

test('a purpose the site lets in without approval: the whole group is approved at once and each badge prints', async () => {
  const site = await startServer();
  try {
    const set = await site.api('PATCH', '/api/settings', { purposes: [{ zh: '送货', en: 'Delivery', approval: false, escort: false }] }, site.admin.token);
    assert.is(set.status, 200, JSON.stringify(set.body));
    const { host } = await site.makeHost('快递站', '物流部');
    const desk = await site.makeUser('reception');
    const sock = await site.socket(desk.token);
    const onSite = new Map<string, any>();
    const printed = new Promise<void>((resolve) => sock.on('visit:updated', (p: any) => {
      if (p.visit.status === 'on-site') onSite.set(p.visit.id, p.visit);
      if (onSite.size === 2) resolve();
    }));
    const r = await site.api('POST', '/api/visits/group', { hostId: host.id, purpose: 'Delivery', visitors: rows(2) }, desk.token);
    assert.is(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.visits.map((v: any) => v.decidedBy), ['purpose', 'purpose']);
    await printed; // printing runs after the answer
    for (const v of r.body.visits) {
      const now = onSite.get(v.id);
      assert.is(await readPrintedQr(site.url, now.badge.jobId, desk.token), now.badge.code, `${now.number} printed its own badge`);
    }
    const bad = await site.api('POST', '/api/visits/group', { hostId: host.id, purpose: '参观', visitors: rows(2) }, desk.token);
    assert.is(bad.body.error?.code, 'unknown-purpose');
  } finally {
    await site.close();
  }
});

test.run();
