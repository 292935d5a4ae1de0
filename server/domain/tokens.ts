// Session (user) and device (kiosk) tokens: base64url(JSON claims) "." base64url(HMAC-SHA256).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ROLES, type Role } from '../protocol.ts';
import { DomainError } from './errors.ts';

export interface TokenClaims {
  sub: string;
  kind: 'user' | 'kiosk';
  role?: Role;
  /** Bumped on re-pairing or revoking a kiosk: older device tokens stop working. */
  ver?: number;
  /** The session a user token belongs to: it works while that session is stored. */
  sid?: string;
  /** Unix seconds. */
  exp: number;
}

const B64URL = /^[A-Za-z0-9_-]+$/;

function macOf(keyB64: string, payload: string): Buffer {
  const key = Buffer.from(keyB64, 'base64');
  if (key.length === 0) throw new RangeError('token key is empty');
  return createHmac('sha256', key).update(payload).digest();
}

export function signToken(keyB64: string, claims: TokenClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${macOf(keyB64, payload).toString('base64url')}`;
}

const badToken = () => new DomainError('bad-token', 'The token is not valid; sign in again.', 401);

export function verifyToken(keyB64: string, token: string, nowMs: number): TokenClaims {
  const [payload, mac, extra] = String(token).split('.');
  if (extra !== undefined || !payload || !mac || !B64URL.test(payload) || !B64URL.test(mac)) throw badToken();
  const given = Buffer.from(mac, 'base64url');
  const expected = macOf(keyB64, payload);
  // Compare the MAC in constant time; a canonical spelling check keeps one token per claim set.
  if (given.length !== expected.length || !timingSafeEqual(given, expected) || given.toString('base64url') !== mac) {
    throw badToken();
  }
  const claims = parseClaims(Buffer.from(payload, 'base64url').toString('utf8'));
  if (!claims) throw badToken();
  if (claims.exp * 1000 <= nowMs) throw new DomainError('token-expired', 'The session has expired; sign in again.', 401);
  return claims;
}

/** A signed payload is ours, but its shape is still checked before the guard trusts it. */
function parseClaims(json: string): TokenClaims | undefined {
  let c: Record<string, unknown>;
  try {
    c = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof c !== 'object' || c === null) return undefined;
  const ok =
    typeof c.sub === 'string' && c.sub.length > 0 &&
    (c.kind === 'user' || c.kind === 'kiosk') &&
    (c.role === undefined || ROLES.includes(c.role as Role)) &&
    (c.ver === undefined || Number.isInteger(c.ver)) &&
    (c.sid === undefined || (typeof c.sid === 'string' && c.sid.length > 0 && c.sid.length <= 64)) &&
    typeof c.exp === 'number' && Number.isFinite(c.exp);
  return ok ? (c as unknown as TokenClaims) : undefined;
}
