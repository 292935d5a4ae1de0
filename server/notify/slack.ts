// Slack incoming webhook: a header, the facts as mrkdwn, and URL buttons; Slack answers 200 with the text "ok".
import type { Channel } from './channel.ts';
import { escapeMarkdown, visitorTexts, wordingOf } from './messages.ts';
import { postJson, type BodyCheck, type PostOptions } from './post.ts';

// Slack's limits: a header's text 150 characters, a button's 75.
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function createSlackChannel(options: PostOptions = {}): Channel {
  return {
    kind: 'slack',
    send(channel, message) {
      const { title, facts, actions } = wordingOf(message, escapeMarkdown);
      const blocks: object[] = [
        { type: 'header', text: { type: 'plain_text', text: clip(title, 150) } },
        { type: 'section', text: { type: 'mrkdwn', text: facts.map((f) => `*${f.label}:* ${f.value}`).join('\n') } },
      ];
      if (actions.length) {
        blocks.push({
          type: 'actions',
          elements: actions.map((a) => ({
            type: 'button',
            action_id: a.id,
            text: { type: 'plain_text', text: clip(a.label, 75) },
            url: a.url,
            ...(a.role === 'coming' ? {} : { style: a.role === 'approve' ? 'primary' : 'danger' }),
          })),
        });
      }
      // text is the notification's fallback and is read as mrkdwn, so it carries the escaped title.
      const body = JSON.stringify({ text: title, blocks });
      return postJson({ url: channel.target, body, check: slackCheck, redact: [channel.secret, ...visitorTexts(message)] }, options);
    },
  };
}

export const slackChannel = createSlackChannel();

// Slack's errors come as 4xx with a word ("invalid_payload"); a 2xx saying anything but "ok" is not Slack's yes.
const slackCheck: BodyCheck = (text) => (text.trim() === 'ok' ? undefined : { error: 'unexpected answer', retryable: false });
