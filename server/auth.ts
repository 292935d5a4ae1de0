// Who is calling, and may they: one guard for HTTP and one for Socket.IO use these.
import type { Role } from './protocol.ts';
import type { KioskRecord, Store, UserRecord } from '../data/store.ts';
import { DomainError } from './domain/errors.ts';
import { signToken, verifyToken } from './domain/tokens.ts';

export type Principal = { kind: 'user'; user: UserRecord } | { kind: 'kiosk'; kiosk: KioskRecord };
/** 'anyone' needs no token; otherwise the roles (and 'kiosk') that may call. */
export type Access = 'anyone' | ReadonlyArray<Role | 'kiosk'>;

export const STAFF: ReadonlyArray<Role> = ['admin', 'reception', 'security'];
export const USER_TOKEN_S = 12 * 3600;
export const KIOSK_TOKEN_S = 365 * 24 * 3600;

export function allows(access: Access, who: Principal | undefined): DomainError | undefined {
  if (access === 'anyone') return undefined;
  if (!who) return new DomainError('unauthorized', 'Sign in first: send Authorization: Bearer <token>', 401);
  const role = who.kind === 'kiosk' ? 'kiosk' : who.user.role;
  if (!access.includes(role)) return new DomainError('forbidden', `A ${role} may not do this`, 403);
  return undefined;
}

export function createAuth(store: Store, tokenKey: string, now: () => Date) {
  async function fromToken(token: string | undefined): Promise<Principal | undefined> {
    if (!token) return undefined;
    const claims = verifyToken(tokenKey, token, now().getTime());
    if (claims.kind === 'kiosk') {
      const kiosk = await store.get('kiosks', claims.sub);
      if (!kiosk || kiosk.tokenVersion !== claims.ver) throw new DomainError('bad-token', 'This kiosk is no longer paired', 401);
      return { kind: 'kiosk', kiosk };
    }
    const user = await store.get('users', claims.sub);
    if (!user || user.disabled) throw new DomainError('bad-token', 'This account no longer exists', 401);
    return { kind: 'user', user };
  }

  return {
    fromToken,
    /** For the HTTP guard: a header that is present but wrong is a 401, never anonymous. */
    async fromHeader(header: string | undefined): Promise<Principal | undefined> {
      if (header === undefined) return undefined;
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw new DomainError('bad-token', 'Authorization must be "Bearer <token>"', 401);
      return fromToken(m[1]);
    },
    userToken(user: UserRecord): string {
      return signToken(tokenKey, { sub: user.id, kind: 'user', role: user.role, exp: Math.floor(now().getTime() / 1000) + USER_TOKEN_S });
    },
    kioskToken(kiosk: KioskRecord): string {
      return signToken(tokenKey, { sub: kiosk.id, kind: 'kiosk', ver: kiosk.tokenVersion, exp: Math.floor(now().getTime() / 1000) + KIOSK_TOKEN_S });
    },
  };
}
export type Auth = ReturnType<typeof createAuth>;

export const publicUser = ({ id, username, name, role, hostId }: UserRecord) => ({ id, username, name, role, ...(hostId ? { hostId } : {}) });
export const actorOf = (who: Principal | undefined): string =>
  !who ? 'anonymous' : who.kind === 'kiosk' ? `kiosk:${who.kiosk.id}` : `user:${who.user.id}`;
