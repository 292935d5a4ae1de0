// The replay buffer of connection-state recovery holds the newest packets only: a blip within them is replayed in
// full, a longer absence connects afresh; the buffer never outgrows its cap, however fast events are broadcast.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { keepNewestPackets } from '../../server/sockets/replay.ts';

const CAP = 10;

async function setUp() {
  const server = http.createServer();
  const io = new Server(server, { connectionStateRecovery: { maxDisconnectionDuration: 60_000 } });
  keepNewestPackets(io, CAP);
  io.on('connection', (socket) => { if (!socket.recovered) void socket.join('hosts'); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const held = () => ((io.of('/').adapter as unknown as { packets: unknown[] }).packets).length;
  return { io, url, held, close: () => new Promise<void>((resolve) => { io.close(); server.close(() => resolve()); }) };
}

const connected = (sock: Socket) => new Promise<void>((resolve, reject) => { sock.once('connect', () => resolve()); sock.once('connect_error', reject); });
const settle = () => new Promise((r) => setTimeout(r, 100));

const CASES: Array<[string, number, boolean]> = [
  ['a blip during which fewer packets than the cap were sent is replayed in full', CAP - 2, true],
  ['a blip the kept packets no longer cover connects afresh', CAP * 4, false],
];
for (const [name, missed, recovers] of CASES) {
  test(name, async () => {
    const site = await setUp();
    const sock = connect(site.url, { transports: ['websocket'], reconnection: false });
    try {
      await connected(sock);
      const heard: number[] = [];
      sock.on('tick', (n: number) => heard.push(n));
      site.io.to('hosts').emit('tick', 0); // the client resumes from the offset of the last packet it had
      await settle();
      sock.io.engine.close();
      await settle();
      let most = 0;
      for (let n = 1; n <= missed; n++) {
        site.io.to('hosts').emit('tick', n);
        most = Math.max(most, site.held());
      }
      sock.connect();
      await connected(sock);
      await settle();
      assert.is(sock.recovered, recovers);
      assert.equal(heard, recovers ? Array.from({ length: missed + 1 }, (_, i) => i) : [0]);
      assert.ok(most <= CAP + Math.ceil(CAP / 4), `the buffer held ${most} packets`);
    } finally {
      sock.close();
      await site.close();
    }
  });
}

test.run();
