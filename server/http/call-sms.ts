// POST /api/calls/:id/sms: the standard text to the caller after the call (server/flows/call-sms.ts).
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import { invalid } from '../domain/errors.ts';
import { sendCallSms } from '../flows/call-sms.ts';
import { oneOf, text } from './validate.ts';

export function callSmsRoutes(ctx: Ctx, r: Router): void {
  r.add('POST', '/api/calls/:id/sms', ['reception'], async ({ body, params, who }) => {
    const extra = Object.keys(body).find((k) => k !== 'templateId' && k !== 'lang');
    if (extra !== undefined) throw invalid(extra.slice(0, 40), 'The body has templateId and lang only', 'unknown-field');
    const templateId = text(body, 'templateId', { max: 32, required: true })!;
    const lang = oneOf(body, 'lang', ['zh-CN', 'en'] as const, false);
    return { body: { sent: await sendCallSms(ctx, who, params.id, { templateId, ...(lang ? { lang } : {}) }) } };
  });
}
