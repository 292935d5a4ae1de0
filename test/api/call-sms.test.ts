// The standard text after a call (regulations: within 5 minutes): a template filled for the caller, posted to the
// site's SMS bridge signed as the webhook channel signs, recorded on the call, once per call even when clicked twice,
// and logged without the phone or the words.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHmac } from 'node:crypto';
import { startServer, type TestServer } from '../helpers/server.ts';
import { robot } from '../helpers/robot.ts';

const SECRET = 'sms-bridge-secret-42';
let s: TestServer;
let bridge: Awaited<ReturnType<typeof robot>>;
let reception: string;
test.before(async () => {
  s = await startServer();
  bridge = await robot();
  reception = (await s.makeUser('reception', { name: '前台小李' })).token;
  await s.api('PATCH', '/api/settings', { siteName: '远山大厦' }, s.admin.token);
});
test.after(async () => { await bridge.close(); await s.close(); });

let seq = 0;
async function logCall(caller: Record<string, unknown> = { name: '王芳', phone: '13912345678', organisation: '星河科技' }, subject = '电梯故障') {
  const r = await s.api('POST', '/api/calls', { caller, subject: `${subject}${++seq}`, category: 'complaint', importance: 'normal' }, reception);
  assert.is(r.status, 201, JSON.stringify(r.body));
  return r.body.call;
}
const sms = (id: string, body: unknown, token = reception) => s.api('POST', `/api/calls/${encodeURIComponent(id)}/sms`, body, token);
const useBridge = (url: string, secret?: string) => s.api('PATCH', '/api/settings', { smsWebhook: { url, ...(secret ? { secret } : {}) } }, s.admin.token);
const callNow = async (id: string) => (await s.api('GET', '/api/calls?limit=500', undefined, reception)).body.calls.find((c: any) => c.id === id);
const smsEvents = async () => (await s.api('GET', '/api/log?q=call-sms', undefined, s.admin.token)).body.events.filter((e: any) => e.kind.startsWith('call-sms'));

test('with no bridge set up the desk is told so, and nothing is recorded on the call', async () => {
  const call = await logCall();
  const r = await sms(call.id, { templateId: 'after-call' });
  assert.is(r.status, 409);
  assert.is(r.body.error.code, 'sms-not-configured');
  assert.is((await callNow(call.id)).sms, undefined);
});

test('the text reaches the bridge filled in and signed over its bytes; the call records it; the log names no phone', async () => {
  assert.is((await useBridge(bridge.url, SECRET)).status, 200);
  const call = await logCall();
  const r = await sms(call.id, { templateId: 'after-call' });
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.is(r.body.sent.status, 200);
  const body = await bridge.next(1);
  assert.equal(body, {
    type: 'sms', to: '13912345678', call: call.id,
    text: `您好，王芳！这里是远山大厦前台，感谢您的来电。您反映的“${call.subject}”我们已记录，会尽快答复您。`,
  });
  const raw = bridge.raws[0];
  const headers = bridge.headers[0];
  assert.is(headers['x-foyer-event'], 'sms');
  assert.is(headers['x-foyer-signature'], `sha256=${createHmac('sha256', SECRET).update(Buffer.from(raw, 'utf8')).digest('hex')}`);
  assert.is.not(headers['x-foyer-signature'], `sha256=${createHmac('sha256', 'another-secret').update(raw).digest('hex')}`, 'the signature is the secret\'s');
  const stored = await callNow(call.id);
  assert.equal(stored.sms, { templateId: 'after-call', at: r.body.sent.at, ok: true });

  // In English on request, the clerk's name for {staff}.
  await s.api('PATCH', '/api/settings', { smsTemplates: [{ id: 'thanks', zh: '{name}您好。{staff}', en: 'Hello {name}, {staff} at {site} here about "{subject}".' }] }, s.admin.token);
  const second = await logCall({ name: 'Anna Berg', phone: '+86 139 0000 1111' }, 'Parking');
  assert.is((await sms(second.id, { templateId: 'thanks', lang: 'en' })).status, 200);
  assert.equal(await bridge.next(2), { type: 'sms', to: '+86 139 0000 1111', call: second.id, text: `Hello Anna Berg, 前台小李 at 远山大厦 here about "${second.subject}".` });
  await s.api('PATCH', '/api/settings', { smsTemplates: null }, s.admin.token);

  const events = await smsEvents();
  assert.equal(events.filter((e: any) => e.kind === 'call-sms-sent').map((e: any) => e.data), [{ call: call.id, template: 'after-call' }, { call: second.id, template: 'thanks' }]);
  const logged = JSON.stringify(events);
  for (const secret of ['13912345678', '139 0000 1111', '王芳', 'Anna Berg', '您好', call.subject, SECRET]) assert.not.ok(logged.includes(secret), `the log holds no ${secret}`);
});

test('one text per call: a second is refused, and two clicks at once send once', async () => {
  const sent = await logCall();
  assert.is((await sms(sent.id, { templateId: 'after-call' })).status, 200);
  const again = await sms(sent.id, { templateId: 'message-taken' });
  assert.is(again.status, 409);
  assert.is(again.body.error.code, 'sms-already-sent');
  assert.is(again.body.error.sms.templateId, 'after-call');

  const call = await logCall();
  const before = bridge.bodies.length;
  const answers = await Promise.all([sms(call.id, { templateId: 'after-call' }), sms(call.id, { templateId: 'after-call' })]);
  assert.equal(answers.map((a) => a.status).sort(), [200, 409]);
  assert.ok(['sms-sending', 'sms-already-sent'].includes(answers.find((a) => a.status === 409)!.body.error.code));
  await bridge.next(before + 1);
  await new Promise((r) => setTimeout(r, 200));
  assert.is(bridge.bodies.filter((b) => b.call === call.id).length, 1, 'the caller gets one text');
});

test('a bridge that refuses: 502 with its status, the call records the failure, and the desk may try again', async () => {
  const failing = await robot([500]);
  try {
    await useBridge(failing.url);
    const call = await logCall();
    const r = await sms(call.id, { templateId: 'after-call' });
    assert.is(r.status, 502, JSON.stringify(r.body));
    assert.is(r.body.error.code, 'sms-failed');
    assert.is(r.body.error.status, 500);
    assert.not.ok(JSON.stringify(r.body).includes('13912345678'));
    assert.equal((await callNow(call.id)).sms.ok, false);
    const failed = (await smsEvents()).find((e: any) => e.kind === 'call-sms-failed');
    assert.equal(failed.data, { call: call.id, template: 'after-call', status: 500 });
    // Again: the bridge takes it now. Without a secret, no signature header.
    assert.is((await sms(call.id, { templateId: 'after-call' })).status, 200);
    await failing.next(1);
    assert.is(failing.headers[0]['x-foyer-signature'], undefined);
    assert.equal((await callNow(call.id)).sms.ok, true);
  } finally {
    await failing.close();
    await useBridge(bridge.url, SECRET);
  }
});

test('a caller without a phone, an unknown call or template, bad bodies: refused, nothing sent', async () => {
  const before = bridge.bodies.length;
  const nophone = await logCall({ name: '匿名' });
  const call = await logCall();
  const cases: Array<[string, string, unknown, number, string, string?]> = [
    ['no phone', nophone.id, { templateId: 'after-call' }, 409, 'no-phone'],
    ['no such call', '20261201-000000000000', { templateId: 'after-call' }, 404, 'call-not-found'],
    ['a hostile id', '../settings', { templateId: 'after-call' }, 404, 'call-not-found'],
    ['no template', call.id, {}, 400, 'missing-field', 'templateId'],
    ['an unknown template', call.id, { templateId: 'birthday' }, 400, 'unknown-template', 'templateId'],
    ['a template id of 33', call.id, { templateId: 'x'.repeat(33) }, 400, 'too-long', 'templateId'],
    ['a template id as a number', call.id, { templateId: 7 }, 400, 'invalid-input', 'templateId'],
    ['an unknown language', call.id, { templateId: 'after-call', lang: 'fr' }, 400, 'invalid-input', 'lang'],
    ['the phone sent along', call.id, { templateId: 'after-call', to: '13800000000' }, 400, 'unknown-field', 'to'],
    ['the text sent along', call.id, { templateId: 'after-call', text: 'free text' }, 400, 'unknown-field', 'text'],
  ];
  for (const [why, id, body, status, code, field] of cases) {
    const r = await sms(id, body);
    assert.is(r.status, status, `${why}: ${JSON.stringify(r.body)}`);
    assert.is(r.body.error.code, code, why);
    if (field) assert.is(r.body.error.field, field, why);
  }
  const malformed = await s.api('POST', `/api/calls/${call.id}/sms`, undefined, reception, '{"templateId":');
  assert.is(malformed.status, 400);
  const security = (await s.makeUser('security')).token;
  const supervisor = (await s.makeUser('supervisor')).token;
  const host = (await s.makeHost('短信', '行政部')).token;
  const kiosk = (await s.pairKiosk('短信亭')).token;
  for (const [who, token, status] of [['admin', s.admin.token, 403], ['supervisor', supervisor, 403], ['security', security, 403], ['host', host, 403], ['kiosk', kiosk, 403], ['nobody', undefined, 401]] as const) {
    assert.is((await s.api('POST', `/api/calls/${call.id}/sms`, { templateId: 'after-call' }, token)).status, status, who);
  }
  assert.is(bridge.bodies.length, before, 'nothing reached the bridge');
  assert.is((await callNow(call.id)).sms, undefined);
});

test.run();
