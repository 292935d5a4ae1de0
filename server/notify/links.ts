// One-tap answers from a message: a link per action (approve, deny, coming in N minutes) that needs no sign-in.
// The link names the visit, the action and the host it was sent to, and ends with the visit's decision window;
// it is signed with a key of its own, drawn from the site's token key, so it can never pass for a sign-in token.
// It works once because the decision does: a visit no longer waiting takes no answer.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ActionLink } from './channel.ts';

export type AnswerAction = 'approve' | 'deny' | 'coming';
export interface AnswerClaims { visitId: string; hostId: string; action: AnswerAction; minutes?: number; exp: number }

/** The "coming in N minutes" links every message carries. */
export const COMING_MINUTES = [5, 15] as const;

const keyOf = (tokenKey: string) => createHmac('sha256', Buffer.from(tokenKey, 'base64')).update('foyer answer links').digest();
const mac = (tokenKey: string, payload: string) => createHmac('sha256', keyOf(tokenKey)).update(payload).digest('base64url');

export function signAnswer(tokenKey: string, claims: AnswerClaims): string {
  const payload = Buffer.from(JSON.stringify([claims.visitId, claims.hostId, claims.action, claims.minutes ?? 0, claims.exp])).toString('base64url');
  return `${payload}.${mac(tokenKey, payload)}`;
}

/** The claims of a well-signed link (expired or not: the page says which), else undefined. */
export function readAnswer(tokenKey: string, token: string): AnswerClaims | undefined {
  const [payload, given, extra] = token.split('.');
  if (!payload || !given || extra !== undefined || token.length > 400) return undefined;
  const expected = Buffer.from(mac(tokenKey, payload));
  const got = Buffer.from(given);
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) return undefined;
  try {
    const [visitId, hostId, action, minutes, exp] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof visitId !== 'string' || typeof hostId !== 'string' || !['approve', 'deny', 'coming'].includes(action) || typeof exp !== 'number') return undefined;
    return { visitId, hostId, action, exp, ...(action === 'coming' ? { minutes: Number(minutes) } : {}) };
  } catch {
    return undefined;
  }
}

/** The links of one message, under the site's public address. */
export function answerLinks(publicUrl: string, tokenKey: string, base: Omit<AnswerClaims, 'action' | 'minutes'>) {
  const link = (action: AnswerAction, en: string, zh: string, minutes?: number): ActionLink =>
    ({ url: `${publicUrl}/answer/${signAnswer(tokenKey, { ...base, action, minutes })}`, en, zh }); // publicUrl: no trailing slash (config.ts)
  return {
    approve: link('approve', 'Approve', '同意'),
    deny: link('deny', 'Deny', '拒绝'),
    coming: COMING_MINUTES.map((m) => link('coming', `Coming in ${m} min`, `${m} 分钟后到`, m)),
  };
}
