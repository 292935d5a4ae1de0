// Web Push to the host console's browsers (the service worker at /host/sw.js shows what arrives), through the
// web-push package's encryption (aes128gcm) and VAPID signing, sent with fetch like every other channel. On only
// where FOYER_PUBLIC_URL is https: browsers subscribe from a secure page, and the VAPID subject is the site.
// The VAPID key pair is the site's: derived from its token key (secrets.json, or the secrets row on PostgreSQL),
// so every server of a site signs with the same key, it survives a backup and restore, and no store holds a copy.
import { createECDH, createHash, hkdfSync } from 'node:crypto';
import webpush from 'web-push';
import type { Ctx } from '../context.ts';
import type { PushSubscriptionRecord } from '../../data/store.ts';
import type { Delivery, HostMessage } from './channel.ts';
import type { PushChannel } from './deliver.ts';
import { DEFAULT_TIMEOUT_MS } from './post.ts';

/** How long a push service keeps a message for a browser that is offline: a visitor does not wait longer. */
const TTL_S = 15 * 60;

export interface VapidKeys { publicKey: string; privateKey: string }

const cache = new Map<string, VapidKeys>();

/** The site's VAPID key pair (base64url: the 65-byte uncompressed P-256 point, the 32-byte private scalar). */
export function vapidKeys(tokenKey: string): VapidKeys {
  const known = cache.get(tokenKey);
  if (known) return known;
  const ikm = Buffer.from(tokenKey, 'base64');
  for (let i = 0; ; i++) {
    // A scalar out of the curve's range (about 1 in 2^32) is refused by setPrivateKey: the next counter is taken.
    const d = Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), `foyer web push vapid p-256 ${i}`, 32));
    try {
      const ecdh = createECDH('prime256v1');
      ecdh.setPrivateKey(d);
      const keys = { publicKey: ecdh.getPublicKey().toString('base64url'), privateKey: d.toString('base64url') };
      cache.set(tokenKey, keys);
      return keys;
    } catch {
      if (i > 8) throw new Error('no VAPID key could be derived');
    }
  }
}

/** Web Push is on where hosts open the site over https (FOYER_PUBLIC_URL). */
export const pushEnabled = (ctx: Pick<Ctx, 'config'>): boolean => ctx.config.publicUrl?.startsWith('https:') === true;

/** A subscription's id: the same browser (endpoint) registered twice is one record. */
export const subscriptionId = (endpoint: string): string => createHash('sha256').update(endpoint).digest('base64url').slice(0, 32);

/** The host's browsers that may be pushed to: of users still that host's account, still signed in there (a browser
 *  signed out, or whose session ran out, hears nothing until the host signs in again and the console registers anew). */
export async function subscriptionsOf(ctx: Pick<Ctx, 'store' | 'clock'>, hostId: string): Promise<PushSubscriptionRecord[]> {
  const all = (await ctx.store.list('pushSubscriptions')).filter((s) => s.hostId === hostId);
  if (all.length === 0) return [];
  const now = ctx.clock().getTime();
  const users = await Promise.all([...new Set(all.map((s) => s.userId))].map((id) => ctx.store.get('users', id)));
  const live = new Set(users.filter((u) => u && !u.disabled && u.role === 'host' && u.hostId === hostId).map((u) => u!.id));
  const signedIn = await Promise.all(all.map(async (s) => {
    const session = s.sessionId ? await ctx.store.get('sessions', s.sessionId) : undefined;
    return Boolean(session && session.userId === s.userId && Date.parse(session.expiresAt) > now);
  }));
  return all.filter((s, i) => live.has(s.userId) && signedIn[i]);
}

/** What the service worker shows: never the ID number, nor the phone (a notification shows on a locked screen). */
export function pushPayload(message: HostMessage, publicUrl: string) {
  const invited = message.kind === 'invited-arrived';
  const name = message.visitor.name;
  return {
    type: message.caseTitle ? 'case' : invited ? 'visitor.invited-arrived' : 'visitor.arrived',
    visitId: message.visitId,
    number: message.number,
    title: message.caseTitle ? `${message.caseTitle.zh} ${message.caseTitle.en}: ${name}` : invited ? `邀请的访客已到达 Invited visitor has arrived: ${name}` : `访客到达 Visitor arrived: ${name}`,
    body: [message.visitor.company, message.purpose, `${message.number} · ${message.arrivedAtLabel}`].filter(Boolean).join('\n'),
    url: `${publicUrl}/host/?visit=${encodeURIComponent(message.visitId)}`,
  };
}

export interface PushOptions { timeoutMs?: number }

/** The push channel of deliver.ts: undefined where Web Push is off. */
export function createPushChannel(ctx: Pick<Ctx, 'store' | 'config' | 'secrets' | 'clock'>, options: PushOptions = {}): PushChannel | undefined {
  if (!pushEnabled(ctx)) return undefined;
  const publicUrl = ctx.config.publicUrl!;
  const vapid = vapidKeys(ctx.secrets.tokenKey);
  return {
    async targets(hostId) {
      return (await subscriptionsOf(ctx, hostId)).map((s) => s.id);
    },
    async send(target, message) {
      const sub = await ctx.store.get('pushSubscriptions', target);
      if (!sub) return { ok: false, retryable: false, error: 'the browser unsubscribed' };
      const body = JSON.stringify(pushPayload(message, publicUrl));
      const request = webpush.generateRequestDetails({ endpoint: sub.endpoint, keys: sub.keys }, body, {
        TTL: TTL_S, urgency: 'high', topic: topicOf(message.visitId),
        vapidDetails: { subject: publicUrl, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
      });
      // Only the push service's host name goes into an error: the endpoint's path names the browser.
      const where = `push service ${new URL(sub.endpoint).host}`;
      let status: number;
      try {
        const response = await fetch(request.endpoint, {
          method: request.method, headers: request.headers as Record<string, string>, body: request.body as Uint8Array<ArrayBuffer>,
          redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        });
        status = response.status;
        await response.arrayBuffer().catch(() => undefined);
      } catch (error) {
        const timedOut = (error as Error)?.name === 'TimeoutError';
        return { ok: false, retryable: true, error: `${where}: ${timedOut ? 'no answer in time' : 'network error'}` };
      }
      if (status >= 200 && status < 300) return { ok: true, status, retryable: false };
      // Gone or unknown: the browser dropped the subscription; it is forgotten, and nothing is retried.
      if (status === 404 || status === 410) {
        await ctx.store.remove('pushSubscriptions', sub.id);
        return { ok: false, status, retryable: false, error: `${where}: HTTP ${status}, subscription removed` };
      }
      return { ok: false, status, retryable: status >= 500 || status === 429 || status === 408, error: `${where}: HTTP ${status}` };
    },
  } satisfies PushChannel;
}

// A push service keeps one pending message per topic (at most 32 URL-safe characters): a retry replaces, never adds.
const topicOf = (visitId: string) => createHash('sha256').update(visitId).digest('base64url').slice(0, 32);

