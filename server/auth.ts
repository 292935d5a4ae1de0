// Who is calling, and may they: one guard for HTTP and one for Socket.IO use these. User tokens name a stored session.
import { randomBytes } from 'node:crypto';
import type { Role } from './protocol.ts';
import type { KioskRecord, SessionRecord, Store, UserRecord } from '../data/store.ts';
import { DomainError } from './domain/errors.ts';
import { signToken, verifyToken } from './domain/tokens.ts';

/** sid: the session of a user token (absent only for principals made without a token). */
export type Principal = { kind: 'user'; user: UserRecord; sid?: string } | { kind: 'kiosk'; kiosk: KioskRecord };
/** 'anyone' needs no token; otherwise the roles (and 'kiosk') that may call. */
export type Access = 'anyone' | ReadonlyArray<Role | 'kiosk'>;

export const STAFF: ReadonlyArray<Role> = ['admin', 'reception', 'security'];
export const USERS: ReadonlyArray<Role> = ['admin', 'reception', 'security', 'supervisor', 'host'];
export const USER_TOKEN_S = 12 * 3600;
export const KIOSK_TOKEN_S = 365 * 24 * 3600;

export function allows(access: Access, who: Principal | undefined): DomainError | undefined {
  if (access === 'anyone') return undefined;
  if (!who) return new DomainError('unauthorized', 'Sign in first: send Authorization: Bearer <token>', 401);
  const role = who.kind === 'kiosk' ? 'kiosk' : who.user.role;
  if (!access.includes(role)) return new DomainError('forbidden', `A ${role} may not do this`, 403);
  return undefined;
}

const ended = () => new DomainError('bad-token', 'This session has ended; sign in again.', 401);

export function createAuth(store: Store, tokenKey: string, now: () => Date) {
  /** The principal of a token and when the token ends (ms); throws a 401 DomainError when it does not work now. */
  async function check(token: string): Promise<{ who: Principal; expiresMs: number }> {
    const claims = verifyToken(tokenKey, token, now().getTime());
    const expiresMs = claims.exp * 1000;
    if (claims.kind === 'kiosk') {
      const kiosk = await store.get('kiosks', claims.sub);
      if (!kiosk || kiosk.tokenVersion !== claims.ver) throw new DomainError('bad-token', 'This kiosk is no longer paired', 401);
      if (kiosk.active === false) throw new DomainError('bad-token', 'An admin has turned this kiosk off', 401);
      return { who: { kind: 'kiosk', kiosk }, expiresMs };
    }
    if (!claims.sid) throw ended();
    const [session, user] = await Promise.all([store.get('sessions', claims.sid), store.get('users', claims.sub)]);
    if (!session || session.userId !== claims.sub) throw ended();
    if (Date.parse(session.expiresAt) <= now().getTime()) throw new DomainError('token-expired', 'The session has expired; sign in again.', 401);
    if (!user || user.disabled) throw ended();
    return { who: { kind: 'user', user, sid: session.id }, expiresMs: Math.min(expiresMs, Date.parse(session.expiresAt)) };
  }
  async function fromToken(token: string | undefined): Promise<Principal | undefined> {
    return token ? (await check(token)).who : undefined;
  }

  return {
    check,
    fromToken,
    /** For the HTTP guard: a header that is present but wrong is a 401, never anonymous. */
    async fromHeader(header: string | undefined): Promise<Principal | undefined> {
      if (header === undefined) return undefined;
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw new DomainError('bad-token', 'Authorization must be "Bearer <token>"', 401);
      return fromToken(m[1]);
    },
    /** Signs a user in: a new stored session (the user's expired ones are pruned) and its token. */
    async startSession(user: UserRecord): Promise<string> {
      const nowMs = now().getTime();
      const exp = Math.floor(nowMs / 1000) + USER_TOKEN_S;
      const stale = (await store.list('sessions')).filter((s) => s.userId === user.id && Date.parse(s.expiresAt) <= nowMs);
      for (const s of stale) await store.remove('sessions', s.id);
      const session: SessionRecord = { id: `s-${randomBytes(12).toString('base64url')}`, userId: user.id, createdAt: new Date(nowMs).toISOString(), expiresAt: new Date(exp * 1000).toISOString() };
      await store.put('sessions', session);
      return signToken(tokenKey, { sub: user.id, kind: 'user', role: user.role, sid: session.id, exp });
    },
    kioskToken(kiosk: KioskRecord): string {
      return signToken(tokenKey, { sub: kiosk.id, kind: 'kiosk', ver: kiosk.tokenVersion, exp: Math.floor(now().getTime() / 1000) + KIOSK_TOKEN_S });
    },
  };
}
export type Auth = ReturnType<typeof createAuth>;

export const publicUser = ({ id, username, name, role, hostId, disabled }: UserRecord) =>
  ({ id, username, name, role, ...(hostId ? { hostId } : {}), ...(disabled ? { disabled: true } : {}) });
export const actorOf = (who: Principal | undefined): string =>
  !who ? 'anonymous' : who.kind === 'kiosk' ? `kiosk:${who.kiosk.id}` : `user:${who.user.id}`;
