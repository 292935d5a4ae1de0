// Reception's exceptions: a lost badge is voided and a new one printed; the panic button reaches security at once.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { startServer, nextEvent, type TestServer } from '../helpers/server.ts';
import { fromRgba } from '../../printer/bitmap.ts';
import { readQr } from '../helpers/qr.ts';

let s: TestServer;
test.before(async () => { s = await startServer(); });
test.after(async () => { await s.close(); });

async function onSiteVisit(name = '丢卡的人') {
  const host = await s.makeHost('王重阳', '工程部');
  const kiosk = await s.pairKiosk();
  const kioskSock = await s.socket(kiosk.token);
  const reg = await s.api('POST', '/api/visits', { visitor: { name, idType: 'passport', idNumber: 'E3141592' }, purpose: 'Repair', hostId: host.host.id }, kiosk.token);
  const printed = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.id === reg.body.visit.id && p.visit.status === 'on-site');
  await s.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'approve' }, host.token);
  return { visit: (await printed).visit, kiosk, host };
}

async function printedCode(jobId: string, token: string): Promise<string | undefined> {
  const png = await fetch(`${s.url}/api/prints/${jobId}.png`, { headers: { authorization: `Bearer ${token}` } });
  const image = await loadImage(Buffer.from(await png.arrayBuffer()));
  const canvas = createCanvas(image.width, image.height);
  const c = canvas.getContext('2d');
  c.drawImage(image, 0, 0);
  return readQr(fromRgba(c.getImageData(0, 0, image.width, image.height).data, image.width, image.height));
}

test('a lost badge: the old code is refused (badge-replaced), a new one is printed and reads back, the log says so without the name', async () => {
  const { visit, kiosk } = await onSiteVisit();
  const reception = await s.makeUser('reception');
  const r = await s.api('POST', `/api/visits/${visit.id}/lost-badge`, {}, reception.token);
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.is(r.body.job.status, 'printed');
  assert.is(r.body.visit.badge.serial, 1);
  assert.is.not(r.body.visit.badge.code, visit.badge.code);
  assert.is(r.body.visit.status, 'on-site');
  assert.is(await printedCode(r.body.job.id, reception.token), r.body.visit.badge.code, 'the new badge at the virtual printer carries the new code');
  const old = await s.api('POST', '/api/scan', { code: visit.badge.code, direction: 'out' }, kiosk.token);
  assert.is(old.body.error?.code, 'badge-replaced', JSON.stringify(old.body));
  const fresh = await s.api('POST', '/api/scan', { code: r.body.visit.badge.code, direction: 'out' }, kiosk.token);
  assert.is(fresh.status, 200, JSON.stringify(fresh.body));
  const log = (await s.api('GET', `/api/log?q=${visit.id}`, undefined, s.admin.token)).body.events;
  const lost = log.find((e: any) => e.kind === 'badge-lost');
  assert.ok(lost, 'logged');
  assert.equal([lost.data.voidedSerial, lost.data.serial, lost.actor], [0, 1, `user:${reception.user.id}`]);
  assert.not.ok(JSON.stringify(log).includes('丢卡的人'));
});

test('lost badge: wrong roles, unknown visits and closed visits are refused', async () => {
  const { visit, kiosk, host } = await onSiteVisit('Closed Later');
  for (const [token, status] of [[undefined, 401], [kiosk.token, 403], [host.token, 403], ['junk', 401]] as const) {
    assert.is((await s.api('POST', `/api/visits/${visit.id}/lost-badge`, {}, token)).status, status);
  }
  const security = await s.makeUser('security');
  assert.is((await s.api('POST', '/api/visits/20261130-NOPE0000/lost-badge', {}, security.token)).status, 404);
  assert.is((await s.api('POST', '/api/visits/..%2F..%2Fetc/lost-badge', {}, security.token)).status, 404);
  await s.api('POST', `/api/visits/${visit.id}/checkout`, {}, security.token);
  const closed = await s.api('POST', `/api/visits/${visit.id}/lost-badge`, {}, security.token);
  assert.equal([closed.status, closed.body.error.code], [409, 'wrong-state']);
  const huge = await s.api('POST', `/api/visits/${visit.id}/lost-badge`, { x: 'y'.repeat(300 * 1024) }, security.token);
  assert.is(huge.status, 413);
});

test('panic: security, reception and admin sockets get the alert at once with where; it is logged; a kiosk may press it', async () => {
  const security = await s.makeUser('security');
  const reception = await s.makeUser('reception');
  const watch = await s.socket(security.token);
  const desk = await s.socket(reception.token);
  const host = await s.makeHost('不该收到', '部门');
  const hostSock = await s.socket(host.token);
  let hostHeard = false;
  hostSock.on('alert', () => { hostHeard = true; });
  const heard = nextEvent(watch, 'alert', (p: any) => p.alert.kind === 'panic');
  const deskHeard = nextEvent(desk, 'alert', (p: any) => p.alert.kind === 'panic');
  const r = await s.api('POST', '/api/panic', { where: 'Reception desk 1 / 前台一号' }, reception.token);
  assert.is(r.status, 201, JSON.stringify(r.body));
  const { alert } = await heard;
  assert.equal([alert.data.where, alert.data.by], ['Reception desk 1 / 前台一号', `user:${reception.user.id}`]);
  await deskHeard;
  const log = (await s.api('GET', '/api/log?q=panic-pressed', undefined, s.admin.token)).body.events;
  assert.ok(log.some((e: any) => e.kind === 'panic-pressed' && e.data.where === 'Reception desk 1 / 前台一号'));
  const kiosk = await s.pairKiosk('Lobby east');
  const fromKiosk = nextEvent(watch, 'alert', (p: any) => p.alert.kind === 'panic' && p.alert.data.device === 'Lobby east');
  assert.is((await s.api('POST', '/api/panic', { where: 'Kiosk staff screen' }, kiosk.token)).status, 201);
  await fromKiosk;
  assert.not.ok(hostHeard, 'hosts are not alerted');
});

test('panic is rate-limited per device (three a minute), others still get through; wrong role and bad input refused', async () => {
  const reception = await s.makeUser('reception');
  const other = await s.makeUser('reception');
  const presses = await Promise.all(Array.from({ length: 6 }, () => s.api('POST', '/api/panic', { where: 'Desk 2' }, reception.token)));
  assert.equal(presses.map((p) => p.status).sort(), [201, 201, 201, 429, 429, 429]);
  assert.is(presses.find((p) => p.status === 429)!.body.error.code, 'too-many-attempts');
  assert.is((await s.api('POST', '/api/panic', { where: 'Desk 3' }, other.token)).status, 201, 'another device is not held back');
  const host = await s.makeHost('某人', '部门');
  assert.is((await s.api('POST', '/api/panic', { where: 'x' }, host.token)).status, 403);
  assert.is((await s.api('POST', '/api/panic', { where: 'x' })).status, 401);
  const fresh = await s.makeUser('security');
  const bad: Array<[unknown, string, string]> = [
    [{}, 'missing-field', 'where'], [{ where: '' }, 'missing-field', 'where'], [{ where: 7 }, 'invalid-input', 'where'],
    [{ where: 'x'.repeat(81) }, 'too-long', 'where'], [{ where: 'a\u0007b' }, 'invalid-input', 'where'],
  ];
  for (const [body, code, field] of bad) {
    const r = await s.api('POST', '/api/panic', body, fresh.token);
    assert.equal([r.status, r.body.error.code, r.body.error.field], [400, code, field], JSON.stringify(body));
  }
  const hostile = await s.api('POST', '/api/panic', undefined, fresh.token, '{"where":"x","__proto__":{"admin":true}}');
  assert.is(hostile.status, 400);
  assert.is((await s.api('POST', '/api/panic', { where: 'y'.repeat(300 * 1024) }, fresh.token)).status, 413);
});

test('today\'s expected visitors: invitations of today with their status, no invite code or phone; wrong roles refused', async () => {
  const host = await s.makeHost('李娜', '市场部');
  const reception = await s.makeUser('reception');
  const now = Date.now();
  const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
  const made = await s.api('POST', '/api/appointments', { visitor: { name: '预约的客人', phone: '13800138000', company: '某公司' }, hostId: host.host.id, start: at(1), end: at(90), purpose: 'Meeting' }, reception.token);
  assert.is(made.status, 201, JSON.stringify(made.body));
  const r = await s.api('GET', '/api/appointments/today', undefined, reception.token);
  assert.is(r.status, 200);
  const mine = r.body.appointments.find((a: any) => a.id === made.body.appointment.id);
  assert.ok(mine, JSON.stringify(r.body));
  assert.equal([mine.visitor.name, mine.visitor.company, mine.host.name, mine.status], ['预约的客人', '某公司', '李娜', 'expected']);
  const text = JSON.stringify(r.body);
  assert.not.ok(text.includes('13800138000'), 'no phone');
  assert.not.ok(text.includes(made.body.appointment.inviteCode), 'no invite code');
  const kiosk = await s.pairKiosk();
  for (const [token, status] of [[undefined, 401], [kiosk.token, 403], [host.token, 403]] as const) {
    assert.is((await s.api('GET', '/api/appointments/today', undefined, token)).status, status);
  }
});

test.run();
