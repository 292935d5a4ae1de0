// The append-only, hash-chained log: one writer in this process, every event also sent live.
import { randomBytes } from 'node:crypto';
import type { Ctx } from './context.ts';
import type { LogEvent } from './protocol.ts';
import { chainEvent } from './domain/log.ts';
import { inTurn } from './serial.ts';
import { EventChainError } from '../data/rules.ts';
import { dropExpiredSockets } from './sockets/expiry.ts';

export interface EventInput {
  kind: string;
  visitId?: string;
  actor?: string;
  data?: LogEvent['data'];
}

/** Rivals for the next place in the log, beyond which an append gives up (each try is one short transaction). */
const APPEND_TRIES = 50;

/** Appends in order; callers await it so an acknowledged action is on disk. Within a server appends take turns;
 *  servers sharing a store (PostgreSQL) race for the next place, the store refuses all but one (its atomic check
 *  of prevHash), and a refused event is chained again on the new last one. */
export function record(ctx: Ctx, input: EventInput): Promise<LogEvent> {
  return inTurn(ctx.store, 'log', async () => {
    const id = `e-${randomBytes(6).toString('hex')}`;
    let event: LogEvent;
    for (let tries = 1; ; tries++) {
      const prev = await ctx.store.lastEvent();
      event = chainEvent(prev, { id, at: logTime(ctx, prev), ...input });
      try {
        await ctx.store.appendEvent(event);
        break;
      } catch (e) {
        if (!(e instanceof EventChainError) || tries >= APPEND_TRIES) throw e;
      }
    }
    dropExpiredSockets(ctx);
    ctx.io.to(['role:security', 'role:admin']).emit('log:event', { event });
    return event;
  });
}

/** The clock may step back (an NTP correction, a wrong RTC): the log's time then waits at the last event's, so its order never forks. */
function logTime(ctx: Ctx, prev: LogEvent | undefined): string {
  const now = ctx.clock();
  if (!prev || now.getTime() >= Date.parse(prev.at)) {
    clockBehind.delete(ctx.store);
    return now.toISOString();
  }
  if (!clockBehind.has(ctx.store)) {
    clockBehind.add(ctx.store);
    ctx.log(`log: the clock is ${Date.parse(prev.at) - now.getTime()} ms behind the last event; events keep its time until the clock catches up`);
  }
  return prev.at;
}
const clockBehind = new WeakSet<object>();
