// Sign-in and sign-out, first-admin setup, and a signed-in person's own account.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import { DomainError } from '../domain/errors.ts';
import { hashPassword } from '../domain/passwords.ts';
import { USERS, actorOf, publicUser } from '../auth.ts';
import { findUser, passwordMatches, requireStrong } from '../flows/sign-in.ts';
import { endSession, endSessionsOf } from '../sessions.ts';
import { text } from './validate.ts';
import { record } from '../events.ts';
import { createUser, PASSWORD, readAccount, userRoutes } from './users.ts';

export { createUser } from './users.ts';

/** The mark holding the one-time first-admin setup link while the site has no user. */
export const SETUP_MARK = 'setup-link';

const badCredentials = () => new DomainError('bad-credentials', 'Wrong username or password', 401);

export function accountRoutes(ctx: Ctx, r: Router): void {
  r.add('POST', '/api/login', 'anyone', async ({ body, ip }) => {
    const username = text(body, 'username', { max: 64, required: true })!;
    const password = text(body, 'password', { max: 200, required: true })!;
    const user = await findUser(ctx, username);
    if (!(await passwordMatches(ctx, user, password, ip)) || !user) throw badCredentials();
    return { body: { token: await ctx.auth.startSession(user), user: publicUser(user) } };
  });

  r.add('POST', '/api/logout', USERS, async ({ who }) => {
    if (who?.kind === 'user' && who.sid) await endSession(ctx, who.sid);
    return { status: 204 };
  });

  r.add('POST', '/api/setup', 'anyone', async ({ body }) => {
    const token = text(body, 'setupToken', { max: 100, required: true })!;
    const input = readAccount(body, 'admin');
    // Claimed in one step of the store (shared by every server of the site), so of simultaneous requests exactly
    // one gets the link; given back if creating the admin fails.
    let claimed = false;
    await ctx.store.update('marks', SETUP_MARK, (m) => {
      if (!m?.value || !sameSecret(token, m.value)) return undefined;
      claimed = true;
      return { ...m, value: '' };
    });
    if (!claimed) throw new DomainError('bad-setup-token', 'This setup link is not valid (it works once, while there is no user)', 401);
    try {
      requireStrong('password', input.password, input);
      const user = await createUser(ctx, input, 'setup');
      await ctx.store.remove('marks', SETUP_MARK);
      ctx.setupToken = undefined;
      return { status: 201, body: { token: await ctx.auth.startSession(user), user: publicUser(user) } };
    } catch (e) {
      if (e instanceof DomainError && e.status < 500) await ctx.store.update('marks', SETUP_MARK, (m) => (m && !m.value ? { ...m, value: token } : undefined));
      throw e;
    }
  });

  // The setup page asks before showing its form, so a used link says so at once (answers only yes or no).
  r.add('POST', '/api/setup/check', 'anyone', async ({ body }) => {
    const token = text(body, 'setupToken', { max: 100, required: true })!;
    const mark = await ctx.store.get('marks', SETUP_MARK);
    return { body: { valid: Boolean(mark?.value && sameSecret(token, mark.value)) } };
  });

  r.add('GET', '/api/me', [...USERS, 'kiosk'], ({ who }) =>
    ({ body: who!.kind === 'kiosk' ? { kiosk: kioskView(who!.kiosk) } : { user: publicUser(who!.user) } }));

  r.add('POST', '/api/me/password', USERS, async ({ body, who, ip }) => {
    if (who?.kind !== 'user') throw new DomainError('forbidden', 'Only a person has a password', 403);
    const current = text(body, 'currentPassword', { max: 200, required: true })!;
    const next = text(body, 'newPassword', PASSWORD)!;
    requireStrong('newPassword', next, who.user);
    if (!(await passwordMatches(ctx, who.user, current, ip))) throw new DomainError('wrong-password', 'The current password is wrong', 400, 'currentPassword');
    const passwordHash = await hashPassword(next);
    const user = await ctx.store.update('users', who.user.id, (u) => (u && !u.disabled ? { ...u, passwordHash } : undefined));
    if (!user || user.disabled) throw new DomainError('bad-token', 'This session has ended; sign in again.', 401);
    // Every session ends (a thief's too); this client goes on with a new one.
    await endSessionsOf(ctx, user.id);
    await record(ctx, { kind: 'password-changed', actor: actorOf(who), data: { user: user.id } });
    return { body: { token: await ctx.auth.startSession(user), user: publicUser(user) } };
  });

  userRoutes(ctx, r);
}

export const kioskView = (k: { id: string; name: string; location?: string; pairedAt?: string; revokedAt?: string; active?: boolean; printerIds?: string[] }) => ({
  id: k.id, name: k.name, ...(k.location ? { location: k.location } : {}), ...(k.pairedAt ? { pairedAt: k.pairedAt } : {}),
  ...(k.revokedAt ? { revokedAt: k.revokedAt } : {}), active: k.active !== false, ...(k.printerIds?.length ? { printerIds: k.printerIds } : {}),
});

function sameSecret(a: string, b: string): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(a), h(b));
}
