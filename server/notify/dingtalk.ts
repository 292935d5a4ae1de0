// DingTalk (钉钉) custom robot: one markdown message, signed in the query when the robot has a secret
// ("加签": timestamp in ms and an HMAC of timestamp + secret, which DingTalk accepts for an hour).
import { createHmac } from 'node:crypto';
import type { Channel } from './channel.ts';
import { escapeMarkdown, markdownUrl, visitorTexts, wordingOf } from './messages.ts';
import { postJson, type PostOptions } from './post.ts';
import { errcodeCheck } from './wecom.ts';

// -1 "system busy" and 130101 "send too fast" (20 messages a minute per robot) pass.
const RETRYABLE = new Set([-1, 130101]);

export function createDingtalkChannel(options: PostOptions = {}): Channel {
  return {
    kind: 'dingtalk',
    send(channel, message, now) {
      const { title, facts, actions } = wordingOf(message, escapeMarkdown);
      // DingTalk's markdown needs a blank line for a line break.
      const text = [
        `#### ${title}`,
        ...facts.map((f) => `${f.label}: ${f.value}`),
        ...(actions.length ? [actions.map((a) => `[${a.label}](${markdownUrl(a.url)})`).join('  ')] : []),
      ].join('\n\n');
      // The title is what the notification banner shows.
      const body = JSON.stringify({ msgtype: 'markdown', markdown: { title, text } });
      return postJson({ url: signedUrl(channel.target, channel.secret, now), body, check: errcodeCheck(RETRYABLE), redact: [channel.secret, ...visitorTexts(message)] }, options);
    },
  };
}

export const dingtalkChannel = createDingtalkChannel();

/** The target with `timestamp` and `sign` added (kept as is without a secret or when it is not a URL). */
export function signedUrl(target: string, secret: string | undefined, now: Date): string {
  if (!secret) return target;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return target;
  }
  const timestamp = String(now.getTime());
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  // URLSearchParams percent-encodes the base64 "+", "/" and "=" as DingTalk asks.
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('sign', sign);
  return url.toString();
}
