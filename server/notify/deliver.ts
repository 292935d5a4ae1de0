// Telling a host through their channels (e-mail, WeCom, DingTalk, Feishu, Slack, a webhook): never in the way of a
// check-in (the sends run after it is answered), each attempt in the log (sent, or failed and why, never the
// visitor's details), retried with backoff for about two minutes, and a channel that still fails alerts the admin.
import type { Ctx } from '../context.ts';
import type { Host } from '../protocol.ts';
import type { VisitRecord } from '../../data/store.ts';
import type { Channel, ChannelKind, Delivery, HostChannel, HostMessage } from './channel.ts';
import { answerLinks } from './links.ts';
import { staleAt } from '../domain/visit-times.ts';
import { siteHours } from '../flows/settings.ts';
import { siteDay, siteTime } from '../domain/sitetime.ts';
import { record } from '../events.ts';
import { alert } from '../notify.ts';
import type { EmailChannel, InvitationMail } from './email.ts';
import type { CallRecord, CaseRecord } from '../../data/matters.ts';
import type { CaseDigest } from '../protocol.ts';

/** Waits before each try: at once, then after 2 s, 10 s, 30 s and 60 s. */
export const RETRY_DELAYS_MS = [0, 2_000, 10_000, 30_000, 60_000];

export interface Deliveries {
  /** Starts telling the host through every channel they have; resolves at once with the kinds it will try. */
  tell(visit: VisitRecord, host: Host, kind: HostMessage['kind']): ChannelKind[];
  /** The same for a case (事务): assigned to the host (or their department), or a complaint copied to their quality department. */
  tellCase(c: CaseRecord, host: Host, why: 'assigned' | 'quality'): ChannelKind[];
  /** The same for a message (留言) or transfer (转接) taken for the host (or their department), or its reminder: the
   *  caller's name, organisation and phone as the desk wrote them (the host's own message), never into the log. */
  tellCall(call: CallRecord, host: Host, why: 'new' | 'reminder'): ChannelKind[];
  /** The supervisors' daily digest of open cases, to a supervisor's host record's channels. */
  tellDigest(host: Host, digest: CaseDigest): ChannelKind[];
  /** The kinds of the host's channels this server can send on now (e-mail needs FOYER_SMTP_URL). */
  usable(host: Host): ChannelKind[];
  /** One try through each of the host's channels with a message marked as a test, for an admin; nothing is retried. */
  test(host: Host): Promise<Array<{ kind: ChannelKind; target: string } & Delivery>>;
  /** One try of the test message by e-mail to an address an admin typed; undefined when the site has no e-mail. */
  testMail(to: string): Promise<Delivery | undefined>;
  /** Mails an invitation to its visitor in the background, retried like a host's message; false when the site has no
   *  e-mail. The log names the invitation and its host, never the visitor's address or name. */
  mailInvitation(ids: { appointment: string; host: string }, to: string, invitation: InvitationMail): boolean;
  /** Whether the host has a browser registered for Web Push (server/notify/push.ts) this server can push to. */
  pushable(hostId: string): Promise<boolean>;
  /** Sends that are still retrying are dropped (the server is closing). */
  close(): void;
}

/** Web Push to a host's browsers (server/notify/push.ts): each registered browser is one target, sent like a channel. */
export interface PushChannel {
  targets(hostId: string): Promise<string[]>;
  send(target: string, message: HostMessage, now: Date): Promise<Delivery>;
}
type Target = HostChannel | { kind: 'push'; target: string };

export function createDeliveries(ctx: Ctx, channels: Partial<Record<ChannelKind, Channel>>, delays: number[] = RETRY_DELAYS_MS, push?: PushChannel): Deliveries {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let closed = false;
  const wait = (ms: number) => new Promise<void>((resolve) => {
    if (ms === 0) return resolve();
    const t = setTimeout(() => { timers.delete(t); resolve(); }, ms);
    timers.add(t);
  });

  async function deliver(channel: Target, message: HostMessage, hostId: string): Promise<void> {
    const sender = channel.kind === 'push' ? push : channels[channel.kind];
    const send = (now: Date) => (channel.kind === 'push' ? push!.send(channel.target, message, now) : channels[channel.kind]!.send(channel, message, now));
    const base = { host: hostId, channel: channel.kind };
    if (!sender) {
      await record(ctx, { kind: 'host-channel-failed', visitId: message.visitId, actor: 'system', data: { ...base, attempt: 0, error: `${channel.kind} is not set up on this server`, final: true } });
      return;
    }
    for (let attempt = 1; attempt <= delays.length; attempt++) {
      await wait(delays[attempt - 1]);
      if (closed) return;
      const result = await send(ctx.clock()).catch((e: Error): Delivery => ({ ok: false, retryable: true, error: e.message }));
      const final = result.ok || !result.retryable || attempt === delays.length;
      if (result.ok) {
        await record(ctx, { kind: 'host-channel-sent', visitId: message.visitId, actor: 'system', data: { ...base, attempt } });
        return;
      }
      await record(ctx, { kind: 'host-channel-failed', visitId: message.visitId, actor: 'system', data: { ...base, attempt, error: result.error ?? `status ${result.status}`, final } });
      // A browser that dropped its push subscription is no fault to report (push.ts forgets it).
      if (final && channel.kind === 'push' && (result.status === 404 || result.status === 410)) return;
      if (final) {
        alert(ctx, { kind: 'channel', visitId: message.visitId, message: `A ${channel.kind} message to a host could not be delivered (${result.error ?? result.status}); check the host's channels` }, ['admin']);
        return;
      }
    }
  }

  /** Every channel of the host and their browsers, each in the background; the kinds it will try. */
  function send(host: Host, about: string, message: () => Promise<HostMessage>): ChannelKind[] {
    const list = host.channels ?? []; // one this server cannot send on is logged as failed
    if ((list.length === 0 && !push) || closed) return [];
    void (async () => {
      const browsers = push ? await push.targets(host.id) : [];
      const targets: Target[] = [...list, ...browsers.map((target) => ({ kind: 'push' as const, target }))];
      if (targets.length === 0) return;
      const m = await message();
      for (const channel of targets) {
        deliver(channel, m, host.id).catch((e: Error) => ctx.log(`notify: ${channel.kind} delivery stopped: ${e.message}`));
      }
    })().catch((e: Error) => ctx.log(`notify: no message for ${about}: ${e.message}`));
    return list.map((c) => c.kind);
  }

  const testMessage = (host: Pick<Host, 'name' | 'department'>): HostMessage => ({
    kind: 'arrived', visitId: 'test', number: 'TEST',
    visitor: { name: '测试消息 Test message', company: 'Foyer' }, purpose: '通知测试，无需处理 · A test of this channel: nothing to do',
    arrivedAt: ctx.clock().toISOString(), arrivedAtLabel: `${siteDay(ctx.clock(), ctx.config.timeZone)} ${siteTime(ctx.clock().toISOString(), ctx.config.timeZone)}`,
    host: { name: host.name, department: host.department },
  });

  return {
    async testMail(to) {
      const sender = channels.email;
      if (!sender) return undefined;
      return sender.send({ kind: 'email', target: to }, testMessage({ name: '管理员 Admin', department: 'Foyer' }), ctx.clock())
        .catch((e: Error): Delivery => ({ ok: false, retryable: true, error: e.message }));
    },
    mailInvitation(ids, to, invitation) {
      const mail = channels.email as EmailChannel | undefined;
      if (!mail?.sendInvitation || closed) return false;
      // An SMTP refusal may quote the address ("550 <x@y>: no such user"): the log keeps neither it nor the name.
      const hide = (text: string) => [to, invitation.visitorName].reduce((s, secret) => s.split(secret).join('***'), text);
      const base = { appointment: ids.appointment, host: ids.host, channel: 'email' };
      void (async () => {
        for (let attempt = 1; attempt <= delays.length; attempt++) {
          await wait(delays[attempt - 1]);
          if (closed) return;
          const result = await mail.sendInvitation(to, invitation, ctx.clock()).catch((e: Error): Delivery => ({ ok: false, retryable: true, error: e.message }));
          if (result.ok) return void await record(ctx, { kind: 'invitation-mail-sent', actor: 'system', data: { ...base, attempt } });
          const final = !result.retryable || attempt === delays.length;
          await record(ctx, { kind: 'invitation-mail-failed', actor: 'system', data: { ...base, attempt, error: hide(result.error ?? `status ${result.status}`), final } });
          if (final) return alert(ctx, { kind: 'channel', message: 'An invitation could not be mailed to its visitor; check the site\'s e-mail (FOYER_SMTP_URL)' }, ['admin']);
        }
      })().catch((e: Error) => ctx.log(`notify: invitation mail stopped: ${hide(e.message)}`));
      return true;
    },
    async test(host) {
      const message = testMessage(host);
      return Promise.all((host.channels ?? []).map(async (channel) => {
        const sender = channels[channel.kind];
        const result: Delivery = sender
          ? await sender.send(channel, message, ctx.clock()).catch((e: Error): Delivery => ({ ok: false, retryable: true, error: e.message }))
          : { ok: false, retryable: false, error: `${channel.kind} is not set up on this server` };
        return { kind: channel.kind, target: channel.target, ...result };
      }));
    },
    usable(host) {
      return (host.channels ?? []).filter((c) => channels[c.kind]).map((c) => c.kind);
    },
    async pushable(hostId) {
      return push ? (await push.targets(hostId)).length > 0 : false;
    },
    tell(visit, host, kind) {
      return send(host, visit.id, () => messageOf(ctx, visit, host, kind));
    },
    tellCase(c, host, why) {
      return send(host, c.id, async () => caseMessageOf(ctx, c, host, why));
    },
    tellCall(call, host, why) {
      return send(host, call.id, async () => callMessageOf(ctx, call, host, why));
    },
    tellDigest(host, digest) {
      const late = [...digest.overdue, ...digest.callbackOverdue];
      return send(host, `digest ${digest.day}`, async () => ({
        kind: 'case', visitId: `digest-${digest.day}`, number: digest.day,
        caseTitle: { zh: '事务日报', en: 'Daily case digest' },
        visitor: { name: `${digest.open} 件未结 open · ${digest.overdue.length} 件超期 overdue · ${digest.callbackOverdue.length} 件回访超期 callback overdue` },
        ...(late.length ? { purpose: `超期 Overdue: ${late.join(', ')}` } : {}),
        arrivedAt: ctx.clock().toISOString(), arrivedAtLabel: digest.day,
        host: { name: host.name, department: host.department },
      }));
    },
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}

const CATEGORY_ZH: Record<CaseRecord['category'], string> = { inquiry: '咨询', help: '求助', 'paid-service': '有偿服务', suggestion: '建议意见', complaint: '投诉', other: '其他' };
const IMPORTANCE_ZH: Record<CaseRecord['importance'], string> = { normal: '一般', important: '重要', major: '重大' };

/** A case as a host is told of it: its subject, category and deadline, never the person who raised it. */
function caseMessageOf(ctx: Ctx, c: CaseRecord, host: Host, why: 'assigned' | 'quality'): HostMessage {
  const tz = ctx.config.timeZone;
  const label = (iso: string) => `${siteDay(new Date(iso), tz)} ${siteTime(iso, tz)}`;
  return {
    kind: 'case', visitId: c.id, number: c.number,
    caseTitle: why === 'assigned' ? { zh: '事务已指派给您', en: 'Case assigned to you' } : { zh: '投诉抄送品质部门', en: 'Complaint copied to quality' },
    visitor: { name: c.subject },
    purpose: `${CATEGORY_ZH[c.category]} ${c.category} · ${IMPORTANCE_ZH[c.importance]} ${c.importance} · 期限 due ${label(c.dueAt)}`,
    arrivedAt: c.createdAt, arrivedAtLabel: label(c.createdAt),
    host: { name: host.name, department: host.department },
  };
}

const CALL_TITLE: Record<'message' | 'transfer', Record<'new' | 'reminder', { zh: string; en: string }>> = {
  message: { new: { zh: '您有新留言', en: 'A message for you' }, reminder: { zh: '留言未读提醒', en: 'Unread message' } },
  transfer: { new: { zh: '来电转接给您', en: 'A call transferred to you' }, reminder: { zh: '来电转接待确认', en: 'Transferred call to acknowledge' } },
};

/** A message or transfer as its host is told of it: who called (name, organisation, phone as written down), the
 *  subject and the message's words, when the call came in. */
function callMessageOf(ctx: Ctx, call: CallRecord, host: Host, why: 'new' | 'reminder'): HostMessage {
  const tz = ctx.config.timeZone;
  return {
    kind: 'call', visitId: call.id, number: call.id,
    caseTitle: CALL_TITLE[call.kind === 'transfer' ? 'transfer' : 'message'][why],
    visitor: {
      name: call.caller.name,
      ...(call.caller.organisation ? { company: call.caller.organisation } : {}),
      ...(call.caller.phone ? { phone: call.caller.phone } : {}),
    },
    purpose: [call.subject, call.message?.text].filter(Boolean).join(' · '),
    arrivedAt: call.at, arrivedAtLabel: `${siteDay(new Date(call.at), tz)} ${siteTime(call.at, tz)}`,
    host: { name: host.name, department: host.department },
  };
}

/** What the host is told: never the ID number; the phone only where the site turns it on (FOYER_NOTIFY_PHONE). */
async function messageOf(ctx: Ctx, visit: VisitRecord, host: Host, kind: HostMessage['kind']): Promise<HostMessage> {
  const kiosk = visit.kioskId ? await ctx.store.get('kiosks', visit.kioskId) : undefined;
  const tz = ctx.config.timeZone;
  const decisionEnds = staleAt(visit, await siteHours(ctx)) ?? Date.parse(visit.createdAt) + 4 * 3_600_000;
  const links = kind === 'arrived' && ctx.config.publicUrl
    ? answerLinks(ctx.config.publicUrl, ctx.secrets.tokenKey, { visitId: visit.id, hostId: host.id, exp: Math.floor(decisionEnds / 1000) })
    : undefined;
  return {
    kind, visitId: visit.id, number: visit.number,
    visitor: {
      name: visit.visitor.name,
      ...(visit.visitor.company ? { company: visit.visitor.company } : {}),
      ...(ctx.config.notifyPhone && visit.visitor.phone ? { phone: visit.visitor.phone } : {}),
    },
    ...(visit.purpose ? { purpose: visit.purpose } : {}),
    arrivedAt: visit.createdAt,
    arrivedAtLabel: `${siteDay(new Date(visit.createdAt), tz)} ${siteTime(visit.createdAt, tz)}`,
    ...(kiosk ? { kiosk: kiosk.name } : {}),
    host: { name: host.name, department: host.department },
    ...(links ? { links } : {}),
  };
}
