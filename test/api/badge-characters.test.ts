// What goes on the badge must be printable: characters the badge fonts lack (an emoji, a private-use character) are
// named before anything is registered, and the visitor may go on anyway; rare characters of real names print.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, residentId, type TestServer } from '../helpers/server.ts';
import { startTcpPrinter, type TcpPrinter } from '../helpers/tcp-printer.ts';

let s: TestServer;
let printer: TcpPrinter;
test.before(async () => {
  printer = await startTcpPrinter();
  s = await startServer({ printer: printer.url });
});
test.after(async () => { await s.close(); await printer.close(); });

const visitor = (over: Record<string, unknown> = {}) => ({ name: '王小明', idType: 'cn-resident', idNumber: residentId('19850612', '031'), ...over });

const refused: Array<[string, Record<string, unknown>, string, string[]]> = [
  ['an emoji in the name', { visitor: visitor({ name: '王小明😀' }) }, 'visitor.name', ['😀']],
  ['a private-use character in the company', { visitor: visitor({ company: '星河\ue000科技' }) }, 'visitor.company', ['\ue000']],
  ['two emoji in the purpose', { purpose: '开会🎉🚀' }, 'purpose', ['🎉', '🚀']],
  ['an emoji in the second companion\'s name', { companions: 2, companionNames: ['李雷', '韩梅梅🙂'] }, 'companionNames[1]', ['🙂']],
];
for (const [what, over, field, characters] of refused) {
  test(`${what}: 400 unprintable naming the field and the characters; nothing is registered`, async () => {
    const { host } = await s.makeHost('张伟', '财务部');
    const kiosk = await s.pairKiosk();
    const before = (await s.api('GET', '/api/visits', undefined, s.admin.token)).body.visits.length;
    const r = await s.api('POST', '/api/visits', { visitor: visitor(), purpose: '商务洽谈', hostId: host.id, ...over }, kiosk.token);
    assert.is(r.status, 400, JSON.stringify(r.body));
    assert.is(r.body.error.code, 'unprintable');
    assert.is(r.body.error.field, field);
    assert.equal(r.body.error.characters, characters);
    assert.is((await s.api('GET', '/api/visits', undefined, s.admin.token)).body.visits.length, before);
  });
}

test('with printAnyway the visit is registered and its badge prints (the characters as boxes)', async () => {
  const { host, token } = await s.makeHost('赵敏', '法务部');
  const kiosk = await s.pairKiosk();
  const r = await s.api('POST', '/api/visits', { visitor: visitor({ name: 'Ana 😀' }), purpose: 'Audit', hostId: host.id, printAnyway: true }, kiosk.token);
  assert.is(r.status, 201, JSON.stringify(r.body));
  assert.is(r.body.visit.visitor.name, 'Ana 😀', 'the name is kept as typed');
  const seen = printer.jobs.length;
  const d = await s.api('POST', `/api/visits/${r.body.visit.id}/decision`, { decision: 'approve' }, token);
  assert.is(d.status, 200, JSON.stringify(d.body));
  assert.is((await printer.waitForJobs(seen + 1)).length, seen + 1);
});

test('rare characters of real names (喆 堃 䶮, Łukasz Dvořák) need no confirmation', async () => {
  const { host } = await s.makeHost('钱进', '研发部');
  const kiosk = await s.pairKiosk();
  for (const name of ['欧阳喆堃', '刘䶮', 'Łukasz Dvořák']) {
    const r = await s.api('POST', '/api/visits', { visitor: visitor({ name }), purpose: '面试 Interview', hostId: host.id }, kiosk.token);
    assert.is(r.status, 201, `${name}: ${JSON.stringify(r.body)}`);
  }
});

test('printAnyway must be a boolean', async () => {
  const { host } = await s.makeHost('孙丽', '市场部');
  const kiosk = await s.pairKiosk();
  const r = await s.api('POST', '/api/visits', { visitor: visitor(), purpose: 'x', hostId: host.id, printAnyway: 'yes' }, kiosk.token);
  assert.is(r.status, 400);
  assert.is(r.body.error.field, 'printAnyway');
});

test.run();
