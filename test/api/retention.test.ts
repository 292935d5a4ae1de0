// Retention: personal data of visits and invitations that ended FOYER_RETENTION_DAYS ago leaves every file.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, nextEvent, residentId, ADMIN, type TestServer } from '../helpers/server.ts';

const DAY = 24 * 3600_000;
const START = Date.parse('2026-01-10T10:00:00+08:00');
let now = START;
let s: TestServer;
test.before(async () => { s = await startServer({ hostTimeoutS: 0.8, clock: () => new Date(now) }); });
test.after(async () => { await s.close(); });

const ID = residentId('19851122', '417');
const PERSON = { name: '隐私测试甲', idType: 'cn-resident', idNumber: ID, phone: '13987654321', company: '秘密咨询公司' };
const MASKED = `${ID.slice(0, 6)}********${ID.slice(-4)}`;
const SECRETS = [PERSON.name, PERSON.phone, MASKED, ID, PERSON.company, '京Q7Z9X1', 'Stradivarius violin', '请改天再来'];

/** Logs in again: moving the clock a season on ends every 12-hour staff session. */
const fresh = (username: string, password = 'a-long-password') => s.login(username, password);

const adminToken = () => fresh(ADMIN.username, ADMIN.password);
/** The log's newest event number, before the clock is moved. */
const headSeq = async () => (await s.api('GET', '/api/log/verify', undefined, await adminToken())).body.head.seq as number;

/** The first retention-run after seq, read from the log as security reads it (signing in again: the clock moved on). */
async function waitForRun(afterSeq: number, check: (data: any) => boolean = () => true) {
  for (const deadline = Date.now() + 8000; Date.now() < deadline;) {
    const events = (await s.api('GET', '/api/log?q=retention-run', undefined, await adminToken())).body.events ?? [];
    const run = events.find((e: any) => e.kind === 'retention-run' && e.seq > afterSeq && check(e.data));
    if (run) return { event: run };
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`no retention-run after #${afterSeq} within 8 s`);
}

test('a season on, the retention job erases ended visits and invitations from every file; reports still count them', async () => {
  const { host, user: hostUser } = await s.makeHost('保密官', '法务部');
  const kiosk = await s.pairKiosk();
  const security = await s.makeUser('security');
  const kioskSock = await s.socket(kiosk.token);
  const hostToken = await fresh(hostUser.username);
  const day = '2026-01-10';

  // A: a walk-in with a car and an instrument, approved, printed, scanned out.
  const a = (await s.api('POST', '/api/visits', { visitor: PERSON, purpose: 'Audit', hostId: host.id, plate: '京Q7Z9X1', items: ['Stradivarius violin'] }, kiosk.token)).body.visit;
  const aPrinted = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.id === a.id && p.visit.status === 'on-site');
  await s.api('POST', `/api/visits/${a.id}/decision`, { decision: 'approve' }, hostToken);
  const badge = (await aPrinted).visit.badge;
  assert.is((await s.api('POST', '/api/scan', { code: badge.code, direction: 'out' }, kiosk.token)).body.visit.status, 'checked-out');
  // B: denied with a message for the visitor.
  const b = (await s.api('POST', '/api/visits', { visitor: PERSON, purpose: 'Audit again', hostId: host.id }, kiosk.token)).body.visit;
  await s.api('POST', `/api/visits/${b.id}/decision`, { decision: 'deny', message: '请改天再来' }, hostToken);
  // C: an invitation with the person's phone and company, used, scanned out.
  const appt = (await s.api('POST', '/api/appointments', { visitor: { name: PERSON.name, phone: '+86 139 8765 4321', company: PERSON.company }, purpose: 'Signing', start: new Date(now).toISOString(), end: new Date(now + 2 * 3600_000).toISOString() }, hostToken)).body.appointment;
  const cPrinted = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.status === 'on-site' && p.visit.appointmentId === appt.id);
  const c = (await s.api('POST', '/api/visits', { visitor: { name: PERSON.name, idType: 'cn-resident', idNumber: ID }, inviteCode: appt.inviteCode }, kiosk.token)).body.visit;
  await s.api('POST', '/api/scan', { code: (await cPrinted).visit.badge.code, direction: 'out' }, kiosk.token);
  // D: someone else, still on site: never erased while open.
  const dPrinted = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.status === 'on-site' && p.visit.visitor.name === 'Still Inside');
  const d = (await s.api('POST', '/api/visits', { visitor: { name: 'Still Inside', idType: 'passport', idNumber: 'E7654321' }, purpose: 'Night shift', hostId: host.id }, kiosk.token)).body.visit;
  await s.api('POST', `/api/visits/${d.id}/decision`, { decision: 'approve' }, hostToken);
  const dBadge = (await dPrinted).visit.badge;
  // A temp file a crash left behind two hours ago (under a name no later write reuses), holding the day's visits.
  // (On PostgreSQL the data directory holds only prints, and the crash's leftover is a copy of a badge.)
  const stale = s.database ? path.join(s.dataDir, 'prints', '.crashed.png.tmp') : path.join(s.dataDir, 'visits', '.2026-01-09.jsonl.tmp');
  const held = fs.readdirSync(path.join(s.dataDir, 'prints')).find((f) => f.endsWith('.png'))!;
  fs.copyFileSync(s.database ? path.join(s.dataDir, 'prints', held) : path.join(s.dataDir, 'visits', `${day}.jsonl`), stale);
  fs.utimesSync(stale, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
  assert.ok((await s.holding(PERSON.name)).length >= (s.database ? 2 : 3), 'the name is stored before retention');
  assert.ok(fs.readdirSync(path.join(s.dataDir, 'prints')).some((f) => f.endsWith('.png')), 'badges were printed');

  const before = await headSeq();
  now = START + 181 * DAY;
  const data = (await waitForRun(before, (d) => d.visits > 0)).event.data;
  assert.equal({ visits: data.visits, appointments: data.appointments, held: data.held, days: data.days }, { visits: 3, appointments: 1, held: 1, days: 1 });
  assert.is(data.prints, 2, 'the badges of the erased visits went too');
  assert.is(data.leftovers, 1, 'the stale temp file went');
  assert.is(data.cutoff, new Date(now - 180 * DAY).toISOString());
  assert.not.ok(JSON.stringify(data).includes(PERSON.name), 'the log event holds counts, not people');

  const checkEverything = async (when: string) => {
    for (const secret of SECRETS) assert.equal(await s.holding(secret), [], `${when}: "${secret}" is stored nowhere`);
    assert.ok((await s.holding('Still Inside')).length > 0, `${when}: the open visit keeps its visitor (and the scan finds names)`);
    const token = await fresh(security.user.username);
    const list = (await s.api('GET', `/api/visits?day=${day}`, undefined, token)).body.visits;
    assert.is(list.length, 4, `${when}: the day still counts every visit`);
    for (const v of list.filter((x: any) => x.id !== d.id)) {
      assert.ok(v.erasedAt, `${when}: ${v.id} is marked erased`);
      assert.equal(v.visitor, { name: '', idType: 'cn-resident', idNumberMasked: '' });
      assert.equal(v.items, []);
      for (const gone of ['plate', 'hostMessage', 'companionNames']) assert.is(v[gone], undefined, gone);
      assert.is(v.host.name, '保密官', 'who was visited stays for reports');
    }
    assert.equal(list.find((x: any) => x.id === a.id).status, 'checked-out');
    assert.equal(list.find((x: any) => x.id === b.id).status, 'denied');
    const open = list.find((x: any) => x.id === d.id);
    assert.equal([open.status, open.visitor.name, open.erasedAt], ['on-site', 'Still Inside', undefined]);
    assert.is((await s.api('GET', '/api/log/verify', undefined, token)).body.chain.ok, true, `${when}: the log still verifies`);
    assert.equal(fs.readdirSync(path.join(s.dataDir, 'prints')).sort(), [`${dBadge.jobId}.bin`, `${dBadge.jobId}.png`], `${when}: only the open visit's badge is left`);
  };
  await checkEverything('after the run');
  assert.ok(c.id);

  await s.restart();
  await checkEverything('after a restart');

  // The watermark: the next day's run reads no day already done; the open visit is only re-checked.
  const reads: string[] = [];
  const store = s.app.ctx.store;
  const visitsOfDay = store.visitsOfDay.bind(store);
  store.visitsOfDay = async (dd: string) => { reads.push(dd); return visitsOfDay(dd); };
  const beforeNext = await headSeq();
  now += DAY;
  const next = (await waitForRun(beforeNext)).event.data;
  assert.equal(reads, [], 'no visit day is read again');
  assert.equal([next.days, next.visits, next.held], [0, 0, 1]);
});

test('a visit still open when its day falls due is held, and erased retentionDays after it ends', async () => {
  s.admin.token = await fresh(ADMIN.username, ADMIN.password);
  const { host, token: hostToken } = await s.makeHost('值班经理', '安保部');
  const kiosk = await s.pairKiosk('Side door');
  const kioskSock = await s.socket(kiosk.token);
  const v = (await s.api('POST', '/api/visits', { visitor: { name: 'Long Stayer', idType: 'passport', idNumber: 'E1112223' }, purpose: 'Contract', hostId: host.id }, kiosk.token)).body.visit;
  const onSite = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.id === v.id && p.visit.status === 'on-site');
  await s.api('POST', `/api/visits/${v.id}/decision`, { decision: 'approve' }, hostToken);
  await onSite;
  const beforeHeld = await headSeq();
  now += 182 * DAY; // the visitor never left: the day is due, the visit is still open
  assert.ok((await waitForRun(beforeHeld, (d) => d.days >= 1)).event.data.held >= 1);
  const read = async () => (await s.api('GET', `/api/visits/${v.id}`, undefined, await fresh(ADMIN.username, ADMIN.password))).body.visit;
  assert.equal([(await read()).visitor.name, (await read()).status], ['Long Stayer', 'on-site'], 'an open visit is never erased');
  const out = await s.api('POST', `/api/visits/${v.id}/checkout`, { reason: 'Left by the side door' }, await adminToken());
  assert.is(out.status, 200, 'security closes the overstay by hand');
  const beforeLater = await headSeq();
  now += 100 * DAY;
  assert.is((await waitForRun(beforeLater)).event.data.visits, 0, 'it ended 100 days ago: kept');
  const beforeLast = await headSeq();
  now += 81 * DAY;
  assert.is((await waitForRun(beforeLast)).event.data.visits, 1, 'it ended 181 days ago: erased from the held list');
  assert.equal([(await read()).visitor.name, Boolean((await read()).erasedAt)], ['', true]);
});

test.run();
