// GET /api/desk-phrases: the desk's words as the regulations prescribe them (server/domain/desk-phrases.ts) for the
// roles at or over the desk: the standard phrases to prompt with and the standard texts to send after a call. The
// public settings never carry them; only an admin changes them (PATCH /api/settings).
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import { deskPhrases, smsTemplates } from '../domain/desk-phrases.ts';
import { siteSettings } from '../flows/settings.ts';

export function deskPhraseRoutes(ctx: Ctx, r: Router): void {
  r.add('GET', '/api/desk-phrases', ['reception', 'supervisor', 'admin'], async () => {
    const settings = await siteSettings(ctx);
    return { body: { phrases: deskPhrases(settings), smsTemplates: smsTemplates(settings), smsConfigured: Boolean(settings.smsWebhook) } };
  });
}
