// The desk's words: the standard phrases (规范用语) and standard texts as the regulations give them until an admin
// edits them, read by the desk's roles and never by kiosks, hosts or the public settings; the SMS bridge read back
// masked and kept when sent back as read.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
let reception: string;
test.before(async () => {
  s = await startServer();
  reception = (await s.makeUser('reception')).token;
});
test.after(async () => { await s.close(); });

const patch = (body: unknown, token = s.admin.token) => s.api('PATCH', '/api/settings', body, token);
const phrases = async (token = reception) => (await s.api('GET', '/api/desk-phrases', undefined, token)).body;
const byKey = (list: Array<{ key: string; zh: string; en: string }>) => Object.fromEntries(list.map((p) => [p.key, p]));

test('unset, the desk is prompted with the regulations\' own words, the site\'s name in place of XXXX', async () => {
  let body = await phrases();
  assert.equal(body.phrases.map((p: any) => p.key), ['greeting', 'visit-greeting', 'holding', 'kept-waiting', 'transfer', 'message', 'complaint-apology', 'closing', 'farewell']);
  let p = byKey(body.phrases);
  assert.is(p.greeting.zh, '您好！本单位，请问您找哪位？', 'no site name yet');
  assert.is(p.holding.zh, '请稍等。');
  assert.is(p['kept-waiting'].zh, '对不起，让您久等了。');
  assert.is(p.closing.zh, '谢谢您的来电，我们会尽快答复，祝您工作愉快！再见！');
  assert.ok(p['complaint-apology'].zh.includes('向您道歉'), 'every complaint opens with an apology');
  assert.ok(p.message.zh.includes('留下姓名和联系方式'), 'never a bare "不在"');
  for (const phrase of body.phrases) assert.ok(phrase.en.length > 0 && !/[\u4e00-\u9fff]/.test(phrase.en), `${phrase.key} in English`);
  assert.equal(body.smsTemplates.map((t: any) => t.id), ['after-call', 'message-taken']);
  assert.ok(body.smsTemplates[0].zh.includes('{name}') && body.smsTemplates[0].zh.includes('{site}'));
  assert.is(body.smsConfigured, false);

  assert.is((await patch({ siteName: '远山大厦' })).status, 200);
  p = byKey((body = await phrases()).phrases);
  assert.is(p.greeting.zh, '您好！远山大厦，请问您找哪位？');
  assert.is(p.greeting.en, 'Hello, 远山大厦. Who would you like to speak to?');
  assert.ok(p['complaint-apology'].zh.includes('我代表远山大厦向您道歉'));
});

test('reception, supervisor and admin read them; kiosks, hosts, security and strangers do not, nor the public settings', async () => {
  const supervisor = (await s.makeUser('supervisor')).token;
  const security = (await s.makeUser('security')).token;
  const host = (await s.makeHost('读短语', '行政部')).token;
  const kiosk = (await s.pairKiosk('短语亭')).token;
  for (const [who, token, status] of [['supervisor', supervisor, 200], ['admin', s.admin.token, 200], ['security', security, 403], ['host', host, 403], ['kiosk', kiosk, 403], ['nobody', undefined, 401]] as const) {
    assert.is((await s.api('GET', '/api/desk-phrases', undefined, token)).status, status, who);
  }
  assert.is((await patch({ deskPhrases: [{ key: 'greeting', zh: '您好', en: 'Hello' }] }, reception)).status, 403, 'only an admin edits them');
  assert.is((await patch({ smsWebhook: { url: 'https://sms.example.com/x' } }, supervisor)).status, 403);
  await patch({ smsWebhook: { url: 'https://sms.example.com/send?token=pub-secret-token-123456' } });
  const site = JSON.stringify((await s.api('GET', '/api/site')).body);
  for (const word of ['deskPhrases', 'smsTemplates', 'smsWebhook', 'pub-secret-token', '请稍等']) assert.not.ok(site.includes(word), `${word} is not public`);
  assert.is((await patch({ smsWebhook: null })).status, 200);
});

test('an admin edits them in both languages; null puts the regulations\' back; fields fired together all land', async () => {
  const [a, b] = await Promise.all([
    patch({ deskPhrases: [{ key: 'greeting', zh: '您好！{site}前台，请讲。', en: 'Hello, {site} front desk.' }, { key: 'night', zh: '夜间请拨值班电话。', en: 'At night, call the duty phone.' }] }),
    patch({ smsTemplates: [{ id: 'thanks', zh: '{name}您好，谢谢来电。{staff}', en: 'Hello {name}, thanks for calling. {staff}' }] }),
  ]);
  assert.is(a.status, 200, JSON.stringify(a.body));
  assert.is(b.status, 200, JSON.stringify(b.body));
  const body = await phrases();
  assert.equal(body.phrases, [{ key: 'greeting', zh: '您好！远山大厦前台，请讲。', en: 'Hello, 远山大厦 front desk.' }, { key: 'night', zh: '夜间请拨值班电话。', en: 'At night, call the duty phone.' }]);
  assert.equal(body.smsTemplates, [{ id: 'thanks', zh: '{name}您好，谢谢来电。{staff}', en: 'Hello {name}, thanks for calling. {staff}' }]);
  const stored = (await s.api('GET', '/api/settings', undefined, s.admin.token)).body.settings;
  assert.is(stored.deskPhrases[0].zh, '您好！{site}前台，请讲。', 'the admin reads the placeholder as typed');
  assert.is((await patch({ deskPhrases: null, smsTemplates: null })).status, 200);
  const back = await phrases();
  assert.is(back.phrases.length, 9);
  assert.is(back.smsTemplates[0].id, 'after-call');
});

const long = (n: number) => '字'.repeat(n);
const phrase = (extra: Record<string, unknown> = {}) => ({ key: 'greeting', zh: '您好', en: 'Hello', ...extra });
const template = (extra: Record<string, unknown> = {}) => ({ id: 'after-call', zh: '{name}您好', en: 'Hello {name}', ...extra });
const BAD: Array<[string, unknown, number, string, string]> = [
  ['not a list', { deskPhrases: 'hello' }, 400, 'invalid-input', 'deskPhrases'],
  ['too many phrases', { deskPhrases: Array.from({ length: 31 }, (_, i) => phrase({ key: `p${i}` })) }, 400, 'too-long', 'deskPhrases'],
  ['an entry that is no object', { deskPhrases: ['您好'] }, 400, 'invalid-input', 'deskPhrases[0]'],
  ['a missing key', { deskPhrases: [{ zh: '您好', en: 'Hello' }] }, 400, 'missing-field', 'deskPhrases[0].key'],
  ['a key with capitals', { deskPhrases: [phrase({ key: 'Greeting' })] }, 400, 'invalid-input', 'deskPhrases[0].key'],
  ['a key of 33', { deskPhrases: [phrase({ key: `k${'x'.repeat(32)}` })] }, 400, 'too-long', 'deskPhrases[0].key'],
  ['a repeated key', { deskPhrases: [phrase(), phrase()] }, 400, 'duplicate', 'deskPhrases[1].key'],
  ['no Chinese', { deskPhrases: [phrase({ zh: '  ' })] }, 400, 'missing-field', 'deskPhrases[0].zh'],
  ['Chinese of 201', { deskPhrases: [phrase({ zh: long(201) })] }, 400, 'too-long', 'deskPhrases[0].zh'],
  ['English with a line break', { deskPhrases: [phrase({ en: 'Hello\nthere' })] }, 400, 'invalid-input', 'deskPhrases[0].en'],
  ['English as a number', { deskPhrases: [phrase({ en: 42 })] }, 400, 'missing-field', 'deskPhrases[0].en'],
  ['an unknown field', { deskPhrases: [phrase({ tone: 'warm' })] }, 400, 'unknown-field', 'deskPhrases[0].tone'],
  ['a hostile key', JSON.parse('{"deskPhrases":[{"key":"a","zh":"b","en":"c","__proto__":{"x":1}}]}'), 400, 'invalid-input', ''],
  ['templates not a list', { smsTemplates: {} }, 400, 'invalid-input', 'smsTemplates'],
  ['too many templates', { smsTemplates: Array.from({ length: 21 }, (_, i) => template({ id: `t${i}` })) }, 400, 'too-long', 'smsTemplates'],
  ['an unknown placeholder', { smsTemplates: [template({ zh: '{nmae}您好' })] }, 400, 'unknown-placeholder', 'smsTemplates[0].zh'],
  ['the phone as a placeholder', { smsTemplates: [template({ en: 'Call {phone}' })] }, 400, 'unknown-placeholder', 'smsTemplates[0].en'],
  ['a template of 301', { smsTemplates: [template({ zh: long(301) })] }, 400, 'too-long', 'smsTemplates[0].zh'],
  ['a template id with a space', { smsTemplates: [template({ id: 'after call' })] }, 400, 'invalid-input', 'smsTemplates[0].id'],
  ['a bridge without url', { smsWebhook: { secret: 'x' } }, 400, 'missing-field', 'smsWebhook.url'],
  ['a bridge that is not http', { smsWebhook: { url: 'ftp://sms.example.com/send' } }, 400, 'invalid-input', 'smsWebhook.url'],
  ['a bridge as text', { smsWebhook: 'https://sms.example.com' }, 400, 'invalid-input', 'smsWebhook'],
  ['a bridge url of 501', { smsWebhook: { url: `https://sms.example.com/${'a'.repeat(480)}` } }, 400, 'too-long', 'smsWebhook.url'],
  ['a bridge secret of 201', { smsWebhook: { url: 'https://sms.example.com/send', secret: 's'.repeat(201) } }, 400, 'too-long', 'smsWebhook.secret'],
  ['a bridge with an extra field', { smsWebhook: { url: 'https://sms.example.com/send', method: 'GET' } }, 400, 'unknown-field', 'smsWebhook.method'],
  ['a masked url with nothing stored', { smsWebhook: { url: 'https://sms.example.com/send?token=…3456' } }, 400, 'masked-url', 'smsWebhook.url'],
];

test('bad input is refused with the field named, and nothing is stored', async () => {
  const before = JSON.stringify((await s.api('GET', '/api/settings', undefined, s.admin.token)).body.settings);
  for (const [why, body, status, code, field] of BAD) {
    const r = await patch(body);
    assert.is(r.status, status, `${why}: ${JSON.stringify(r.body)}`);
    assert.is(r.body.error.code, code, why);
    if (field) assert.is(r.body.error.field, field, why);
  }
  assert.is(JSON.stringify((await s.api('GET', '/api/settings', undefined, s.admin.token)).body.settings), before);
});

test('the SMS bridge is read back masked, never its secret; sent back as read it keeps both; "" drops the secret', async () => {
  const url = 'https://sms.example.com/api/send?access_token=ak-9f8e7d6c5b4a3210';
  const set = await patch({ smsWebhook: { url, secret: 'bridge-signing-secret' } });
  assert.is(set.status, 200, JSON.stringify(set.body));
  const shown = { url: 'https://sms.example.com/api/send?access_token=…3210', secretSet: true };
  assert.equal(set.body.settings.smsWebhook, shown);
  const read = (await s.api('GET', '/api/settings', undefined, s.admin.token)).body;
  assert.equal(read.settings.smsWebhook, shown);
  for (const secret of ['ak-9f8e7d6c5b4a3210', 'bridge-signing-secret']) assert.not.ok(JSON.stringify(read).includes(secret), 'not read back');
  assert.is((await phrases()).smsConfigured, true);
  // The admin's form sends back what it read.
  assert.equal((await patch({ smsWebhook: read.settings.smsWebhook })).body.settings.smsWebhook, shown);
  const stored = await s.app.ctx.store.get('settings', 'site');
  assert.equal(stored?.smsWebhook, { url, secret: 'bridge-signing-secret' }, 'the stored URL and secret are kept');
  // A new URL without a secret: the old secret does not follow it elsewhere.
  assert.equal((await patch({ smsWebhook: { url: 'https://other.example.com/sms' } })).body.settings.smsWebhook, { url: 'https://other.example.com/sms' });
  await patch({ smsWebhook: { url, secret: 'bridge-signing-secret' } });
  assert.equal((await patch({ smsWebhook: { url: shown.url, secret: '' } })).body.settings.smsWebhook, { url: shown.url });
  assert.is((await patch({ smsWebhook: null })).status, 200);
  assert.is((await s.api('GET', '/api/settings', undefined, s.admin.token)).body.settings.smsWebhook, undefined);
  assert.is((await phrases()).smsConfigured, false);
});

test.run();
