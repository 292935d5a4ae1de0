// The floor: a bare HTTP + Socket.IO server that relays each POST to one of the connected sockets, as Foyer
// relays a registration to its host, with nothing else to do. Same clients, same loopback, same machine.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const server = http.createServer();
const io = new Server(server, { serveClient: false });
io.use((socket, next) => { void socket.join(`host:${String(socket.handshake.auth.token)}`); next(); });
let seq = 0;
server.on('request', (req, res) => {
  if (req.method !== 'POST' || !req.url?.startsWith('/api/visits')) return;
  let body = '';
  req.on('data', (d) => { body += d; });
  req.on('end', () => {
    const { hostId } = JSON.parse(body) as { hostId: string };
    const visit = { id: `relay-${++seq}`, hostId };
    io.to(`host:${hostId}`).emit('visit:arrived', { visit });
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ visit }));
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.on('SIGTERM', () => process.exit(0));
