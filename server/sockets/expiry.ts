// Sockets outlive nothing: each one ends when its token does. Time is ctx.clock() (tests move it), so no timer is set at
// a token's expiry; instead every emit first drops the expired sockets (O(1) while none has), and a sweep runs each second.
import type { Socket } from 'socket.io';
import type { Ctx } from '../context.ts';

interface Tracked { socket: Socket; expiresMs: number }
interface Tracker { sockets: Map<string, Tracked>; earliest: number }

const trackers = new WeakMap<object, Tracker>();
const trackerOf = (ctx: Pick<Ctx, 'io'>): Tracker => {
  let tracker = trackers.get(ctx.io);
  if (!tracker) trackers.set(ctx.io, (tracker = { sockets: new Map(), earliest: Infinity }));
  return tracker;
};

/** Disconnects the socket when its token ends (expiresMs, by ctx.clock()). */
export function trackExpiry(ctx: Pick<Ctx, 'io'>, socket: Socket, expiresMs: number): void {
  const tracker = trackerOf(ctx);
  const tracked = { socket, expiresMs };
  tracker.sockets.set(socket.id, tracked);
  tracker.earliest = Math.min(tracker.earliest, expiresMs);
  socket.once('disconnect', () => {
    if (tracker.sockets.get(socket.id) === tracked) tracker.sockets.delete(socket.id);
  });
}

/** Call before emitting: disconnects every socket whose token has expired, so it hears nothing more. */
export function dropExpiredSockets(ctx: Pick<Ctx, 'io' | 'clock'>): void {
  const tracker = trackers.get(ctx.io);
  if (!tracker) return;
  const nowMs = ctx.clock().getTime();
  if (nowMs < tracker.earliest) return;
  let earliest = Infinity;
  for (const [id, tracked] of tracker.sockets) {
    if (tracked.expiresMs > nowMs) {
      earliest = Math.min(earliest, tracked.expiresMs);
      continue;
    }
    tracker.sockets.delete(id);
    tracked.socket.disconnect(true);
  }
  tracker.earliest = earliest;
}

/** The sweep for quiet times; returns its stop. */
export function sweepExpiredSockets(ctx: Pick<Ctx, 'io' | 'clock'>, everyMs = 1000): () => void {
  const timer = setInterval(() => dropExpiredSockets(ctx), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
