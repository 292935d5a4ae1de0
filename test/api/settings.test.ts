// Site settings: the defaults keep today's behaviour; a stored closing time ends badges at once; purposes may let a
// visitor in without the host's approval or require an escort; PATCHes fired together all land; screens hear live.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, nextEvent, type TestServer } from '../helpers/server.ts';

let now = Date.parse('2026-12-02T09:00:00+08:00');
let s: TestServer;
test.before(async () => { s = await startServer({ clock: () => new Date(now), env: { FOYER_BADGE_HOURS: '12', FOYER_RETENTION_DAYS: '180' } }); });
test.after(async () => { await s.close(); });

let seq = 0;
const visitor = () => ({ name: `Guest ${++seq}`, idType: 'passport', idNumber: `E${String(1000000 + seq)}` });
const patch = (body: unknown, token = s.admin.token) => s.api('PATCH', '/api/settings', body, token);
const settings = async () => (await s.api('GET', '/api/settings', undefined, s.admin.token)).body.settings;

test('the defaults keep today\'s behaviour: any purpose typed needs the host, no closing time, env badge hours and retention', async () => {
  assert.equal(await settings(), { siteName: '', welcome: { zh: '', en: '' }, defaultLang: 'zh-CN', idleSeconds: 60, retentionDays: 180, badgeHours: 12, purposes: [] });
  const site = (await s.api('GET', '/api/site')).body.site;
  assert.equal(site, { retentionDays: 180, timeZone: 'Asia/Shanghai', badgeHours: 12, settings: { siteName: '', welcome: { zh: '', en: '' }, defaultLang: 'zh-CN', idleSeconds: 60, purposes: [] } });
  const host = await s.makeHost('默认', '前台');
  const kiosk = await s.pairKiosk();
  const sock = await s.socket(kiosk.token);
  const reg = await s.api('POST', '/api/visits', { visitor: visitor(), purpose: '随便写的事由', hostId: host.host.id }, kiosk.token);
  assert.is(reg.status, 201);
  assert.is(reg.body.visit.status, 'awaiting-host');
  const printed = nextEvent(sock, 'visit:updated', (p: any) => p.visit.id === reg.body.visit.id && p.visit.status === 'on-site');
  await s.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'approve' }, host.token);
  assert.is((await printed).visit.badge.validUntil, new Date(now + 12 * 3600_000).toISOString(), 'badge hours from the environment, no closing');
});

test('a closing time set live ends the next badge there, and every screen hears the public settings', async () => {
  const host = await s.makeHost('关门', '前台');
  const kiosk = await s.pairKiosk();
  const sock = await s.socket(kiosk.token);
  const heard = nextEvent(sock, 'settings:updated', (p: any) => p.settings.closingTime === '18:00');
  const set = await patch({ closingTime: '18:00', retentionDays: 30, welcome: { zh: '欢迎光临远山大厦', en: 'Welcome to Yuanshan Tower' } });
  assert.is(set.status, 200, JSON.stringify(set.body));
  const live = await heard;
  assert.equal(live.settings.welcome, { zh: '欢迎光临远山大厦', en: 'Welcome to Yuanshan Tower' });
  assert.not.ok('retentionDays' in live.settings, 'kiosks hear the public part only');
  assert.is((await s.api('GET', '/api/site')).body.site.closingTime, '18:00');
  assert.is((await s.api('GET', '/api/site')).body.site.retentionDays, 30, 'retention from the setting');
  const reg = (await s.api('POST', '/api/visits', { visitor: visitor(), purpose: '开会', hostId: host.host.id }, kiosk.token)).body.visit;
  const printed = nextEvent(sock, 'visit:updated', (p: any) => p.visit.id === reg.id && p.visit.status === 'on-site');
  await s.api('POST', `/api/visits/${reg.id}/decision`, { decision: 'approve' }, host.token);
  assert.is((await printed).visit.badge.validUntil, '2026-12-02T10:00:00.000Z', '18:00 in Shanghai, not 12 hours on');
  // null goes back to the default (none from the environment here); '' says no closing time over any default.
  assert.not.ok('closingTime' in (await patch({ closingTime: null, retentionDays: null })).body.settings);
  assert.is((await settings()).retentionDays, 180);
  assert.not.ok('closingTime' in (await patch({ closingTime: '' })).body.settings);
});

test('purposes: one without approval is approved and badged at once, one with an escort marks it, an unknown one is refused', async () => {
  const host = await s.makeHost('事由', '行政部');
  const kiosk = await s.pairKiosk();
  const sock = await s.socket(kiosk.token);
  const set = await patch({ purposes: [
    { zh: '送货', en: 'Delivery', approval: false, escort: false },
    { zh: '施工', en: 'Building work', approval: true, escort: true },
  ] });
  assert.is(set.status, 200, JSON.stringify(set.body));
  assert.equal((await s.api('GET', '/api/site')).body.site.settings.purposes.map((p: any) => p.en), ['Delivery', 'Building work']);
  const delivery = (await s.api('POST', '/api/visits', { visitor: visitor(), purpose: '送货', hostId: host.host.id }, kiosk.token));
  assert.is(delivery.status, 201);
  assert.is(delivery.body.visit.status, 'approved', 'no host approval needed');
  await nextEvent(sock, 'visit:updated', (p: any) => p.visit.id === delivery.body.visit.id && p.visit.status === 'on-site');
  const log = (await s.api('GET', `/api/log?q=${delivery.body.visit.id}`, undefined, s.admin.token)).body.events as any[];
  assert.is(log.find((e) => e.kind === 'visit-approved')?.data.by, 'purpose');
  const work = (await s.api('POST', '/api/visits', { visitor: visitor(), purpose: 'Building work', hostId: host.host.id }, kiosk.token)).body.visit;
  assert.equal([work.status, work.escortRequired], ['awaiting-host', true]);
  const other = await s.api('POST', '/api/visits', { visitor: visitor(), purpose: '闲逛', hostId: host.host.id }, kiosk.token);
  assert.equal([other.status, other.body.error.code, other.body.error.field], [400, 'unknown-purpose', 'purpose']);
  await patch({ purposes: [] });
  assert.is((await s.api('POST', '/api/visits', { visitor: visitor(), purpose: '闲逛', hostId: host.host.id }, kiosk.token)).body.visit.status, 'awaiting-host', 'an empty list: any purpose again');
});

test('PATCHes of different fields fired together all land', async () => {
  const changes = [{ siteName: '远山大厦' }, { idleSeconds: 90 }, { badgeHours: 8 }, { defaultLang: 'en' }, { receptionHours: { open: '08:30', close: '18:00' } }, { welcome: { zh: '您好', en: 'Hello' } }];
  const answers = await Promise.all(changes.map((c) => patch(c)));
  assert.ok(answers.every((a) => a.status === 200));
  const after = await settings();
  assert.equal([after.siteName, after.idleSeconds, after.badgeHours, after.defaultLang, after.receptionHours, after.welcome],
    ['远山大厦', 90, 8, 'en', { open: '08:30', close: '18:00' }, { zh: '您好', en: 'Hello' }]);
  const log = (await s.api('GET', '/api/log?q=settings-changed', undefined, s.admin.token)).body.events as any[];
  assert.ok(log.filter((e) => e.kind === 'settings-changed').length >= changes.length);
  assert.is((await patch({ receptionHours: null })).body.settings.receptionHours, undefined, 'null: always open');
});

test('only an admin reads or changes the settings; anyone reads the public part', async () => {
  const reception = await s.makeUser('reception');
  const security = await s.makeUser('security');
  const host = await s.makeHost('角色', '前台');
  const kiosk = await s.pairKiosk();
  for (const [who, token] of [['reception', reception.token], ['security', security.token], ['host', host.token], ['kiosk', kiosk.token]] as const) {
    assert.is((await s.api('GET', '/api/settings', undefined, token)).status, 403, who);
    assert.is((await patch({ siteName: 'x' }, token)).status, 403, who);
  }
  assert.is((await s.api('GET', '/api/settings')).status, 401);
  assert.is((await patch({ siteName: 'x' }, '')).status, 401);
  assert.is((await s.api('GET', '/api/site', undefined, kiosk.token)).status, 200);
  assert.is((await settings()).siteName === 'x', false);
});

test('bad input names its field', async () => {
  const cases: Array<[string, unknown, string, string?]> = [
    ['empty', {}, 'settings', 'missing-field'],
    ['unknown key', { colour: 'red' }, 'colour'],
    ['siteName too long', { siteName: '长'.repeat(65) }, 'siteName', 'too-long'],
    ['siteName control chars', { siteName: 'a\u0007b' }, 'siteName'],
    ['welcome not an object', { welcome: 'hi' }, 'welcome'],
    ['welcome extra key', { welcome: { fr: 'Bonjour' } }, 'welcome.fr'],
    ['welcome too long', { welcome: { zh: '欢'.repeat(201) } }, 'welcome.zh', 'too-long'],
    ['defaultLang', { defaultLang: 'fr' }, 'defaultLang'],
    ['closingTime 24:00', { closingTime: '24:00' }, 'closingTime'],
    ['closingTime number', { closingTime: 18 }, 'closingTime'],
    ['hours backwards', { receptionHours: { open: '18:00', close: '08:00' } }, 'receptionHours.close'],
    ['hours missing', { receptionHours: { open: '08:00' } }, 'receptionHours.close', 'missing-field'],
    ['idle too short', { idleSeconds: 5 }, 'idleSeconds'],
    ['idle fraction', { idleSeconds: 30.5 }, 'idleSeconds'],
    ['retention zero', { retentionDays: 0 }, 'retentionDays'],
    ['badge hours string', { badgeHours: '8' }, 'badgeHours'],
    ['purposes not a list', { purposes: 'all' }, 'purposes'],
    ['purpose without zh', { purposes: [{ en: 'Meeting' }] }, 'purposes[0].zh', 'missing-field'],
    ['purpose repeated', { purposes: [{ zh: '开会', en: 'Meeting' }, { zh: '开会', en: 'Meet' }] }, 'purposes[1].zh', 'duplicate'],
    ['purpose approval string', { purposes: [{ zh: '开会', en: 'Meeting', approval: 'no' }] }, 'purposes[0].approval'],
    ['too many purposes', { purposes: Array.from({ length: 31 }, (_, i) => ({ zh: `事由${i}`, en: `P${i}` })) }, 'purposes', 'too-long'],
  ];
  for (const [name, body, field, code] of cases) {
    const r = await patch(body);
    assert.is(r.status, 400, `${name}: ${JSON.stringify(r.body)}`);
    assert.is(r.body.error.field, field, name);
    if (code) assert.is(r.body.error.code, code, name);
  }
  const hostile = await s.api('PATCH', '/api/settings', undefined, s.admin.token, '{"__proto__":{"admin":true}}');
  assert.is(hostile.status, 400);
  const oversized = await s.api('PATCH', '/api/settings', undefined, s.admin.token, JSON.stringify({ siteName: 'x'.repeat(300 * 1024) }));
  assert.is(oversized.status, 413);
  assert.is((await settings()).siteName, '远山大厦', 'nothing refused was stored');
});

test.run();
