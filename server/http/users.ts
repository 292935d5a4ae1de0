// Staff accounts, for admins: create, list, disable and enable, set a new password.
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { Role } from '../protocol.ts';
import { ROLES } from '../protocol.ts';
import type { KindRule, UserRecord } from '../../data/store.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { hashPassword } from '../domain/passwords.ts';
import { actorOf, publicUser } from '../auth.ts';
import { requireStrong } from '../flows/sign-in.ts';
import { endSessionsOf } from '../sessions.ts';
import { oneOf, text } from './validate.ts';
import { record } from '../events.ts';

export const USERNAME = /^[a-z0-9._-]{2,32}$/i;
export const PASSWORD = { max: 200, min: 10, required: true };

/** Stores a new account; a username is unique without regard to case (of two rivals, one lands). */
export async function createUser(ctx: Ctx, input: { username: string; password: string; name: string; role: Role; hostId?: string }, by: string): Promise<UserRecord> {
  const user: UserRecord = {
    id: `u-${randomBytes(6).toString('hex')}`,
    username: input.username, name: input.name, role: input.role,
    ...(input.hostId ? { hostId: input.hostId } : {}),
    passwordHash: await hashPassword(input.password),
    createdAt: ctx.clock().toISOString(),
  };
  const name = user.username.toLowerCase();
  if (!(await ctx.store.insert('users', user, (u) => u.username.toLowerCase() === name))) {
    throw new DomainError('username-taken', 'This username is taken', 409, 'username');
  }
  await record(ctx, { kind: 'user-created', actor: by, data: { user: user.id, role: user.role } });
  return user;
}

export function readAccount(body: Record<string, unknown>, role: Role) {
  return {
    username: text(body, 'username', { max: 32, required: true, pattern: USERNAME, hint: 'username must be 2-32 letters, digits, . _ or -' })!,
    password: text(body, 'password', PASSWORD)!,
    name: text(body, 'name', { max: 64, required: true })!,
    role,
    hostId: text(body, 'hostId', { max: 64 }),
  };
}

const notFound = () => new DomainError('not-found', 'No user has this id', 404);

const isEnabledAdmin = (u: UserRecord) => u.role === 'admin' && !u.disabled;
export const lastAdmin = () => new DomainError('last-admin', 'This is the last enabled admin: enable or add another admin first', 409);

/** What every change of an account keeps true, checked by the store in the change's own atomic step (on every
 *  server of a site): usernames are unique without regard to case, and some admin stays enabled. */
export const ACCOUNT_RULES: KindRule<UserRecord> = (next, others) => {
  const name = next.username.toLowerCase();
  if (others.some((u) => u.username.toLowerCase() === name)) throw new DomainError('username-taken', 'This username is taken', 409, 'username');
  if (!isEnabledAdmin(next) && !others.some(isEnabledAdmin)) throw lastAdmin();
};

export function userRoutes(ctx: Ctx, r: Router): void {
  r.add('POST', '/api/users', ['admin'], async ({ body, who }) => {
    const role = oneOf<Role>(body, 'role', ROLES)!;
    const input = readAccount(body, role);
    if (role === 'host' && !input.hostId) throw invalid('hostId', 'A host account needs the hostId of its directory entry', 'missing-field');
    requireStrong('password', input.password, input);
    if (input.hostId && !(await ctx.store.get('hosts', input.hostId))) throw invalid('hostId', 'No host has this id', 'unknown-host');
    return { status: 201, body: { user: publicUser(await createUser(ctx, input, actorOf(who))) } };
  });

  r.add('GET', '/api/users', ['admin'], async () => ({ body: { users: (await ctx.store.list('users')).map(publicUser) } }));

  r.add('POST', '/api/users/:id/disable', ['admin'], async ({ params, who }) => {
    // Two admins disabling each other at once must not leave none: the store checks ACCOUNT_RULES in the same step.
    const user = await ctx.store.update('users', params.id, (u) => u && { ...u, disabled: true }, ACCOUNT_RULES);
    if (!user) throw notFound();
    await endSessionsOf(ctx, user.id);
    await record(ctx, { kind: 'user-disabled', actor: actorOf(who), data: { user: user.id } });
    return { body: { user: publicUser(user) } };
  });

  r.add('POST', '/api/users/:id/enable', ['admin'], async ({ params, who }) => {
    const user = await ctx.store.update('users', params.id, (u) => {
      if (!u) return undefined;
      const { disabled: _d, ...enabled } = u;
      return enabled;
    });
    if (!user) throw notFound();
    await record(ctx, { kind: 'user-enabled', actor: actorOf(who), data: { user: user.id } });
    return { body: { user: publicUser(user) } };
  });

  r.add('POST', '/api/users/:id/password', ['admin'], async ({ params, body, who }) => {
    const target = await ctx.store.get('users', params.id);
    if (!target) throw notFound();
    const password = text(body, 'password', PASSWORD)!;
    requireStrong('password', password, target);
    const passwordHash = await hashPassword(password);
    const user = await ctx.store.update('users', target.id, (u) => u && { ...u, passwordHash });
    if (!user) throw notFound();
    await endSessionsOf(ctx, user.id);
    await ctx.limits.login.clearAccount(user.id);
    await record(ctx, { kind: 'password-reset', actor: actorOf(who), data: { user: user.id } });
    return { body: { user: publicUser(user) } };
  });
}
