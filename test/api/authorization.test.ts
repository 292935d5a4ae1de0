// The authorisation matrix: every route and socket event × every kind of caller. The routes come from the
// router and must match server/API.md row for row (same roles), so a new route without a row fails here.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io as connect } from 'socket.io-client';
import { startServer, nextEvent, residentId, type TestServer } from '../helpers/server.ts';

const API_MD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../server/API.md');
const ROLES = ['admin', 'reception', 'security', 'supervisor', 'host', 'kiosk'] as const;
type Caller = 'anonymous' | 'kiosk' | 'host' | 'another host' | 'reception' | 'security' | 'supervisor' | 'admin' | 'disabled user' | 'logged-out token' | 'revoked kiosk';
const CALLERS: Caller[] = ['anonymous', 'kiosk', 'host', 'another host', 'reception', 'security', 'supervisor', 'admin', 'disabled user', 'logged-out token', 'revoked kiosk'];
const roleOf: Partial<Record<Caller, string>> = { kiosk: 'kiosk', host: 'host', 'another host': 'host', reception: 'reception', security: 'security', supervisor: 'supervisor', admin: 'admin' };

/** Rows of the reference's route tables: | METHOD | /api/path | who | … */
function documentedRoutes(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of fs.readFileSync(API_MD, 'utf8').split('\n')) {
    const m = /^\|\s*(GET|POST|PUT|PATCH|DELETE)\s*\|\s*(\/api\/\S*)\s*\|\s*([^|]+?)\s*\|/.exec(line);
    if (m) rows.set(`${m[1]} ${m[2]}`, m[3].split(',').map((r) => r.trim()).sort().join(', '));
  }
  return rows;
}

let s: TestServer;
test.before(async () => { s = await startServer(); });
test.after(async () => { await s.close(); });

test('server/API.md and the router list the same routes with the same roles', () => {
  const documented = documentedRoutes();
  const routed = new Map(s.app.routes().map((r) => [`${r.method} ${r.pattern}`, r.access === 'anyone' ? 'anyone' : [...r.access].sort().join(', ')]));
  const missing = [...routed.keys()].filter((k) => !documented.has(k));
  const extra = [...documented.keys()].filter((k) => !routed.has(k));
  assert.equal(missing, [], 'routes without a row in server/API.md');
  assert.equal(extra, [], 'rows in server/API.md without a route');
  for (const [key, who] of routed) assert.is(documented.get(key), who, `who may call ${key}`);
});

async function fixture() {
  const mine = await s.makeHost('授权甲', '测试部');
  const other = await s.makeHost('授权乙', '测试部');
  const kiosk = await s.pairKiosk('Matrix kiosk');
  const reception = await s.makeUser('reception');
  const security = await s.makeUser('security');
  const supervisor = await s.makeUser('supervisor');
  const disabled = await s.makeUser('reception');
  assert.is((await s.api('POST', `/api/users/${disabled.user.id}/disable`, {}, s.admin.token)).status, 200);
  const loggedOut = await s.makeUser('security');
  assert.ok([200, 204].includes((await s.api('POST', '/api/logout', undefined, loggedOut.token)).status));
  const revoked = await s.pairKiosk('Revoked kiosk');
  assert.is((await s.api('POST', `/api/kiosks/${revoked.kiosk.id}/revoke`, {}, s.admin.token)).status, 200);
  const spareUser = await s.makeUser('host', { hostId: other.host.id });
  const spareKiosk = await s.pairKiosk('Spare kiosk');
  const visit = (await s.api('POST', '/api/visits', { visitor: { name: 'Matrix Visitor', idType: 'cn-resident', idNumber: residentId() }, purpose: 'x', hostId: mine.host.id }, kiosk.token)).body.visit;
  const tokens: Record<Caller, string | undefined> = {
    anonymous: undefined, kiosk: kiosk.token, host: mine.token, 'another host': other.token, reception: reception.token,
    security: security.token, supervisor: supervisor.token, admin: s.admin.token, 'disabled user': disabled.token, 'logged-out token': loggedOut.token, 'revoked kiosk': revoked.token,
  };
  const params: Record<string, string> = { visits: visit.id, users: spareUser.user.id, kiosks: spareKiosk.kiosk.id, prints: 'none.png', invites: 'ABCD-EFGH' };
  return { tokens, params, visit, mine, other, kiosk, reception, security };
}

/** 401 for callers who are nobody; 403 for a role the route does not list, or another host's visit; otherwise neither. */
function expected(caller: Caller, access: 'anyone' | readonly string[], pattern: string): 'passes' | 401 | 403 {
  if (caller === 'disabled user' || caller === 'logged-out token' || caller === 'revoked kiosk') return 401;
  if (access === 'anyone') return 'passes';
  if (caller === 'anonymous') return 401;
  if (!access.includes(roleOf[caller]!)) return 403;
  if (caller === 'another host' && /^\/api\/visits\/:id/.test(pattern)) return 403;
  return 'passes';
}

test('every route × every caller: 401, 403 or let through exactly as the reference says', async () => {
  const f = await fixture();
  const failures: string[] = [];
  for (const route of s.app.routes()) {
    const url = route.pattern.replace(/:(\w+)/g, () => f.params[route.pattern.split('/')[2]] ?? 'x');
    for (const caller of CALLERS) {
      let token = f.tokens[caller];
      // A route that ends the caller's session gets a fresh one, so the matrix's own tokens live on.
      const role = roleOf[caller];
      if (/logout|password/.test(route.pattern) && role && role !== 'kiosk') {
        token = (await s.makeUser(role as 'admin' | 'reception' | 'security' | 'supervisor' | 'host', role === 'host' ? { hostId: f.other.host.id } : {})).token;
      }
      const r = await s.api(route.method, url, route.method === 'GET' || route.method === 'DELETE' ? undefined : {}, token);
      const want = expected(caller, route.access, route.pattern);
      const ok = want === 'passes' ? r.status !== 401 && r.status !== 403 && r.status < 500 : r.status === want;
      if (!ok) failures.push(`${route.method} ${route.pattern} as ${caller}: ${r.status} (expected ${want}) ${JSON.stringify(r.body).slice(0, 120)}`);
    }
  }
  assert.equal(failures, []);
});

test('sockets: who may connect, who hears which event, who may decide', async () => {
  const f = await fixture();
  const outcomes: Record<string, boolean> = {};
  const sockets: Record<string, any> = {};
  for (const caller of CALLERS) {
    const sock = connect(s.url, { auth: f.tokens[caller] ? { token: f.tokens[caller] } : {}, transports: ['websocket'], reconnection: false });
    outcomes[caller] = await new Promise<boolean>((resolve) => { sock.once('connect', () => resolve(true)); sock.once('connect_error', () => resolve(false)); });
    sockets[caller] = sock;
  }
  try {
    assert.equal(outcomes, { anonymous: false, kiosk: true, host: true, 'another host': true, reception: true, security: true, supervisor: true, admin: true, 'disabled user': false, 'logged-out token': false, 'revoked kiosk': false });
    const heard: Record<string, Set<string>> = {};
    for (const caller of CALLERS.filter((c) => outcomes[c])) {
      heard[caller] = new Set();
      for (const name of ['visit:arrived', 'visit:updated', 'log:event', 'alert']) sockets[caller].on(name, () => heard[caller].add(name));
    }
    await s.api('POST', '/api/watchlist', { phone: '13911112222', reason: 'matrix' }, s.admin.token);
    const arrived = nextEvent(sockets.host, 'visit:arrived');
    const reg = await s.api('POST', '/api/visits', { visitor: { name: 'Socket Visitor', idType: 'passport', idNumber: 'E9090909' }, purpose: 'x', hostId: f.mine.host.id }, f.kiosk.token);
    await arrived;
    await s.api('POST', '/api/visits', { visitor: { name: 'Listed', idType: 'passport', idNumber: 'E9090910', phone: '13911112222' }, purpose: 'x', hostId: f.mine.host.id }, f.kiosk.token);
    await new Promise((r) => setTimeout(r, 400));
    const table: Array<[Caller, string[]]> = [
      ['kiosk', ['visit:updated']],
      ['host', ['visit:arrived', 'visit:updated']],
      ['another host', []],
      ['reception', ['alert', 'visit:updated']],
      ['security', ['alert', 'log:event', 'visit:updated']],
      ['supervisor', ['visit:updated']],
      ['admin', ['alert', 'log:event', 'visit:updated']],
    ];
    for (const [caller, events] of table) assert.equal([...heard[caller]].sort(), events, caller);

    const decide = (caller: Caller) => new Promise<any>((resolve) => sockets[caller].emit('visit:decide', { visitId: reg.body.visit.id, decision: 'deny' }, resolve));
    for (const caller of ['kiosk', 'another host', 'security', 'supervisor'] as Caller[]) assert.equal((await decide(caller)).error?.code, 'forbidden', caller);
    assert.is((await decide('host')).ok, true);
  } finally {
    for (const sock of Object.values(sockets)) sock.close();
  }
});

test.run();
