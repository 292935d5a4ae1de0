// Pre-registration: a host invites a visitor; the kiosk turns the invite code into a filled-in form.
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { Appointment, InviteSummary } from '../protocol.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { formatInviteCode, makeInviteCode } from '../domain/appointments.ts';
import { actorOf } from '../auth.ts';
import { isoTime, obj, PHONE, text } from './validate.ts';
import { record } from '../events.ts';
import { findInvite } from '../flows/invite.ts';
import { activeHost } from '../flows/active-host.ts';
import { MAIL_ADDRESS } from '../notify/email-config.ts';
import { mailInvitation } from '../flows/invitation-mail.ts';

const MAX_AHEAD_MS = 366 * 24 * 3600 * 1000;

export function appointmentRoutes(ctx: Ctx, r: Router): void {
  r.add('POST', '/api/appointments', ['host', 'reception', 'admin'], async ({ body, who }) => {
    const v = obj(body, 'visitor')!;
    const user = who!.kind === 'user' ? who!.user : undefined;
    let hostId = text(body, 'hostId', { max: 64 });
    if (user?.role === 'host') {
      if (hostId && hostId !== user.hostId) throw new DomainError('forbidden', 'A host may only invite visitors of their own', 403);
      hostId = user.hostId;
    }
    if (!hostId) throw invalid('hostId', 'hostId is required', 'missing-field');
    await activeHost(ctx, hostId);
    // Used to mail the invitation and never stored: the invitation keeps no more about the visitor than before.
    const email = text(v, 'visitor.email', { max: 120, pattern: MAIL_ADDRESS, hint: 'visitor.email must be an e-mail address' });
    const start = isoTime(body, 'start')!;
    const end = isoTime(body, 'end')!;
    if (end <= start) throw invalid('end', 'end must be after start');
    if (Date.parse(end) < ctx.clock().getTime()) throw invalid('end', 'end is in the past');
    if (Date.parse(start) - ctx.clock().getTime() > MAX_AHEAD_MS) throw invalid('start', 'start is more than a year ahead');
    const appt: Appointment = {
      id: `a-${randomBytes(6).toString('hex')}`,
      inviteCode: formatInviteCode(makeInviteCode(randomBytes(5))),
      visitor: {
        name: text(v, 'visitor.name', { max: 64, required: true })!,
        ...strip({ phone: text(v, 'visitor.phone', { max: 24, pattern: PHONE, hint: 'visitor.phone must be a phone number' }), company: text(v, 'visitor.company', { max: 100 }) }),
      },
      hostId, start, end,
      purpose: text(body, 'purpose', { max: 200, required: true })!,
      createdBy: actorOf(who),
      createdAt: ctx.clock().toISOString(),
    };
    await insertWithUniqueCode(ctx, appt);
    await record(ctx, { kind: 'appointment-created', actor: actorOf(who), data: { appointment: appt.id, host: hostId } });
    const mail = email ? { mail: (await mailInvitation(ctx, appt, email)) ? 'sending' : 'off' } : {};
    return { status: 201, body: { appointment: appt, ...mail } };
  });

  r.add('GET', '/api/invites/:code', ['kiosk', 'reception'], async ({ params, who }) => {
    const appt = await findInvite(ctx, params.code.slice(0, 20), actorOf(who), 'code');
    const host = (await ctx.store.get('hosts', appt.hostId))!;
    const invite: InviteSummary = {
      visitor: { name: appt.visitor.name, ...strip({ company: appt.visitor.company }) },
      host: { id: host.id, name: host.name, department: host.department },
      purpose: appt.purpose, start: appt.start, end: appt.end,
    };
    return { body: { invite } };
  });
}

/** 40-bit codes collide about once in 200 sites of 100,000 invitations: the store refuses a code it holds
 *  (in the same atomic step as the check), and a new one is drawn. */
async function insertWithUniqueCode(ctx: Ctx, appt: Appointment): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await ctx.store.insert('appointments', appt)) return;
    appt.inviteCode = formatInviteCode(makeInviteCode(randomBytes(5)));
  }
  throw new Error('could not draw an unused invite code');
}

const strip = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
