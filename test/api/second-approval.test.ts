// A second approval (保密管理部门 for sensitive visits): after the host agrees, one host of the settings' department
// must agree too; the badge prints only then. Deny at either step ends it; nobody approves twice; reception cannot
// stand in; two second approvers at once: one decision lands.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { startServer, nextEvent, type TestServer } from '../helpers/server.ts';
import { fromRgba } from '../../printer/bitmap.ts';
import { readQr } from '../helpers/qr.ts';
import { nextEscalation } from '../../server/domain/visits.ts';
import { robot } from '../helpers/robot.ts';

const OFFICE = '保密办公室';
const SENSITIVE = { zh: '涉密会谈', en: 'Classified talks', approval: true, escort: false, secondApproval: true };
const MEETING = { zh: '开会', en: 'Meeting', approval: true, escort: false };

let s: TestServer;
let kiosk: Awaited<ReturnType<TestServer['pairKiosk']>>;
let officer1: Awaited<ReturnType<TestServer['makeHost']>>;
let officer2: Awaited<ReturnType<TestServer['makeHost']>>;
test.before(async () => {
  s = await startServer();
  kiosk = await s.pairKiosk();
  officer1 = await s.makeHost('保密员甲', OFFICE);
  officer2 = await s.makeHost('保密员乙', OFFICE);
  const set = await s.api('PATCH', '/api/settings', { secondApprover: { department: OFFICE }, purposes: [SENSITIVE, MEETING] }, s.admin.token);
  if (set.status !== 200) throw new Error(JSON.stringify(set.body));
});
test.after(async () => { await s.close(); });

let seq = 0;
const visitor = (name = `访客${++seq}`) => ({ name, idType: 'passport', idNumber: `G${String(7000000 + ++seq)}` });
const decision = (id: string, body: object, token: string) => s.api('POST', `/api/visits/${id}/decision`, body, token);
async function arrive(host: { host: { id: string } }, purpose = SENSITIVE.en, name?: string) {
  const reg = await s.api('POST', '/api/visits', { visitor: visitor(name), purpose, hostId: host.host.id }, kiosk.token);
  assert.is(reg.status, 201, JSON.stringify(reg.body));
  return reg.body.visit;
}
const log = async (id: string) => (await s.api('GET', `/api/log?q=${id}`, undefined, s.admin.token)).body.events as any[];

/** The QR code on the badge as the virtual printer printed it. */
async function printedCode(jobId: string): Promise<string | undefined> {
  const png = await fetch(`${s.url}/api/prints/${jobId}.png`, { headers: { authorization: `Bearer ${s.admin.token}` } });
  const image = await loadImage(Buffer.from(await png.arrayBuffer()));
  const c = createCanvas(image.width, image.height).getContext('2d');
  c.drawImage(image, 0, 0);
  return readQr(fromRgba(c.getImageData(0, 0, image.width, image.height).data, image.width, image.height));
}

test('the whole path: the host agrees, the office hears it live, one officer agrees, the badge prints and reads back', async () => {
  const host = await s.makeHost('项目经理', '研发部');
  const officerSock = await s.socket(officer1.token);
  const kioskSock = await s.socket(kiosk.token);
  const visit = await arrive(host, SENSITIVE.zh, '涉密访客');

  const toOffice = nextEvent(officerSock, 'visit:arrived', (p: any) => p.visit.id === visit.id);
  const kioskHears = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.id === visit.id && p.visit.awaiting === 'second');
  const first = await decision(visit.id, { decision: 'approve', message: '请稍等' }, host.token);
  assert.is(first.status, 200, JSON.stringify(first.body));
  assert.is(first.body.visit.status, 'awaiting-host', 'not approved yet');
  assert.is(first.body.visit.awaiting, 'second');
  assert.is(first.body.visit.badge, undefined, 'no badge after the first step');
  assert.equal(first.body.visit.approvals.map((a: any) => [a.step, a.by, a.role, a.name]), [['host', `user:${host.user.id}`, 'host', host.user.name]]);
  assert.equal(first.body.visit.secondApprover, { department: OFFICE, asked: [officer1.host.id, officer2.host.id], reached: true });
  assert.is((await toOffice).visit.awaiting, 'second', 'the officer\'s console hears it as an arrival');
  assert.is((await kioskHears).visit.hostMessage, '请稍等', 'the host\'s words still reach the visitor');
  const listed = await s.api('GET', '/api/visits', undefined, officer1.token);
  assert.ok(listed.body.visits.some((v: any) => v.id === visit.id), 'the officer\'s list has it');
  assert.is((await s.api('GET', `/api/visits/${visit.id}`, undefined, officer2.token)).status, 200, 'every officer asked may read it');

  const onSite = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.id === visit.id && p.visit.status === 'on-site');
  const second = await decision(visit.id, { decision: 'approve' }, officer1.token);
  assert.is(second.status, 200, JSON.stringify(second.body));
  assert.is(second.body.visit.status, 'approved');
  assert.is(second.body.visit.awaiting, undefined);
  assert.equal(second.body.visit.approvals.map((a: any) => [a.step, a.by]), [['host', `user:${host.user.id}`], ['second', `user:${officer1.user.id}`]]);
  const badged = (await onSite).visit;
  assert.is(await printedCode(badged.badge.jobId), badged.badge.code, 'the printed badge carries the visit\'s code');

  const events = await log(visit.id);
  const steps = events.filter((e) => e.kind.startsWith('visit-approved') || e.kind.startsWith('second-approver')).map((e) => [e.kind, e.actor]);
  assert.equal(steps, [['visit-approved-first', `user:${host.user.id}`], ['second-approver-notified', 'system'], ['visit-approved', `user:${officer1.user.id}`]]);
  assert.equal(events.find((e) => e.kind === 'visit-approved').data, { step: 'second', department: OFFICE });
  assert.equal(events.find((e) => e.kind === 'second-approver-notified').data, { department: OFFICE, hosts: 1, via: 'console' });
  assert.not.ok(JSON.stringify(events).includes('涉密访客'), 'no visitor\'s name in the log');
  officerSock.close();
});

test('a deny at either step ends it: no badge, and the office is never asked after a host\'s deny', async () => {
  const host = await s.makeHost('拒绝者', '研发部');
  const atHost = await arrive(host);
  const denied = await decision(atHost.id, { decision: 'deny' }, host.token);
  assert.equal([denied.body.visit.status, denied.body.visit.secondApprover, denied.body.visit.approvals], ['denied', undefined, undefined]);
  assert.not.ok((await log(atHost.id)).some((e) => e.kind.startsWith('second-approver')));

  const atOffice = await arrive(host);
  await decision(atOffice.id, { decision: 'approve' }, host.token);
  const no = await decision(atOffice.id, { decision: 'deny' }, officer2.token);
  assert.is(no.status, 200, JSON.stringify(no.body));
  assert.equal([no.body.visit.status, no.body.visit.awaiting, no.body.visit.badge, no.body.visit.decidedBy], ['denied', undefined, undefined, `user:${officer2.user.id}`]);
  const late = await decision(atOffice.id, { decision: 'approve' }, officer1.token);
  assert.equal([late.status, late.body.error.code], [409, 'wrong-state'], 'a deny by either ends it');
  assert.equal((await log(atOffice.id)).find((e) => e.kind === 'visit-denied').data, { step: 'second', department: OFFICE });
});

test('the same person may not give both approvals (409), by account or by another officer\'s turn', async () => {
  const officerHost = await s.makeHost('保密员丙', OFFICE); // an officer receiving a visitor of their own
  const visit = await arrive(officerHost);
  assert.is((await decision(visit.id, { decision: 'approve' }, officerHost.token)).status, 200);
  const again = await decision(visit.id, { decision: 'approve' }, officerHost.token);
  assert.equal([again.status, again.body.error.code], [409, 'same-approver']);
  const socketTry: any = await (await s.socket(officerHost.token)).timeout(3000).emitWithAck('visit:decide', { visitId: visit.id, decision: 'deny' });
  assert.equal([socketTry.ok, socketTry.error.code], [false, 'same-approver'], 'over the socket too');
  const other = await decision(visit.id, { decision: 'approve' }, officer1.token);
  assert.is(other.body.visit.status, 'approved');
});

test('two officers at once: one decision lands, the other is told 409, one badge prints', async () => {
  const host = await s.makeHost('并发', '研发部');
  const visit = await arrive(host);
  await decision(visit.id, { decision: 'approve' }, host.token);
  const before = s.printing.virtual!.prints(500).length;
  const kioskSock = await s.socket(kiosk.token);
  const printed = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.id === visit.id && p.visit.status === 'on-site');
  const answers = await Promise.all([
    decision(visit.id, { decision: 'approve' }, officer1.token),
    decision(visit.id, { decision: 'deny' }, officer2.token),
  ]);
  const landed = answers.filter((a) => a.status === 200);
  assert.is(landed.length, 1, JSON.stringify(answers.map((a) => a.body)));
  assert.equal(answers.find((a) => a.status !== 200)!.body.error.code, 'wrong-state');
  const stored = (await s.api('GET', `/api/visits/${visit.id}`, undefined, s.admin.token)).body.visit;
  assert.is(stored.status === 'on-site' ? 'approved' : stored.status, landed[0].body.visit.status, 'the stored visit is the one decision that landed');
  if (landed[0].body.visit.status === 'approved') {
    await printed;
    assert.is(s.printing.virtual!.prints(500).length, before + 1, 'one badge');
  }
  const decided = (await log(visit.id)).filter((e) => e.kind === 'visit-approved' || e.kind === 'visit-denied');
  assert.is(decided.length, 1, 'one decision logged');
});

test('who may give the second approval: only the officers asked; reception, admin, the delegate and other hosts may not', async () => {
  const delegate = await s.makeHost('秘书', '研发部');
  const host = await s.makeHost('有秘书', '研发部', { delegateId: delegate.host.id });
  const stranger = await s.makeHost('路人', '财务部');
  const reception = await s.makeUser('reception');
  const security = await s.makeUser('security');
  const visit = await arrive(host);
  await decision(visit.id, { decision: 'approve' }, delegate.token); // the delegate gives the host's step
  const cases: Array<[string, string, number, string]> = [
    ['reception cannot stand in for the office', reception.token, 403, 'forbidden'],
    ['an admin neither', s.admin.token, 403, 'forbidden'],
    ['security is not a decider', security.token, 403, 'forbidden'],
    ['another host does not see it', stranger.token, 403, 'forbidden'],
    ['the delegate who gave the first step', delegate.token, 409, 'same-approver'],
    ['the host, not asked', host.token, 403, 'forbidden'],
  ];
  for (const [name, token, status, code] of cases) {
    const r = await decision(visit.id, { decision: 'approve' }, token);
    assert.equal([r.status, r.body.error?.code], [status, code], name);
  }
  const words = await decision(visit.id, { decision: 'approve', message: 'hello' }, officer1.token);
  assert.equal([words.status, words.body.error.field], [400, 'message'], 'the second approval says nothing to the visitor');
  assert.is((await s.api('GET', `/api/visits/${visit.id}`, undefined, s.admin.token)).body.visit.awaiting, 'second', 'nothing changed');
  const ok = await decision(visit.id, { decision: 'approve', escortRequired: true }, officer2.token);
  assert.equal([ok.body.visit.status, ok.body.visit.escortRequired], ['approved', true], 'the office may ask for an escort');
});

test('nobody of the office reachable: the visit waits (reached: false), reception and security are alerted, never escalated', async () => {
  const quiet = await s.makeHost('夜班保密员', '保密二处'); // never signed in, no channels
  assert.is((await s.api('PATCH', '/api/settings', { secondApprover: { department: '保密二处' } }, s.admin.token)).status, 200);
  const host = await s.makeHost('无人', '研发部');
  const reception = await s.makeUser('reception');
  const security = await s.makeUser('security');
  const receptionSock = await s.socket(reception.token);
  const securitySock = await s.socket(security.token);
  const visit = await arrive(host);
  const heard = [receptionSock, securitySock].map((sock) => nextEvent(sock, 'alert', (p: any) => p.alert.visitId === visit.id && p.alert.data?.step === 'second'));
  const first = await decision(visit.id, { decision: 'approve' }, host.token); // no officer has a console open now
  assert.equal(first.body.visit.secondApprover.reached, false);
  assert.equal(first.body.visit.secondApprover.asked, [quiet.host.id]);
  for (const alert of await Promise.all(heard)) assert.equal([alert.alert.kind, alert.alert.data], ['escalation', { step: 'second', reason: 'second-unreachable', department: '保密二处', number: visit.number }]);
  assert.equal((await log(visit.id)).find((e) => e.kind === 'second-approver-unreachable').data, { department: '保密二处', asked: 1 });
  // The clock never passes the second step on, however long it waits.
  assert.is(nextEscalation(first.body.visit, '2099-01-01T00:00:00Z', 1, true), undefined);
  assert.is((await decision(visit.id, { decision: 'approve' }, reception.token)).status, 403);
  assert.is((await decision(visit.id, { decision: 'approve' }, quiet.token)).body.visit.status, 'approved', 'the officer, once in, decides');
  assert.is((await s.api('PATCH', '/api/settings', { secondApprover: { department: OFFICE } }, s.admin.token)).status, 200);
});

test('an invitation is the host\'s step only: an invited visitor with a sensitive purpose waits for the office, and the inviting host cannot give the second', async () => {
  const host = await s.makeHost('邀请人', '研发部');
  const now = Date.now();
  const made = await s.api('POST', '/api/appointments', {
    visitor: { name: '受邀访客' }, purpose: SENSITIVE.zh, start: new Date(now - 600_000).toISOString(), end: new Date(now + 3_600_000).toISOString(),
  }, host.token);
  assert.is(made.status, 201, JSON.stringify(made.body));
  const officerSock = await s.socket(officer2.token);
  const toOffice = nextEvent(officerSock, 'visit:arrived', (p: any) => p.visit.purpose === SENSITIVE.zh && p.visit.visitor.name === '受邀访客');
  const reg = await s.api('POST', '/api/visits', { visitor: visitor('受邀访客'), purpose: SENSITIVE.zh, inviteCode: made.body.appointment.inviteCode }, kiosk.token);
  assert.is(reg.status, 201, JSON.stringify(reg.body));
  const visit = reg.body.visit;
  assert.is(visit.status, 'awaiting-host', 'not approved by the code alone');
  assert.is(visit.awaiting, 'second');
  assert.is(visit.badge, undefined);
  assert.equal(visit.approvals.map((a: any) => [a.step, a.by, a.hostId]), [['host', `appointment:${made.body.appointment.id}`, host.host.id]]);
  assert.is((await toOffice).visit.id, visit.id, 'the office hears of it at once');
  const self = await decision(visit.id, { decision: 'approve' }, host.token);
  assert.ok([403, 409].includes(self.status), `the inviting host does not give the second approval (${self.status})`);
  const second = await decision(visit.id, { decision: 'approve' }, officer2.token);
  assert.is(second.status, 200, JSON.stringify(second.body));
  assert.is(second.body.visit.status, 'approved');
  const kinds = (await log(visit.id)).map((e) => e.kind);
  assert.ok(kinds.includes('visit-approved-first') && kinds.includes('second-approver-notified') && kinds.includes('visit-approved'), kinds.join(','));
  officerSock.disconnect();
});

test('a group with a sensitive purpose: the office is told once, and one officer\'s approval lets the whole group in', async () => {
  const host = await s.makeHost('团组接待人', '研发部');
  const reception = await s.makeUser('reception');
  const bot = await robot();
  const officer = await s.makeHost('保密员丙', OFFICE, { channels: [{ kind: 'webhook', target: bot.url }] });
  const made = await s.api('POST', '/api/visits/group', {
    hostId: host.host.id, purpose: SENSITIVE.zh, company: '合作单位',
    visitors: [visitor('团员甲'), visitor('团员乙'), visitor('团员丙')],
  }, reception.token);
  assert.is(made.status, 201, JSON.stringify(made.body));
  const ids = made.body.visits.map((v: any) => v.id);
  const first = await decision(made.body.groupId ? ids[0] : ids[0], { decision: 'approve' }, host.token);
  assert.is(first.status, 200, JSON.stringify(first.body));
  for (const id of ids) {
    const v = (await s.api('GET', `/api/visits/${id}`, undefined, s.admin.token)).body.visit;
    assert.is(v.awaiting, 'second', `${v.number} waits for the office`);
  }
  await bot.next(1);
  await new Promise((r) => setTimeout(r, 300));
  assert.is(bot.bodies.length, 1, 'the office\'s channel hears of the group once');
  const second = await decision(ids[1], { decision: 'approve' }, officer.token);
  assert.is(second.status, 200, JSON.stringify(second.body));
  for (const id of ids) {
    const v = (await s.api('GET', `/api/visits/${id}`, undefined, s.admin.token)).body.visit;
    assert.ok(['approved', 'on-site'].includes(v.status), `${v.number} let in (${v.status})`);
  }
  await bot.close();
});

test('purposes without the flag behave as today: one approval, a badge', async () => {
  const host = await s.makeHost('普通', '研发部');
  const visit = await arrive(host, MEETING.en);
  const r = await decision(visit.id, { decision: 'approve' }, host.token);
  assert.equal([r.body.visit.status, r.body.visit.approvals, r.body.visit.awaiting, r.body.visit.secondApprover], ['approved', undefined, undefined, undefined]);
});

test('settings: bad secondApprover and secondApproval input is refused with the field named; admin only', async () => {
  const patch = (body: unknown, token = s.admin.token) => s.api('PATCH', '/api/settings', body, token);
  const cases: Array<[string, unknown, string, string?]> = [
    ['not an object', { secondApprover: 'x' }, 'secondApprover'],
    ['no department', { secondApprover: {} }, 'secondApprover.department', 'missing-field'],
    ['blank department', { secondApprover: { department: '  ' } }, 'secondApprover.department', 'missing-field'],
    ['department not a string', { secondApprover: { department: 7 } }, 'secondApprover.department'],
    ['department too long', { secondApprover: { department: '部'.repeat(65) } }, 'secondApprover.department', 'too-long'],
    ['unknown department', { secondApprover: { department: '无此部门' } }, 'secondApprover.department', 'unknown-department'],
    ['an extra key', { secondApprover: { department: OFFICE, hosts: ['a'] } }, 'secondApprover.hosts'],
    ['secondApproval not a boolean', { purposes: [{ ...SENSITIVE, secondApproval: 'yes' }] }, 'purposes[0].secondApproval'],
    ['secondApproval without approval', { purposes: [MEETING, { ...SENSITIVE, approval: false }] }, 'purposes[1].secondApproval'],
    ['no second approver while a purpose needs one', { secondApprover: null }, 'secondApprover'],
    ['both at once', { secondApprover: null, purposes: [SENSITIVE] }, 'purposes[0].secondApproval'],
  ];
  for (const [name, body, field, code] of cases) {
    const r = await patch(body);
    assert.is(r.status, 400, `${name}: ${JSON.stringify(r.body)}`);
    assert.is(r.body.error.field, field, name);
    if (code) assert.is(r.body.error.code, code, name);
  }
  const host = await s.makeHost('改设置', '研发部');
  assert.is((await patch({ secondApprover: { department: OFFICE } }, host.token)).status, 403);
  const stored = (await s.api('GET', '/api/settings', undefined, s.admin.token)).body.settings;
  assert.equal([stored.secondApprover, stored.purposes], [{ department: OFFICE }, [SENSITIVE, MEETING]], 'nothing refused was stored');
  assert.not.ok('secondApprover' in (await s.api('GET', '/api/site')).body.site.settings, 'not public');
  // Off again: the flag first, then the approver.
  assert.is((await patch({ purposes: [MEETING] })).status, 200);
  const off = await patch({ secondApprover: null });
  assert.is(off.status, 200, JSON.stringify(off.body));
  assert.not.ok('secondApprover' in off.body.settings);
  assert.is((await patch({ secondApprover: { department: OFFICE }, purposes: [SENSITIVE, MEETING] })).status, 200);
});

test.run();
