// store: its own (two server processes on one PostgreSQL database made for this file; the runner's PostgreSQL pass leaves it out)
// Two servers of one site behind nobody's load balancer: a kiosk on node A, its host on node B. A token from one
// works on the other, the approval reaches the kiosk across nodes, exactly one badge prints at the shared printer,
// an unanswered visit is escalated once, and killing node B in the middle of a rush loses nothing acknowledged.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { ADMIN, callApi, nextEvent, residentId } from '../helpers/server.ts';
import { spawnServer, type ServerProcess } from '../helpers/process.ts';
import { freshDatabase, postgresReachable, TEST_DATABASE_SERVER } from '../helpers/postgres.ts';
import { startTcpPrinter, type TcpPrinter } from '../helpers/tcp-printer.ts';
import { decodeEscPos } from '../../printer/decode.ts';
import { readQr } from '../helpers/qr.ts';

const reachable = await postgresReachable();
if (!reachable.ok && process.env.CI === 'true') throw new Error(`two-nodes: PostgreSQL not reachable at ${TEST_DATABASE_SERVER} (${reachable.why})`);
if (!reachable.ok) console.log(`two-nodes: PostgreSQL not reachable at ${TEST_DATABASE_SERVER}; skipped`);

interface Node { name: string; proc: ServerProcess; dir: string; api: <T = any>(method: string, p: string, body?: unknown, token?: string) => Promise<{ status: number; body: T }> }

if (reachable.ok) {
  const database = await freshDatabase();
  const printer: TcpPrinter = await startTcpPrinter();
  const sockets: Socket[] = [];
  const nodes: Node[] = [];

  async function startNode(name: string): Promise<Node> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `foyer-${name}-`));
    const proc = await spawnServer({
      FOYER_DATABASE_URL: database.url, FOYER_DATA_DIR: dir, FOYER_PRINTER: printer.url, FOYER_TZ: 'Asia/Shanghai',
      FOYER_BOOTSTRAP_ADMIN: `${ADMIN.username}:${ADMIN.password}`, FOYER_HOST_TIMEOUT_S: '1.5',
    });
    const node = { name, proc, dir, api: (method: string, p: string, body?: unknown, token?: string) => callApi(proc.url, method, p, body, token) };
    nodes.push(node);
    return node;
  }
  function socketTo(node: Node, token: string): Promise<Socket> {
    const s = connect(node.proc.url, { auth: { token }, transports: ['websocket'], reconnection: false });
    sockets.push(s);
    return new Promise((resolve, reject) => { s.once('connect', () => resolve(s)); s.once('connect_error', reject); });
  }

  // Both start at once: the schema, the site's keys and the first admin are made once between them.
  const [a, b] = await Promise.all([startNode('a'), startNode('b')]);
  test.after(async () => {
    sockets.forEach((s) => s.close());
    for (const n of nodes) { n.proc.child.kill('SIGTERM'); await n.proc.exited; fs.rmSync(n.dir, { recursive: true, force: true }); }
    await printer.close();
    await database.drop();
  });

  const login = async (node: Node, username: string, password: string) => {
    const r = await node.api('POST', '/api/login', { username, password });
    assert.is(r.status, 200, `${username} signs in on node ${node.name}: ${JSON.stringify(r.body)}`);
    return r.body.token as string;
  };
  // let: the accounts test below may disable this admin (its sessions end) and enable it again; it signs in anew.
  let admin = await login(a, ADMIN.username, ADMIN.password);
  const host = (await a.api('POST', '/api/hosts', { name: '李娜', department: '研发部' }, admin)).body.host;
  assert.is((await a.api('POST', '/api/users', { username: 'lina', password: 'a-long-password', name: '李娜', role: 'host', hostId: host.id }, admin)).status, 201);
  const kioskMade = await a.api('POST', '/api/kiosks', { name: 'Lobby' }, admin);
  const kiosk = (await b.api('POST', '/api/kiosks/pair', { pairingCode: kioskMade.body.pairingCode })).body; // paired through B
  const visitor = (n: number) => ({ name: `访客${n}`, idType: 'cn-resident', idNumber: residentId('19900101', String(100 + (n % 900)).padStart(3, '0')) });

  test('two servers started together made one admin and one set of site keys: a token from one works on the other', async () => {
    const users = (await b.api('GET', '/api/users', undefined, admin)).body.users;
    assert.is(users.filter((u: any) => u.username === ADMIN.username).length, 1, 'one first admin');
    assert.is((await a.api('GET', '/api/hosts?q=li', undefined, kiosk.token)).status, 200, 'a kiosk paired on B works on A');
    const keyA = (await a.api('GET', '/api/badge-key', undefined, admin)).body;
    const keyB = (await b.api('GET', '/api/badge-key', undefined, admin)).body;
    assert.equal(keyA, keyB, 'both sign badges with the one site key');
  });

  test('kiosk on node A, host on node B: the host hears of the visitor, approves, the kiosk hears it, one badge prints', async () => {
    const hostToken = await login(b, 'lina', 'a-long-password');
    const hostSock = await socketTo(b, hostToken);
    const kioskSock = await socketTo(a, kiosk.token);
    const before = printer.jobs.length;

    const arrived = nextEvent(hostSock, 'visit:arrived');
    const reg = await a.api('POST', '/api/visits', { visitor: visitor(1), purpose: '面试', hostId: host.id }, kiosk.token);
    assert.is(reg.status, 201, JSON.stringify(reg.body));
    assert.is((await arrived).visit.id, reg.body.visit.id, 'the arrival crossed from A to B');

    const onSite = nextEvent(kioskSock, 'visit:updated', (p: any) => p.visit.id === reg.body.visit.id && p.visit.status === 'on-site');
    // The host taps approve twice, once through each server: one approval wins.
    const [viaB, viaA] = await Promise.all([
      hostSock.timeout(3000).emitWithAck('visit:decide', { visitId: reg.body.visit.id, decision: 'approve' }),
      a.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'approve' }, hostToken),
    ]) as [any, { status: number }];
    assert.equal([viaB.ok === true, viaA.status === 200].filter(Boolean).length, 1, `one approval lands: ${JSON.stringify(viaB)} / ${viaA.status}`);
    const visit = (await onSite).visit;
    await printer.waitForJobs(before + 1);
    await new Promise((r) => setTimeout(r, 500)); // a second badge, if any, would be on its way by now
    assert.is(printer.jobs.length, before + 1, 'exactly one badge printed');
    assert.is(readQr(decodeEscPos(printer.jobs[before]).image!), visit.badge.code, 'and it carries the issued code');
  });

  test('an unanswered visit is escalated to reception once, though both servers run a clock', async () => {
    const reception = (await a.api('POST', '/api/users', { username: 'desk', password: 'a-long-password', name: 'Desk', role: 'reception' }, admin)).status;
    assert.is(reception, 201);
    const deskSock = await socketTo(b, await login(b, 'desk', 'a-long-password'));
    const reg = await a.api('POST', '/api/visits', { visitor: visitor(2), purpose: '送货', hostId: host.id }, kiosk.token);
    const id = reg.body.visit.id;
    await nextEvent(deskSock, 'visit:arrived', (p: any) => p.visit.id === id, 8000);
    await new Promise((r) => setTimeout(r, 3000)); // two more of each server's ticks
    const events = (await a.api('GET', `/api/log?q=${id}`, undefined, admin)).body.events;
    assert.is(events.filter((e: any) => e.kind === 'visit-escalated').length, 1, 'escalated once');
    const runners = nodes.filter((n) => n.proc.output().includes('this server runs the timers'));
    assert.is(runners.length, 1, `one server runs the clock's jobs: ${runners.map((n) => n.name)}`);
  });

  test('signing out on one server ends the session on the other, and closes its socket there', async () => {
    const token = await login(a, 'lina', 'a-long-password');
    const onB = await socketTo(b, token);
    const closed = new Promise<string>((resolve) => onB.once('disconnect', (reason) => resolve(reason)));
    assert.is((await a.api('POST', '/api/logout', undefined, token)).status, 204);
    assert.is(await closed, 'io server disconnect', 'the socket on B was closed by the server');
    assert.is((await b.api('GET', '/api/me', undefined, token)).status, 401, 'the token is refused on B');
  });

  test('an empty site: both servers print the same setup link, and of two uses at once, on each server, one makes the admin', async () => {
    const empty = await freshDatabase();
    const started: ServerProcess[] = [];
    try {
      for (const name of ['x', 'y']) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), `foyer-${name}-`));
        started.push(await spawnServer({ FOYER_DATABASE_URL: empty.url, FOYER_DATA_DIR: dir, FOYER_BOOTSTRAP_ADMIN: '', FOYER_TZ: 'Asia/Shanghai' }));
      }
      const linkOf = async (p: ServerProcess) => { // printed just after the listening line
        for (let i = 0; i < 50 && !/setup#\S+\n/.test(p.output()); i++) await new Promise((r) => setTimeout(r, 20));
        return /setup#(\S+)/.exec(p.output())?.[1];
      };
      const links = await Promise.all(started.map(linkOf));
      assert.ok(links[0], 'a setup link is printed');
      assert.is(links[1], links[0], 'the same link on both');
      const answers = await Promise.all(started.map((p, i) => callApi(p.url, 'POST', '/api/setup', {
        setupToken: links[0], username: `first${i}`, password: 'correct-horse-battery-staple', name: 'First admin',
      })));
      assert.equal(answers.map((r) => r.status).sort(), [201, 401], JSON.stringify(answers.map((r) => r.body)));
    } finally {
      for (const p of started) { p.child.kill('SIGTERM'); await p.exited; }
      await empty.drop();
    }
  });

  test('accounts on two servers at once: renames to one username, one lands; two admins disabling each other, one stays', async () => {
    const made = await Promise.all(['ren1', 'ren2', 'ren3', 'ren4'].map((username) =>
      a.api('POST', '/api/users', { username, password: 'a-long-password', name: username, role: 'reception' }, admin)));
    const ids = made.map((r) => r.body.user.id as string);
    const renames = await Promise.all(ids.map((id, i) => (i % 2 ? b : a).api('PATCH', `/api/users/${id}`, { username: i % 2 ? 'SAME-NAME' : 'same-name' }, admin)));
    assert.equal(renames.map((r) => r.status).sort(), [200, 409, 409, 409]);
    const users = (await a.api('GET', '/api/users', undefined, admin)).body.users as Array<{ id: string; username: string; role: string; disabled?: boolean }>;
    assert.is(users.filter((u) => u.username.toLowerCase() === 'same-name').length, 1);

    // Two admins, each disabling the other from a different server: one of them stays enabled.
    const second = await a.api('POST', '/api/users', { username: 'admin-two', password: 'a-long-password', name: 'Two', role: 'admin' }, admin);
    const others = users.filter((u) => u.role === 'admin' && !u.disabled && u.username !== ADMIN.username);
    for (const o of others) await a.api('POST', `/api/users/${o.id}/disable`, undefined, admin);
    const two = await login(b, 'admin-two', 'a-long-password');
    const first = users.find((u) => u.username === ADMIN.username)!;
    const [one, other] = await Promise.all([
      a.api('POST', `/api/users/${second.body.user.id}/disable`, undefined, admin),
      b.api('POST', `/api/users/${first.id}/disable`, undefined, two),
    ]);
    // The loser is refused by the rule (409 last-admin), or, when the winner's disable landed first, its own token stopped (401).
    assert.is([one, other].filter((r) => r.status === 200).length, 1, JSON.stringify([one.body, other.body]));
    assert.ok([one, other].every((r) => [200, 401, 409].includes(r.status)));
    const after = (await b.api('GET', '/api/users', undefined, one.status === 200 ? admin : two)).body.users as Array<{ role: string; disabled?: boolean }>;
    assert.is(after.filter((u) => u.role === 'admin' && !u.disabled).length, 1, 'one admin stays enabled');
    // Put things back for the tests after this one.
    // When the first admin was the one disabled, its sessions ended with it: enabled again, it signs in anew.
    if (one.status !== 200) {
      assert.is((await b.api('POST', `/api/users/${first.id}/enable`, undefined, two)).status, 200);
      admin = await login(a, ADMIN.username, ADMIN.password);
    }
  });

  test('node B killed in the middle of a rush: every visit either server acknowledged is there, and the log verifies', async () => {
    const acknowledged: string[] = [];
    let n = 100;
    const onBIds = new Set<string>();
    const register = async (node: Node) => {
      const r = await node.api('POST', '/api/visits', { visitor: visitor(n++), purpose: '会议', hostId: host.id }, kiosk.token).catch(() => undefined);
      if (r?.status !== 201) return;
      acknowledged.push(r.body.visit.id);
      if (node === b) onBIds.add(r.body.visit.id);
    };
    const rush = (node: Node, count: number) => Promise.all(Array.from({ length: count }, (_, i) => new Promise((r) => setTimeout(r, i * 20)).then(() => register(node))));
    const onA = rush(a, 60);
    const onB = rush(b, 60);
    while (onBIds.size < 5) await new Promise((r) => setTimeout(r, 5)); // B is in the middle of its share
    b.proc.child.kill('SIGKILL');
    await Promise.all([onA, onB]);
    assert.ok(acknowledged.length >= 60, `A kept answering (${acknowledged.length} acknowledged)`);

    for (const id of acknowledged) {
      const r = await a.api('GET', `/api/visits/${id}`, undefined, admin);
      assert.is(r.status, 200, `acknowledged visit ${id} is there`);
    }
    const fromB = acknowledged.filter((id) => onBIds.has(id)).length;
    assert.ok(fromB > 0 && fromB < 60, `B acknowledged some visits before it died (${fromB})`);
    const verify = (await a.api('GET', '/api/log/verify', undefined, admin)).body;
    assert.ok(verify.chain.ok, JSON.stringify(verify));
    // Node B comes back on the same database and serves at once; whoever ran the clock, a living server runs it now.
    const again = await startNode('b2');
    assert.is((await again.api('GET', '/api/hosts?q=li', undefined, kiosk.token)).status, 200);
    for (const deadline = Date.now() + 8000; Date.now() < deadline;) {
      if ([a, again].some((n) => n.proc.output().includes('this server runs the timers'))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok([a, again].some((n) => n.proc.output().includes('this server runs the timers')), 'a living server took over the timers');
  });
}

test.run();
