// The whole walk-in flow through the contract: kiosk registers, host approves live, badge prints, scan out, log.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, nextEvent, residentId, type TestServer } from '../helpers/server.ts';
import { startTcpPrinter, type TcpPrinter } from '../helpers/tcp-printer.ts';
import { decodeEscPos } from '../../printer/decode.ts';
import { readQr } from '../helpers/qr.ts';

let s: TestServer;
let printer: TcpPrinter;
test.before(async () => {
  printer = await startTcpPrinter();
  s = await startServer({ printer: printer.url });
});
test.after(async () => { await s.close(); await printer.close(); });

const ID = residentId('19850612', '031');
const visitor = { name: '王小明', idType: 'cn-resident', idNumber: ID, phone: '13800138000', company: '星河科技' };

test('a walk-in is announced to the host, approved over the socket, printed, and checked out by scan', async () => {
  const { host, token: hostToken } = await s.makeHost('张伟', '财务部');
  const kiosk = await s.pairKiosk();
  const hostSock = await s.socket(hostToken);
  const kioskSock = await s.socket(kiosk.token);
  const security = await s.makeUser('security');
  const secSock = await s.socket(security.token);

  const arrived = nextEvent(hostSock, 'visit:arrived');
  const deskSeesIt = nextEvent(secSock, 'visit:updated', (p: any) => p.visit.status === 'awaiting-host');
  const reg = await s.api('POST', '/api/visits', {
    visitor, purpose: '商务洽谈', hostId: host.id, companions: 1, items: ['laptop'], plate: '京a12345',
  }, kiosk.token);
  assert.is(reg.status, 201, JSON.stringify(reg.body));
  const visit = reg.body.visit;
  assert.is(visit.status, 'awaiting-host');
  assert.is(visit.visitor.idNumberMasked, '110105********' + ID.slice(-4));
  assert.not.ok(JSON.stringify(reg.body).includes(ID), 'the full ID number never comes back');
  assert.equal(visit.items, ['laptop']);
  assert.is(visit.plate, '京A12345');
  assert.is(visit.companions, 1);
  assert.equal(visit.host, { id: host.id, name: '张伟', department: '财务部' });

  const seen = await arrived;
  assert.is((await deskSeesIt).visit.id, visit.id, 'security sees the arrival live');
  assert.is(seen.visit.id, visit.id);
  assert.not.ok(JSON.stringify(seen).includes(ID));

  const approvedAtKiosk = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.status === 'approved');
  const onSiteAtKiosk = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.status === 'on-site');
  const ack: any = await hostSock.timeout(3000).emitWithAck('visit:decide', { visitId: visit.id, decision: 'approve', message: '请稍等，我马上下来' });
  assert.is(ack.ok, true, JSON.stringify(ack));
  assert.is(ack.visit.status, 'approved');
  assert.is((await approvedAtKiosk).visit.hostMessage, '请稍等，我马上下来');

  const onSite = (await onSiteAtKiosk).visit;
  assert.is(onSite.badge.print, 'printed');
  assert.ok(/^[\x20-\x7e]{1,160}$/.test(onSite.badge.code), 'badge code is printable ASCII, at most 160 characters');
  const jobs = await printer.waitForJobs(1);
  assert.is(jobs.length, 1, 'exactly one badge printed');
  const job = decodeEscPos(jobs[0]);
  assert.is(job.cuts, 1, 'the badge is cut once');
  assert.is(job.image!.width, 576, '80 mm paper');
  assert.is(readQr(job.image!), onSite.badge.code, 'the printed QR reads back as the issued badge code');

  const onsiteList = await s.api('GET', '/api/onsite', undefined, security.token);
  assert.equal(onsiteList.body.visits.map((v: any) => v.id), [visit.id]);

  const outSeen = nextEvent(secSock, 'visit:updated', (p: any) => p.visit.status === 'checked-out');
  const out = await s.api('POST', '/api/scan', { code: onSite.badge.code, direction: 'out' }, kiosk.token);
  assert.is(out.status, 200, JSON.stringify(out.body));
  assert.is(out.body.visit.status, 'checked-out');
  assert.equal(out.body.visit.items, ['laptop'], 'declared items come back at check-out to be checked');
  assert.is(out.body.movement.direction, 'out');
  await outSeen;

  const again = await s.api('POST', '/api/scan', { code: onSite.badge.code, direction: 'in' }, kiosk.token);
  assert.is(again.status, 409);
  assert.is(again.body.error.code, 'badge-closed');

  const log = await s.api('GET', `/api/log?q=${visit.id}`, undefined, security.token);
  assert.is(log.status, 200);
  assert.equal(log.body.events.map((e: any) => e.kind),
    ['visit-registered', 'host-notified', 'visit-approved', 'badge-printed', 'visit-checked-out']);
  const byName = await s.api('GET', `/api/log?q=${encodeURIComponent('王小明')}`, undefined, security.token);
  assert.is(byName.body.events.length, 5, 'security finds the visit in the log by the visitor name');
  const raw = JSON.stringify(log.body.events);
  for (const secret of ['王小明', '13800138000', ID, ID.slice(6, 14)]) assert.not.ok(raw.includes(secret), `log events never hold ${secret}`);
  const today = await s.api('GET', '/api/log', undefined, security.token);
  assert.is(today.body.chain.ok, true, 'a plain listing checks its window of the chain');
  assert.match(log.body.actors[`user:${(await s.api('GET', '/api/me', undefined, hostToken)).body.user.id}`], /张伟|host/, 'the log names staff actors');
  const verify = await s.api('GET', '/api/log/verify', undefined, security.token);
  assert.is(verify.body.chain.ok, true);
  assert.is(verify.body.head.hash, log.body.events.at(-1).hash, 'the head is the latest event');

  const serverLogs = s.logs.join('\n');
  for (const secret of ['王小明', '13800138000', ID]) assert.not.ok(serverLogs.includes(secret), `server logs never hold ${secret}`);
});

test('a denial reaches the kiosk with the host message, and the visit can no longer be approved', async () => {
  const { host, token } = await s.makeHost('李娜', 'Engineering');
  const kiosk = await s.pairKiosk();
  const kioskSock = await s.socket(kiosk.token);
  const reg = await s.api('POST', '/api/visits', { visitor: { ...visitor, name: 'Ann Lee' }, purpose: 'Interview', hostId: host.id }, kiosk.token);
  const denied = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.status === 'denied');
  const d = await s.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'deny', message: '今天不在公司，请改天再来' }, token);
  assert.is(d.status, 200);
  assert.is((await denied).visit.hostMessage, '今天不在公司，请改天再来');
  const late = await s.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'approve' }, token);
  assert.is(late.status, 409);
  assert.is(late.body.error.code, 'wrong-state');
});

test('two approvals at once: one wins, the other is told the visit is already decided, one badge prints', async () => {
  const before = printer.jobs.length;
  const { host, token } = await s.makeHost('赵敏', '行政部');
  const reception = await s.makeUser('reception');
  const kiosk = await s.pairKiosk();
  const reg = await s.api('POST', '/api/visits', { visitor, purpose: '送货', hostId: host.id }, kiosk.token);
  const id = reg.body.visit.id;
  const [a, b] = await Promise.all([
    s.api('POST', `/api/visits/${id}/decision`, { decision: 'approve' }, token),
    s.api('POST', `/api/visits/${id}/decision`, { decision: 'approve' }, reception.token),
  ]);
  assert.equal([a.status, b.status].sort(), [200, 409]);
  await printer.waitForJobs(before + 1);
  await new Promise((r) => setTimeout(r, 300));
  assert.is(printer.jobs.length, before + 1);
});

test('a submit retried with the same requestId finds the same visit; twice at once registers once', async () => {
  const { host } = await s.makeHost('重试', '测试部');
  const kiosk = await s.pairKiosk();
  const body = { visitor, purpose: 'x', hostId: host.id, requestId: 'b8a0f8c2-1111-4c3e-9d5e-000000000001' };
  const [a, b] = await Promise.all([s.api('POST', '/api/visits', body, kiosk.token), s.api('POST', '/api/visits', body, kiosk.token)]);
  assert.equal([a.status, b.status].sort(), [200, 201]);
  assert.is(a.body.visit.id, b.body.visit.id);
  const c = await s.api('POST', '/api/visits', body, kiosk.token);
  assert.is(c.body.visit.id, a.body.visit.id);
  const other = await s.pairKiosk('Other');
  const d = await s.api('POST', '/api/visits', body, other.token);
  assert.is(d.status, 201, 'another kiosk with the same id is another visit');
  assert.is.not(d.body.visit.id, a.body.visit.id);
  const bad = await s.api('POST', '/api/visits', { ...body, requestId: '../x' }, kiosk.token);
  assert.is(bad.body.error.field, 'requestId');
});

test('another host can neither see nor decide the visit; the host console lists only its own', async () => {
  const { host } = await s.makeHost('周杰', '市场部');
  const other = await s.makeHost('吴磊', '市场部');
  const kiosk = await s.pairKiosk();
  const reg = await s.api('POST', '/api/visits', { visitor, purpose: '拜访', hostId: host.id }, kiosk.token);
  const id = reg.body.visit.id;
  assert.is((await s.api('GET', `/api/visits/${id}`, undefined, other.token)).status, 403);
  assert.is((await s.api('POST', `/api/visits/${id}/decision`, { decision: 'approve' }, other.token)).status, 403);
  const ack: any = await (await s.socket(other.token)).timeout(3000).emitWithAck('visit:decide', { visitId: id, decision: 'approve' });
  assert.equal(ack.ok, false);
  assert.is(ack.error.code, 'forbidden');
  const list = await s.api('GET', '/api/visits', undefined, other.token);
  assert.not.ok(list.body.visits.some((v: any) => v.id === id));
  const otherKiosk = await s.pairKiosk('Side door');
  assert.is((await s.api('GET', `/api/visits/${id}`, undefined, otherKiosk.token)).status, 403);
});

test('a client on Socket.IO long-polling (the default transport) gets events and the server stays up', async () => {
  const { io } = await import('socket.io-client');
  const { host, token } = await s.makeHost('轮询', '测试部');
  const kiosk = await s.pairKiosk();
  const sock = io(s.url, { auth: { token }, transports: ['polling'] });
  await new Promise<void>((resolve, reject) => { sock.once('connect', () => resolve()); sock.once('connect_error', reject); });
  const arrived = nextEvent(sock, 'visit:arrived');
  await s.api('POST', '/api/visits', { visitor, purpose: 'x', hostId: host.id }, kiosk.token);
  assert.is((await arrived).visit.host.id, host.id);
  sock.close();
  assert.is((await s.api('GET', '/api/health')).status, 200);
});

test.run();
