// Invitations at the kiosk: find one by its code (guesses are limited), and use it once.
import type { Ctx } from '../context.ts';
import type { Appointment } from '../protocol.ts';
import { DomainError } from '../domain/errors.ts';
import { appointmentWindow, normalizeInviteCode } from '../domain/appointments.ts';
import { normalizeName } from '../domain/watchlist.ts';

/** Finds the appointment behind an invite code; wrong guesses are counted per caller. */
export async function findInvite(ctx: Ctx, raw: string, caller: string, field = 'inviteCode'): Promise<Appointment> {
  const nowMs = ctx.clock().getTime();
  // Counted in one atomic step before the lookup, so guesses fired together (on any server) cannot all pass the
  // check; a code that exists gives its count back.
  const ticket = await ctx.limits.invite.hit(caller, nowMs);
  if (!ticket) throw new DomainError('too-many-attempts', 'Too many invite codes tried; ask reception', 429);
  const code = normalizeInviteCode(raw);
  const appt = code ? await ctx.store.appointmentByCode(code) : undefined;
  if (!appt) throw new DomainError('invite-not-found', 'No invitation has this code', field === 'code' ? 404 : 400, field);
  await ctx.limits.invite.undo(caller, ticket);
  checkWindow(appt, ctx.clock().toISOString(), field);
  return appt;
}

function checkWindow(appt: Appointment, now: string, field: string): void {
  const window = appointmentWindow(appt, now);
  if (window === 'used') throw new DomainError('invite-used', 'This invitation has already been used', 409, field);
  if (window !== 'open') throw new DomainError('invite-not-open', `This invitation is for ${appt.start} to ${appt.end}`, 409, field);
}

/** The invitation is for this person: the same name ignoring case, spaces and tone marks. */
export function isInvitee(appt: Appointment, name: string): boolean {
  return normalizeName(appt.visitor.name) === normalizeName(name);
}

/** Marks the invitation used by visitId in one atomic step: of rivals with one code, one wins, the rest get 409 invite-used. */
export async function claimInvite(ctx: Ctx, apptId: string, visitId: string): Promise<void> {
  const now = ctx.clock().toISOString();
  await ctx.store.update('appointments', apptId, (a) => {
    if (!a) throw new DomainError('invite-not-found', 'No invitation has this code', 400, 'inviteCode');
    checkWindow(a, now, 'inviteCode');
    return { ...a, usedByVisitId: visitId };
  });
}

/** Gives a claimed invitation back when its visit could not be stored. */
export async function releaseInvite(ctx: Ctx, apptId: string, visitId: string): Promise<void> {
  await ctx.store.update('appointments', apptId, (a) => {
    if (a?.usedByVisitId !== visitId) return undefined;
    const { usedByVisitId: _used, ...free } = a;
    return free;
  });
}
