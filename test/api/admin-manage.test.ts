// An admin manages what they created: edit accounts and kiosks, turn hosts and kiosks off and on, remove what nothing
// refers to (409 in-use names what does), and never leaves the site without an enabled admin.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, residentId, type TestServer } from '../helpers/server.ts';

let s: TestServer;
test.before(async () => { s = await startServer(); });
test.after(async () => { await s.close(); });

const visitor = { name: '王小明', idType: 'cn-resident', idNumber: residentId('19850612', '031'), phone: '13800138000' };
const inOneHour = () => ({ start: new Date(Date.now() - 10 * 60e3).toISOString(), end: new Date(Date.now() + 60 * 60e3).toISOString() });
const newHost = async (name = '周杰', department = '采购部') => (await s.api('POST', '/api/hosts', { name, department }, s.admin.token)).body.host;

test('bad input to every new or changed route is a 400 naming the field', async () => {
  const host = await newHost();
  const { user } = await s.makeUser('reception');
  const kiosk = (await s.api('POST', '/api/kiosks', { name: 'Gate' }, s.admin.token)).body.kiosk;
  const cases: Array<[string, string, Record<string, unknown>, string]> = [
    ['PATCH', `/api/hosts/${host.id}`, { active: 'no' }, 'active'],
    ['PATCH', `/api/hosts/${host.id}`, { active: 1 }, 'active'],
    ['PATCH', `/api/users/${user.id}`, { username: 'a b' }, 'username'],
    ['PATCH', `/api/users/${user.id}`, { username: 'x'.repeat(33) }, 'username'],
    ['PATCH', `/api/users/${user.id}`, { username: '<script>' }, 'username'],
    ['PATCH', `/api/users/${user.id}`, { name: 'n'.repeat(65) }, 'name'],
    ['PATCH', `/api/users/${user.id}`, { name: 'a\u0000b' }, 'name'],
    ['PATCH', `/api/users/${user.id}`, { name: 42 }, 'name'],
    ['PATCH', `/api/users/${user.id}`, { role: 'root' }, 'role'],
    ['PATCH', `/api/users/${user.id}`, { hostId: 'h-none' }, 'hostId'],
    ['PATCH', `/api/users/${user.id}`, { role: 'host' }, 'hostId'],
    ['PATCH', `/api/kiosks/${kiosk.id}`, { name: 'k'.repeat(65) }, 'name'],
    ['PATCH', `/api/kiosks/${kiosk.id}`, { location: ['east'] }, 'location'],
    ['PATCH', `/api/kiosks/${kiosk.id}`, { active: 'false' }, 'active'],
  ];
  for (const [method, p, body, field] of cases) {
    const r = await s.api(method, p, body, s.admin.token);
    assert.is(r.status, 400, `${method} ${p} ${JSON.stringify(body)}: ${JSON.stringify(r.body)}`);
    assert.is(r.body.error.field, field, JSON.stringify(body));
  }
  // Hostile keys and an oversized body never reach a handler.
  const hostile = await s.api('PATCH', `/api/users/${user.id}`, undefined, s.admin.token, '{"__proto__":{"role":"admin"}}');
  assert.is(hostile.status, 400);
  const big = await s.api('PATCH', `/api/kiosks/${kiosk.id}`, { name: 'x'.repeat(300 * 1024) }, s.admin.token);
  assert.is(big.status, 413);
  assert.is((await s.api('GET', '/api/users', undefined, s.admin.token)).body.users.find((u: any) => u.id === user.id).role, 'reception');
});

test('only an admin edits or removes; others get 403, no token 401', async () => {
  const host = await newHost('钱七', '行政部');
  const { user } = await s.makeUser('reception');
  const kiosk = await s.pairKiosk('Role check');
  const others = [(await s.makeUser('reception')).token, (await s.makeUser('security')).token, (await s.makeHost('孙八', '法务部')).token, kiosk.token];
  const routes: Array<[string, string, unknown]> = [
    ['PATCH', `/api/hosts/${host.id}`, { active: false }],
    ['DELETE', `/api/hosts/${host.id}`, undefined],
    ['PATCH', `/api/users/${user.id}`, { name: 'x' }],
    ['DELETE', `/api/users/${user.id}`, undefined],
    ['PATCH', `/api/kiosks/${kiosk.kiosk.id}`, { active: false }],
  ];
  for (const [method, p, body] of routes) {
    for (const token of others) assert.is((await s.api(method, p, body, token)).status, 403, `${method} ${p}`);
    assert.is((await s.api(method, p, body)).status, 401, `${method} ${p}`);
  }
  assert.is((await s.api('GET', '/api/me', undefined, kiosk.token)).status, 200, 'the kiosk still works');
});

test('an unknown id is a 404 on each route', async () => {
  for (const [method, p] of [['PATCH', '/api/hosts/h-none'], ['DELETE', '/api/hosts/h-none'], ['PATCH', '/api/users/u-none'], ['DELETE', '/api/users/u-none'], ['PATCH', '/api/kiosks/k-none']]) {
    const r = await s.api(method, p, method === 'PATCH' ? { name: 'Someone' } : undefined, s.admin.token);
    assert.is(r.status, 404, `${method} ${p}`);
    assert.is(r.body.error.code, 'not-found');
  }
});

test('an inactive host is absent from search, refused at registration and in a new invitation; existing visits go on', async () => {
  const host = await newHost('欧阳娜娜', '市场部');
  const kiosk = await s.pairKiosk('Lobby inactive');
  const reception = await s.makeUser('reception');
  const before = await s.api('POST', '/api/visits', { visitor, purpose: 'Meeting', hostId: host.id }, kiosk.token);
  assert.is(before.status, 201);
  const off = await s.api('PATCH', `/api/hosts/${host.id}`, { active: false }, s.admin.token);
  assert.is(off.status, 200);
  assert.is(off.body.host.active, false);
  for (const token of [kiosk.token, reception.token]) {
    assert.equal((await s.api('GET', '/api/hosts?q=欧阳', undefined, token)).body.hosts, [], 'not found by search');
  }
  const seen = (await s.api('GET', '/api/hosts?q=欧阳', undefined, s.admin.token)).body.hosts;
  assert.equal(seen.map((h: any) => [h.id, h.active]), [[host.id, false]], 'the admin finds it, marked inactive');
  const reg = await s.api('POST', '/api/visits', { visitor: { ...visitor, idNumber: residentId('19900101', '123') }, purpose: 'Meeting', hostId: host.id }, kiosk.token);
  assert.is(reg.status, 400);
  assert.is(reg.body.error.code, 'host-inactive');
  assert.is(reg.body.error.field, 'hostId');
  assert.match(reg.body.error.message, /inactive/);
  const invite = await s.api('POST', '/api/appointments', { visitor: { name: 'Ann' }, purpose: 'Visit', hostId: host.id, ...inOneHour() }, reception.token);
  assert.is(invite.status, 400);
  assert.is(invite.body.error.code, 'host-inactive');
  const visit = await s.api('GET', `/api/visits/${before.body.visit.id}`, undefined, reception.token);
  assert.is(visit.status, 200, 'the earlier visit is still there');
  const on = await s.api('PATCH', `/api/hosts/${host.id}`, { active: true }, s.admin.token);
  assert.is(on.body.host.active, undefined);
  assert.is((await s.api('GET', '/api/hosts?q=欧阳', undefined, kiosk.token)).body.hosts.length, 1, 'found again');
  const log = JSON.stringify(s.logs) + JSON.stringify((await s.api('GET', '/api/log?q=host-updated', undefined, (await s.makeUser('security')).token)).body);
  assert.not.ok(log.includes('王小明'), 'no visitor name in the log');
});

test('removing a host: 409 in-use naming each referring kind, 204 when nothing refers', async () => {
  const viaUser = await s.makeHost('刘一', '研发部');
  const delegate = await newHost('刘二', '研发部');
  await s.api('POST', '/api/hosts', { name: '刘三', department: '研发部', delegateId: delegate.id }, s.admin.token);
  const invited = await newHost('刘四', '研发部');
  const reception = await s.makeUser('reception');
  assert.is((await s.api('POST', '/api/appointments', { visitor: { name: 'Bo' }, purpose: 'Visit', hostId: invited.id, ...inOneHour() }, reception.token)).status, 201);
  const visited = await newHost('刘五', '研发部');
  const kiosk = await s.pairKiosk('Lobby refs');
  assert.is((await s.api('POST', '/api/visits', { visitor: { ...visitor, idNumber: residentId('19800101', '555') }, purpose: 'Meeting', hostId: visited.id }, kiosk.token)).status, 201);
  for (const [id, kind] of [[viaUser.host.id, 'users'], [delegate.id, 'hosts'], [invited.id, 'appointments'], [visited.id, 'visits']]) {
    const r = await s.api('DELETE', `/api/hosts/${id}`, undefined, s.admin.token);
    assert.is(r.status, 409, kind);
    assert.is(r.body.error.code, 'in-use');
    assert.is(r.body.error.kind, kind);
    const back = await s.api('GET', `/api/hosts/${id}`, undefined, s.admin.token);
    assert.is(back.body.host.active, undefined, `${kind}: still active after a refused removal`);
  }
  const free = await newHost('刘六', '研发部');
  assert.is((await s.api('DELETE', `/api/hosts/${free.id}`, undefined, s.admin.token)).status, 204);
  assert.is((await s.api('GET', `/api/hosts/${free.id}`, undefined, s.admin.token)).status, 404);
});

test('editing an account: name, role and host; a username stays unique without regard to case, atomically', async () => {
  const a = await s.makeUser('reception');
  const b = await s.makeUser('reception');
  const taken = await s.api('PATCH', `/api/users/${a.user.id}`, { username: b.user.username.toUpperCase() }, s.admin.token);
  assert.is(taken.status, 409);
  assert.is(taken.body.error.code, 'username-taken');
  const [x, y] = await Promise.all([
    s.api('PATCH', `/api/users/${a.user.id}`, { username: 'Same.Name' }, s.admin.token),
    s.api('PATCH', `/api/users/${b.user.id}`, { username: 'same.name' }, s.admin.token),
  ]);
  assert.equal([x.status, y.status].sort(), [200, 409], 'of two renames to one name, one lands');
  const c = await s.makeUser('security');
  const [rename, create] = await Promise.all([
    s.api('PATCH', `/api/users/${c.user.id}`, { username: 'race.user' }, s.admin.token),
    s.api('POST', '/api/users', { username: 'RACE.user', password: 'a-long-password', name: 'R', role: 'reception' }, s.admin.token),
  ]);
  assert.is([rename.status === 200, create.status === 201].filter(Boolean).length, 1, 'a rename and a create of one name: one lands');
  assert.ok(rename.status === 409 || create.status === 409);
  const users = (await s.api('GET', '/api/users', undefined, s.admin.token)).body.users;
  assert.is(users.filter((u: any) => u.username.toLowerCase() === 'race.user').length, 1);

  const host = await newHost('赵敏', '销售部');
  const edited = await s.api('PATCH', `/api/users/${c.user.id}`, { name: '赵敏', role: 'host', hostId: host.id }, s.admin.token);
  assert.is(edited.status, 200);
  assert.equal([edited.body.user.name, edited.body.user.role, edited.body.user.hostId], ['赵敏', 'host', host.id]);
  assert.is((await s.api('GET', '/api/me', undefined, c.token)).status, 401, 'a new role ends the old sessions');
});

test('the last enabled admin cannot lose the role or be removed, even with changes fired together', async () => {
  const second = await s.makeUser('admin');
  const first = (await s.api('GET', '/api/users', undefined, s.admin.token)).body.users.find((u: any) => u.username === 'admin');
  // Each admin steps down at the same moment: either alone would be fine, both would leave none.
  const both = await Promise.all([
    s.api('PATCH', `/api/users/${first.id}`, { role: 'reception' }, s.admin.token),
    s.api('PATCH', `/api/users/${second.user.id}`, { role: 'security' }, second.token),
  ]);
  assert.equal(both.map((r) => r.status).sort(), [200, 409]);
  assert.ok(both.some((r) => r.body.error?.code === 'last-admin'));
  // The one refused still holds a working admin token; with it, exactly one enabled admin is seen.
  const token = both[0].status === 409 ? s.admin.token : second.token;
  const admins = (await s.api('GET', '/api/users', undefined, token)).body.users.filter((u: any) => u.role === 'admin' && !u.disabled);
  assert.is(admins.length, 1, 'one enabled admin is left');
  const survivor = admins[0];
  const mixed = await Promise.all([
    s.api('DELETE', `/api/users/${survivor.id}`, undefined, token),
    s.api('POST', `/api/users/${survivor.id}/disable`, undefined, token),
  ]);
  assert.equal(mixed.map((r) => r.body.error?.code), ['last-admin', 'last-admin']);
  // Restore for the following tests: the first admin is an admin again.
  if (survivor.id !== first.id) assert.is((await s.api('PATCH', `/api/users/${first.id}`, { role: 'admin' }, token)).status, 200);
  s.admin.token = await s.login('admin', 'correct-horse-battery');
});

test('removing an account: 409 in-use while its invitations exist, else 204 and its sessions end', async () => {
  const h = await s.makeHost('吴用', '财务部');
  assert.is((await s.api('POST', '/api/appointments', { visitor: { name: 'Li' }, purpose: 'Visit', ...inOneHour() }, h.token)).status, 201);
  const r = await s.api('DELETE', `/api/users/${h.user.id}`, undefined, s.admin.token);
  assert.is(r.status, 409);
  assert.equal([r.body.error.code, r.body.error.kind], ['in-use', 'appointments']);
  const plain = await s.makeUser('security');
  assert.is((await s.api('DELETE', `/api/users/${plain.user.id}`, undefined, s.admin.token)).status, 204);
  assert.is((await s.api('GET', '/api/me', undefined, plain.token)).status, 401);
  assert.is((await s.api('POST', '/api/login', { username: plain.user.username, password: 'a-long-password' })).status, 401);
});

test('a kiosk is renamed, turned off (its token and socket stop at once) and on again without re-pairing', async () => {
  const k = await s.pairKiosk('Side door');
  const sock = await s.socket(k.token);
  const closed = new Promise<void>((resolve) => sock.once('disconnect', () => resolve()));
  const off = await s.api('PATCH', `/api/kiosks/${k.kiosk.id}`, { name: 'North door', location: 'Hall 2', active: false }, s.admin.token);
  assert.is(off.status, 200);
  assert.equal([off.body.kiosk.name, off.body.kiosk.location, off.body.kiosk.active], ['North door', 'Hall 2', false]);
  await closed;
  assert.is((await s.api('GET', '/api/me', undefined, k.token)).status, 401);
  const on = await s.api('PATCH', `/api/kiosks/${k.kiosk.id}`, { active: true }, s.admin.token);
  assert.is(on.body.kiosk.active, true);
  assert.is((await s.api('GET', '/api/me', undefined, k.token)).body.kiosk.name, 'North door');
  const log = (await s.api('GET', '/api/log?q=kiosk-updated', undefined, (await s.makeUser('security')).token));
  assert.ok(JSON.stringify(log.body).includes('kiosk-updated'));
});

test('the setup page can ask whether its link still works: here an admin exists, so no link works', async () => {
  const r = await s.api('POST', '/api/setup/check', { setupToken: 'anything-at-all' });
  assert.equal([r.status, r.body], [200, { valid: false }]);
  for (const [body, code] of [[{}, 'missing-field'], [{ setupToken: 'x'.repeat(101) }, 'too-long'], [{ setupToken: 7 }, 'invalid-input']] as const) {
    const bad = await s.api('POST', '/api/setup/check', body);
    assert.equal([bad.status, bad.body.error.code, bad.body.error.field], [400, code, 'setupToken']);
  }
});

test.run();
