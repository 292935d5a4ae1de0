// A host's browser registers for Web Push: the site's public VAPID key, then the browser's subscription kept per user
// (server/notify/push.ts sends to it on each arrival). Only https push services; only where the site is https.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { PushSubscriptionRecord } from '../../data/store.ts';
import { isIP } from 'node:net';
import { DomainError, invalid } from '../domain/errors.ts';
import { obj, text } from './validate.ts';
import { pushEnabled, subscriptionId, vapidKeys } from '../notify/push.ts';

/** Browsers kept per user: a new one beyond this pushes out the oldest. */
export const MAX_PUSH_SUBSCRIPTIONS = 10;
const B64URL = /^[A-Za-z0-9_-]+={0,2}$/;

export function pushRoutes(ctx: Ctx, r: Router): void {
  r.add('GET', '/api/push/key', ['host'], () => ({
    body: pushEnabled(ctx) ? { enabled: true, publicKey: vapidKeys(ctx.secrets.tokenKey).publicKey } : { enabled: false },
  }));

  r.add('POST', '/api/push/subscriptions', ['host'], async ({ body, who }) => {
    const user = who!.kind === 'user' ? who!.user : undefined;
    if (!pushEnabled(ctx)) throw new DomainError('push-off', 'Web Push needs the site on https (FOYER_PUBLIC_URL)', 409);
    if (!user?.hostId) throw new DomainError('no-host', 'This account is not linked to a host', 409);
    const endpoint = pushEndpoint(text(body, 'endpoint', { max: 1000, required: true })!);
    const keys = obj(body, 'keys')!;
    const p256dh = key(text(keys, 'keys.p256dh', { max: 200, required: true })!, 'keys.p256dh', 65);
    const auth = key(text(keys, 'keys.auth', { max: 100, required: true })!, 'keys.auth', 16);
    const now = ctx.clock().toISOString();
    const sessionId = who!.kind === 'user' ? who!.sid ?? '' : '';
    const record: PushSubscriptionRecord = { id: subscriptionId(endpoint), userId: user.id, hostId: user.hostId, endpoint, keys: { p256dh, auth }, sessionId, createdAt: now };
    // The same browser again (or signed in as someone else now) replaces its record.
    await ctx.store.update('pushSubscriptions', record.id, () => record);
    const mine = (await ctx.store.list('pushSubscriptions')).filter((s) => s.userId === user.id).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const old of mine.slice(0, Math.max(0, mine.length - MAX_PUSH_SUBSCRIPTIONS))) await ctx.store.remove('pushSubscriptions', old.id);
    return { status: 201, body: { subscription: { id: record.id, createdAt: now } } };
  });

  r.add('DELETE', '/api/push/subscriptions/:id', ['host'], async ({ params, who }) => {
    const found = await ctx.store.get('pushSubscriptions', params.id);
    // Another user's browser is as unknown as none.
    if (!found || who?.kind !== 'user' || found.userId !== who.user.id) throw new DomainError('not-found', 'No such push subscription', 404);
    await ctx.store.remove('pushSubscriptions', found.id);
    return { status: 204 };
  });
}

/** A push service's URL: https, a public host name (not an address, not localhost: a host account must not make the
 *  server call into the LAN), no credentials. */
function pushEndpoint(value: string): string {
  let url: URL | undefined;
  try { url = new URL(value); } catch { /* reported below */ }
  const name = url?.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase() ?? '';
  const local = !name.includes('.') || isIP(name) !== 0 || name.endsWith('.localhost') || name.endsWith('.local') || name.endsWith('.internal');
  if (!url || url.protocol !== 'https:' || local || url.username || url.password) {
    throw invalid('endpoint', 'endpoint must be the https:// URL of a push service');
  }
  return value;
}

/** A base64url key of the given length in bytes (p256dh: an uncompressed P-256 point, 0x04 first). */
function key(value: string, field: string, bytes: number): string {
  const raw = B64URL.test(value) ? Buffer.from(value, 'base64url') : Buffer.alloc(0);
  if (raw.length !== bytes || (bytes === 65 && raw[0] !== 4)) throw invalid(field, `${field} must be ${bytes} bytes in base64url`);
  return value;
}
