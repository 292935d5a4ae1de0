// A visitor registers: validate, check the watchlist and the invitation, then notify the host or approve.
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../context.ts';
import type { Principal } from '../auth.ts';
import { actorOf } from '../auth.ts';
import type { VisitRecord } from '../../data/store.ts';
import type { Appointment, Host, IdType, RegisterVisitBody } from '../protocol.ts';
import { ID_TYPES } from '../protocol.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { checkIdNumber, hashIdNumber, maskIdNumber } from '../domain/ids.ts';
import { activeEntries, matchWatchlist } from '../domain/watchlist.ts';
import { makeVisitId, siteDay } from '../domain/visits.ts';
import { formatVisitNumber } from '../domain/visit-times.ts';
import { bool, int, list, obj, oneOf, PHONE, text } from '../http/validate.ts';
import { record } from '../events.ts';
import { inTurn } from '../serial.ts';
import { visitUpdated } from '../notify.ts';
import { announce, routeArrival } from './reach.ts';
import { withDepartmentChannels } from '../notify/departments.ts';
import { printInBackground } from './badge.ts';
import { claimInvite, findInvite, isInvitee, releaseInvite } from './invite.ts';
import { holdForReception, refuse } from './screening.ts';
import { askSecond, firstOfTwo, secondStepFor } from './second-approval.ts';
import { siteSettings } from './settings.ts';
import { purposeRule } from '../domain/settings.ts';
import { activeHost } from './active-host.ts';
import { receptionOpen } from '../domain/reception-hours.ts';
import { agreementVersion, readSignedAgreement } from '../domain/agreements.ts';
import type { SiteSettings } from '../protocol.ts';

const MAX_COMPANIONS = 50;

export function parseRegistration(body: Record<string, unknown>): RegisterVisitBody {
  const v = obj(body, 'visitor')!;
  const inviteCode = text(body, 'inviteCode', { max: 20 });
  const companionNames = list(body, 'companionNames', MAX_COMPANIONS, 64);
  const companions = int(body, 'companions', 0, MAX_COMPANIONS) ?? companionNames?.length;
  if (companionNames && companionNames.length > (companions ?? 0)) {
    throw invalid('companionNames', 'companionNames names more people than companions counts', 'too-long');
  }
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
    companions,
    ...(companionNames?.length ? { companionNames } : {}),
    items: list(body, 'items', 20, 60),
    plate: text(body, 'plate', { max: 16 }),
    escortRequired: bool(body, 'escortRequired'),
    requestId: parseRequestId(body),
    printAnyway: bool(body, 'printAnyway'),
    agreement: readSignedAgreement(body),
  };
}

/** The client's idempotency key (RegisterVisitBody.requestId); flows/group.ts reads it the same way. */
export const parseRequestId = (body: Record<string, unknown>) =>
  text(body, 'requestId', { max: 64, pattern: /^[A-Za-z0-9-]{8,64}$/, hint: 'requestId must be 8-64 letters, digits or dashes' });

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
function findRepeat(ctx: Ctx, createdBy: string, requestId: string, day: string): Promise<VisitRecord | undefined> {
  return ctx.store.visitByRequest(day, createdBy, requestId);
}

/** What the visitor typed that goes on the badge must be printable, or they are told which characters would come
 *  out as boxes (an emoji typed by mistake, a rare character of a real name) and may go on anyway. */
function checkPrintable(ctx: Ctx, input: RegisterVisitBody): void {
  if (input.printAnyway) return;
  refuseUnprintable(ctx, [
    ['visitor.name', input.visitor.name], ['visitor.company', input.visitor.company], ['purpose', input.purpose],
    ...(input.companionNames ?? []).map((n, i): [string, string] => [`companionNames[${i}]`, n]),
  ]);
}

/** 400 unprintable naming the first of these fields with characters the badge fonts lack (flows/group.ts too). */
export function refuseUnprintable(ctx: Ctx, printed: Array<[string, string | undefined]>): void {
  for (const [field, value] of printed) {
    const characters = value ? ctx.queue.missingGlyphs(value) : [];
    if (characters.length) {
      throw new DomainError('unprintable', `${field} has characters the badge printer cannot print: ${characters.join(' ')}`, 400, field, { characters });
    }
  }
}

async function registerNew(ctx: Ctx, who: Principal, input: RegisterVisitBody, now: Date): Promise<VisitRecord> {
  const settings = await siteSettings(ctx);
  // Outside reception hours a kiosk takes only invited visitors (their host expects them); reception may still register.
  if (who.kind === 'kiosk' && !input.inviteCode && !receptionOpen(settings.receptionHours, now, ctx.config.timeZone)) {
    const { open, close } = settings.receptionHours!;
    throw new DomainError('reception-closed', `Reception is open ${open}-${close}: please come back then, or use an invitation code`, 409);
  }
  const id = checkIdNumber(input.visitor.idType, input.visitor.idNumber, now);
  if (!id.ok) throw invalid('visitor.idNumber', id.message, id.code);
  checkPrintable(ctx, input);
  const invite = input.inviteCode ? await findInvite(ctx, input.inviteCode, actorOf(who)) : undefined;
  const hostId = invite?.hostId ?? input.hostId;
  if (!hostId) throw invalid('hostId', 'hostId is required (or an inviteCode)', 'missing-field');
  const host = await activeHost(ctx, hostId);
  // An invitation's purpose was agreed with the host; a walk-in's follows the site's list, when it has one.
  const rule = invite ? undefined : purposeRule(settings, input.purpose);
  if (rule && !rule.known) throw invalid('purpose', 'Choose one of the site\'s visit purposes', 'unknown-purpose');
  const agreement = signedAgreement(settings, who, input, input.purpose ?? invite!.purpose, now);

  const phone = input.visitor.phone ?? invite?.visitor.phone;
  const company = input.visitor.company ?? invite?.visitor.company;
  const day = siteDay(now, ctx.config.timeZone);
  const at = now.toISOString();
  const draft: VisitRecord = {
    id: makeVisitId(day, randomBytes(5)),
    number: '',
    day,
    status: 'awaiting-host',
    visitor: {
      name: input.visitor.name,
      idType: input.visitor.idType,
      idNumberMasked: maskIdNumber(id.normalized),
      ...(phone ? { phone } : {}),
      ...(company ? { company } : {}),
    },
    purpose: input.purpose ?? invite!.purpose,
    hostId,
    host: { id: host.id, name: host.name, department: host.department },
    ...(who.kind === 'kiosk' ? { kioskId: who.kiosk.id } : {}),
    ...(invite ? { appointmentId: invite.id } : {}),
    companions: input.companions ?? 0,
    ...(input.companionNames ? { companionNames: input.companionNames } : {}),
    items: input.items ?? [],
    ...(input.plate ? { plate: input.plate.toUpperCase() } : {}),
    escortRequired: input.escortRequired || rule?.escort || false,
    escalation: { level: 'host', since: at },
    createdAt: at,
    createdBy: actorOf(who),
    idHash: hashIdNumber(ctx.secrets.idHashKey, input.visitor.idType, id.normalized),
    ...(input.requestId ? { requestId: input.requestId } : {}),
    ...agreement,
  };

  const hit = matchWatchlist(activeEntries(await ctx.store.list('watchlist'), ctx.clock()), { idHash: draft.idHash, name: draft.visitor.name, phone });
  if (hit?.action === 'refuse') return refuse(ctx, await numbered(ctx, draft), hit.entry);
  if (hit?.action === 'hold') return holdForReception(ctx, await numbered(ctx, draft), hit.entry);
  if (invite && isInvitee(invite, draft.visitor.name)) return approveByInvite(ctx, draft, invite);
  if (rule && !rule.approval) return approveByPurpose(ctx, draft, host);
  // A code typed with another name lets nobody in by itself: the host decides, and the invitation stays unused.
  // A host who cannot be reached now is passed over at once (flows/reach.ts): the visit starts at the level told.
  const route = await routeArrival(ctx, host);
  const routed = { ...draft, escalation: { level: route.level, since: at } };
  const visit = await numbered(ctx, invite ? { ...routed, invitedAs: invite.visitor.name } : routed);
  await ctx.store.putVisit(visit);
  // The visit is on disk: the host hears of it now, while its log events are written. They are queued
  // before the host can answer, so the log keeps the order; followers hear first, so no stale copy follows a decision.
  const registered = record(ctx, { kind: 'visit-registered', visitId: visit.id, actor: visit.createdBy, data: { host: host.id, ...(invite ? { appointment: invite.id, nameMatchesInvite: false } : {}) } });
  await visitUpdated(ctx, visit);
  await Promise.all([registered, announce(ctx, visit, host, route)]);
  return visit;
}

/** The agreement the visit's purpose requires (an invitation's too, when its purpose is one of the site's): a kiosk
 *  must bring it signed; reception at the desk may (the visitor may have signed on paper). */
function signedAgreement(settings: SiteSettings, who: Principal, input: RegisterVisitBody, purpose: string, now: Date): Pick<VisitRecord, 'agreement' | 'agreementSignature'> {
  const requiredId = settings.purposes.length ? purposeRule(settings, purpose).agreementId : undefined;
  const required = requiredId ? settings.agreements?.find((a) => a.id === requiredId) : undefined;
  const given = input.agreement;
  if (!required) {
    if (given) throw invalid('agreement', 'This visit\'s purpose requires no agreement', 'not-required');
    return {};
  }
  if (!given) {
    if (who.kind !== 'kiosk') return {};
    throw invalid('agreement', `The purpose requires the agreement "${required.id}", read and signed`, 'agreement-required');
  }
  if (given.id !== required.id) throw invalid('agreement.id', `The purpose requires the agreement "${required.id}"`, 'agreement-required');
  return {
    agreement: { id: required.id, title: required.title, version: agreementVersion(required), signedAt: now.toISOString() },
    agreementSignature: given.signature,
  };
}

/** The day's next visit number, taken only once the visit is about to be stored. */
export async function numbered(ctx: Ctx, visit: VisitRecord): Promise<VisitRecord> {
  return { ...(await withFreeId(ctx, visit)), number: formatVisitNumber(visit.day, await ctx.store.nextVisitNumber(visit.day)) };
}

/** Ids are 40 random bits: one already taken that day is drawn again rather than written over. */
async function withFreeId(ctx: Ctx, visit: VisitRecord): Promise<VisitRecord> {
  let id = visit.id;
  while (await ctx.store.getVisit(id)) id = makeVisitId(visit.day, randomBytes(5));
  return id === visit.id ? visit : { ...visit, id };
}

/** A purpose the site lets in without the host's approval: approved at once, the host told that their visitor is here. */
async function approveByPurpose(ctx: Ctx, draft: VisitRecord, host: Host): Promise<VisitRecord> {
  const visit: VisitRecord = { ...(await numbered(ctx, draft)), status: 'approved', decidedAt: draft.createdAt, decidedBy: 'purpose' };
  await ctx.store.putVisit(visit);
  await record(ctx, { kind: 'visit-registered', visitId: visit.id, actor: visit.createdBy, data: { host: host.id } });
  await record(ctx, { kind: 'visit-approved', visitId: visit.id, actor: visit.createdBy, data: { by: 'purpose' } });
  await visitUpdated(ctx, visit);
  printInBackground(ctx, visit.id, visit.createdBy);
  ctx.deliveries.tell(visit, await withDepartmentChannels(ctx, host), 'invited-arrived');
  return visit;
}

/** An invitation is the host's approval. When the purpose also needs the second approver's (a sensitive visit,
 *  保密管理部门), it stands for the host's step only: the visit waits for the second, as after a host's approval. */
async function approveByInvite(ctx: Ctx, given: VisitRecord, invite: Appointment): Promise<VisitRecord> {
  const draft = await withFreeId(ctx, given);
  await claimInvite(ctx, invite.id, draft.id); // before the number: a lost race costs no number
  const plan = await secondStepFor(ctx, draft);
  const by = `appointment:${invite.id}`;
  const ready = await numbered(ctx, draft);
  const visit: VisitRecord = plan
    ? firstOfTwo(ready, { by, role: 'host', hostId: invite.hostId }, plan, draft.createdAt)
    : { ...ready, status: 'approved', decidedAt: draft.createdAt, decidedBy: by };
  try {
    await ctx.store.putVisit(visit);
  } catch (e) {
    await releaseInvite(ctx, invite.id, visit.id);
    throw e;
  }
  await record(ctx, { kind: 'visit-registered', visitId: visit.id, actor: visit.createdBy, data: { appointment: invite.id } });
  if (plan) {
    await record(ctx, { kind: 'visit-approved-first', visitId: visit.id, actor: visit.createdBy, data: { by: 'appointment', department: plan.department } });
    await visitUpdated(ctx, visit);
    await askSecond(ctx, visit, plan);
    const host = await ctx.store.get('hosts', invite.hostId);
    if (host) ctx.deliveries.tell(visit, await withDepartmentChannels(ctx, host), 'invited-arrived');
    return visit;
  }
  await record(ctx, { kind: 'visit-approved', visitId: visit.id, actor: visit.createdBy, data: { by: 'appointment' } });
  await visitUpdated(ctx, visit);
  printInBackground(ctx, visit.id, visit.createdBy);
  // The host is told the invited visitor is here (已到达) through their channels; the console shows it as an update.
  const host = visit.hostId ? await ctx.store.get('hosts', visit.hostId) : undefined;
  if (host) ctx.deliveries.tell(visit, await withDepartmentChannels(ctx, host), 'invited-arrived');
  return visit;
}

