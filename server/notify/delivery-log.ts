// The last deliveries and failures, as the log has them: several servers may share one PostgreSQL store, and the
// log is the one record they all write, so an admin sees every server's sends, not only this one's.
import type { Ctx } from '../context.ts';
import type { LogEvent } from '../protocol.ts';

export const DELIVERY_KINDS = ['host-channel-sent', 'host-channel-failed', 'invitation-mail-sent', 'invitation-mail-failed'];
/** How far back a listing reads at most: the newest days that hold events, one day at a time. */
const MAX_DAYS = 31;
const DAY_MS = 86_400_000;

export interface DeliveryView {
  id: string; at: string; kind: string; visitId?: string;
  host?: string; hostName?: string; channel?: string; attempt?: number; error?: string; final?: boolean;
  /** The invitation of an invitation-mail-* event. */
  appointment?: string;
}

/** The newest `limit` delivery events, newest first, each with the host's name when the host is still known. */
export async function recentDeliveries(ctx: Ctx, limit: number, kinds: string[] = DELIVERY_KINDS): Promise<DeliveryView[]> {
  const found: LogEvent[] = [];
  const days = (await ctx.store.eventDays()).reverse().slice(0, MAX_DAYS);
  for (const day of days) {
    const from = `${day}T00:00:00.000Z`;
    const to = new Date(Date.parse(from) + DAY_MS).toISOString();
    const ofDay = (await ctx.store.events(from, to)).filter((e) => kinds.includes(e.kind));
    found.push(...ofDay.reverse());
    if (found.length >= limit) break;
  }
  const names = new Map((await ctx.store.list('hosts')).map((h) => [h.id, h.name]));
  return found.slice(0, limit).map((e) => {
    const d = e.data ?? {};
    const host = typeof d.host === 'string' ? d.host : undefined;
    return {
      id: e.id, at: e.at, kind: e.kind, ...(e.visitId ? { visitId: e.visitId } : {}),
      ...(host ? { host, ...(names.has(host) ? { hostName: names.get(host) } : {}) } : {}),
      ...(typeof d.appointment === 'string' ? { appointment: d.appointment } : {}),
      ...(typeof d.channel === 'string' ? { channel: d.channel } : {}),
      ...(typeof d.attempt === 'number' ? { attempt: d.attempt } : {}),
      ...(typeof d.error === 'string' ? { error: d.error } : {}),
      ...(typeof d.final === 'boolean' ? { final: d.final } : {}),
    };
  });
}
