// The webhook channels by kind (e-mail lives in email.ts); the factory lets tests shorten the wait for an answer.
import type { Channel } from './channel.ts';
import { createDingtalkChannel } from './dingtalk.ts';
import { createFeishuChannel } from './feishu.ts';
import type { PostOptions } from './post.ts';
import { createSlackChannel } from './slack.ts';
import { createWebhookChannel } from './webhook.ts';
import { createWecomChannel } from './wecom.ts';

export type WebhookKind = 'wecom' | 'dingtalk' | 'feishu' | 'slack' | 'webhook';

export function createWebhookChannels(options: PostOptions = {}): Record<WebhookKind, Channel> {
  return {
    wecom: createWecomChannel(options),
    dingtalk: createDingtalkChannel(options),
    feishu: createFeishuChannel(options),
    slack: createSlackChannel(options),
    webhook: createWebhookChannel(options),
  };
}

export const webhookChannels: Record<WebhookKind, Channel> = createWebhookChannels();
