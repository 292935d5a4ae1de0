// Staff reading one visitor's details leaves a trace in the log; the kiosk and the lists do not.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, nextEvent, type TestServer } from '../helpers/server.ts';

let s: TestServer;
test.before(async () => { s = await startServer(); });
test.after(async () => { await s.close(); });

const viewsOf = async (visitId: string, token: string) =>
  (await s.api('GET', `/api/log?q=${visitId}`, undefined, token)).body.events.filter((e: any) => e.kind === 'visit-viewed');

test('each staff read of a visit is a visit-viewed event with the reader; kiosk reads, lists and refusals are not', async () => {
  const host = await s.makeHost('审计', '内控部');
  const otherHost = await s.makeHost('旁人', '内控部');
  const kiosk = await s.pairKiosk();
  const security = await s.makeUser('security');
  const reception = await s.makeUser('reception');
  const secSock = await s.socket(security.token);
  const visit = (await s.api('POST', '/api/visits', { visitor: { name: '被查看者', idType: 'passport', idNumber: 'E4443332', phone: '13344445555' }, purpose: 'Audit', hostId: host.host.id }, kiosk.token)).body.visit;

  assert.is((await s.api('GET', `/api/visits/${visit.id}`, undefined, kiosk.token)).status, 200);
  assert.is((await s.api('GET', `/api/visits?day=${visit.day}`, undefined, reception.token)).status, 200);
  assert.is((await s.api('GET', '/api/visits', undefined, security.token)).status, 200);
  assert.is((await s.api('GET', '/api/onsite', undefined, security.token)).status, 200);
  assert.is((await s.api('GET', `/api/visits/${visit.id}`, undefined, otherHost.token)).status, 403);
  assert.is((await s.api('GET', '/api/visits/20260101-NOSUCHID', undefined, security.token)).status, 404);
  assert.equal(await viewsOf(visit.id, security.token), [], 'the kiosk following its visitor, lists and refused reads are not audited');

  const live = nextEvent(secSock, 'log:event', (p: any) => p.event.kind === 'visit-viewed');
  const readers = [['reception', reception], ['security', security], ['admin', { token: s.admin.token }], ['host', host]] as const;
  for (const [, who] of readers) assert.is((await s.api('GET', `/api/visits/${visit.id}`, undefined, who.token)).status, 200);
  assert.is((await live).event.visitId, visit.id, 'security sees it live');
  const views = await viewsOf(visit.id, security.token);
  const me = async (token: string) => `user:${(await s.api('GET', '/api/me', undefined, token)).body.user.id}`;
  assert.equal(views.map((e: any) => e.actor), await Promise.all(readers.map(([, who]) => me(who.token))));
  assert.ok(views.every((e: any) => e.visitId === visit.id && e.data === undefined));
  assert.not.ok(JSON.stringify(views).includes('被查看者') || JSON.stringify(views).includes('13344445555'));
});

test.run();
