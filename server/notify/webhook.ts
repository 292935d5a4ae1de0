// The generic JSON webhook, for a site's own systems. Its body, the contract receivers code against:
//   { type: "visitor.arrived" | "visitor.invited-arrived" | "case" (a case 事务: visit holds its id and number), sentAt,
//     visit: { id, number, purpose?, arrivedAt, arrivedAtLabel, kiosk? },
//     visitor: { name, company?, phone? }, host: { name, department }, site?,
//     links: { approve, deny, coming: [{ url, en, zh }] } | null, text: { zh, en } }
// Headers: X-Foyer-Event (the type) and, with a secret, X-Foyer-Signature: sha256=<hex HMAC-SHA256 of the raw body>.
import { createHmac } from 'node:crypto';
import type { Channel, HostMessage } from './channel.ts';
import { plainTexts, visitorTexts } from './messages.ts';
import { postJson, type PostOptions } from './post.ts';

export function createWebhookChannel(options: PostOptions = {}): Channel {
  return {
    kind: 'webhook',
    send(channel, message, now) {
      const payload = webhookPayload(message, now);
      // The bytes signed are the bytes sent: the receiver checks the HMAC over the body before parsing it.
      const raw = Buffer.from(JSON.stringify(payload), 'utf8');
      const headers: Record<string, string> = { 'x-foyer-event': payload.type };
      if (channel.secret) headers['x-foyer-signature'] = `sha256=${createHmac('sha256', channel.secret).update(raw).digest('hex')}`;
      return postJson({ url: channel.target, body: raw, headers, redact: [channel.secret, ...visitorTexts(message)] }, options);
    },
  };
}

export const webhookChannel = createWebhookChannel();

export function webhookPayload(message: HostMessage, now: Date) {
  const { visitor, links } = message;
  return {
    type: message.kind === 'case' ? 'case' : message.kind === 'invited-arrived' ? 'visitor.invited-arrived' : 'visitor.arrived',
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
