// Socket.IO: one io.use check, rooms by user, session, role, host and kiosk, and the acknowledged visit:decide and visit:message.
// A socket lives only as long as its token: sign-out, disabling, re-pairing and expiry disconnect it (see ../sessions.ts
// and ./expiry.ts), and a reconnection, recovered or not, is checked again.
import type { Server as IoServer, Socket } from 'socket.io';
import type { Ctx } from '../context.ts';
import type { Ack, ClientToServer, ServerToClient } from '../protocol.ts';
import type { Principal } from '../auth.ts';
import { DomainError, errorBody } from '../domain/errors.ts';
import { decide, parseDecision } from '../flows/decide.ts';
import { text } from '../http/validate.ts';
import { hostRoom, kioskRoom, roleRoom, visitView } from '../notify.ts';
import { parseWords, sendWords } from '../flows/host-message.ts';
import { sessionRoom, userRoom } from '../sessions.ts';
import { sweepExpiredSockets, trackExpiry } from './expiry.ts';
import { keepNewestPackets } from './replay.ts';

interface SocketData { who: Principal; token: string; expiresMs: number; ended?: boolean }
type FoyerSocket = Socket<ClientToServer, ServerToClient, object, SocketData>;

/** Attaches the handlers; returns the stop of the expiry sweep (for the app's close). */
export function attachSockets(ctx: Ctx, io: IoServer<ClientToServer, ServerToClient>): () => void {
  recoverOnlyLiveSessions(ctx, io);
  keepNewestPackets(io);
  io.use(async (socket, next) => {
    try {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (typeof token !== 'string') return next(new Error('unauthorized'));
      const { who, expiresMs } = await ctx.auth.check(token);
      Object.assign(socket.data, { who, token, expiresMs, ended: false });
      next();
    } catch (e) {
      next(new Error(e instanceof DomainError ? e.code : 'unauthorized'));
    }
  });

  io.on('connection', (socket: FoyerSocket) => {
    joinRooms(socket);
    trackExpiry(ctx, socket, socket.data.expiresMs);
    // The session may have ended while the middleware awaited the store, before the socket was in its rooms.
    void signedIn(ctx, socket).catch(() => socket.disconnect(true));
    /** A staff member's call about one visit: signed in now, a body with its visitId; a kiosk may not. */
    const onVisitCall = <A extends object>(event: 'visit:decide' | 'visit:message', shape: string, run: (who: Principal, visitId: string, body: Record<string, unknown>) => Promise<A>) => {
      socket.on(event, (payload: unknown, ack: (r: any) => void) => {
        void acknowledge(ack, ctx.log, async () => {
          const who = await signedIn(ctx, socket);
          if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw new DomainError('invalid-body', `Send ${shape}`, 400);
          const body = payload as Record<string, unknown>;
          const visitId = text(body, 'visitId', { max: 64, required: true })!;
          if (who.kind !== 'user') throw new DomainError('forbidden', 'A kiosk may not decide visits or write to visitors', 403);
          return run(who, visitId, body);
        }).then(() => { if (socket.data.ended) socket.disconnect(true); });
      });
    };
    onVisitCall('visit:decide', '{visitId, decision, message?, phrase?, comingInMinutes?}', async (who, visitId, body) =>
      ({ visit: visitView(await decide(ctx, who, visitId, parseDecision(body))) }));
    onVisitCall('visit:message', '{visitId, phrase?, message?, comingInMinutes?}', async (who, visitId, body) =>
      ({ visit: visitView(await sendWords(ctx, who, visitId, parseWords(body))), now: ctx.clock().toISOString() }));
  });
  return sweepExpiredSockets(ctx);
}

/** Rooms from the principal alone: a recovered socket's restored rooms are dropped first, in case the token changed. */
function joinRooms(socket: FoyerSocket): void {
  for (const room of [...socket.rooms]) if (room !== socket.id) void socket.leave(room);
  const who = socket.data.who;
  if (who.kind === 'kiosk') return void socket.join(kioskRoom(who.kiosk.id));
  void socket.join([userRoom(who.user.id), roleRoom(who.user.role), ...(who.sid ? [sessionRoom(who.sid)] : [])]);
  if (who.user.hostId) void socket.join(hostRoom(who.user.hostId));
}

/** The socket's token checked again now; when it no longer works the socket is marked to be disconnected. */
async function signedIn(ctx: Ctx, socket: FoyerSocket): Promise<Principal> {
  try {
    return (await ctx.auth.check(socket.data.token)).who;
  } catch (e) {
    socket.data.ended = true;
    throw e;
  }
}

/**
 * Connection-state recovery replays missed events from the Socket constructor, before any middleware runs. So a
 * session is restored only while the token it was opened with still works; otherwise the client connects afresh and
 * the middleware decides.
 */
function recoverOnlyLiveSessions(ctx: Ctx, io: IoServer<ClientToServer, ServerToClient>): void {
  const adapter = io.of('/').adapter;
  const restore = adapter.restoreSession.bind(adapter);
  adapter.restoreSession = async (pid, offset) => {
    const session = await restore(pid, offset);
    const token = (session?.data as Partial<SocketData> | undefined)?.token;
    if (!session || typeof token !== 'string') return null as unknown as typeof session;
    return ctx.auth.check(token).then(() => session, () => null as unknown as typeof session);
  };
}

/** The one ack wrapper: every handler answers {ok:true,…} or {ok:false,error}, never throws at the socket. */
async function acknowledge<T extends object>(ack: unknown, log: (line: string) => void, work: () => Promise<T>): Promise<void> {
  let reply: Ack<T>;
  try {
    reply = { ok: true, ...(await work()) };
  } catch (e) {
    if (!(e instanceof DomainError)) log(`socket: handler failed: ${(e as Error)?.stack ?? e}`);
    const err = e instanceof DomainError ? e : new DomainError('internal', 'Something went wrong on the server', 503);
    reply = { ok: false, error: errorBody(err) };
  }
  if (typeof ack === 'function') ack(reply);
}
