// Brute-force limits on sign-in: a lock per existing account, and a budget per address. Time is passed in.
// An attempt is reserved before the password is checked (the check is async), so concurrent guesses cannot all pass a
// "not locked yet" test together: at most `perAccount` failures (or reserved attempts) per account per window.

export interface SignInLimitOptions {
  /** Failures of one account in a window; then every attempt (the right password too) is refused until the window passes. */
  perAccount: number;
  /** Failures from one address in a window: generous, since a whole office may sit behind one address. */
  perAddress: number;
  windowMs: number;
  /** Addresses remembered at most; the idle and then the least recently failing are forgotten first. */
  maxAddresses: number;
}

export const SIGN_IN_LIMITS: SignInLimitOptions = { perAccount: 10, perAddress: 100, windowMs: 10 * 60_000, maxAddresses: 10_000 };

interface Tally { failures: number[]; pending: number }
export type Refusal = 'account' | 'address';

/** One reserved attempt: end it once with the outcome. */
export interface Attempt { end(succeeded: boolean, nowMs: number): void }

export class SignInLimits {
  /** Keyed by the ids of existing accounts only: made-up usernames never add to it. */
  private readonly accounts = new Map<string, Tally>();
  private readonly addresses = new Map<string, Tally>();
  private lastSweep = -Infinity;

  constructor(private readonly opts: SignInLimitOptions = SIGN_IN_LIMITS) {}

  /** Reserves an attempt, or says why it is refused; accountId only when the username names an existing account. */
  begin(accountId: string | undefined, address: string, nowMs: number): Attempt | Refusal {
    this.sweep(nowMs);
    const account = accountId === undefined ? undefined : this.tally(this.accounts, accountId);
    if (account && this.used(account, nowMs) >= this.opts.perAccount) return 'account';
    const place = this.addresses.get(address);
    if (place && this.used(place, nowMs) >= this.opts.perAddress) return 'address';
    const here = place ?? this.newAddress(address);
    if (account) account.pending++;
    here.pending++;
    let open = true;
    return {
      end: (succeeded, endMs) => {
        if (!open) return;
        open = false;
        if (account) this.settle(this.accounts, accountId!, account, succeeded, endMs);
        this.settle(this.addresses, address, here, succeeded, endMs);
      },
    };
  }

  /** Forgets an account's failures (an admin set a new password). */
  clearAccount(accountId: string): void {
    this.accounts.delete(accountId);
  }

  get size(): { accounts: number; addresses: number } {
    return { accounts: this.accounts.size, addresses: this.addresses.size };
  }

  private used(t: Tally, nowMs: number): number {
    while (t.failures.length && nowMs - t.failures[0] >= this.opts.windowMs) t.failures.shift();
    return t.failures.length + t.pending;
  }

  private tally(map: Map<string, Tally>, key: string): Tally {
    let t = map.get(key);
    if (!t) map.set(key, (t = { failures: [], pending: 0 }));
    return t;
  }

  private newAddress(address: string): Tally {
    this.makeRoom();
    return this.tally(this.addresses, address);
  }

  /** Full: forget the least recently failing addresses. The account locks do not depend on this map. */
  private makeRoom(): void {
    for (const key of this.addresses.keys()) {
      if (this.addresses.size < this.opts.maxAddresses) break;
      this.addresses.delete(key);
    }
  }

  private settle(map: Map<string, Tally>, key: string, t: Tally, succeeded: boolean, nowMs: number): void {
    t.pending = Math.max(0, t.pending - 1);
    if (succeeded) {
      if (t.pending === 0 && t.failures.length === 0 && map.get(key) === t) map.delete(key); // nothing to remember
      return;
    }
    t.failures.push(nowMs);
    // Re-insert (an evicted address comes back), so the map's order is least recently failing first.
    map.delete(key);
    if (map === this.addresses) this.makeRoom();
    map.set(key, t);
  }

  /** Drops tallies with no recent failure and no attempt in flight, once per window. */
  private sweep(nowMs: number): void {
    if (nowMs - this.lastSweep < this.opts.windowMs) return;
    this.lastSweep = nowMs;
    for (const map of [this.accounts, this.addresses]) {
      for (const [key, t] of map) if (this.used(t, nowMs) === 0) map.delete(key);
    }
  }
}
