// WeCom (企业微信) group robot: one markdown message; the robot answers 200 with an errcode that decides.
import type { Channel } from './channel.ts';
import { escapeMarkdown, markdownUrl, visitorTexts, wordingOf } from './messages.ts';
import { parseObject, postJson, type BodyCheck, type PostOptions } from './post.ts';

// -1 "system busy" and 45009 "api freq out of limit" pass; every other errcode will fail the same way again.
const RETRYABLE = new Set([-1, 45009]);

export function createWecomChannel(options: PostOptions = {}): Channel {
  return {
    kind: 'wecom',
    send(channel, message) {
      const { title, facts, actions } = wordingOf(message, escapeMarkdown);
      const content = [
        `**${title}**`,
        ...facts.map((f) => `> ${f.label}: ${f.value}`),
        ...(actions.length ? ['', actions.map((a) => `[${a.label}](${markdownUrl(a.url)})`).join('  ')] : []),
      ].join('\n');
      const body = JSON.stringify({ msgtype: 'markdown', markdown: { content } });
      return postJson({ url: channel.target, body, check: errcodeCheck(RETRYABLE), redact: [channel.secret, ...visitorTexts(message)] }, options);
    },
  };
}

export const wecomChannel = createWecomChannel();

/** WeCom's and DingTalk's answer: `{"errcode":0,"errmsg":"ok"}`; anything else is a failure. */
export function errcodeCheck(retryable: Set<number>): BodyCheck {
  return (text) => {
    const answer = parseObject(text);
    if (!answer || typeof answer.errcode !== 'number') return { error: 'unexpected answer', retryable: false };
    if (answer.errcode === 0) return undefined;
    return { error: `errcode ${answer.errcode} ${String(answer.errmsg ?? '')}`.trim(), retryable: retryable.has(answer.errcode) };
  };
}
