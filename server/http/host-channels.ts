// A host's channels as the admin enters them (`channels: [{kind, target, secret?}]`) and reads them back: the
// secrets never leave the server again (`secretSet` says one is kept, and an entry sent back without one keeps it),
// and neither do the tokens robot URLs carry (`?key=…`, `/hook/<uuid>`): they are read back masked, and a masked
// target sent back keeps the stored one.
import type { Host } from '../protocol.ts';
import { CHANNEL_KINDS, type HostChannel } from '../notify/channel.ts';
import { invalid } from '../domain/errors.ts';
import { oneOf, text } from './validate.ts';
import { MAIL_ADDRESS } from '../notify/email-config.ts';

const MAX_CHANNELS = 10;

/** The channels of a create or update body; undefined when the body has none. A target may be any http(s) URL,
 *  LAN and loopback included: sites run their own bridges. */
export function readChannels(body: Record<string, unknown>, kept: HostChannel[] = []): HostChannel[] | undefined {
  const raw = body.channels;
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw invalid('channels', 'channels must be a list of {kind, target, secret?}');
  if (raw.length > MAX_CHANNELS) throw invalid('channels', `at most ${MAX_CHANNELS} channels`, 'too-long');
  return raw.map((entry, i) => {
    const field = `channels[${i}]`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw invalid(field, `${field} must be {kind, target, secret?}`);
    const e = entry as Record<string, unknown>;
    const kind = oneOf(e, `${field}.kind`, CHANNEL_KINDS)!;
    const target = kind === 'email'
      ? text(e, `${field}.target`, { max: 120, required: true, pattern: MAIL_ADDRESS, hint: `${field}.target must be an e-mail address` })!
      : webhookUrl(text(e, `${field}.target`, { max: 500, required: true })!, `${field}.target`);
    const secret = kind === 'email' ? undefined : text(e, `${field}.secret`, { max: 200 });
    const same = kept.find((c) => c.kind === kind && (c.target === target || maskTarget(c) === target));
    const keep = secret === undefined ? same?.secret : undefined;
    return { kind, target: same?.target ?? target, ...(secret ?? keep ? { secret: secret ?? keep } : {}) };
  });
}

function webhookUrl(value: string, field: string): string {
  let url: URL | undefined;
  try { url = new URL(value); } catch { /* reported below */ }
  if (!url || !/^https?:$/.test(url.protocol) || !url.hostname) throw invalid(field, `${field} must be an http:// or https:// URL`);
  return value;
}

/** A token-like part of a URL: long enough to be a key, not a word a person chose. */
const TOKEN_LIKE = /^[A-Za-z0-9_\-.~%]{20,}$/;
const hide = (value: string) => `…${value.slice(-4)}`;

/** A robot URL as an admin reads it: query values and path segments that look like tokens show their last four
 *  characters only (enough to tell two robots apart). E-mail addresses are shown whole. */
export function maskTarget(channel: Pick<HostChannel, 'kind' | 'target'>): string {
  if (channel.kind === 'email') return channel.target;
  let url: URL;
  try { url = new URL(channel.target); } catch { return channel.target; }
  const path = url.pathname.split('/').map((seg) => (TOKEN_LIKE.test(seg) ? hide(seg) : seg)).join('/');
  const query = [...url.searchParams].map(([k, v]) => `${k}=${v.length >= 8 ? hide(v) : v}`).join('&');
  const auth = url.username || url.password ? '…@' : '';
  return `${url.protocol}//${auth}${url.host}${path}${query ? `?${query}` : ''}`;
}

/** A webhook URL (the SMS bridge's) as an admin reads it: masked as a robot's. */
export const maskUrl = (url: string): string => maskTarget({ kind: 'webhook', target: url });

/** A channel as an admin reads it: the secret hidden, the URL's token masked. */
export const channelView = ({ secret, ...c }: HostChannel & { secretSet?: boolean }) =>
  ({ ...c, target: maskTarget(c), ...(secret ? { secretSet: true } : {}) });

/** A host as an admin reads it: channels with their secrets hidden and their tokens masked. */
export function hostView(host: Host): Host {
  if (!host.channels) return host;
  return { ...host, channels: host.channels.map(channelView) };
}
