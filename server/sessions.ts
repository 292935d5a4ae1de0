// Ending sessions and devices: the store forgets the session (or the kiosk's token version moves on) first, then every
// socket opened with it is disconnected at once, so a token that stopped working over HTTP also stops hearing events.
import type { Ctx } from './context.ts';
import { kioskRoom } from './notify.ts';

/** Every socket of one signed-in session (one token). */
export const sessionRoom = (sid: string) => `session:${sid}`;
/** Every socket of one user, whatever the session. */
export const userRoom = (userId: string) => `user:${userId}`;

/** Sign-out: this session's token stops working and its sockets close. */
export async function endSession(ctx: Ctx, sid: string): Promise<void> {
  await ctx.store.remove('sessions', sid);
  ctx.io.in(sessionRoom(sid)).disconnectSockets(true);
}

/** Disabling or a new password: every session of the user ends and all their sockets close. */
export async function endSessionsOf(ctx: Ctx, userId: string): Promise<void> {
  const sessions = (await ctx.store.list('sessions')).filter((s) => s.userId === userId);
  for (const s of sessions) await ctx.store.remove('sessions', s.id);
  ctx.io.in(userRoom(userId)).disconnectSockets(true);
}

/** A kiosk re-paired, revoked or removed: its device token no longer works (the caller changed it); close its sockets. */
export function closeDeviceSockets(ctx: Ctx, kioskId: string): void {
  ctx.io.in(kioskRoom(kioskId)).disconnectSockets(true);
}
