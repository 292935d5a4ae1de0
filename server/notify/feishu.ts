// Feishu (飞书) custom bot: an interactive card with the facts and one button per link, signed in the body
// when the bot has a secret (timestamp in seconds; the HMAC's key is timestamp + secret, its message empty).
import { createHmac } from 'node:crypto';
import type { Channel } from './channel.ts';
import { escapeMarkdown, visitorTexts, wordingOf } from './messages.ts';
import { parseObject, postJson, type BodyCheck, type PostOptions } from './post.ts';

// 11232: the bot's rate limit (100 a minute, 5 a second); a later try passes.
const RETRYABLE = new Set([11232]);

export function createFeishuChannel(options: PostOptions = {}): Channel {
  return {
    kind: 'feishu',
    send(channel, message, now) {
      const { title, facts, actions } = wordingOf(message, escapeMarkdown);
      const invited = message.kind === 'invited-arrived';
      const card = {
        config: { wide_screen_mode: true },
        header: { title: { tag: 'plain_text', content: title }, template: invited ? 'green' : 'blue' },
        elements: [
          { tag: 'div', text: { tag: 'lark_md', content: facts.map((f) => `**${f.label}**: ${f.value}`).join('\n') } },
          ...(actions.length
            ? [{
                tag: 'action',
                actions: actions.map((a) => ({
                  tag: 'button',
                  text: { tag: 'plain_text', content: a.label },
                  type: a.role === 'approve' ? 'primary' : a.role === 'deny' ? 'danger' : 'default',
                  url: a.url,
                })),
              }]
            : []),
        ],
      };
      const body = JSON.stringify({ ...signature(channel.secret, now), msg_type: 'interactive', card });
      return postJson({ url: channel.target, body, check: feishuCheck, redact: [channel.secret, ...visitorTexts(message)] }, options);
    },
  };
}

export const feishuChannel = createFeishuChannel();

/** `timestamp` and `sign` for the body, or nothing when the bot has no secret. */
export function signature(secret: string | undefined, now: Date): { timestamp?: string; sign?: string } {
  if (!secret) return {};
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { timestamp, sign: createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64') };
}

// `{"code":0}` now, `{"StatusCode":0}` from older bots; a non-zero one is a refusal (a bad sign, a keyword missing).
const feishuCheck: BodyCheck = (text) => {
  const answer = parseObject(text);
  const code = answer?.code ?? answer?.StatusCode;
  if (typeof code !== 'number') return { error: 'unexpected answer', retryable: false };
  if (code === 0) return undefined;
  return { error: `code ${code} ${String(answer?.msg ?? answer?.StatusMessage ?? '')}`.trim(), retryable: RETRYABLE.has(code) };
};
