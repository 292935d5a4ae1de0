// Badges at the door: signed, verifiable offline, refused when forged, closed, expired or already in.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createPublicKey, verify } from 'node:crypto';
import { startServer, nextEvent, residentId, type TestServer } from '../helpers/server.ts';

let s: TestServer;
test.before(async () => { s = await startServer(); });
test.after(async () => { await s.close(); });

async function onSiteVisit() {
  const { host, token } = await s.makeHost('黄蓉', '客服部');
  const kiosk = await s.pairKiosk();
  const kioskSock = await s.socket(kiosk.token);
  const reg = await s.api('POST', '/api/visits', { visitor: { name: 'Guo Jing', idType: 'passport', idNumber: 'E9988776' }, purpose: 'Visit', hostId: host.id }, kiosk.token);
  const printed = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.status === 'on-site');
  await s.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'approve' }, token);
  return { visit: (await printed).visit, kiosk };
}

test('a gate verifies a badge offline with /api/badge-key', async () => {
  const { visit } = await onSiteVisit();
  const key = await s.api('GET', '/api/badge-key');
  assert.is(key.body.alg, 'Ed25519');
  const raw = Buffer.from(key.body.publicKey, 'base64');
  assert.is(raw.length, 32);
  const pub = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]), format: 'der', type: 'spki' });
  const parts = visit.badge.code.split('.');
  const signed = parts.slice(0, -1).join('.');
  assert.ok(verify(null, Buffer.from(signed), pub, Buffer.from(parts.at(-1), 'base64url')), 'the signature verifies with the published key');
  assert.ok(signed.includes(visit.id), 'the badge names its visit');
});

test('scan in, a second scan in is refused, scan out closes the badge', async () => {
  const { visit, kiosk } = await onSiteVisit();
  const security = await s.makeUser('security');
  const scanIn = await s.api('POST', '/api/scan', { code: visit.badge.code, direction: 'in' }, security.token);
  assert.is(scanIn.status, 200, JSON.stringify(scanIn.body));
  assert.is(scanIn.body.movement.direction, 'in');
  const twice = await s.api('POST', '/api/scan', { code: visit.badge.code, direction: 'in' }, kiosk.token);
  assert.is(twice.status, 409);
  assert.is(twice.body.error.code, 'already-in');
  const out = await s.api('POST', '/api/scan', { code: visit.badge.code, direction: 'out' }, kiosk.token);
  assert.is(out.body.visit.status, 'checked-out');
  const after = await s.api('POST', '/api/scan', { code: visit.badge.code, direction: 'out' }, kiosk.token);
  assert.is(after.status, 409);
  assert.is(after.body.error.code, 'badge-closed');
});

test('forged and malformed badges are refused with the code field named', async () => {
  const { visit } = await onSiteVisit();
  const security = await s.makeUser('security');
  const code: string = visit.badge.code;
  const flip = (c: string) => (c === 'A' ? 'B' : 'A');
  const cases: Array<[string, string]> = [
    ['a changed visit id', code.replace(visit.id, visit.id.slice(0, -1) + flip(visit.id.at(-1)!))],
    ['a changed signature', code.slice(0, -2) + flip(code.at(-2)!) + code.at(-1)],
    ['a later expiry', code.replace(/\.([0-9a-z]+)\.([^.]+)$/, (_m, exp, sig) => `.${(parseInt(exp, 36) + 86400).toString(36)}.${sig}`)],
    ['random text', 'hello'],
    ['an empty code', ''],
  ];
  for (const [what, bad] of cases) {
    const r = await s.api('POST', '/api/scan', { code: bad, direction: 'in' }, security.token);
    assert.is(r.status, 400, what);
    assert.is(r.body.error.field, 'code', what);
  }
});

test('a reprint prints one more badge with a new code; the old code is refused as replaced; both logged', async () => {
  const { visit, kiosk } = await onSiteVisit();
  const reception = await s.makeUser('reception');
  const before = s.printing.virtual!.prints(500).length;
  const r = await s.api('POST', `/api/visits/${visit.id}/badge`, undefined, reception.token);
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.is(r.body.job.status, 'printed');
  assert.is(r.body.job.reprint, true);
  assert.is(s.printing.virtual!.prints(500).length, before + 1);
  const after = (await s.api('GET', `/api/visits/${visit.id}`, undefined, reception.token)).body.visit;
  assert.is.not(after.badge.code, visit.badge.code, 'the reprint carries a new code');
  assert.is(after.badge.validUntil, visit.badge.validUntil, 'a reprint does not stretch the visit');
  const old = await s.api('POST', '/api/scan', { code: visit.badge.code, direction: 'out' }, kiosk.token);
  assert.is(old.status, 409);
  assert.is(old.body.error.code, 'badge-replaced');
  const fresh = await s.api('POST', '/api/scan', { code: after.badge.code, direction: 'out' }, kiosk.token);
  assert.is(fresh.status, 200, JSON.stringify(fresh.body));
  const security = await s.makeUser('security');
  const log = await s.api('GET', `/api/log?q=${visit.id}`, undefined, security.token);
  assert.ok(log.body.events.some((e: any) => e.kind === 'badge-reprinted' && e.data.serial === 1));
});

test('a kiosk reprints a badge once; more asked together or later go to reception, who may still reprint', async () => {
  const { visit, kiosk } = await onSiteVisit();
  const before = s.printing.virtual!.prints(500).length;
  const tries = await Promise.all(Array.from({ length: 5 }, () => s.api('POST', `/api/visits/${visit.id}/badge`, undefined, kiosk.token)));
  assert.equal(tries.map((t) => t.status).sort(), [200, 409, 409, 409, 409]);
  for (const t of tries.filter((x) => x.status === 409)) assert.is(t.body.error.code, 'reprint-limit');
  const later = await s.api('POST', `/api/visits/${visit.id}/badge`, undefined, kiosk.token);
  assert.is(later.body.error.code, 'reprint-limit');
  assert.is(s.printing.virtual!.prints(500).length, before + 1, 'exactly one more badge came out');
  const reception = await s.makeUser('reception');
  assert.is((await s.api('POST', `/api/visits/${visit.id}/badge`, undefined, reception.token)).status, 200);
});

test.run();
