// A visitor registers: validate, check the watchlist and the appointment, then notify or approve.
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../context.ts';
import type { Principal } from '../auth.ts';
import { actorOf } from '../auth.ts';
import type { VisitRecord } from '../../data/store.ts';
import type { Appointment, Host, IdType, RegisterVisitBody } from '../protocol.ts';
import { ID_TYPES } from '../protocol.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { checkIdNumber, hashIdNumber, maskIdNumber } from '../domain/ids.ts';
import { matchWatchlist } from '../domain/watchlist.ts';
import { appointmentWindow, normalizeInviteCode } from '../domain/appointments.ts';
import { makeVisitId, makeVisitNumber, siteDay } from '../domain/visits.ts';
import { bool, int, list, obj, oneOf, PHONE, text } from '../http/validate.ts';
import { record } from '../events.ts';
import { inTurn } from '../serial.ts';
import { alert, visitArrived, hostRoom, visitUpdated } from '../notify.ts';
import { printInBackground } from './badge.ts';

export function parseRegistration(body: Record<string, unknown>): RegisterVisitBody {
  const v = obj(body, 'visitor')!;
  const inviteCode = text(body, 'inviteCode', { max: 20 });
  return {
    visitor: {
      name: text(v, 'visitor.name', { max: 64, required: true })!,
      idType: oneOf<IdType>(v, 'visitor.idType', ID_TYPES)!,
      idNumber: text(v, 'visitor.idNumber', { max: 40, required: true })!,
      phone: text(v, 'visitor.phone', { max: 24, pattern: PHONE, hint: 'visitor.phone must be a phone number: digits, optionally starting with +' }),
      company: text(v, 'visitor.company', { max: 100 }),
    },
    purpose: text(body, 'purpose', { max: 200, required: !inviteCode })!,
    hostId: text(body, 'hostId', { max: 64 }),
    inviteCode,
    companions: int(body, 'companions', 0, 50),
    items: list(body, 'items', 20, 60),
    plate: text(body, 'plate', { max: 16 }),
    escortRequired: bool(body, 'escortRequired'),
    requestId: text(body, 'requestId', { max: 64, pattern: /^[A-Za-z0-9-]{8,64}$/, hint: 'requestId must be 8-64 letters, digits or dashes' }),
  };
}

/** Finds the appointment behind an invite code; wrong guesses are counted per caller. */
export async function findInvite(ctx: Ctx, raw: string, caller: string, field = 'inviteCode'): Promise<Appointment> {
  const nowMs = ctx.clock().getTime();
  if (ctx.limits.invite.isBlocked(caller, nowMs)) throw new DomainError('too-many-attempts', 'Too many invite codes tried; ask reception', 429);
  const code = normalizeInviteCode(raw);
  const appts = code ? (await ctx.store.list('appointments')).filter((a) => normalizeInviteCode(a.inviteCode) === code) : [];
  if (appts.length === 0) {
    ctx.limits.invite.hit(caller, nowMs);
    throw new DomainError('invite-not-found', 'No invitation has this code', field === 'code' ? 404 : 400, field);
  }
  const appt = appts[0];
  const window = appointmentWindow(appt, ctx.clock().toISOString());
  if (window === 'used') throw new DomainError('invite-used', 'This invitation has already been used', 409, field);
  if (window !== 'open') throw new DomainError('invite-not-open', `This invitation is for ${appt.start} to ${appt.end}`, 409, field);
  return appt;
}

export async function register(ctx: Ctx, who: Principal, input: RegisterVisitBody): Promise<{ visit: VisitRecord; repeated: boolean }> {
  const now = ctx.clock();
  if (!input.requestId) return { visit: await registerNew(ctx, who, input, now), repeated: false };
  const requestId = input.requestId;
  // Two taps arriving together: the second waits for the first and then finds its visit.
  return inTurn(ctx.store, `register:${actorOf(who)}:${requestId}`, async () => {
    const earlier = await findRepeat(ctx, actorOf(who), requestId, siteDay(now, ctx.config.timeZone));
    return earlier ? { visit: earlier, repeated: true } : { visit: await registerNew(ctx, who, input, now), repeated: false };
  });
}

/** The same client and requestId today: the answer was lost, not the visit. */
async function findRepeat(ctx: Ctx, createdBy: string, requestId: string, day: string): Promise<VisitRecord | undefined> {
  return (await ctx.store.visitsOfDay(day)).find((v) => v.requestId === requestId && v.createdBy === createdBy);
}

async function registerNew(ctx: Ctx, who: Principal, input: RegisterVisitBody, now: Date): Promise<VisitRecord> {
  const id = checkIdNumber(input.visitor.idType, input.visitor.idNumber, now);
  if (!id.ok) throw invalid('visitor.idNumber', id.message, id.code);
  const appt = input.inviteCode ? await findInvite(ctx, input.inviteCode, actorOf(who)) : undefined;
  const hostId = appt?.hostId ?? input.hostId;
  if (!hostId) throw invalid('hostId', 'hostId is required (or an inviteCode)', 'missing-field');
  const host = await ctx.store.get('hosts', hostId);
  if (!host) throw invalid('hostId', 'No host has this id', 'unknown-host');

  const idHash = hashIdNumber(ctx.secrets.idHashKey, input.visitor.idType, id.normalized);
  const phone = input.visitor.phone ?? appt?.visitor.phone;
  const day = siteDay(now, ctx.config.timeZone);
  const at = now.toISOString();
  const actor = actorOf(who);
  let visit: VisitRecord = {
    id: makeVisitId(day, randomBytes(5)),
    number: makeVisitNumber(randomBytes(3)),
    day,
    status: 'awaiting-host',
    visitor: {
      name: input.visitor.name,
      idType: input.visitor.idType,
      idNumberMasked: maskIdNumber(id.normalized),
      ...(phone ? { phone } : {}),
      ...(input.visitor.company ?? appt?.visitor.company ? { company: input.visitor.company ?? appt?.visitor.company } : {}),
    },
    purpose: input.purpose ?? appt!.purpose,
    hostId,
    host: { id: host.id, name: host.name, department: host.department },
    ...(who.kind === 'kiosk' ? { kioskId: who.kiosk.id } : {}),
    ...(appt ? { appointmentId: appt.id } : {}),
    companions: input.companions ?? 0,
    items: input.items ?? [],
    ...(input.plate ? { plate: input.plate.toUpperCase() } : {}),
    escortRequired: input.escortRequired ?? false,
    escalation: { level: 'host', since: at },
    createdAt: at,
    createdBy: actor,
    idHash,
    ...(input.requestId ? { requestId: input.requestId } : {}),
  };

  const hit = matchWatchlist(await ctx.store.list('watchlist'), { idHash, name: visit.visitor.name, phone });
  if (hit) return refuse(ctx, visit, hit.id, hit.reason, actor);
  if (appt) {
    visit = { ...visit, status: 'approved', decidedAt: at, decidedBy: `appointment:${appt.id}` };
    await ctx.store.putVisit(visit);
    await ctx.store.put('appointments', { ...appt, usedByVisitId: visit.id });
    await record(ctx, { kind: 'visit-registered', visitId: visit.id, actor, data: { appointment: appt.id } });
    await record(ctx, { kind: 'visit-approved', visitId: visit.id, actor, data: { by: 'appointment' } });
    await visitUpdated(ctx, visit);
    printInBackground(ctx, visit.id, actor);
    return visit;
  }
  await ctx.store.putVisit(visit);
  await record(ctx, { kind: 'visit-registered', visitId: visit.id, actor, data: { host: host.id } });
  // Followers hear of the arrival before the host can act on it, so no stale copy follows a decision.
  await visitUpdated(ctx, visit);
  await notifyHost(ctx, visit, host);
  return visit;
}

async function refuse(ctx: Ctx, visit: VisitRecord, entryId: string, reason: string, actor: string): Promise<VisitRecord> {
  const refused: VisitRecord = { ...visit, status: 'refused', decidedAt: visit.createdAt, decidedBy: 'watchlist', refusalReason: reason };
  await ctx.store.putVisit(refused);
  await record(ctx, { kind: 'visit-refused', visitId: refused.id, actor, data: { watchlistEntry: entryId } });
  alert(ctx, { kind: 'watchlist-hit', visitId: refused.id, message: `Watchlist match at ${actor}: see reception`, data: { watchlistEntry: entryId, reason } }, ['security', 'reception', 'admin']);
  await visitUpdated(ctx, refused);
  return refused;
}

async function notifyHost(ctx: Ctx, visit: VisitRecord, host: Host): Promise<void> {
  visitArrived(ctx, visit, [hostRoom(host.id)]);
  await record(ctx, { kind: 'host-notified', visitId: visit.id, actor: 'system', data: { host: host.id, level: 'host' } });
}
