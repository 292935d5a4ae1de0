// Live updates for the staff pages over Socket.IO, and the acknowledged visit:decide.
import { io, type Socket } from 'socket.io-client';
import type { Alert, ClientToServer, LogEvent, ServerToClient, Visit } from '../../server/protocol.ts';
import { readToken, StaffError, toLogin } from './staff-api.ts';

export type StaffSocket = Socket<ServerToClient, ClientToServer>;

export interface LiveHandlers {
  onVisit?: (visit: Visit, arrived: boolean) => void;
  onAlert?: (alert: Alert) => void;
  onLog?: (event: LogEvent) => void;
  /** true on every (re)connection: a good moment to reload lists that may have missed events. */
  onConnected: (connected: boolean) => void;
}

const REFUSED = new Set(['unauthorized', 'bad-token', 'token-expired']);
const ACK_TIMEOUT_MS = 10_000;

export function connectStaff(handlers: LiveHandlers): { socket: StaffSocket; close: () => void } {
  const socket: StaffSocket = io({
    auth: (cb) => cb({ token: readToken() }),
    // As the lobby does: the server's static handler also answers /socket.io/ long-polls (reported to the lead).
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 3000,
  });
  let retry: ReturnType<typeof setTimeout> | undefined;
  socket.on('connect', () => handlers.onConnected(true));
  socket.on('disconnect', () => handlers.onConnected(false));
  socket.on('visit:arrived', ({ visit }) => handlers.onVisit?.(visit, true));
  socket.on('visit:updated', ({ visit }) => handlers.onVisit?.(visit, false));
  socket.on('alert', ({ alert }) => handlers.onAlert?.(alert));
  socket.on('log:event', ({ event }) => handlers.onLog?.(event));
  socket.on('connect_error', (error) => {
    handlers.onConnected(false);
    if (socket.active) return; // a transport error: socket.io retries by itself
    if (REFUSED.has(error.message)) return toLogin();
    retry = setTimeout(() => socket.connect(), 3000);
  });
  return {
    socket,
    close: () => {
      clearTimeout(retry);
      socket.close();
    },
  };
}

/** Approve or deny over the socket; rejects with the server's error when the ack says ok: false. */
export function decideLive(socket: StaffSocket, visitId: string, decision: 'approve' | 'deny', message?: string): Promise<Visit> {
  return new Promise((resolve, reject) => {
    socket.timeout(ACK_TIMEOUT_MS).emit('visit:decide', { visitId, decision, ...(message ? { message } : {}) }, (err, ack) => {
      if (err) return reject(new StaffError(0, 'network', 'No answer from the server'));
      if (ack.ok) return resolve(ack.visit);
      if (ack.error.code === 'bad-token' || ack.error.code === 'unauthorized') toLogin();
      const status = ack.error.code === 'forbidden' ? 403 : ack.error.code === 'wrong-state' ? 409 : 400;
      reject(new StaffError(status, ack.error.code, ack.error.message, ack.error.field));
    });
  });
}
