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

/** A sliding-window limit per key (e.g. per kiosk for invite codes); time is passed in. */
export class AttemptLimiter {
  private readonly hits = new Map<string, number[]>();
  private lastSweep = -Infinity;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Records an attempt; true if it is allowed. Refused attempts are not counted. */
  hit(key: string, nowMs: number): boolean {
    this.sweep(nowMs);
    const recent = (this.hits.get(key) ?? []).filter((t) => nowMs - t < this.windowMs);
    if (recent.length >= this.max) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(nowMs);
    this.hits.delete(key); // Re-insert so Map order stays least-recently-used first.
    this.hits.set(key, recent);
    return true;
  }

  /** True when the key has used up its attempts; asks without counting. */
  isBlocked(key: string, nowMs: number): boolean {
    return (this.hits.get(key) ?? []).filter((t) => nowMs - t < this.windowMs).length >= this.max;
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  /** Takes back an attempt hit() counted at nowMs: a reservation made before an await, for a try that succeeded. */
  undo(key: string, nowMs: number): void {
    const times = this.hits.get(key);
    const at = times?.lastIndexOf(nowMs) ?? -1;
    if (at >= 0) times!.splice(at, 1);
  }

  get size(): number {
    return this.hits.size;
  }

  /** Drops stale keys once per window, and the least recently used beyond maxKeys, to bound memory. */
  private sweep(nowMs: number): void {
    if (nowMs - this.lastSweep >= this.windowMs) {
      this.lastSweep = nowMs;
      for (const [key, times] of this.hits) {
        if (times.every((t) => nowMs - t >= this.windowMs)) this.hits.delete(key);
      }
    }
    for (const key of this.hits.keys()) {
      if (this.hits.size < this.maxKeys) break;
      this.hits.delete(key);
    }
  }
}
