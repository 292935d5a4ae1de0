// Invitations: codes a visitor types at the kiosk, the time window they work in, and a brute-force limit.
import type { Appointment } from '../protocol.ts';
import { decodeCrockfordText, encodeCrockford } from './base32.ts';

const EARLY_MS = 30 * 60_000;

/** 8 base32 characters = 40 bits (~1.1e12 codes); stored bare, shown with formatInviteCode. */
export function makeInviteCode(random: Buffer): string {
  return encodeCrockford(random, 8);
}

/** ABCD-EFGH: two groups of four are easier to read out and type. */
export function formatInviteCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a person typed, as stored: "abcd efgh", "ABCD-EFGH" and "O"/"I"/"L" misreadings all work. */
export function normalizeInviteCode(s: string): string | undefined {
  const bare = s.normalize('NFKC').replace(/[\s\-‐‑‒–—―]+/g, '');
  const code = decodeCrockfordText(bare);
  return code && code.length === 8 ? code : undefined;
}

export type AppointmentWindow = 'early' | 'open' | 'late' | 'used';

/** Open from 30 minutes before the start until the end, inclusive. */
export function appointmentWindow(appt: Appointment, now: string): AppointmentWindow {
  if (appt.usedByVisitId) return 'used';
  const t = Date.parse(now);
  if (t < Date.parse(appt.start) - EARLY_MS) return 'early';
  if (t > Date.parse(appt.end)) return 'late';
  return 'open';
}

/** What a limit counts in: the Store's attempt calls (data/store.ts has their contract), passed in so that domain/
 *  imports no storage. The counts live in the store, so every server on it shares them, and on PostgreSQL a restart
 *  keeps them. */
export interface AttemptStore {
  attempt(key: string, nowMs: number, windowMs: number, max: number): Promise<string | undefined>;
  forgetAttempt(key: string, id: string): Promise<void>;
  clearAttempts(key: string): Promise<void>;
}

/** A sliding-window limit per key (e.g. per kiosk for invite codes), counted in the store; time is passed in. */
export class AttemptLimiter {
  /** kind names the limit in the store's keys ("invite", "pairing"): limits with one store must not share it. */
  constructor(
    private readonly store: AttemptStore,
    private readonly kind: string,
    private readonly max: number,
    private readonly windowMs: number,
  ) {
    if (!/^[a-z][a-z-]*$/.test(kind)) throw new Error(`AttemptLimiter: kind "${kind}" is not lower-case letters and -`);
  }

  /** Counts an attempt in one atomic step; resolves with a ticket when it is allowed, undefined when refused
   *  (a refused attempt is not counted). */
  hit(key: string, nowMs: number): Promise<string | undefined> {
    return this.store.attempt(this.keyOf(key), nowMs, this.windowMs, this.max);
  }

  /** Takes back the attempt hit() counted with this ticket: a reservation made before an await, for a try that succeeded. */
  undo(key: string, ticket: string): Promise<void> {
    return this.store.forgetAttempt(this.keyOf(key), ticket);
  }

  reset(key: string): Promise<void> {
    return this.store.clearAttempts(this.keyOf(key));
  }

  private keyOf(key: string): string {
    return `${this.kind}:${key}`;
  }
}
