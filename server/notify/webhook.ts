// The generic JSON webhook, for a site's own systems. Its body, the contract receivers code against:
//   { type: "visitor.arrived" | "visitor.invited-arrived" | "case" (a case 事务: visit holds its id and number) | "call" (a message 留言 or transfer 转接: visit holds the call's id, visitor the caller), sentAt,
//     visit: { id, number, purpose?, arrivedAt, arrivedAtLabel, kiosk? },
//     visitor: { name, company?, phone? }, host: { name, department }, site?,
//     links: { approve, deny, coming: [{ url, en, zh }] } | null, text: { zh, en } }
// Headers: X-Foyer-Event (the type) and, with a secret, X-Foyer-Signature: sha256=<hex HMAC-SHA256 of the raw body>.
import { createHmac } from 'node:crypto';
import type { Channel, Delivery, HostMessage } from './channel.ts';
import { plainTexts, visitorTexts } from './messages.ts';
import { postJson, type PostOptions } from './post.ts';

export function createWebhookChannel(options: PostOptions = {}): Channel {
  return {
    kind: 'webhook',
    send(channel, message, now) {
      return postSigned(channel.target, channel.secret, webhookPayload(message, now), visitorTexts(message), options);
    },
  };
}

/** POSTs payload as every Foyer webhook is sent: X-Foyer-Event (its type) and, with a secret, X-Foyer-Signature.
 *  redact: what must never appear in the error (the secret is added). */
export function postSigned(url: string, secret: string | undefined, payload: { type: string; [field: string]: unknown }, redact: (string | undefined)[], options: PostOptions = {}): Promise<Delivery> {
  // The bytes signed are the bytes sent: the receiver checks the HMAC over the body before parsing it.
  const raw = Buffer.from(JSON.stringify(payload), 'utf8');
  const headers: Record<string, string> = { 'x-foyer-event': payload.type };
  if (secret) headers['x-foyer-signature'] = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
  return postJson({ url, body: raw, headers, redact: [secret, ...redact] }, options);
}

export const webhookChannel = createWebhookChannel();

export function webhookPayload(message: HostMessage, now: Date) {
  const { visitor, links } = message;
  return {
    type: message.kind === 'case' || message.kind === 'call' ? message.kind : message.kind === 'invited-arrived' ? 'visitor.invited-arrived' : 'visitor.arrived',
    // Lets a receiver refuse a replayed delivery: the signature covers it.
    sentAt: now.toISOString(),
    visit: { id: message.visitId, number: message.number, purpose: message.purpose, arrivedAt: message.arrivedAt, arrivedAtLabel: message.arrivedAtLabel, kiosk: message.kiosk },
    visitor: { name: visitor.name, company: visitor.company, ...(visitor.phone ? { phone: visitor.phone } : {}) },
    host: { name: message.host.name, department: message.host.department },
    site: message.siteName,
    links: message.kind === 'arrived' && links
      ? { approve: links.approve.url, deny: links.deny.url, coming: links.coming.map(({ url, en, zh }) => ({ url, en, zh })) }
      : null,
    text: plainTexts(message),
  };
}
