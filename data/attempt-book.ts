// Store.attempt() kept in this process's memory, for the memory store and lowdb (one process owns a lowdb data
// directory, so its limits need no sharing; a restart forgets them). Memory stays bounded: each kind of key (the
// part before the first ":") keeps at most maxKeysPerKind keys, in least-recently-hit order; every call drops a few
// keys whose hits have all left their window, and a full kind forgets its least recently hit key.
import type { Store } from './store.ts';

interface Hits { windowMs: number; hits: Array<{ id: string; at: number }> }

/** Stale keys looked at per call: bounded work, enough to keep ahead of the keys one call can add. */
const SWEEP_PER_CALL = 4;

export class AttemptBook {
  private readonly kinds = new Map<string, Map<string, Hits>>();
  private next = 0;

  constructor(private readonly maxKeysPerKind = 10_000) {}

  attempt(key: string, nowMs: number, windowMs: number, max: number): string | undefined {
    checkAttempt(key, nowMs, windowMs, max);
    const keys = this.kindOf(key);
    this.sweep(keys, nowMs);
    const entry = keys.get(key) ?? { windowMs, hits: [] };
    entry.windowMs = windowMs;
    entry.hits = entry.hits.filter((h) => h.at > nowMs - windowMs);
    keys.delete(key); // re-inserted below: the map's order is least recently hit first
    if (entry.hits.length >= max) {
      if (entry.hits.length) keys.set(key, entry);
      return undefined;
    }
    for (const oldest of keys.keys()) {
      if (keys.size < this.maxKeysPerKind) break;
      keys.delete(oldest);
    }
    const id = String(++this.next);
    entry.hits.push({ id, at: nowMs });
    keys.set(key, entry);
    return id;
  }

  forget(key: string, id: string): void {
    const keys = this.kinds.get(kindOf(key));
    const entry = keys?.get(key);
    if (!entry) return;
    entry.hits = entry.hits.filter((h) => h.id !== id);
    if (!entry.hits.length) keys!.delete(key);
  }

  clear(key: string): void {
    this.kinds.get(kindOf(key))?.delete(key);
  }

  /** Keys kept, per kind. */
  get size(): Record<string, number> {
    return Object.fromEntries([...this.kinds].map(([kind, keys]) => [kind, keys.size]));
  }

  private kindOf(key: string): Map<string, Hits> {
    const kind = kindOf(key);
    let keys = this.kinds.get(kind);
    if (!keys) this.kinds.set(kind, (keys = new Map()));
    return keys;
  }

  /** The least recently hit keys are the likeliest to be stale: drop the first few that are. */
  private sweep(keys: Map<string, Hits>, nowMs: number): void {
    let looked = 0;
    for (const [key, entry] of keys) {
      if (++looked > SWEEP_PER_CALL) break;
      if (entry.hits.every((h) => h.at <= nowMs - entry.windowMs)) keys.delete(key);
    }
  }
}

/** The kind of a key: its part before the first ":" (the whole key when it has none). */
export const kindOf = (key: string): string => key.split(':', 1)[0];

/** The arguments every store checks alike. */
export function checkAttempt(key: string, nowMs: number, windowMs: number, max: number): void {
  if (typeof key !== 'string' || !key) throw new Error('attempt: the key is empty');
  if (!Number.isSafeInteger(nowMs)) throw new Error(`attempt: nowMs ${nowMs} is not a whole number of milliseconds`);
  if (!Number.isSafeInteger(windowMs) || windowMs <= 0) throw new Error(`attempt: windowMs ${windowMs} is not a positive whole number`);
  if (!Number.isSafeInteger(max) || max < 0) throw new Error(`attempt: max ${max} is not a whole number >= 0`);
}

/** Store.attempt and its two companions over a book of this process's own, for the stores one process owns
 *  (memory, lowdb); live() refuses a closed store. */
export function bookAttempts(live: () => void, book = new AttemptBook()): Pick<Store, 'attempt' | 'forgetAttempt' | 'clearAttempts'> {
  return {
    async attempt(key, nowMs, windowMs, max) {
      live();
      return book.attempt(key, nowMs, windowMs, max);
    },
    async forgetAttempt(key, id) {
      live();
      book.forget(key, id);
    },
    async clearAttempts(key) {
      live();
      book.clear(key);
    },
  };
}
