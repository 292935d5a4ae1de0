// Live updates for the staff pages over Socket.IO, and the acknowledged visit:decide.
import { io } from 'socket.io-client';
import type { Alert, LogEvent, Visit } from '../../server/protocol.ts';
import { openSocket, RequestError, type LiveSocket } from '../api.ts';
import { STAFF, toLogin } from './calls.ts';

const ACK_TIMEOUT_MS = 10_000;

export interface LiveHandlers {
  onVisit?: (visit: Visit, arrived: boolean) => void;
  onAlert?: (alert: Alert) => void;
  onLog?: (event: LogEvent) => void;
  /** true on every (re)connection: a good moment to reload lists that may have missed events. */
  onConnected: (connected: boolean) => void;
}

export function connectStaff(handlers: LiveHandlers): { socket: LiveSocket; close: () => void } {
  const live = openSocket(io, STAFF, handlers.onConnected);
  live.socket.on('visit:arrived', ({ visit }) => handlers.onVisit?.(visit, true));
  live.socket.on('visit:updated', ({ visit }) => handlers.onVisit?.(visit, false));
  live.socket.on('alert', ({ alert }) => handlers.onAlert?.(alert));
  live.socket.on('log:event', ({ event }) => handlers.onLog?.(event));
  return live;
}

/** Approve or deny over the socket; rejects with the server's error when the ack says ok: false. */
export function decideLive(socket: LiveSocket, visitId: string, decision: 'approve' | 'deny', message?: string): Promise<Visit> {
  return new Promise((resolve, reject) => {
    socket.timeout(ACK_TIMEOUT_MS).emit('visit:decide', { visitId, decision, ...(message ? { message } : {}) }, (err, ack) => {
      if (err) return reject(new RequestError(0, 'network', 'No answer from the server'));
      if (ack.ok) return resolve(ack.visit);
      if (['bad-token', 'token-expired', 'unauthorized'].includes(ack.error.code)) toLogin(); // the session ended
      const status = ack.error.code === 'forbidden' ? 403 : ack.error.code === 'wrong-state' ? 409 : 400;
      reject(new RequestError(status, ack.error.code, ack.error.message, ack.error.field));
    });
  });
}
