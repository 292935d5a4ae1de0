// Checking a password under the brute-force limits: the one path for sign-in and for "change my password".
import type { Ctx } from '../context.ts';
import type { UserRecord } from '../../data/store.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { DUMMY_HASH, verifyPassword } from '../domain/passwords.ts';
import { isStrongPassword } from '../domain/strength.ts';

/**
 * True when `password` is the account's and the account may sign in. An unknown user is checked against a dummy hash
 * and a disabled one against its own, so neither answers faster than a wrong password. Every failure counts: against
 * the account (when it exists) and the caller's address; 429 while either is used up.
 */
export async function passwordMatches(ctx: Ctx, user: UserRecord | undefined, password: string, address: string): Promise<boolean> {
  const attempt = await ctx.limits.login.begin(user?.id, address, ctx.clock().getTime());
  if (attempt === 'account' || attempt === 'address') {
    throw new DomainError('too-many-attempts', 'Too many failed sign-ins; wait 10 minutes and try again', 429);
  }
  let ok = false;
  try {
    ok = (await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)) && user !== undefined && !user.disabled;
  } finally {
    await attempt.end(ok);
  }
  return ok;
}

/** The user whose username this is, compared without case. */
export async function findUser(ctx: Ctx, username: string): Promise<UserRecord | undefined> {
  const wanted = username.toLowerCase();
  return (await ctx.store.list('users')).find((u) => u.username.toLowerCase() === wanted);
}

/** A 400 weak-password naming the field unless the password is hard to guess (the username and name count as known). */
export function requireStrong(field: string, password: string, known: { username?: string; name?: string }): void {
  if (!isStrongPassword(password, [known.username ?? '', known.name ?? ''])) {
    throw invalid(field, 'This password is too easy to guess: use a longer one, e.g. several unrelated words, not a common password or your name', 'weak-password');
  }
}
