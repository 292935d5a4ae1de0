// Brute-force limits on sign-in: a lock per existing account, and a budget per address, counted in the store (see
// AttemptStore), so every server of a site shares them. Time is passed in.
// An attempt is reserved before the password is checked (the check is async): the reservation is counted in one atomic
// step, so concurrent guesses cannot all pass a "not locked yet" test together: at most `perAccount` failures (or
// reserved attempts) per account per window. A success gives its reservation back; a failure keeps it as its count.
import type { AttemptStore } from './appointments.ts';

export interface SignInLimitOptions {
  /** Failures of one account in a window; then every attempt (the right password too) is refused until the window passes. */
  perAccount: number;
  /** Failures from one address in a window: generous, since a whole office may sit behind one address. */
  perAddress: number;
  windowMs: number;
}

export const SIGN_IN_LIMITS: SignInLimitOptions = { perAccount: 10, perAddress: 100, windowMs: 10 * 60_000 };

export type Refusal = 'account' | 'address';

/** One reserved attempt: end it once with the outcome (a second end does nothing). */
export interface Attempt { end(succeeded: boolean): Promise<void> }

/** The store's kinds of keys: accounts and addresses are bounded apart, so junk addresses never push out a lock. */
export const ACCOUNT_KEY = 'login-account';
export const ADDRESS_KEY = 'login-address';

export class SignInLimits {
  constructor(private readonly store: AttemptStore, private readonly opts: SignInLimitOptions = SIGN_IN_LIMITS) {}

  /** Reserves an attempt, or says why it is refused; accountId only when the username names an existing account
   *  (made-up usernames never add to the store's account keys). */
  async begin(accountId: string | undefined, address: string, nowMs: number): Promise<Attempt | Refusal> {
    const { perAccount, perAddress, windowMs } = this.opts;
    const account = accountId === undefined ? undefined : accountKey(accountId);
    const place = `${ADDRESS_KEY}:${address}`;
    const accountHit = account && (await this.store.attempt(account, nowMs, windowMs, perAccount));
    if (account && !accountHit) return 'account';
    const placeHit = await this.store.attempt(place, nowMs, windowMs, perAddress);
    if (!placeHit) {
      if (account && accountHit) await this.store.forgetAttempt(account, accountHit);
      return 'address';
    }
    let open = true;
    return {
      end: async (succeeded) => {
        if (!open) return;
        open = false;
        if (!succeeded) return; // the reservation stays, as the failure
        await Promise.all([
          account && accountHit ? this.store.forgetAttempt(account, accountHit) : undefined,
          this.store.forgetAttempt(place, placeHit),
        ]);
      },
    };
  }

  /** Forgets an account's failures (an admin set a new password). */
  clearAccount(accountId: string): Promise<void> {
    return this.store.clearAttempts(accountKey(accountId));
  }
}

const accountKey = (accountId: string) => `${ACCOUNT_KEY}:${accountId}`;
