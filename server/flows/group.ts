// Reception registers a group: several visitors for one host at once. Every row is checked before anything is stored
// (one bad row registers nobody); then each visitor gets their own visit and badge, screened on their own, and the
// host is told once, of the whole group, and decides it as one (flows/decide.ts calls decideGroup).
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../context.ts';
import type { Principal } from '../auth.ts';
import { actorOf } from '../auth.ts';
import type { VisitRecord } from '../../data/store.ts';
import type { IdType, RegisterGroupBody, VisitGroup } from '../protocol.ts';
import { ID_TYPES } from '../protocol.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { checkIdNumber, hashIdNumber, maskIdNumber } from '../domain/ids.ts';
import { activeEntries, matchWatchlist } from '../domain/watchlist.ts';
import { makeVisitId, siteDay } from '../domain/visits.ts';
import { purposeRule } from '../domain/settings.ts';
import { bool, oneOf, PHONE, text } from '../http/validate.ts';
import { record } from '../events.ts';
import { inTurn } from '../serial.ts';
import { visitUpdated } from '../notify.ts';
import { withDepartmentChannels } from '../notify/departments.ts';
import { activeHost } from './active-host.ts';
import { siteSettings } from './settings.ts';
import { holdForReception, refuse } from './screening.ts';
import { announce, routeArrival } from './reach.ts';
import { printInBackground } from './badge.ts';
import { numbered, parseRequestId, refuseUnprintable } from './register.ts';

export const GROUP_MIN = 2;
export const GROUP_MAX = 50;

export function parseGroup(body: Record<string, unknown>): RegisterGroupBody {
  const rows = body.visitors;
  if (rows === undefined || rows === null) throw invalid('visitors', 'visitors is required', 'missing-field');
  if (!Array.isArray(rows)) throw invalid('visitors', 'visitors must be a list of visitors');
  if (rows.length < GROUP_MIN) throw invalid('visitors', `A group has at least ${GROUP_MIN} visitors (register one visitor alone)`, 'too-short');
  if (rows.length > GROUP_MAX) throw invalid('visitors', `A group has at most ${GROUP_MAX} visitors`, 'too-long');
  return {
    hostId: text(body, 'hostId', { max: 64, required: true })!,
    purpose: text(body, 'purpose', { max: 200, required: true })!,
    company: text(body, 'company', { max: 100 }),
    visitors: rows.map((row: unknown, i) => {
      const at = `visitors[${i}]`;
      if (typeof row !== 'object' || row === null || Array.isArray(row)) throw invalid(at, `${at} must be an object`);
      const v = row as Record<string, unknown>;
      return {
        name: text(v, `${at}.name`, { max: 64, required: true })!,
        idType: oneOf<IdType>(v, `${at}.idType`, ID_TYPES)!,
        idNumber: text(v, `${at}.idNumber`, { max: 40, required: true })!,
        phone: text(v, `${at}.phone`, { max: 24, pattern: PHONE, hint: `${at}.phone must be a phone number: digits, optionally starting with +` }),
      };
    }),
    requestId: parseRequestId(body),
    printAnyway: bool(body, 'printAnyway'),
  };
}

export interface GroupResult { visits: VisitRecord[]; groupId: string; repeated: boolean }

export async function registerGroup(ctx: Ctx, who: Principal, input: RegisterGroupBody): Promise<GroupResult> {
  const now = ctx.clock();
  const requestId = input.requestId;
  if (!requestId) return { ...(await registerNew(ctx, who, input, now)), repeated: false };
  // The same request twice (a double tap, a retry after a lost answer): the second finds the group of the first.
  return inTurn(ctx.store, `group:${actorOf(who)}:${requestId}`, async () => {
    const earlier = await findGroup(ctx, actorOf(who), requestId, siteDay(now, ctx.config.timeZone));
    return earlier ? { visits: earlier, groupId: earlier[0].group!.id, repeated: true } : { ...(await registerNew(ctx, who, input, now)), repeated: false };
  });
}

/** Each member keeps the request id with its place in the group ("~" never appears in a client's requestId). */
const memberRequest = (requestId: string, i: number) => `${requestId}~${i}`;

async function findGroup(ctx: Ctx, createdBy: string, requestId: string, day: string): Promise<VisitRecord[] | undefined> {
  const first = await ctx.store.visitByRequest(day, createdBy, memberRequest(requestId, 0));
  if (!first?.group) return undefined;
  const members = await Promise.all(first.group.visitIds.map((id) => ctx.store.getVisit(id)));
  return members.filter((v): v is VisitRecord => v !== undefined);
}

/** Everything a row can be refused for, for every row, before a number is taken or a visit stored. */
function checkRows(ctx: Ctx, input: RegisterGroupBody, now: Date): string[] {
  const seen = new Map<string, number>();
  const normalized = input.visitors.map((v, i) => {
    const id = checkIdNumber(v.idType, v.idNumber, now);
    if (!id.ok) throw invalid(`visitors[${i}].idNumber`, id.message, id.code);
    const key = `${v.idType}:${id.normalized}`;
    if (seen.has(key)) throw invalid(`visitors[${i}].idNumber`, `visitors[${i}] has the same ID number as visitors[${seen.get(key)}]`, 'duplicate');
    seen.set(key, i);
    return id.normalized;
  });
  if (!input.printAnyway) {
    refuseUnprintable(ctx, [['company', input.company], ['purpose', input.purpose],
      ...input.visitors.map((v, i): [string, string] => [`visitors[${i}].name`, v.name])]);
  }
  return normalized;
}

async function registerNew(ctx: Ctx, who: Principal, input: RegisterGroupBody, now: Date): Promise<Omit<GroupResult, 'repeated'>> {
  const idNumbers = checkRows(ctx, input, now);
  const host = await activeHost(ctx, input.hostId);
  const rule = purposeRule(await siteSettings(ctx), input.purpose);
  if (rule && !rule.known) throw invalid('purpose', 'Choose one of the site\'s visit purposes', 'unknown-purpose');

  const day = siteDay(now, ctx.config.timeZone);
  const at = now.toISOString();
  const createdBy = actorOf(who);
  const groupId = `g-${randomBytes(6).toString('hex')}`;
  // Numbered (and so given their ids) first, in the order given: each visit then names the whole group.
  const drafts: VisitRecord[] = [];
  for (const [i, row] of input.visitors.entries()) {
    drafts.push(await numbered(ctx, {
      id: makeVisitId(day, randomBytes(5)), number: '', day, status: 'awaiting-host',
      visitor: { name: row.name, idType: row.idType, idNumberMasked: maskIdNumber(idNumbers[i]), ...(row.phone ? { phone: row.phone } : {}), ...(input.company ? { company: input.company } : {}) },
      purpose: input.purpose, hostId: host.id, host: { id: host.id, name: host.name, department: host.department },
      companions: 0, items: [], escortRequired: rule?.escort ?? false, escalation: { level: 'host', since: at },
      createdAt: at, createdBy, idHash: hashIdNumber(ctx.secrets.idHashKey, row.idType, idNumbers[i]),
      ...(input.requestId ? { requestId: memberRequest(input.requestId, i) } : {}),
    }));
  }
  const entries = activeEntries(await ctx.store.list('watchlist'), now);
  const hits = drafts.map((d) => matchWatchlist(entries, { idHash: d.idHash, name: d.visitor.name, phone: d.visitor.phone }));
  const lead = drafts[Math.max(0, hits.findIndex((hit) => !hit))];
  const group: VisitGroup = { id: groupId, visitIds: drafts.map((d) => d.id), lead: lead.id };
  const approved = Boolean(rule && !rule.approval);
  const route = approved || hits.every(Boolean) ? undefined : await routeArrival(ctx, host);

  const visits: VisitRecord[] = [];
  for (const [i, draft] of drafts.entries()) {
    const hit = hits[i];
    const member: VisitRecord = { ...draft, group: hit ? { ...group, alone: true } : group, escalation: { level: route?.level ?? 'host', since: at } };
    if (hit?.action === 'refuse') visits.push(await refuse(ctx, member, hit.entry));
    else if (hit?.action === 'hold') visits.push(await holdForReception(ctx, member, hit.entry));
    else visits.push(await store(ctx, approved ? { ...member, status: 'approved', decidedAt: at, decidedBy: 'purpose' } : member));
  }
  // One message for the group: its lead's card, its channels naming everyone who waits with them.
  const waiting = visits.filter((v) => !v.watchlistEntryId);
  const told = { ...lead, visitor: { ...lead.visitor, name: groupLine(waiting) } };
  if (route && waiting.length) await announce(ctx, visits.find((v) => v.id === lead.id)!, host, route, told);
  if (approved && waiting.length) ctx.deliveries.tell(told, await withDepartmentChannels(ctx, host), 'invited-arrived');
  return { visits, groupId };
}

async function store(ctx: Ctx, visit: VisitRecord): Promise<VisitRecord> {
  await ctx.store.putVisit(visit);
  await record(ctx, { kind: 'visit-registered', visitId: visit.id, actor: visit.createdBy, data: { host: visit.hostId!, group: visit.group!.id } });
  if (visit.status === 'approved') await record(ctx, { kind: 'visit-approved', visitId: visit.id, actor: visit.createdBy, data: { by: 'purpose' } });
  await visitUpdated(ctx, visit);
  if (visit.status === 'approved') printInBackground(ctx, visit.id, visit.createdBy);
  return visit;
}

const NAMES_TOLD = 10;

/** "Group of 3 团体 3 人: 王一、李二、Sam Lee" (at most ten names, then "…"). */
function groupLine(visits: VisitRecord[]): string {
  const names = visits.slice(0, NAMES_TOLD).map((v) => v.visitor.name).join('、');
  return `Group of ${visits.length} 团体 ${visits.length} 人: ${names}${visits.length > NAMES_TOLD ? '…' : ''}`;
}

/** A group is decided as one: the decision on one waiting member goes to every other member still waiting for the
 *  host, except those a watchlist likeness holds (reception decides each of them alone). */
export async function decideGroup(ctx: Ctx, decided: VisitRecord, decideOne: (visitId: string) => Promise<VisitRecord>): Promise<void> {
  if (!decided.group || decided.watchlistEntryId) return;
  for (const id of decided.group.visitIds) {
    if (id === decided.id) continue;
    const member = await ctx.store.getVisit(id);
    if (!member || member.status !== 'awaiting-host' || member.watchlistEntryId) continue;
    // Decided meanwhile by someone else: that answer stands.
    await decideOne(id).catch((e: unknown) => { if (!(e instanceof DomainError)) throw e; });
  }
}
