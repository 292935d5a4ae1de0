// The standard text to a caller after the call (the regulations: 随后5分钟内给客户发一份标准短信): a template the admin
// edits, filled in for this call, sent through the site's SMS bridge as a signed JSON webhook (the webhook channel's
// signature). A call gets one text that the bridge took: the claim is one atomic step of the store, so two clicks
// send once; a failed send may be tried again. The log names the call and the template, never the phone or the text.
import type { Ctx } from '../context.ts';
import type { Principal } from '../auth.ts';
import { actorOf } from '../auth.ts';
import type { CallRecord } from '../../data/matters.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { fillTemplate, siteNameIn, smsTemplates } from '../domain/desk-phrases.ts';
import { record } from '../events.ts';
import { roleRoom } from '../notify.ts';
import { postSigned } from '../notify/webhook.ts';
import { dropExpiredSockets } from '../sockets/expiry.ts';
import { siteSettings } from './settings.ts';

/** Who sees a call's steps (the desk's roles, as flows/calls.ts tells them). */
const DESK_ROOMS = ['reception', 'supervisor', 'admin'].map(roleRoom);
/** A send still on its way after this long is taken to have died with its server: another may claim the call. */
const CLAIM_MS = 60_000;

export interface SmsRequest { templateId: string; lang?: 'zh-CN' | 'en' }

export async function sendCallSms(ctx: Ctx, who: Principal | undefined, callId: string, req: SmsRequest): Promise<{ at: string; status: number }> {
  const settings = await siteSettings(ctx);
  const template = smsTemplates(settings).find((t) => t.id === req.templateId);
  if (!template) throw invalid('templateId', 'No standard text has this id', 'unknown-template');
  const call = await ctx.store.getCall(callId);
  if (!call) throw new DomainError('call-not-found', 'No call has this id', 404);
  if (!call.caller.phone) throw new DomainError('no-phone', 'The caller left no phone number', 409);
  if (!settings.smsWebhook) throw new DomainError('sms-not-configured', 'No SMS bridge is set up: an admin enters it in the settings', 409);

  const at = ctx.clock().toISOString();
  const by = actorOf(who);
  let refused: DomainError | undefined;
  const claimed = await ctx.store.updateCall(call.id, (c) => {
    refused = claimRefusal(c, Date.parse(at));
    return refused ? undefined : { ...c, sms: { templateId: template.id, at, ok: false, sending: true } };
  });
  if (!claimed) throw new DomainError('call-not-found', 'No call has this id', 404);
  if (refused) throw refused;
  const to = claimed.caller.phone;
  if (!to) throw new DomainError('no-phone', 'The caller left no phone number', 409);

  const lang = req.lang ?? settings.defaultLang;
  const staff = who?.kind === 'user' ? who.user.name : '';
  const text = fillTemplate(template, lang, { name: claimed.caller.name, site: siteNameIn(settings, lang), subject: claimed.subject, staff });
  const bridge = settings.smsWebhook;
  const delivery = await postSigned(bridge.url, bridge.secret, { type: 'sms', to, text, call: claimed.id }, [to, text, claimed.caller.name]);

  const done = await ctx.store.updateCall(call.id, (c) =>
    (c.sms?.at === at ? { ...c, sms: { templateId: template.id, at, ok: delivery.ok }, updatedAt: at } : undefined));
  if (done) {
    dropExpiredSockets(ctx);
    ctx.io.to(DESK_ROOMS).emit('call:updated', { call: done });
  }
  if (!delivery.ok) {
    await record(ctx, { kind: 'call-sms-failed', actor: by, data: { call: call.id, template: template.id, ...(delivery.status ? { status: delivery.status } : {}) } });
    throw new DomainError('sms-failed', `The SMS bridge did not take the text${delivery.status ? ` (HTTP ${delivery.status})` : ''}`, 502, undefined,
      { ...(delivery.status ? { status: delivery.status } : {}) });
  }
  await record(ctx, { kind: 'call-sms-sent', actor: by, data: { call: call.id, template: template.id } });
  return { at, status: delivery.status ?? 200 };
}

/** Why this call may not be claimed now: its text went already, or one is on its way. */
function claimRefusal(c: CallRecord, now: number): DomainError | undefined {
  if (!c.caller.phone) return new DomainError('no-phone', 'The caller left no phone number', 409);
  if (c.sms?.ok) return new DomainError('sms-already-sent', 'The standard text was sent already', 409, undefined, { sms: c.sms });
  if (c.sms?.sending && now - Date.parse(c.sms.at) < CLAIM_MS) return new DomainError('sms-sending', 'The standard text is being sent', 409);
  return undefined;
}
