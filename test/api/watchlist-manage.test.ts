// Security keeps the watchlist current: search, edit, expire and remove entries, each change logged with who.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, type TestServer } from '../helpers/server.ts';

const HOUR = 3600_000;
let ahead = 0;
let s: TestServer;
test.before(async () => { s = await startServer({ clock: () => new Date(Date.now() + ahead) }); });
test.after(async () => { await s.close(); });

async function addEntry(token: string, entry: Record<string, unknown>) {
  const r = await s.api('POST', '/api/watchlist', { reason: 'Trespass 2026-02', ...entry }, token);
  assert.is(r.status, 201, JSON.stringify(r.body));
  return r.body.entry;
}

async function register(name: string, phone: string) {
  const host = await s.makeHost('洪七公', '工程部');
  const kiosk = await s.pairKiosk();
  const r = await s.api('POST', '/api/visits', { visitor: { name, phone, idType: 'passport', idNumber: `E${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}` }, purpose: 'Meeting', hostId: host.host.id }, kiosk.token);
  assert.is(r.status, 201, JSON.stringify(r.body));
  return r.body.visit;
}

test('an entry that expires stops matching at registration; before then it refuses', async () => {
  const security = await s.makeUser('security');
  const expiresAt = new Date(Date.now() + HOUR).toISOString();
  const entry = await addEntry(security.token, { phone: '13600001234', expiresAt });
  assert.is(entry.expiresAt, expiresAt);
  assert.is((await register('A Person', '13600001234')).status, 'refused');
  ahead = 2 * HOUR;
  assert.is.not((await register('A Person', '13600001234')).status, 'refused', 'expired: no longer matches');
  const listed = (await s.api('GET', '/api/watchlist', undefined, security.token)).body.entries.find((e: any) => e.id === entry.id);
  assert.is(listed.expired, true, 'still listed, marked expired');
  ahead = 0;
});

test('edit: name, phone, reason and expiry change; the log says who and which fields, never the values', async () => {
  const security = await s.makeUser('security');
  const entry = await addEntry(security.token, { name: '欧阳克', phone: '13500005678' });
  const r = await s.api('PATCH', `/api/watchlist/${entry.id}`, { name: '欧阳 克克', phone: null, reason: 'Updated after review', expiresAt: '2027-01-01T00:00:00Z', note: 'review 12' }, security.token);
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.equal([r.body.entry.name, r.body.entry.phone, r.body.entry.reason, r.body.entry.expiresAt, r.body.entry.updatedBy], ['欧阳 克克', undefined, 'Updated after review', '2027-01-01T00:00:00.000Z', `user:${security.user.id}`]);
  assert.not.ok('idHash' in r.body.entry);
  const found = (await s.api('GET', `/api/watchlist?q=${encodeURIComponent('欧阳克克')}`, undefined, security.token)).body.entries;
  assert.equal(found.map((e: any) => e.id), [entry.id], 'search by name ignores spaces');
  const { actors } = (await s.api('GET', `/api/watchlist?q=${encodeURIComponent('欧阳克克')}`, undefined, security.token)).body;
  assert.equal(actors, { [`user:${security.user.id}`]: `${security.user.name} (security)` }, 'who added and changed it, by name');
  const log = (await s.api('GET', '/api/log?q=watchlist-changed', undefined, s.admin.token)).body.events;
  const changed = log.find((e: any) => e.kind === 'watchlist-changed' && e.data.entry === entry.id);
  assert.equal([changed.actor, changed.data.fields, changed.data.note], [`user:${security.user.id}`, 'reason,name,phone,expiresAt', 'review 12']);
  assert.not.ok(JSON.stringify(log).includes('欧阳'), 'no name in the log');
  assert.not.ok(JSON.stringify(log).includes('13500005678'), 'no phone in the log');
});

test('remove: gone from the list, no longer matches, logged with who and the reason; removing again is 404', async () => {
  const security = await s.makeUser('security');
  const entry = await addEntry(security.token, { phone: '13400004321' });
  const r = await s.api('DELETE', `/api/watchlist/${entry.id}?reason=${encodeURIComponent('Cleared by manager')}`, undefined, security.token);
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.not.ok((await s.api('GET', '/api/watchlist', undefined, security.token)).body.entries.some((e: any) => e.id === entry.id));
  assert.is.not((await register('B Person', '13400004321')).status, 'refused');
  const again = await s.api('DELETE', `/api/watchlist/${entry.id}`, undefined, security.token);
  assert.equal([again.status, again.body.error?.code ?? again.body.code], [404, 'watchlist-not-found']);
  const log = (await s.api('GET', '/api/log?q=watchlist-removed', undefined, s.admin.token)).body.events;
  const removed = log.find((e: any) => e.kind === 'watchlist-removed' && e.data.entry === entry.id);
  assert.equal([removed.actor, removed.data.reason], [`user:${security.user.id}`, 'Cleared by manager']);
});

test('concurrent edit and delete: one consistent outcome (never an edited entry brought back)', async () => {
  const security = await s.makeUser('security');
  for (let i = 0; i < 5; i++) {
    const entry = await addEntry(security.token, { name: `Race ${i}` });
    const [edit, del, del2] = await Promise.all([
      s.api('PATCH', `/api/watchlist/${entry.id}`, { reason: 'edited' }, security.token),
      s.api('DELETE', `/api/watchlist/${entry.id}`, undefined, security.token),
      s.api('DELETE', `/api/watchlist/${entry.id}`, undefined, s.admin.token),
    ]);
    assert.equal([del, del2].map((x) => x.status).sort(), [200, 404], 'exactly one removal lands');
    assert.ok([200, 404].includes(edit.status), JSON.stringify(edit.body));
    assert.not.ok((await s.api('GET', '/api/watchlist', undefined, security.token)).body.entries.some((e: any) => e.id === entry.id), 'the entry is gone');
    const after = await s.api('PATCH', `/api/watchlist/${entry.id}`, { reason: 'late' }, security.token);
    assert.is(after.status, 404);
  }
});

test('wrong roles are refused', async () => {
  const security = await s.makeUser('security');
  const entry = await addEntry(security.token, { name: 'Role Test' });
  const reception = await s.makeUser('reception');
  const host = await s.makeHost('黄药师', '工程部');
  const kiosk = await s.pairKiosk();
  for (const [token, status] of [[undefined, 401], ['junk', 401], [reception.token, 403], [host.token, 403], [kiosk.token, 403]] as const) {
    assert.is((await s.api('PATCH', `/api/watchlist/${entry.id}`, { reason: 'x' }, token)).status, status);
    assert.is((await s.api('DELETE', `/api/watchlist/${entry.id}`, undefined, token)).status, status);
  }
  assert.is((await s.api('PATCH', `/api/watchlist/${entry.id}`, { reason: 'by admin' }, s.admin.token)).status, 200);
});

const badEdits: Array<[string, unknown, string, string]> = [
  ['nothing to change', {}, 'reason', 'missing-field'],
  ['an empty reason', { reason: '  ' }, 'reason', 'missing-field'],
  ['a reason set to null', { reason: null }, 'reason', 'missing-field'],
  ['an oversized reason', { reason: 'x'.repeat(201) }, 'reason', 'too-long'],
  ['a malformed phone', { phone: 'call me' }, 'phone', 'invalid-input'],
  ['a malformed expiry', { expiresAt: 'next tuesday' }, 'expiresAt', 'invalid-input'],
  ['an expiry of the wrong type', { expiresAt: 12 }, 'expiresAt', 'invalid-input'],
  ['a field that cannot change', { idHash: 'abc' }, 'idHash', 'invalid-input'],
  ['hostile: control characters in the name', { name: 'a\u0000b' }, 'name', 'invalid-input'],
  ['hostile: prototype pollution', JSON.parse('{"__proto__":{"admin":true}}'), '__proto__', 'invalid-input'],
  ['hostile: an oversized name', { name: '张'.repeat(65) }, 'name', 'too-long'],
];
for (const [what, body, field, code] of badEdits) {
  test(`PATCH refuses ${what} (${field})`, async () => {
    const security = await s.makeUser('security');
    const entry = await addEntry(security.token, { name: 'Bad Input' });
    const r = await s.api('PATCH', `/api/watchlist/${entry.id}`, body, security.token);
    const err = r.body.error ?? r.body;
    assert.equal([r.status, err.code, err.field], [400, code, field], JSON.stringify(r.body));
  });
}

test('PATCH refuses to leave an entry with nothing to match', async () => {
  const security = await s.makeUser('security');
  const entry = await addEntry(security.token, { name: 'Only A Name' });
  const r = await s.api('PATCH', `/api/watchlist/${entry.id}`, { name: null }, security.token);
  assert.equal([r.status, (r.body.error ?? r.body).field], [400, 'name']);
});

test('unknown and hostile ids are 404; an oversized DELETE reason is refused', async () => {
  const security = await s.makeUser('security');
  for (const id of ['w-000000000000', '..%2F..%2Fusers', 'w-' + 'a'.repeat(200), '%00']) {
    assert.is((await s.api('PATCH', `/api/watchlist/${id}`, { reason: 'x' }, security.token)).status, 404, id);
    assert.is((await s.api('DELETE', `/api/watchlist/${id}`, undefined, security.token)).status, 404, id);
  }
  const entry = await addEntry(security.token, { name: 'Long Reason' });
  const r = await s.api('DELETE', `/api/watchlist/${entry.id}?reason=${'x'.repeat(201)}`, undefined, security.token);
  assert.equal([r.status, (r.body.error ?? r.body).field], [400, 'reason']);
  const q = await s.api('GET', `/api/watchlist?q=${'x'.repeat(65)}`, undefined, security.token);
  assert.equal([q.status, (q.body.error ?? q.body).field], [400, 'q']);
});

test.run();
