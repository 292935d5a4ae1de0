// Sign-in, first-admin setup, staff accounts.
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { Role } from '../protocol.ts';
import { ROLES } from '../protocol.ts';
import type { UserRecord } from '../../data/store.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { hashPassword, verifyPassword } from '../domain/passwords.ts';
import { actorOf, publicUser } from '../auth.ts';
import { oneOf, text } from './validate.ts';
import { record } from '../events.ts';

const USERNAME = /^[a-z0-9._-]{2,32}$/i;
const PASSWORD = { max: 200, min: 10, required: true };

export async function createUser(ctx: Ctx, input: { username: string; password: string; name: string; role: Role; hostId?: string }, by: string): Promise<UserRecord> {
  const users = await ctx.store.list('users');
  if (users.some((u) => u.username.toLowerCase() === input.username.toLowerCase())) {
    throw new DomainError('username-taken', 'This username is taken', 409, 'username');
  }
  const user: UserRecord = {
    id: `u-${randomBytes(6).toString('hex')}`,
    username: input.username, name: input.name, role: input.role,
    ...(input.hostId ? { hostId: input.hostId } : {}),
    passwordHash: hashPassword(input.password),
    createdAt: ctx.clock().toISOString(),
  };
  await ctx.store.put('users', user);
  await record(ctx, { kind: 'user-created', actor: by, data: { user: user.id, role: user.role } });
  return user;
}

export function accountRoutes(ctx: Ctx, r: Router): void {
  r.add('POST', '/api/login', 'anyone', async ({ body, ip }) => {
    const username = text(body, 'username', { max: 64, required: true })!;
    const password = text(body, 'password', { max: 200, required: true })!;
    const key = `${ip}:${username.toLowerCase()}`;
    if (ctx.limits.login.isBlocked(key, ctx.clock().getTime())) throw new DomainError('too-many-attempts', 'Too many failed sign-ins; wait a few minutes', 429);
    const user = (await ctx.store.list('users')).find((u) => u.username.toLowerCase() === username.toLowerCase());
    if (!user || user.disabled || !verifyPassword(password, user.passwordHash)) {
      ctx.limits.login.hit(key, ctx.clock().getTime());
      throw new DomainError('bad-credentials', 'Wrong username or password', 401);
    }
    ctx.limits.login.reset(key);
    return { body: { token: ctx.auth.userToken(user), user: publicUser(user) } };
  });

  r.add('POST', '/api/setup', 'anyone', async ({ body }) => {
    const token = text(body, 'setupToken', { max: 100, required: true })!;
    if (!ctx.setupToken || !sameSecret(token, ctx.setupToken)) throw new DomainError('bad-setup-token', 'This setup link is not valid (it works once, while there is no user)', 401);
    const user = await createUser(ctx, readAccount(body, 'admin'), 'setup');
    ctx.setupToken = undefined;
    return { status: 201, body: { token: ctx.auth.userToken(user), user: publicUser(user) } };
  });

  r.add('GET', '/api/me', ['admin', 'reception', 'security', 'host', 'kiosk'], ({ who }) =>
    ({ body: who!.kind === 'kiosk' ? { kiosk: kioskView(who!.kiosk) } : { user: publicUser(who!.user) } }));

  r.add('POST', '/api/users', ['admin'], async ({ body, who }) => {
    const role = oneOf<Role>(body, 'role', ROLES)!;
    const input = readAccount(body, role);
    if (role === 'host' && !input.hostId) throw invalid('hostId', 'A host account needs the hostId of its directory entry', 'missing-field');
    if (input.hostId && !(await ctx.store.get('hosts', input.hostId))) throw invalid('hostId', 'No host has this id', 'unknown-host');
    return { status: 201, body: { user: publicUser(await createUser(ctx, input, actorOf(who))) } };
  });

  r.add('GET', '/api/users', ['admin'], async () => ({ body: { users: (await ctx.store.list('users')).map(publicUser) } }));
}

function readAccount(body: Record<string, unknown>, role: Role) {
  return {
    username: text(body, 'username', { max: 32, required: true, pattern: USERNAME, hint: 'username must be 2-32 letters, digits, . _ or -' })!,
    password: text(body, 'password', PASSWORD)!,
    name: text(body, 'name', { max: 64, required: true })!,
    role,
    hostId: text(body, 'hostId', { max: 64 }),
  };
}

export const kioskView = (k: { id: string; name: string; location?: string; pairedAt?: string }) =>
  ({ id: k.id, name: k.name, ...(k.location ? { location: k.location } : {}), ...(k.pairedAt ? { pairedAt: k.pairedAt } : {}) });

function sameSecret(a: string, b: string): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(a), h(b));
}
