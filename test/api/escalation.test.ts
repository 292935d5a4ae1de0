// A host who does not answer: the delegate, then reception, are asked; no timeout ever approves.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, nextEvent, residentId, type TestServer } from '../helpers/server.ts';

let s: TestServer;
test.before(async () => { s = await startServer({ hostTimeoutS: 0.4 }); });
test.after(async () => { await s.close(); });

const visitor = { name: 'Tom Green', idType: 'cn-resident', idNumber: residentId('19920202', '777'), phone: '13700001234' };

test('unanswered: host → delegate → reception, each an event and a notification, and it stays awaiting-host', async () => {
  const delegate = await s.makeHost('秘书小林', '总经办');
  const boss = await s.makeHost('林总', '总经办', { delegateId: delegate.host.id });
  const reception = await s.makeUser('reception');
  const kiosk = await s.pairKiosk();
  await s.socket(boss.token); // the host's console is open: reachable, but nobody answers
  const delegateSock = await s.socket(delegate.token);
  const receptionSock = await s.socket(reception.token);
  const kioskSock = await s.socket(kiosk.token);

  const toDelegate = nextEvent(delegateSock, 'visit:arrived');
  const kioskSeesDelegate = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.escalation.level === 'delegate');
  const toReception = nextEvent(receptionSock, 'visit:arrived', (p: any) => p.visit.escalation.level === 'reception');
  const receptionAlert = nextEvent(receptionSock, 'alert', (p: any) => p.alert.kind === 'escalation');
  const reg = await s.api('POST', '/api/visits', { visitor, purpose: 'Meeting', hostId: boss.host.id }, kiosk.token);
  const id = reg.body.visit.id;

  assert.is((await toDelegate).visit.escalation.level, 'delegate');
  await kioskSeesDelegate;
  assert.is((await toReception).visit.id, id);
  await receptionAlert;

  await new Promise((r) => setTimeout(r, 1200));
  const now = await s.api('GET', `/api/visits/${id}`, undefined, reception.token);
  assert.is(now.body.visit.status, 'awaiting-host', 'no timeout ever approves');
  assert.is(now.body.visit.escalation.level, 'reception');

  const security = await s.makeUser('security');
  const log = await s.api('GET', `/api/log?q=${id}`, undefined, security.token);
  const kinds = log.body.events.map((e: any) => `${e.kind}${e.data?.level ? ':' + e.data.level : ''}`);
  assert.equal(kinds, ['visit-registered', 'host-notified:host', 'visit-escalated:delegate', 'visit-escalated:reception', 'visit-viewed']);

  const ack: any = await delegateSock.timeout(3000).emitWithAck('visit:decide', { visitId: id, decision: 'approve' });
  assert.is(ack.ok, true, 'the delegate may decide');
});

test('a host without a delegate is followed by reception directly', async () => {
  const lone = await s.makeHost('独行', '研发部');
  const reception = await s.makeUser('reception');
  const receptionSock = await s.socket(reception.token);
  const kiosk = await s.pairKiosk();
  const toReception = nextEvent(receptionSock, 'visit:arrived', (p: any) => p.visit.escalation.level === 'reception');
  const reg = await s.api('POST', '/api/visits', { visitor, purpose: 'Meeting', hostId: lone.host.id }, kiosk.token);
  assert.is((await toReception).visit.id, reg.body.visit.id);
  const d = await s.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'deny', message: 'Host is travelling; please book again' }, reception.token);
  assert.is(d.body.visit.status, 'denied');
});

test('a host who cannot be reached now (no console, no channel) is passed over at once: the delegate, else reception', async () => {
  const delegate = await s.makeHost('助理小赵', '董事会办公室');
  const chair = await s.makeHost('赵董', '董事会办公室', { delegateId: delegate.host.id });
  const loner = await s.makeHost('钱工', '实验室');
  const reception = await s.makeUser('reception');
  const kiosk = await s.pairKiosk();
  const delegateSock = await s.socket(delegate.token);
  const receptionSock = await s.socket(reception.token);
  const cases = [
    { host: chair.host, level: 'delegate', sock: delegateSock, notified: delegate.host.id },
    { host: loner.host, level: 'reception', sock: receptionSock, notified: undefined },
  ];
  for (const [i, c] of cases.entries()) {
    const heard = nextEvent(c.sock, 'visit:arrived', (p: any) => p.visit.host.id === c.host.id);
    const reg = await s.api('POST', '/api/visits', { visitor: { ...visitor, idNumber: residentId('19920202', String(800 + i)) }, purpose: 'Meeting', hostId: c.host.id }, kiosk.token);
    assert.is(reg.body.visit.escalation.level, c.level, 'the kiosk is told who was really told');
    assert.is((await heard).visit.id, reg.body.visit.id);
    const events = (await s.api('GET', `/api/log?q=${reg.body.visit.id}`, undefined, s.admin.token)).body.events;
    assert.equal(events.find((e: any) => e.kind === 'host-unreachable').data, { host: c.host.id, level: c.level });
    const notified = events.filter((e: any) => e.kind === 'host-notified').map((e: any) => e.data.host);
    assert.equal(notified, c.notified ? [c.notified] : [], 'no event claims the host was told');
  }
});

test.run();
