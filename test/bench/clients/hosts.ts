// Host consoles: many Socket.IO connections, each with its own host's token, noting when each visit:arrived came.
import { io, type Socket } from 'socket.io-client';
import { argsOf, serveCommands } from '../lib/children.ts';
import { wallMs } from '../lib/stats.ts';

let arrivals: Array<[string, number]> = [];
const sockets: Socket[] = [];

function connectOne(url: string, token: string): Promise<void> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnectionDelay: 200, reconnectionDelayMax: 1000 });
  sockets.push(socket);
  socket.on('visit:arrived', (p: { visit: { id: string } }) => { arrivals.push([p.visit.id, wallMs()]); });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (e) => reject(new Error(`host socket: ${e.message}`)));
  });
}

serveCommands({
  async ready() {
    const { url, tokens } = argsOf<{ url: string; tokens: string[] }>();
    for (let i = 0; i < tokens.length; i += 50) await Promise.all(tokens.slice(i, i + 50).map((t) => connectOne(url, t)));
    return { connected: sockets.filter((s) => s.connected).length };
  },
  /** The arrivals seen since the last take: [visitId, wall ms]. */
  take() {
    const taken = arrivals;
    arrivals = [];
    return taken;
  },
  connected: () => sockets.filter((s) => s.connected).length,
});
