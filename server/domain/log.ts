// The append-only log as a hash chain: each event commits to the one before it.
import { createHash } from 'node:crypto';
import type { LogEvent } from '../protocol.ts';

export const GENESIS = '0'.repeat(64);

export type NewEvent = Pick<LogEvent, 'id' | 'at' | 'kind' | 'visitId' | 'actor' | 'data'>;

/** JSON with sorted keys and no undefined members: the same event hashes the same after a store round trip. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of everything in the event except its own hash. */
export function hashEvent(event: Omit<LogEvent, 'hash'> & { hash?: string }): string {
  const { hash: _, ...rest } = event;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

export function chainEvent(prev: LogEvent | undefined, e: NewEvent): LogEvent {
  const unhashed: Omit<LogEvent, 'hash'> = {
    id: e.id,
    seq: prev ? prev.seq + 1 : 1,
    at: e.at,
    kind: e.kind,
    ...(e.visitId !== undefined && { visitId: e.visitId }),
    ...(e.actor !== undefined && { actor: e.actor }),
    ...(e.data !== undefined && { data: e.data }),
    prevHash: prev ? prev.hash : GENESIS,
  };
  return { ...unhashed, hash: hashEvent(unhashed) };
}

export type ChainCheck =
  | { ok: true; count: number }
  | { ok: false; at: number; seq: number; reason: 'edited' | 'missing' | 'reordered' };

/** Checks a run of events that should follow `startPrevHash` (GENESIS for the whole log). */
export function verifyChain(events: LogEvent[], startPrevHash = GENESIS): ChainCheck {
  let prevHash = startPrevHash;
  // From genesis the first seq is 1; a later slice starts wherever it starts.
  let expectedSeq = startPrevHash === GENESIS ? 1 : events[0]?.seq;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (hashEvent(e) !== e.hash) return { ok: false, at: i, seq: e.seq, reason: 'edited' };
    if (e.seq !== expectedSeq) {
      // The expected event further on means the order changed; nowhere means it was removed.
      const later = events.slice(i + 1).some((x) => x.seq === expectedSeq);
      const reason = later || e.seq < expectedSeq ? 'reordered' : 'missing';
      return { ok: false, at: i, seq: e.seq, reason };
    }
    if (e.prevHash !== prevHash) {
      // Seq fits but the link does not: the event before was rewritten with a recomputed hash.
      if (i === 0) return { ok: false, at: 0, seq: e.seq, reason: startPrevHash === GENESIS ? 'edited' : 'missing' };
      return { ok: false, at: i - 1, seq: events[i - 1].seq, reason: 'edited' };
    }
    prevHash = e.hash;
    expectedSeq = e.seq + 1;
  }
  return { ok: true, count: events.length };
}

/** Where a whole log is read from, a UTC day at a time (the Store has this shape). */
export interface LogDays {
  eventDays(): Promise<string[]>;
  events(from: string, to: string): Promise<LogEvent[]>;
}

/** The whole chain, one UTC day at a time (years of events never sit in memory together); with anchorSeq,
 *  also the event of that number, to compare with a head written down earlier. */
export async function verifyLogByDay(log: LogDays, anchorSeq?: number): Promise<{ chain: ChainCheck; last?: LogEvent; anchored?: LogEvent }> {
  let chain: ChainCheck = { ok: true, count: 0 };
  let last: LogEvent | undefined;
  let anchored: LogEvent | undefined;
  for (const day of await log.eventDays()) {
    const from = `${day}T00:00:00.000Z`;
    const events = await log.events(from, new Date(Date.parse(from) + 86_400_000).toISOString());
    if (!events.length) continue;
    if (chain.ok) {
      const part = verifyChain(events, last?.hash ?? GENESIS);
      chain = part.ok ? { ok: true, count: chain.count + part.count } : { ...part, at: chain.count + part.at };
    }
    anchored ??= anchorSeq === undefined ? undefined : events.find((e) => e.seq === anchorSeq);
    last = events.at(-1);
  }
  return { chain, last, anchored };
}
