// Kiosk devices end at once: re-pairing, revoking and removing stop the device token and close its sockets.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Socket } from 'socket.io-client';
import { startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
test.before(async () => { s = await startServer(); });
test.after(async () => { await s.close(); });

/** Call before the action: resolves when the server disconnects the socket, rejects after ms. */
function closedByServer(sock: Socket, ms = 3000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
    sock.once('disconnect', (reason) => { clearTimeout(timer); reason === 'io server disconnect' ? resolve() : reject(new Error(reason)); });
  });
}

test('re-pairing: the old device token and its sockets end as soon as the new code is issued', async () => {
  const k = await s.pairKiosk('Replaced');
  const sock = await s.socket(k.token);
  const closed = closedByServer(sock);
  const r = await s.api('POST', `/api/kiosks/${k.kiosk.id}/pairing`, {}, s.admin.token);
  assert.is(r.status, 201);
  await closed;
  assert.is((await s.api('GET', '/api/me', undefined, k.token)).status, 401);
  const paired = await s.api('POST', '/api/kiosks/pair', { pairingCode: r.body.pairingCode });
  assert.is(paired.status, 200);
  assert.ok((await s.socket(paired.body.token)).connected);
});

test('revoking: 200 {kiosk} with revokedAt, the token and sockets end, a pending code is void; a new code pairs it again', async () => {
  const k = await s.pairKiosk('Stolen');
  const sock = await s.socket(k.token);
  const pending = await s.api('POST', `/api/kiosks/${k.kiosk.id}/pairing`, {}, s.admin.token);
  const closed = closedByServer(sock);
  const r = await s.api('POST', `/api/kiosks/${k.kiosk.id}/revoke`, undefined, s.admin.token);
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.is(r.body.kiosk.id, k.kiosk.id);
  assert.ok(Date.parse(r.body.kiosk.revokedAt) > 0, 'revokedAt is a time');
  await closed.catch(() => { /* already closed by the re-pairing above */ });
  assert.is((await s.api('GET', '/api/me', undefined, k.token)).status, 401);
  assert.is((await s.api('POST', '/api/kiosks/pair', { pairingCode: pending.body.pairingCode })).status, 400, 'the pending code died with the revocation');
  const again = await s.api('POST', `/api/kiosks/${k.kiosk.id}/revoke`, undefined, s.admin.token);
  assert.is(again.body.kiosk.revokedAt, r.body.kiosk.revokedAt, 'revoking twice keeps the first time');
  const listed = (await s.api('GET', '/api/kiosks', undefined, s.admin.token)).body.kiosks.find((x: any) => x.id === k.kiosk.id);
  assert.is(listed.revokedAt, r.body.kiosk.revokedAt);

  const code = await s.api('POST', `/api/kiosks/${k.kiosk.id}/pairing`, {}, s.admin.token);
  const paired = await s.api('POST', '/api/kiosks/pair', { pairingCode: code.body.pairingCode });
  assert.is(paired.status, 200);
  assert.is(paired.body.kiosk.revokedAt, undefined, 'paired again, no longer revoked');
  assert.is((await s.api('GET', '/api/me', undefined, paired.body.token)).status, 200);
});

test('a revoked kiosk with a live socket: the socket closes within 3 s', async () => {
  const k = await s.pairKiosk('Live');
  const sock = await s.socket(k.token);
  const closed = closedByServer(sock);
  assert.is((await s.api('POST', `/api/kiosks/${k.kiosk.id}/revoke`, undefined, s.admin.token)).status, 200);
  await closed;
});

test('removing: 204, gone from the list, token and sockets end, a second removal is 404', async () => {
  const k = await s.pairKiosk('Removed');
  const sock = await s.socket(k.token);
  const closed = closedByServer(sock);
  const r = await s.api('DELETE', `/api/kiosks/${k.kiosk.id}`, undefined, s.admin.token);
  assert.is(r.status, 204);
  assert.is(r.body, '');
  await closed;
  assert.is((await s.api('GET', '/api/me', undefined, k.token)).status, 401);
  assert.not.ok((await s.api('GET', '/api/kiosks', undefined, s.admin.token)).body.kiosks.some((x: any) => x.id === k.kiosk.id));
  assert.is((await s.api('DELETE', `/api/kiosks/${k.kiosk.id}`, undefined, s.admin.token)).status, 404);
});

test('revoke and remove: 404 for an unknown kiosk, 403 for anyone but an admin', async () => {
  const desk = await s.makeUser('reception');
  const k = await s.pairKiosk('Guarded');
  assert.is((await s.api('POST', '/api/kiosks/k-nosuch/revoke', undefined, s.admin.token)).status, 404);
  assert.is((await s.api('DELETE', '/api/kiosks/k-nosuch', undefined, s.admin.token)).status, 404);
  for (const token of [desk.token, k.token]) {
    assert.is((await s.api('POST', `/api/kiosks/${k.kiosk.id}/revoke`, undefined, token)).status, 403);
    assert.is((await s.api('DELETE', `/api/kiosks/${k.kiosk.id}`, undefined, token)).status, 403);
  }
  assert.is((await s.api('GET', '/api/me', undefined, k.token)).status, 200);
});

test.run();
