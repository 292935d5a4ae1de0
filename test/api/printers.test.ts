// The site's printers: what an admin adds and how it is checked, where each badge prints (a kiosk's own printer, its
// fallback, the desk's), the test page, the live status with its alert and socket event, and rivals at once.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, nextEvent, type TestServer } from '../helpers/server.ts';
import { startVirtualPrinter, type VirtualPrinter } from '../../printer/virtual.ts';
import type { DecodedJob } from '../../printer/decode.ts';
import { readQr } from '../helpers/qr.ts';

let s: TestServer;
const extra: VirtualPrinter[] = [];
const dirs: string[] = [];
test.before(async () => { s = await startServer({ statusPollMs: 60 }); });
test.after(async () => {
  await s.close();
  for (const p of extra) await p.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Another real TCP printer on loopback, with every job it decoded. */
async function printer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foyer-printer-'));
  dirs.push(dir);
  const vp = await startVirtualPrinter({ dir });
  extra.push(vp);
  const jobs: DecodedJob[] = [];
  const waiters: Array<() => void> = [];
  vp.onPrint((_print, job) => { if (job) jobs.push(job); waiters.splice(0).forEach((w) => w()); });
  const next = (count: number) => new Promise<DecodedJob>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no print ${count} within 10 s`)), 10_000);
    const check = () => (jobs.length >= count ? (clearTimeout(timer), resolve(jobs[count - 1])) : waiters.push(check));
    check();
  });
  return { vp, jobs, address: `tcp://127.0.0.1:${vp.port}`, next };
}

const add = (body: Record<string, unknown>, token = s.admin.token) => s.api('POST', '/api/printers', body, token);
async function added(name: string, address: string, paper?: 80 | 58) {
  const r = await add({ name, address, ...(paper ? { paper } : {}) });
  assert.is(r.status, 201, JSON.stringify(r.body));
  return r.body.printer as { id: string; name: string; address: string; paper: number; status: string };
}

async function kioskVisit(kioskToken: string, name: string) {
  const { host, token } = await s.makeHost(`接待${name}`, '测试部');
  const reg = await s.api('POST', '/api/visits', { visitor: { name, idType: 'passport', idNumber: 'E3434343' }, purpose: 'x', hostId: host.id }, kioskToken);
  assert.is(reg.status, 201, JSON.stringify(reg.body));
  return { id: reg.body.visit.id as string, approve: () => s.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'approve' }, token) };
}
const badgeCode = async (id: string) => (await s.api('GET', `/api/visits/${id}`, undefined, s.admin.token)).body.visit.badge?.code as string;

test('bad input is refused naming the field, and nothing is stored', async () => {
  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    ['no name', { address: 'virtual' }, 'name', 'missing-field'],
    ['no address', { name: 'A' }, 'address', 'missing-field'],
    ['blank address', { name: 'A', address: '   ' }, 'address', 'missing-field'],
    ['another scheme', { name: 'A', address: 'http://x' }, 'address', 'invalid-input'],
    ['a URL with a path', { name: 'A', address: 'tcp://printer.local:9100/print' }, 'address', 'invalid-input'],
    ['a user in the address', { name: 'A', address: 'tcp://me@printer.local:9100' }, 'address', 'invalid-input'],
    ['port above 65535', { name: 'A', address: 'tcp://a:99999' }, 'address', 'invalid-input'],
    ['port 0', { name: 'A', address: 'tcp://a:0' }, 'address', 'invalid-input'],
    ['not an IPv4 address', { name: 'A', address: 'tcp://999.1.1.1:9100' }, 'address', 'invalid-input'],
    ['not an IPv6 address', { name: 'A', address: 'tcp://[zz::1]:9100' }, 'address', 'invalid-input'],
    ['a label starting with -', { name: 'A', address: 'tcp://-bad.local:9100' }, 'address', 'invalid-input'],
    ['newline injection', { name: 'A', address: 'tcp://10.0.0.5:9100\nGET / HTTP/1.1' }, 'address', 'invalid-input'],
    ['newline in the name', { name: 'Lobby\r\nX-Evil: 1', address: 'virtual' }, 'name', 'invalid-input'],
    ['address not a string', { name: 'A', address: ['tcp://10.0.0.5:9100'] }, 'address', 'invalid-input'],
    ['oversized name', { name: '打'.repeat(65), address: 'virtual' }, 'name', 'too-long'],
    ['oversized address', { name: 'A', address: `tcp://${'a'.repeat(300)}:9100` }, 'address', 'too-long'],
    ['paper not 80 or 58', { name: 'A', address: 'virtual', paper: 57 }, 'paper', 'invalid-input'],
    ['paper as text', { name: 'A', address: 'virtual', paper: '80' }, 'paper', 'invalid-input'],
    ['active not a boolean', { name: 'A', address: 'virtual', active: 'no' }, 'active', 'invalid-input'],
  ];
  const before = (await s.api('GET', '/api/printers', undefined, s.admin.token)).body.printers.length;
  for (const [what, body, field, code] of cases) {
    const r = await add(body);
    assert.is(r.status, 400, what);
    assert.is(r.body.error.field, field, what);
    assert.is(r.body.error.code, code, what);
  }
  assert.is((await s.api('GET', '/api/printers', undefined, s.admin.token)).body.printers.length, before);
  const p = await added('Edit me', 'virtual');
  for (const [what, body, field] of [['nothing to change', {}, 'printer'], ['hostile address', { address: 'file:///etc/passwd' }, 'address'], ['paper', { paper: 100 }, 'paper']] as const) {
    const r = await s.api('PATCH', `/api/printers/${p.id}`, body, s.admin.token);
    assert.is(r.status, 400, what);
    assert.is(r.body.error.field, field, what);
  }
  assert.is((await s.api('PATCH', '/api/printers/pr-nope', { name: 'x' }, s.admin.token)).body.error.code, 'printer-not-found');
  assert.is((await s.api('DELETE', '/api/printers/pr-nope', undefined, s.admin.token)).status, 404);
  assert.is((await s.api('POST', '/api/printers/pr-nope/test', {}, s.admin.token)).status, 404);
  const kiosk = await s.pairKiosk('Checked kiosk');
  for (const [what, ids, code] of [['unknown', ['pr-nope'], 'unknown-printer'], ['twice', [p.id, p.id], 'invalid-input'], ['not a list', p.id, 'invalid-input'],
    ['too many', [p.id, 'b', 'c', 'd', 'e', 'f'], 'too-long']] as const) {
    const r = await s.api('PATCH', `/api/kiosks/${kiosk.kiosk.id}`, { printerIds: ids }, s.admin.token);
    assert.is(r.status, 400, what);
    assert.is(r.body.error.field, 'printerIds', what);
    assert.is(r.body.error.code, code, what);
  }
  assert.is((await s.api('PUT', '/api/printers/desk', {}, s.admin.token)).body.error.code, 'missing-field');
  assert.is((await s.api('PUT', '/api/printers/desk', { printerIds: ['pr-nope'] }, s.admin.token)).body.error.code, 'unknown-printer');
});

test('addresses are kept in one form: lower case, the port always written', async () => {
  for (const [given, kept] of [['tcp://Printer-1.Lobby.LOCAL', 'tcp://printer-1.lobby.local:9100'], ['TCP://10.0.0.5:9101', 'tcp://10.0.0.5:9101'],
    ['tcp://[FD00::5]:9100', 'tcp://[fd00::5]:9100'], ['virtual', 'virtual']]) {
    const p = await added(`Form ${given}`, given, 58);
    assert.is(p.address, kept, given);
    assert.is(p.paper, 58);
  }
});

test('only an admin manages printers', async () => {
  const p = await added('Roles', 'virtual');
  const reception = await s.makeUser('reception');
  const security = await s.makeUser('security');
  const kiosk = await s.pairKiosk('Role kiosk');
  const calls: Array<[string, string, unknown?]> = [
    ['GET', '/api/printers'], ['POST', '/api/printers', { name: 'X', address: 'virtual' }], ['PATCH', `/api/printers/${p.id}`, { name: 'X' }],
    ['DELETE', `/api/printers/${p.id}`], ['POST', `/api/printers/${p.id}/test`, {}], ['PUT', '/api/printers/desk', { printerIds: [] }],
  ];
  for (const [method, url, body] of calls) {
    for (const [who, token] of [['reception', reception.token], ['security', security.token], ['kiosk', kiosk.token]] as const) {
      assert.is((await s.api(method, url, body, token)).status, 403, `${method} ${url} as ${who}`);
    }
    assert.is((await s.api(method, url, body)).status, 401, `${method} ${url} anonymous`);
  }
  assert.is((await s.api('PATCH', `/api/kiosks/${kiosk.kiosk.id}`, { printerIds: [p.id] }, reception.token)).status, 403);
  assert.ok((await s.api('GET', '/api/printers', undefined, s.admin.token)).body.printers.some((x: any) => x.id === p.id && x.name === 'Roles'));
});

test("a kiosk's badge prints on its own printer, and on its fallback while the first is out of paper", async () => {
  const first = await printer(), second = await printer();
  const a = await added('Lobby A', first.address);
  const b = await added('Lobby B', second.address, 58);
  const kiosk = await s.pairKiosk('Lobby kiosk');
  const assigned = await s.api('PATCH', `/api/kiosks/${kiosk.kiosk.id}`, { printerIds: [a.id, b.id] }, s.admin.token);
  assert.equal(assigned.body.kiosk.printerIds, [a.id, b.id]);
  const defaultBefore = s.printing.virtual!.prints(500).length;

  const one = await kioskVisit(kiosk.token, '陈一');
  await one.approve();
  const job1 = await first.next(1);
  assert.is(readQr(job1.image!), await badgeCode(one.id), 'the first printer printed this visit\'s badge');
  assert.is(job1.image!.width, 576);

  first.vp.setStatus('paper-out');
  const two = await kioskVisit(kiosk.token, '陈二');
  await two.approve();
  const job2 = await second.next(1);
  assert.is(readQr(job2.image!), await badgeCode(two.id), 'the fallback printed the second badge');
  assert.is(job2.image!.width, 384, 'drawn for the fallback\'s own 58 mm paper');
  assert.is(first.jobs.length, 1, 'nothing more on the printer out of paper');
  assert.is(s.printing.virtual!.prints(500).length, defaultBefore, 'the configured printer printed neither');
  first.vp.setStatus('ok');

  // A kiosk with no printers of its own prints where it always did.
  const plain = await s.pairKiosk('Plain kiosk');
  const three = await kioskVisit(plain.token, '陈三');
  await three.approve();
  for (let i = 0; i < 100 && s.printing.virtual!.prints(500).length === defaultBefore; i++) await new Promise((r) => setTimeout(r, 50));
  assert.is(s.printing.virtual!.prints(500).length, defaultBefore + 1);
});

test("reception's reprint, the muster list and a roll call print on the desk's printer, not the kiosk's", async () => {
  const kioskPrinter = await printer(), deskPrinter = await printer();
  const k = await added('Kiosk printer', kioskPrinter.address);
  const d = await added('Desk printer', deskPrinter.address);
  const kiosk = await s.pairKiosk('Reprint kiosk');
  await s.api('PATCH', `/api/kiosks/${kiosk.kiosk.id}`, { printerIds: [k.id] }, s.admin.token);
  const desk = await s.api('PUT', '/api/printers/desk', { printerIds: [d.id] }, s.admin.token);
  assert.equal(desk.body.desk.printerIds, [d.id]);
  assert.equal((await s.api('GET', '/api/printers', undefined, s.admin.token)).body.desk.printerIds, [d.id]);
  const visit = await kioskVisit(kiosk.token, '周到');
  await visit.approve();
  await kioskPrinter.next(1);
  const reception = await s.makeUser('reception');
  const r = await s.api('POST', `/api/visits/${visit.id}/badge`, undefined, reception.token);
  assert.is(r.body.job.status, 'printed', JSON.stringify(r.body));
  assert.is(r.body.job.printer, deskPrinter.address);
  const reprint = await deskPrinter.next(1);
  assert.is(readQr(reprint.image!), await badgeCode(visit.id), 'the new badge, on the desk');
  assert.is(kioskPrinter.jobs.length, 1);
  const lost = await s.api('POST', `/api/visits/${visit.id}/lost-badge`, {}, reception.token);
  assert.is(lost.body.job.printer, deskPrinter.address);
  // Lists staff print come out at the desk too: the muster list and a roll call.
  const muster = await s.api('POST', '/api/muster', undefined, reception.token);
  assert.is(muster.body.job.printer, deskPrinter.address, JSON.stringify(muster.body));
  const rollcall = (await s.api('POST', '/api/rollcalls', {}, reception.token)).body.rollcall;
  const printed = await s.api('POST', `/api/rollcalls/${rollcall.id}/print`, undefined, reception.token);
  assert.is(printed.body.job.printer, deskPrinter.address, JSON.stringify(printed.body));
  await s.api('POST', `/api/rollcalls/${rollcall.id}/end`, undefined, reception.token);
  assert.is(kioskPrinter.jobs.length, 1, 'nothing of the desk\'s at the kiosk');
  await s.api('PUT', '/api/printers/desk', { printerIds: [] }, s.admin.token);
});

test('a test page prints on that printer only, reads back, and is logged; an edited address takes the next job', async () => {
  const one = await printer(), other = await printer();
  const p = await added('测试机', one.address, 58);
  await added('Other', other.address);
  const r = await s.api('POST', `/api/printers/${p.id}/test`, {}, s.admin.token);
  assert.is(r.body.job.status, 'printed', JSON.stringify(r.body));
  assert.is(r.body.job.kind, 'test');
  const page = await one.next(1);
  assert.is(page.image!.width, 384);
  assert.match(readQr(page.image!) ?? '', new RegExp(`^FOYER-TEST ${p.id} `));
  const logged = (await s.api('GET', '/api/log?q=printer-tested', undefined, s.admin.token)).body.events;
  assert.ok(logged.some((e: any) => e.kind === 'printer-tested' && e.data.printer === p.id && e.data.status === 'printed'), JSON.stringify(logged));

  one.vp.setStatus('paper-out');
  const failed = await s.api('POST', `/api/printers/${p.id}/test`, {}, s.admin.token);
  assert.is(failed.body.job.status, 'failed');
  assert.match(failed.body.job.error, /paper-out/);
  assert.is(other.jobs.length, 0, 'no fallback for a test page');
  assert.is(one.jobs.length, 1);
  one.vp.setStatus('ok');

  const moved = await s.api('PATCH', `/api/printers/${p.id}`, { address: other.address }, s.admin.token);
  assert.is(moved.body.printer.address, other.address);
  assert.is((await s.api('POST', `/api/printers/${p.id}/test`, {}, s.admin.token)).body.job.printer, other.address);
  await other.next(1);
  assert.is(one.jobs.length, 1);
});

test('paper out: one alert and one printer:status to an admin, back to ok told too, and the list shows it live', async () => {
  const watched = await printer();
  const p = await added('Watched', watched.address);
  const sock = await s.socket(s.admin.token);
  const statuses: any[] = [], alerts: any[] = [];
  sock.on('printer:status', (e: any) => { if (e.printer.id === p.id) statuses.push(e.printer.status); });
  sock.on('alert', (e: any) => { if (e.alert.data?.printerId === p.id) alerts.push(e.alert.data.status); });
  const out = nextEvent(sock, 'printer:status', (e: any) => e.printer.id === p.id && e.printer.status === 'paper-out', 5000);
  const outAlert = nextEvent(sock, 'alert', (e: any) => e.alert.data?.printerId === p.id && e.alert.data.status === 'paper-out', 5000);
  watched.vp.setStatus('paper-out');
  assert.equal((await out).printer, { ...(await out).printer, id: p.id, name: 'Watched', status: 'paper-out' });
  assert.match((await outAlert).alert.message, /Watched/);
  assert.is((await s.api('GET', '/api/printers', undefined, s.admin.token)).body.printers.find((x: any) => x.id === p.id).status, 'paper-out');
  // Later rounds of the poll find it still out of paper: nothing more is said until it changes.
  const back = nextEvent(sock, 'printer:status', (e: any) => e.printer.id === p.id && e.printer.status === 'ok', 5000);
  const backAlert = nextEvent(sock, 'alert', (e: any) => e.alert.data?.printerId === p.id && e.alert.data.status === 'ok', 5000);
  await new Promise((r) => setTimeout(r, 300)); // several poll rounds while it is out
  watched.vp.setStatus('ok');
  await back;
  await backAlert;
  assert.equal(statuses, ['paper-out', 'ok']);
  assert.equal(alerts, ['paper-out', 'ok']);
  const kept = (await s.api('GET', '/api/alerts?open=1', undefined, s.admin.token)).body.alerts.filter((a: any) => a.data?.printerId === p.id);
  assert.is(kept.length, 2);

  const off = await s.api('PATCH', `/api/printers/${p.id}`, { active: false }, s.admin.token);
  assert.is(off.body.printer.status, 'off');
  assert.is(off.body.printer.active, false);
});

test('rivals at once: two removals, two edits, a removal and an assignment', async () => {
  const p = await added('Rival', 'virtual');
  const [x, y] = await Promise.all([1, 2].map(() => s.api('DELETE', `/api/printers/${p.id}`, undefined, s.admin.token)));
  assert.equal([x.status, y.status].sort(), [204, 404]);

  const q = await added('Edited', 'virtual', 80);
  const [n, w] = await Promise.all([
    s.api('PATCH', `/api/printers/${q.id}`, { name: 'Renamed' }, s.admin.token),
    s.api('PATCH', `/api/printers/${q.id}`, { paper: 58 }, s.admin.token),
  ]);
  assert.is(n.status, 200);
  assert.is(w.status, 200);
  const stored = (await s.api('GET', '/api/printers', undefined, s.admin.token)).body.printers.find((e: any) => e.id === q.id);
  assert.is(stored.name, 'Renamed');
  assert.is(stored.paper, 58, 'both edits landed');

  const kiosk = await s.pairKiosk('Rival kiosk');
  for (let round = 0; round < 4; round++) {
    const r = await added(`Raced ${round}`, 'virtual');
    const [del, assign] = await Promise.all([
      s.api('DELETE', `/api/printers/${r.id}`, undefined, s.admin.token),
      s.api('PATCH', `/api/kiosks/${kiosk.kiosk.id}`, { printerIds: [r.id] }, s.admin.token),
    ]);
    const kept = (await s.api('GET', '/api/printers', undefined, s.admin.token)).body.printers.some((e: any) => e.id === r.id);
    const kioskNow = (await s.api('GET', '/api/kiosks', undefined, s.admin.token)).body.kiosks.find((k: any) => k.id === kiosk.kiosk.id);
    // Never both: either the removal or the assignment lands, or (their checks crossing) neither; never a kiosk
    // naming a printer that is gone.
    assert.not.ok(del.status === 204 && assign.status === 200, `round ${round}: both landed`);
    assert.ok([204, 409].includes(del.status), `round ${round}: ${JSON.stringify(del.body)}`);
    assert.ok([200, 400].includes(assign.status), `round ${round}: ${JSON.stringify(assign.body)}`);
    if (del.status === 409) assert.is(del.body.error.kind, 'kiosks');
    if (assign.status === 400) assert.is(assign.body.error.code, 'unknown-printer');
    assert.is(kept, del.status === 409);
    assert.equal(kioskNow.printerIds ?? [], assign.status === 200 ? [r.id] : []);
    await s.api('PATCH', `/api/kiosks/${kiosk.kiosk.id}`, { printerIds: [] }, s.admin.token);
  }
  const used = await added('Used by the desk', 'virtual');
  await s.api('PUT', '/api/printers/desk', { printerIds: [used.id] }, s.admin.token);
  const refused = await s.api('DELETE', `/api/printers/${used.id}`, undefined, s.admin.token);
  assert.is(refused.status, 409);
  assert.is(refused.body.error.kind, 'kiosks');
  assert.is(refused.body.error.desk, true);
  await s.api('PUT', '/api/printers/desk', { printerIds: [] }, s.admin.token);
  assert.is((await s.api('DELETE', `/api/printers/${used.id}`, undefined, s.admin.token)).status, 204);
});

test.run();
