// Printing seen from the desk: saved prints, a printer out of paper, the reprint, the muster list.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { startServer, nextEvent, type TestServer } from '../helpers/server.ts';
import { fromRgba } from '../../printer/bitmap.ts';
import { readQr } from '../helpers/qr.ts';

let s: TestServer;
test.before(async () => { s = await startServer(); });
test.after(async () => { await s.close(); });

async function arrive(name: string) {
  const { host, token } = await s.makeHost('打印', '测试部');
  const kiosk = await s.pairKiosk();
  const kioskSock = await s.socket(kiosk.token);
  const reg = await s.api('POST', '/api/visits', { visitor: { name, idType: 'passport', idNumber: 'E1212121' }, purpose: 'x', hostId: host.id }, kiosk.token);
  return { id: reg.body.visit.id as string, hostToken: token, kiosk, kioskSock };
}

test('the desk sees each print and its PNG, and the QR in the PNG reads back as the badge code', async () => {
  const { id, hostToken, kioskSock } = await arrive('王芳');
  const printed = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.status === 'on-site');
  await s.api('POST', `/api/visits/${id}/decision`, { decision: 'approve' }, hostToken);
  const visit = (await printed).visit;
  const reception = await s.makeUser('reception');
  const list = await s.api('GET', '/api/prints', undefined, reception.token);
  const print = list.body.prints.find((p: any) => p.id === visit.badge.jobId);
  assert.ok(print, JSON.stringify(list.body));
  assert.not.ok('png' in print, 'no server paths leak to clients');
  const png = await fetch(`${s.url}/api/prints/${print.id}.png`, { headers: { authorization: `Bearer ${reception.token}` } });
  assert.is(png.headers.get('content-type'), 'image/png');
  const image = await loadImage(Buffer.from(await png.arrayBuffer()));
  const canvas = createCanvas(image.width, image.height);
  const c = canvas.getContext('2d');
  c.drawImage(image, 0, 0);
  const rgba = c.getImageData(0, 0, image.width, image.height).data;
  assert.is(image.width, 576);
  assert.is(readQr(fromRgba(rgba, image.width, image.height)), visit.badge.code);
  const kiosk = await s.pairKiosk('Peeker');
  assert.is((await s.api('GET', `/api/prints/${print.id}.png`, undefined, kiosk.token)).status, 403);
  assert.is((await s.api('GET', '/api/prints/job-nope.png', undefined, reception.token)).status, 404);
});

test('out of paper: the kiosk is told, reception and security are alerted, a reprint after the refill prints once', async () => {
  const { id, hostToken, kioskSock } = await arrive('李雷');
  const reception = await s.makeUser('reception');
  const security = await s.makeUser('security');
  const receptionSock = await s.socket(reception.token);
  const securitySock = await s.socket(security.token);
  s.printing.virtual!.setStatus('paper-out');
  const failed = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.id === id && p.visit.badge?.print === 'failed', 10_000);
  const receptionAlert = nextEvent(receptionSock, 'alert', (p: any) => p.alert.kind === 'printer', 10_000);
  const securityAlert = nextEvent(securitySock, 'alert', (p: any) => p.alert.kind === 'printer', 10_000);
  await s.api('POST', `/api/visits/${id}/decision`, { decision: 'approve' }, hostToken);
  assert.is((await failed).visit.status, 'approved', 'an unprinted badge does not put the visitor on site');
  await receptionAlert;
  await securityAlert;

  s.printing.virtual!.setStatus('ok');
  const before = s.printing.virtual!.prints(500).length;
  const r = await s.api('POST', `/api/visits/${id}/badge`, undefined, reception.token);
  assert.is(r.body.job.status, 'printed', JSON.stringify(r.body));
  assert.is(s.printing.virtual!.prints(500).length, before + 1);
  assert.is((await s.api('GET', `/api/visits/${id}`, undefined, reception.token)).body.visit.status, 'on-site');
});

test('the muster list prints everyone on site as one job', async () => {
  const security = await s.makeUser('security');
  const onsite = (await s.api('GET', '/api/onsite', undefined, security.token)).body.visits.length;
  assert.ok(onsite >= 2);
  const before = s.printing.virtual!.prints(500).length;
  const r = await s.api('POST', '/api/muster', {}, security.token);
  assert.is(r.status, 200);
  assert.is(r.body.count, onsite);
  assert.is(r.body.job.kind, 'muster');
  assert.is(r.body.job.status, 'printed');
  assert.is(s.printing.virtual!.prints(500).length, before + 1);
});

test.run();
