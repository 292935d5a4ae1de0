// Agreements: the admin keeps texts a purpose may require; a kiosk visitor with that purpose brings a signature,
// the visit keeps which text and when, and the signature goes with the visitor's personal data.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createCanvas } from '@napi-rs/canvas';
import { startServer, nextEvent, type TestServer } from '../helpers/server.ts';
import { runRetention } from '../../server/flows/retention.ts';

let s: TestServer;
test.before(async () => { s = await startServer(); });
test.after(async () => { await s.close(); });

const NDA = {
  id: 'nda', title: { zh: '保密协议', en: 'Non-disclosure agreement' },
  text: { zh: '本人承诺不泄露在访问期间获知的任何信息。\n违者承担法律责任。', en: 'I will not disclose anything I learn during this visit.\nBreaches are actionable.' },
};
const SAFETY = { id: 'safety', title: { zh: '安全须知', en: 'Safety rules' }, text: { zh: '请佩戴安全帽。', en: 'Wear a hard hat.' } };

/** A finger's stroke as the kiosk's canvas sends it. */
function signature(seed = 1): string {
  const c = createCanvas(300, 120);
  const g = c.getContext('2d');
  g.lineWidth = 3;
  g.beginPath();
  g.moveTo(10, 60);
  for (let x = 10; x < 290; x += 7) g.lineTo(x, 60 + Math.sin(x / (9 + seed)) * 40);
  g.stroke();
  return `data:image/png;base64,${c.toBuffer('image/png').toString('base64')}`;
}

let seq = 0;
const visitor = () => ({ name: `Signer ${++seq}`, idType: 'passport', idNumber: `S${String(3000000 + seq)}` });
const patch = (body: unknown, token = s.admin.token) => s.api('PATCH', '/api/settings', body, token);

test('default: no agreements, nothing asked of a visitor, nothing public', async () => {
  assert.not.ok('agreements' in (await s.api('GET', '/api/site')).body.site.settings);
  const host = await s.makeHost('默认', '前台');
  const kiosk = await s.pairKiosk();
  const r = await s.api('POST', '/api/visits', { visitor: visitor(), purpose: '开会', hostId: host.host.id }, kiosk.token);
  assert.is(r.status, 201);
  assert.not.ok('agreement' in r.body.visit);
});

test('a purpose requires an agreement: the kiosk must bring it signed; the visit keeps id, title, version and time; screens hear it', async () => {
  const kiosk = await s.pairKiosk();
  const sock = await s.socket(kiosk.token);
  const heard = nextEvent(sock, 'settings:updated', (p: any) => p.settings.agreements?.length === 2);
  const set = await patch({ agreements: [NDA, SAFETY], purposes: [
    { zh: '面试', en: 'Interview', approval: true, escort: false, agreementId: 'nda' },
    { zh: '送货', en: 'Delivery', approval: true, escort: false },
  ] });
  assert.is(set.status, 200, JSON.stringify(set.body));
  assert.equal((await heard).settings.agreements[0], NDA, 'the kiosk gets the text live');
  assert.is((await heard).settings.purposes[0].agreementId, 'nda');

  const host = await s.makeHost('法务', '法务部');
  const missing = await s.api('POST', '/api/visits', { visitor: visitor(), purpose: '面试', hostId: host.host.id }, kiosk.token);
  assert.equal([missing.status, missing.body.error.code, missing.body.error.field], [400, 'agreement-required', 'agreement']);
  const wrongOne = await s.api('POST', '/api/visits', { visitor: visitor(), purpose: 'Interview', hostId: host.host.id, agreement: { id: 'safety', signature: signature() } }, kiosk.token);
  assert.equal([wrongOne.status, wrongOne.body.error.code, wrongOne.body.error.field], [400, 'agreement-required', 'agreement.id']);
  const notNeeded = await s.api('POST', '/api/visits', { visitor: visitor(), purpose: '送货', hostId: host.host.id, agreement: { id: 'nda', signature: signature() } }, kiosk.token);
  assert.equal([notNeeded.status, notNeeded.body.error.code], [400, 'not-required']);

  const hostSock = await s.socket(host.token);
  const arrived = nextEvent(hostSock, 'visit:arrived');
  const signed = await s.api('POST', '/api/visits', { visitor: visitor(), purpose: '面试', hostId: host.host.id, agreement: { id: 'nda', signature: signature() } }, kiosk.token);
  assert.is(signed.status, 201, JSON.stringify(signed.body));
  const a = signed.body.visit.agreement;
  assert.equal([a.id, a.title], ['nda', NDA.title]);
  assert.match(a.version, /^[0-9a-f]{16}$/);
  assert.ok(Date.parse(a.signedAt) > 0);
  assert.not.ok(JSON.stringify(signed.body).includes('data:image'), 'the signature is never sent out');
  const seen = await arrived;
  assert.is(seen.visit.agreement.id, 'nda', 'the host sees "agreement signed"');
  assert.not.ok(JSON.stringify(seen).includes('data:image'));
  const read = await s.api('GET', `/api/visits/${signed.body.visit.id}`, undefined, host.token);
  assert.is(read.body.visit.agreement.version, a.version);
  assert.not.ok(JSON.stringify(read.body).includes('data:image'));

  // An edit of the text is another version.
  await patch({ agreements: [{ ...NDA, text: { ...NDA.text, en: 'Changed.' } }, SAFETY] });
  const again = await s.api('POST', '/api/visits', { visitor: visitor(), purpose: '面试', hostId: host.host.id, agreement: { id: 'nda', signature: signature() } }, kiosk.token);
  assert.is.not(again.body.visit.agreement.version, a.version);

  // Reception at the desk may register without one (signed on paper).
  const reception = await s.makeUser('reception');
  assert.is((await s.api('POST', '/api/visits', { visitor: visitor(), purpose: '面试', hostId: host.host.id }, reception.token)).status, 201);
});

test('bad signatures and agreements are refused naming their field', async () => {
  const host = await s.makeHost('坏签名', '法务部');
  const kiosk = await s.pairKiosk();
  await patch({ agreements: [NDA], purposes: [{ zh: '面试', en: 'Interview', approval: true, escort: false, agreementId: 'nda' }] });
  const big = `data:image/png;base64,${Buffer.concat([Buffer.from(signature().slice(22), 'base64'), Buffer.alloc(80 * 1024)]).toString('base64')}`;
  const sigs: Array<[string, unknown, string, string?]> = [
    ['not an object', 'signed', 'agreement'],
    ['no signature', { id: 'nda' }, 'agreement.signature', 'missing-field'],
    ['no id', { signature: signature() }, 'agreement.id', 'missing-field'],
    ['a JPEG data URL', { id: 'nda', signature: 'data:image/jpeg;base64,/9j/4AAQ' }, 'agreement.signature'],
    ['an SVG', { id: 'nda', signature: 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=' }, 'agreement.signature'],
    ['says PNG, is text', { id: 'nda', signature: `data:image/png;base64,${Buffer.from('hello world, no png here').toString('base64')}` }, 'agreement.signature'],
    ['a script in it', { id: 'nda', signature: 'data:image/png;base64,<script>' }, 'agreement.signature'],
    ['oversized', { id: 'nda', signature: big }, 'agreement.signature', 'too-long'],
    ['a number', { id: 'nda', signature: 12 }, 'agreement.signature', 'missing-field'],
  ];
  for (const [name, agreement, field, code] of sigs) {
    const r = await s.api('POST', '/api/visits', { visitor: visitor(), purpose: '面试', hostId: host.host.id, agreement }, kiosk.token);
    assert.is(r.status, 400, `${name}: ${JSON.stringify(r.body).slice(0, 200)}`);
    assert.is(r.body.error.field, field, name);
    if (code) assert.is(r.body.error.code, code, name);
  }

  const cases: Array<[string, unknown, string, string?]> = [
    ['agreements not a list', { agreements: 'nda' }, 'agreements'],
    ['too many', { agreements: Array.from({ length: 11 }, (_, i) => ({ ...NDA, id: `a${i}` })) }, 'agreements', 'too-long'],
    ['id with spaces', { agreements: [{ ...NDA, id: 'my nda' }] }, 'agreements[0].id'],
    ['id repeated', { agreements: [NDA, { ...SAFETY, id: 'nda' }] }, 'agreements[1].id', 'duplicate'],
    ['no title', { agreements: [{ id: 'x', text: NDA.text }] }, 'agreements[0].title', 'missing-field'],
    ['title without en', { agreements: [{ ...NDA, title: { zh: '协议' } }] }, 'agreements[0].title.en', 'missing-field'],
    ['title with a line break', { agreements: [{ ...NDA, title: { zh: '保密\n协议', en: 'NDA' } }] }, 'agreements[0].title.zh'],
    ['text too long', { agreements: [{ ...NDA, text: { zh: '字'.repeat(6001), en: 'x' } }] }, 'agreements[0].text.zh', 'too-long'],
    ['text control char', { agreements: [{ ...NDA, text: { zh: '协\u0007议', en: 'x' } }] }, 'agreements[0].text.zh'],
    ['text a number', { agreements: [{ ...NDA, text: { zh: 5, en: 'x' } }] }, 'agreements[0].text.zh'],
    ['extra key', { agreements: [{ ...NDA, html: '<b>' }] }, 'agreements[0].html'],
    ['extra language', { agreements: [{ ...NDA, text: { ...NDA.text, fr: 'Non' } }] }, 'agreements[0].text.fr'],
    ['purpose names an unknown agreement', { purposes: [{ zh: '面试', en: 'Interview', agreementId: 'ghost' }] }, 'purposes[0].agreementId', 'unknown-agreement'],
    ['removing one a purpose requires', { agreements: [] }, 'agreements', 'unknown-agreement'],
    ['both at once, unknown', { agreements: [SAFETY], purposes: [{ zh: '面试', en: 'Interview', agreementId: 'nda' }] }, 'purposes[0].agreementId', 'unknown-agreement'],
  ];
  for (const [name, body, field, code] of cases) {
    const r = await patch(body);
    assert.is(r.status, 400, `${name}: ${JSON.stringify(r.body).slice(0, 200)}`);
    assert.is(r.body.error.field, field, name);
    if (code) assert.is(r.body.error.code, code, name);
  }
  const after = (await s.api('GET', '/api/settings', undefined, s.admin.token)).body.settings;
  assert.equal([after.agreements.map((a: any) => a.id), after.purposes[0].agreementId], [['nda'], 'nda'], 'nothing refused was stored');
  // Both in one PATCH: a purpose no longer requiring it, and the agreement removed, land together.
  assert.is((await patch({ agreements: [], purposes: [{ zh: '面试', en: 'Interview' }] })).status, 200);
});

test('only an admin edits agreements', async () => {
  const reception = await s.makeUser('reception');
  const kiosk = await s.pairKiosk();
  for (const token of [reception.token, kiosk.token]) assert.is((await patch({ agreements: [NDA] }, token)).status, 403);
});

test('a PATCH of purposes and one of agreements fired together: never a purpose naming a missing agreement', async () => {
  await patch({ agreements: [NDA], purposes: [] });
  const [p, a] = await Promise.all([
    patch({ purposes: [{ zh: '面试', en: 'Interview', agreementId: 'nda' }] }),
    patch({ agreements: [] }),
  ]);
  const after = (await s.api('GET', '/api/settings', undefined, s.admin.token)).body.settings;
  const ids = new Set((after.agreements ?? []).map((x: any) => x.id));
  assert.ok(after.purposes.every((x: any) => !x.agreementId || ids.has(x.agreementId)), JSON.stringify(after));
  assert.ok([p.status, a.status].includes(200) && [p.status, a.status].every((st) => st === 200 || st === 400));
  await patch({ agreements: [], purposes: [] });
});

test('the signature goes with the visit\'s personal data: erased on a person\'s request and by retention', async () => {
  await patch({ agreements: [NDA], purposes: [{ zh: '面试', en: 'Interview', approval: false, escort: false, agreementId: 'nda' }], retentionDays: 1 });
  const host = await s.makeHost('删除', '法务部');
  const kiosk = await s.pairKiosk();
  const security = await s.makeUser('security');
  const sign = signature(7);
  const needle = sign.slice(200, 260);
  const sock = await s.socket(kiosk.token);
  const person = { name: '签名人', idType: 'passport', idNumber: 'SIGN12345', phone: '+86 135 0000 1111' };
  const reg = await s.api('POST', '/api/visits', { visitor: person, purpose: '面试', hostId: host.host.id, agreement: { id: 'nda', signature: sign } }, kiosk.token);
  assert.is(reg.status, 201, JSON.stringify(reg.body));
  const badge = (await nextEvent(sock, 'visit:updated', (p: any) => p.visit.id === reg.body.visit.id && p.visit.status === 'on-site')).visit.badge;
  assert.ok((await s.holding(needle)).length > 0, 'the signature is stored');
  await s.api('POST', '/api/scan', { code: badge.code, direction: 'out' }, kiosk.token);
  const erased = await s.api('POST', '/api/people/erase', { phone: person.phone, reason: 'Request by email' }, security.token);
  assert.is(erased.status, 200, JSON.stringify(erased.body));
  assert.equal(await s.holding(needle), [], 'the signature is stored nowhere after erasure');
  const kept = (await s.api('GET', `/api/visits/${reg.body.visit.id}`, undefined, security.token)).body.visit;
  assert.is(kept.agreement.id, 'nda', 'which agreement was signed stays for reports');

  // Retention: a signed visit a few days old is erased with its signature.
  const sign2 = signature(3);
  const reg2 = await s.api('POST', '/api/visits', { visitor: { ...person, phone: '+86 135 0000 2222' }, purpose: '面试', hostId: host.host.id, agreement: { id: 'nda', signature: sign2 } }, kiosk.token);
  const badge2 = (await nextEvent(sock, 'visit:updated', (p: any) => p.visit.id === reg2.body.visit.id && p.visit.status === 'on-site')).visit.badge;
  await s.api('POST', '/api/scan', { code: badge2.code, direction: 'out' }, kiosk.token);
  assert.ok((await s.holding(sign2.slice(200, 260))).length > 0);
  const ctx = s.app.ctx;
  const later = { ...ctx, clock: () => new Date(Date.now() + 3 * 86_400_000) };
  await runRetention(later);
  assert.equal(await s.holding(sign2.slice(200, 260)), [], 'retention erased the signature');
  await patch({ agreements: [], purposes: [], retentionDays: null });
});

test.run();
