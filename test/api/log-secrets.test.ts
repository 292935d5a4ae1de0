// No live secret in the server's output: invite and pairing codes, tokens, passwords, site keys.
// The one exception is the first-admin setup link, printed once for the installer.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { startServer, callApi, ADMIN } from '../helpers/server.ts';
import { spawnServer } from '../helpers/process.ts';
import type { SiteSecrets } from '../../data/store.ts';

/** Every way a code can be typed: with or without the dash or a space, upper or lower case. */
const spellingsOf = (code: string) => {
  const bare = code.replace(/[-\s]/g, '');
  return [code, bare, `${bare.slice(0, 4)} ${bare.slice(4)}`].flatMap((c) => [c, c.toLowerCase()]);
};

/** The secrets found in the output (case-insensitive), each named by what it is. */
function leaks(output: string, secrets: Array<[string, string]>): string[] {
  const text = output.toLowerCase();
  return secrets.filter(([, secret]) => secret.length >= 6 && text.includes(secret.toLowerCase())).map(([what]) => what);
}

function siteKeys(keys: SiteSecrets): Array<[string, string]> {
  const pemBody = (pem: string) => pem.split('\n').filter((l) => l && !l.startsWith('-----'));
  return [['idHashKey', keys.idHashKey], ['tokenKey', keys.tokenKey], ...pemBody(keys.badgePrivateKey).map((l): [string, string] => ['badge key', l])];
}

function tryConnect(url: string, token: string): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(url, { auth: { token }, transports: ['websocket'], reconnection: false });
    s.once('connect', () => { s.close(); resolve('connected'); });
    s.once('connect_error', (e) => { s.close(); resolve(e.message); });
  });
}

test('invitations, pairing, sign-in and errors leave no code, token or password in the server log', async () => {
  const s = await startServer();
  const secrets: Array<[string, string]> = [['admin password', ADMIN.password], ['admin token', s.admin.token]];
  const code = (what: string, c: string) => spellingsOf(c).forEach((x) => secrets.push([`${what} (${x})`, x]));
  try {
    const host = await s.makeHost('保密', '测试部');
    secrets.push(['host token', host.token], ['user password', 'a-long-password']);
    // Pairing: a wrong code, the right one (in lower case, without its dash), the used one again.
    const made = await s.api('POST', '/api/kiosks', { name: 'Lobby' }, s.admin.token);
    code('pairing code', made.body.pairingCode);
    assert.is((await s.api('POST', '/api/kiosks/pair', { pairingCode: 'ZZZZ-ZZZZ' })).status, 400);
    const paired = await s.api('POST', '/api/kiosks/pair', { pairingCode: made.body.pairingCode.replace('-', '').toLowerCase() });
    assert.is(paired.status, 200);
    secrets.push(['kiosk token', paired.body.token]);
    assert.is((await s.api('POST', '/api/kiosks/pair', { pairingCode: made.body.pairingCode })).status, 400);
    const again = await s.api('POST', `/api/kiosks/${made.body.kiosk.id}/pairing`, undefined, s.admin.token);
    code('second pairing code', again.body.pairingCode);
    // Re-pairing ends the first device token: the kiosk pairs again with the new code.
    const repaired = await s.api('POST', '/api/kiosks/pair', { pairingCode: again.body.pairingCode });
    assert.is(repaired.status, 200);
    const kiosk = repaired.body.token as string;
    secrets.push(['second kiosk token', kiosk]);
    // Invitations: create, look up wrong and right, register with it, then the used code in path and body.
    const appt = await s.api('POST', '/api/appointments', { visitor: { name: 'Invitee', phone: '13900001111' }, purpose: 'Talk', start: new Date().toISOString(), end: new Date(Date.now() + 3600_000).toISOString() }, host.token);
    const invite = appt.body.appointment.inviteCode as string;
    code('invite code', invite);
    assert.is((await s.api('GET', '/api/invites/ABCD-0000', undefined, kiosk)).status, 404);
    assert.is((await s.api('GET', `/api/invites/${invite.replace('-', '').toLowerCase()}`, undefined, kiosk)).status, 200);
    assert.is((await s.api('POST', '/api/visits', { visitor: { name: 'Invitee', idType: 'passport', idNumber: 'E1010101' }, inviteCode: invite }, kiosk)).status, 201);
    assert.is((await s.api('GET', `/api/invites/${invite}`, undefined, kiosk)).status, 409);
    assert.is((await s.api('POST', '/api/visits', { visitor: { name: 'Invitee', idType: 'passport', idNumber: 'E1010101' }, inviteCode: invite.toLowerCase() }, kiosk)).status, 409);
    assert.is((await s.api('POST', '/api/visits', { visitor: { name: 'Guesser', idType: 'passport', idNumber: 'E2020202' }, inviteCode: 'QQQQ-QQQQ' }, kiosk)).status, 400);
    // Sign-in: right, wrong password, unknown user; a password change is not an API yet.
    const wrong = 'wrong-password-9431';
    secrets.push(['wrong password', wrong]);
    assert.is((await s.api('POST', '/api/login', { username: ADMIN.username, password: wrong })).status, 401);
    assert.is((await s.api('POST', '/api/login', { username: 'nobody-here', password: wrong })).status, 401);
    // Errors: tokens and codes where they do not belong (paths, queries, headers), bad bodies, sockets.
    for (const [method, p, token] of [
      ['GET', `/api/visits/${invite}`, s.admin.token], ['GET', `/api/nowhere/${invite}`, undefined], ['GET', `/api/log?q=${invite}&token=${kiosk}`, s.admin.token],
      ['GET', '/api/me', `${kiosk}x`], ['GET', '/api/me', s.admin.token.split('.')[0] + '.AAAA'], ['POST', `/api/kiosks/pair?code=${made.body.pairingCode}`, undefined],
    ] as const) await s.api(method, p, undefined, token);
    await s.api('POST', '/api/login', undefined, undefined, `{"username":"admin","password":"${ADMIN.password}"`);
    await s.api('POST', '/api/kiosks/pair', { pairingCode: made.body.pairingCode, pad: 'x'.repeat(300_000) });
    assert.is(await tryConnect(s.url, `${kiosk}x`), 'bad-token');
    assert.is(await tryConnect(s.url, kiosk), 'connected');
    const sock = await s.socket(host.token);
    await sock.timeout(2000).emitWithAck('visit:decide', { visitId: invite, decision: 'approve', message: ADMIN.password });
    for (const [what, secret] of siteKeys(s.app.ctx.secrets)) secrets.push([what, secret]);

    const output = s.logs.join('\n');
    assert.ok(/http: GET \/api\/invites\/:code 404/.test(output), `the log names routes, not paths:\n${output}`);
    assert.ok(/\(no route\)/.test(output));
    assert.equal(leaks(output, secrets), [], output);
  } finally {
    await s.close();
  }
});

test('calls, messages and transfers leave no caller name, phone, subject or words in the server log or the event log', async () => {
  const s = await startServer({ notifyRetryDelaysMs: [0, 50] });
  const caller = { name: '私密来电人司马', phone: '13655554444', organisation: '私密机构' };
  const secrets: Array<[string, string]> = [['caller name', caller.name], ['caller phone', caller.phone], ['organisation', caller.organisation],
    ['subject', '私密的来电事由'], ['words', '私密的留言内容']];
  try {
    const reception = await s.makeUser('reception');
    // A robot that is not there: the failed sends are logged (and alerted), the message's words are not.
    const host = await s.makeHost('接听人', '综合部', { channels: [{ kind: 'webhook', target: 'http://127.0.0.1:9/nowhere' }] });
    const body = { caller, subject: '私密的来电事由', category: 'complaint', importance: 'important', forHostId: host.host.id };
    const m = await s.api('POST', '/api/calls', { ...body, kind: 'message', message: '私密的留言内容' }, reception.token);
    assert.is(m.status, 201);
    const t = await s.api('POST', '/api/calls', { ...body, kind: 'transfer' }, reception.token);
    assert.is(t.status, 201);
    assert.is((await s.api('POST', `/api/calls/${m.body.call.id}/read`, {}, host.token)).status, 200);
    assert.is((await s.api('POST', `/api/calls/${t.body.call.id}/acknowledge`, {}, reception.token)).status, 200);
    // Refused requests carrying the caller's details: the output names the route, never the query or the body.
    assert.is((await s.api('GET', `/api/calls?q=${encodeURIComponent(caller.name)}&kind=${caller.phone}`, undefined, reception.token)).status, 400);
    assert.is((await s.api('POST', '/api/calls', { ...body, category: caller.name }, reception.token)).status, 400);
    assert.is((await s.api('POST', '/api/calls', { ...body, kind: 'message', message: '私密的留言内容' }, host.token)).status, 403);
    // Until both messages' last tries have failed (each logged as final).
    let events: Array<{ kind: string; data?: Record<string, unknown> }> = [];
    for (const until = Date.now() + 5000; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
      events = (await s.api('GET', '/api/log', undefined, s.admin.token)).body.events;
      if (events.filter((e) => e.kind === 'host-channel-failed' && e.data?.final).length >= 2) break;
    }
    assert.is(events.filter((e) => e.kind === 'host-channel-failed' && e.data?.final).length, 2, 'the failed sends are in the log');
    assert.ok(events.some((e) => e.kind === 'call-transfer-acknowledged'));
    const output = `${s.logs.join('\n')}\n${JSON.stringify(events)}`;
    assert.equal(leaks(output, secrets), [], output);
  } finally {
    await s.close();
  }
});

test('a real server prints the setup link once and nothing else secret, on stdout or stderr', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'foyer-secrets-'));
  const p = await spawnServer({ FOYER_DATA_DIR: dataDir, FOYER_BOOTSTRAP_ADMIN: '' });
  const secrets: Array<[string, string]> = [];
  let setup = '';
  try {
    await new Promise((r) => setTimeout(r, 300)); // the setup line follows the listening line
    setup = /setup#(\S+)/.exec(p.output())?.[1] ?? '';
    assert.ok(setup.length >= 20, p.output());
    const call = (method: string, route: string, body?: unknown, token?: string) => callApi(p.url, method, route, body, token);
    const password = 'installer-secret-8812';
    secrets.push(['password', password]);
    assert.is((await call('POST', '/api/setup', { setupToken: setup.slice(0, -2) + 'xx', username: 'root', password, name: 'Root' })).status, 401);
    const made = await call('POST', '/api/setup', { setupToken: setup, username: 'root', password, name: 'Root' });
    assert.is(made.status, 201);
    secrets.push(['admin token', made.body.token]);
    assert.is((await call('POST', '/api/setup', { setupToken: setup, username: 'root2', password, name: 'Again' })).status, 401, 'the link works once');
    assert.is((await call('POST', '/api/login', { username: 'root', password: 'not-the-password-1' })).status, 401);
    secrets.push(['wrong password', 'not-the-password-1']);
    const token = (await call('POST', '/api/login', { username: 'root', password })).body.token;
    secrets.push(['second token', token]);
    const kiosk = await call('POST', '/api/kiosks', { name: 'Gate' }, token);
    spellingsOf(kiosk.body.pairingCode).forEach((c) => secrets.push(['pairing code', c]));
    await call('POST', '/api/kiosks/pair', { pairingCode: 'WXYZ-WXYZ' });
    const device = await call('POST', '/api/kiosks/pair', { pairingCode: kiosk.body.pairingCode });
    secrets.push(['kiosk token', device.body.token]);
    const hostRow = await call('POST', '/api/hosts', { name: 'H', department: 'D' }, token);
    const appt = await call('POST', '/api/appointments', { visitor: { name: 'V' }, hostId: hostRow.body.host.id, purpose: 'P', start: new Date().toISOString(), end: new Date(Date.now() + 3600_000).toISOString() }, token);
    spellingsOf(appt.body.appointment.inviteCode).forEach((c) => secrets.push(['invite code', c]));
    await call('GET', `/api/invites/${appt.body.appointment.inviteCode}`, undefined, device.body.token);
    await call('GET', '/api/invites/AAAA-BBBB', undefined, device.body.token);
    await call('GET', `/api/visits/${appt.body.appointment.inviteCode}`, undefined, `${token}0`);
    secrets.push(...siteKeys(JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8'))));
  } finally {
    p.child.kill('SIGTERM');
    await p.exited;
  }
  const output = p.output();
  assert.is(output.split(setup).length - 1, 1, `the setup link is printed exactly once:\n${output}`);
  assert.match(output, /setup: no admin yet: open http:\/\/127\.0\.0\.1:\d+\/setup#/);
  assert.equal(leaks(output, secrets), [], output);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test.run();
