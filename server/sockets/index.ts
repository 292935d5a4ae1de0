// Socket.IO: one io.use check, rooms by user, role, host and kiosk, and the acknowledged visit:decide.
import type { Server as IoServer, Socket } from 'socket.io';
import type { Ctx } from '../context.ts';
import type { Ack, ClientToServer, ServerToClient } from '../protocol.ts';
import type { Principal } from '../auth.ts';
import { DomainError } from '../domain/errors.ts';
import { decide, parseDecision } from '../flows/decide.ts';
import { text } from '../http/validate.ts';
import { hostRoom, kioskRoom, roleRoom, visitView } from '../notify.ts';

type FoyerSocket = Socket<ClientToServer, ServerToClient, object, { who: Principal }>;

export function attachSockets(ctx: Ctx, io: IoServer<ClientToServer, ServerToClient>): void {
  io.use(async (socket, next) => {
    try {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const who = typeof token === 'string' ? await ctx.auth.fromToken(token) : undefined;
      if (!who) return next(new Error('unauthorized'));
      socket.data.who = who;
      next();
    } catch (e) {
      next(new Error(e instanceof DomainError ? e.code : 'unauthorized'));
    }
  });

  io.on('connection', (socket: FoyerSocket) => {
    const who = socket.data.who;
    if (who.kind === 'kiosk') void socket.join(kioskRoom(who.kiosk.id));
    else {
      void socket.join([`user:${who.user.id}`, roleRoom(who.user.role)]);
      if (who.user.hostId) void socket.join(hostRoom(who.user.hostId));
    }
    socket.on('visit:decide', (payload, ack) => {
      void acknowledge(ack, ctx.log, async () => {
        if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw new DomainError('invalid-body', 'Send {visitId, decision, message?}', 400);
        const body = payload as unknown as Record<string, unknown>;
        const visitId = text(body, 'visitId', { max: 64, required: true })!;
        if (who.kind !== 'user') throw new DomainError('forbidden', 'A kiosk may not decide visits', 403);
        return { visit: visitView(await decide(ctx, who, visitId, parseDecision(body))) };
      });
    });
  });
}

/** The one ack wrapper: every handler answers {ok:true,…} or {ok:false,error}, never throws at the socket. */
async function acknowledge<T extends object>(ack: unknown, log: (line: string) => void, work: () => Promise<T>): Promise<void> {
  let reply: Ack<T>;
  try {
    reply = { ok: true, ...(await work()) };
  } catch (e) {
    if (!(e instanceof DomainError)) log(`socket: handler failed: ${(e as Error)?.stack ?? e}`);
    const err = e instanceof DomainError ? e : new DomainError('internal', 'Something went wrong on the server', 503);
    reply = { ok: false, error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } };
  }
  if (typeof ack === 'function') ack(reply);
}
