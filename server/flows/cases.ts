// Cases (事务) over the API: created from a call, a visit or by hand, stepped through their life one atomic store
// step at a time, each step an event in the log (who and the case, never the person or their words) and a
// case:updated to everyone who follows the case. Complaints are copied to the quality department; a major one
// alerts the supervisors.
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../context.ts';
import type { Principal } from '../auth.ts';
import { actorOf } from '../auth.ts';
import type { Host } from '../protocol.ts';
import type { SettingsRecord } from '../../data/store.ts';
import { CASE_CATEGORIES, CASE_STATUSES, type CaseFilter, type CaseRecord, type CaseCategory, type CaseStatus } from '../../data/matters.ts';
import { applyCaseStep, caseFlags, lateness, newCase, type CaseAction } from '../domain/cases.ts';
import { workCalendar } from '../domain/case-settings.ts';
import type { WorkCalendar } from '../domain/deadlines.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { siteDay } from '../domain/sitetime.ts';
import { record } from '../events.ts';
import { alert, hostRoom, roleRoom } from '../notify.ts';
import { dropExpiredSockets } from '../sockets/expiry.ts';
import { siteSettings } from './settings.ts';
import { withDepartmentChannels } from '../notify/departments.ts';
import { forgetEscalations } from './case-timers.ts';
import { callChanged } from './calls.ts';

/** Who may call the case routes at all; a host only for the cases assigned to them or their department. */
export const CASE_ROLES = ['reception', 'supervisor', 'admin', 'host'] as const;
/** The roles that follow every case. */
const FOLLOWERS = ['reception', 'supervisor', 'admin'];
/** The steps a host may take on a case assigned to them. */
const HOST_STEPS: ReadonlyArray<CaseAction['kind']> = ['accept', 'note', 'resolve'];

type User = Principal & { kind: 'user' };
const userOf = (who: Principal | undefined): User => {
  if (who?.kind !== 'user') throw new DomainError('forbidden', 'Only staff may do this', 403);
  return who;
};

export async function caseCalendar(ctx: Ctx): Promise<WorkCalendar> {
  return workCalendar(await siteSettings(ctx), ctx.config.timeZone);
}

/** A department is known when a host is in it or it has channels of its own. */
async function knownDepartment(ctx: Ctx, name: string): Promise<boolean> {
  if ((await ctx.store.list('hosts')).some((h) => h.department === name)) return true;
  return Boolean(await ctx.store.get('departments', name));
}

export async function checkQualityDepartment(ctx: Ctx, change: Partial<SettingsRecord>): Promise<void> {
  const department = change.qualityDepartment;
  if (department === undefined) return;
  if (!(await knownDepartment(ctx, department))) throw invalid('qualityDepartment', 'No host is in this department', 'unknown-department');
}

/** The host's own scope: their host id and department. */
async function scopeOf(ctx: Ctx, who: User): Promise<{ hostId: string; department?: string } | undefined> {
  if (who.user.role !== 'host') return undefined;
  const hostId = who.user.hostId;
  if (!hostId) return { hostId: '' };
  const host = await ctx.store.get('hosts', hostId);
  return { hostId, ...(host ? { department: host.department } : {}) };
}

/** The quality department this case is copied to, if any. */
const qualityOf = (c: CaseRecord, qualityDepartment: string | undefined) => (caseFlags(c).copyToQuality ? qualityDepartment : undefined);

/** Assigned to this host or their department. */
const assignedTo = (c: CaseRecord, scope: { hostId: string; department?: string }) =>
  (Boolean(scope.hostId) && c.assignee?.hostId === scope.hostId) || (Boolean(scope.department) && c.assignee?.department === scope.department);

/** May this user read the case: staff who follow cases always; a host when it is assigned to them or their
 *  department, or it is a complaint copied to their (quality) department. */
async function mayRead(ctx: Ctx, who: User, c: CaseRecord): Promise<boolean> {
  const scope = await scopeOf(ctx, who);
  if (!scope) return true;
  if (assignedTo(c, scope)) return true;
  const quality = qualityOf(c, (await siteSettings(ctx)).qualityDepartment);
  return Boolean(quality) && scope.department === quality;
}

const notYours = () => new DomainError('forbidden', 'This case is not assigned to you or your department', 403);
const noCase = () => new DomainError('case-not-found', 'No such case', 404);

export async function readCase(ctx: Ctx, whoAny: Principal | undefined, id: string): Promise<CaseRecord> {
  const who = userOf(whoAny);
  const c = await ctx.store.getCase(id);
  if (!c) throw noCase();
  if (!(await mayRead(ctx, who, c))) throw notYours();
  return c;
}

// ---- creating -----------------------------------------------------------------------------------------------

type Body = Record<string, unknown>;
const isObject = (v: unknown): v is Body => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/** Marks the call as the source of this case, unless a matter was already opened from it (409 call-has-case). */
async function claimCall(ctx: Ctx, callId: string, caseId: string, at: string): Promise<void> {
  let taken: string | undefined;
  await ctx.store.updateCall(callId, (c) => {
    taken = c.caseId;
    return taken ? undefined : { ...c, caseId, updatedAt: at };
  });
  if (taken) throw new DomainError('call-has-case', 'A matter was already opened from this call', 409, 'from.callId', { caseId: taken });
}

function readFrom(body: Body): { callId: string } | { visitId: string } | undefined {
  if (body.from === undefined || body.from === null) return undefined;
  const from = body.from;
  if (!isObject(from)) throw invalid('from', 'from must be {callId} or {visitId}');
  const keys = Object.keys(from);
  if (keys.length !== 1 || !['callId', 'visitId'].includes(keys[0])) throw invalid('from', 'from must be {callId} or {visitId}, one of the two');
  const id = from[keys[0]];
  if (typeof id !== 'string' || id === '' || id.length > 64) throw invalid(`from.${keys[0]}`, `from.${keys[0]} must be an id`);
  return keys[0] === 'callId' ? { callId: id } : { visitId: id };
}

export async function createCase(ctx: Ctx, whoAny: Principal | undefined, body: Body): Promise<CaseRecord> {
  const who = userOf(whoAny);
  if (who.user.role === 'host') throw new DomainError('forbidden', 'A host may not open cases', 403);
  if (typeof body.category !== 'string') throw invalid('category', `category must be one of ${CASE_CATEGORIES.join(', ')}`, 'unknown-category');
  if (!isObject(body.contact)) throw invalid('contact', 'contact must be {name, phone?}');
  for (const k of Object.keys(body.contact)) if (k !== 'name' && k !== 'phone') throw invalid(`contact.${k.slice(0, 40)}`, 'contact has name and phone only');
  const from = readFrom(body);
  if (from && 'callId' in from && !(await ctx.store.getCall(from.callId))) throw invalid('from.callId', 'No such call', 'unknown-call');
  if (from && 'visitId' in from && !(await ctx.store.getVisit(from.visitId))) throw invalid('from.visitId', 'No such visit', 'unknown-visit');
  const now = ctx.clock();
  const at = now.toISOString();
  const day = siteDay(now, ctx.config.timeZone);
  const calendar = await caseCalendar(ctx);
  const by = actorOf(who);
  const newId = () => `${day.replace(/-/g, '')}-${randomBytes(6).toString('hex')}`;
  const first = newCase(body as never, { id: newId(), day, at, by, calendar });
  if (first instanceof DomainError) throw first;
  // One matter per call: the call is claimed for this case's id in one step before the case is stored (of two clerks
  // opening a matter from one call at once, one gets it; the other is told which matter it already has).
  const callId = from && 'callId' in from ? from.callId : undefined;
  if (callId) await claimCall(ctx, callId, first.id, at);
  let stored: CaseRecord | undefined;
  try {
    stored = await ctx.store.insertCase(first);
    // Without a call to hold its id, a clash of random ids (never seen) draws again.
    for (let tries = 0; !stored && !callId && tries < 3; tries++) stored = await ctx.store.insertCase({ ...first, id: newId() });
    if (!stored) throw new Error('could not find a free case id');
  } catch (e) {
    if (callId) await ctx.store.updateCall(callId, (c) => (c.caseId === first.id ? { ...c, caseId: undefined, updatedAt: at } : undefined));
    throw e;
  }
  if (callId) await callChanged(ctx, callId);
  await record(ctx, { kind: 'case-created', actor: by, ...(from && 'visitId' in from ? { visitId: from.visitId } : {}), data: caseData(stored, from && 'callId' in from ? { call: from.callId } : {}) });
  await announce(ctx, stored);
  const { qualityDepartment } = await siteSettings(ctx);
  const quality = qualityOf(stored, qualityDepartment);
  if (quality) await tellDepartment(ctx, stored, quality, 'quality');
  if (stored.importance === 'major') {
    alert(ctx, { kind: 'case-major', message: `Major case ${stored.number} (${stored.category}) was opened: a group handles it and the quality department is told`, data: { caseId: stored.id, number: stored.number } }, ['supervisor']);
  }
  return stored;
}

/** What the log says of a case: its id and number, kind and state; never the person, the subject or any words. */
const caseData = (c: CaseRecord, extra: Record<string, string> = {}) =>
  ({ case: c.id, number: c.number, category: c.category, importance: c.importance, status: c.status, ...extra });

// ---- steps ----------------------------------------------------------------------------------------------------

export async function stepCase(ctx: Ctx, whoAny: Principal | undefined, id: string, action: CaseAction): Promise<CaseRecord> {
  const who = userOf(whoAny);
  const before = await ctx.store.getCase(id);
  if (!before) throw noCase();
  const scope = await scopeOf(ctx, who);
  if (scope) {
    if (!(await mayRead(ctx, who, before))) throw notYours();
    if (!HOST_STEPS.includes(action.kind) || !assignedTo(before, scope)) {
      throw new DomainError('forbidden', `A host may only ${HOST_STEPS.join(', ')} the cases assigned to them`, 403);
    }
  }
  if (action.kind === 'assign') await checkAssignee(ctx, action);
  const role = who.user.role as string;
  const actor = { id: actorOf(who), supervisor: role === 'supervisor' || role === 'admin' };
  const at = ctx.clock().toISOString();
  let refused: DomainError | undefined;
  const stepped = await ctx.store.updateCase(id, (c) => {
    // A host's right is checked again on the stored case: a reassignment may have landed since.
    if (scope && !assignedTo(c, scope)) { refused = notYours(); return undefined; }
    const next = applyCaseStep(c, action, actor, at);
    if (next instanceof DomainError) { refused = next; return undefined; }
    refused = undefined;
    return next;
  });
  if (!stepped) throw noCase();
  if (refused) throw refused;
  const extra: Record<string, string> = {};
  if (action.kind === 'assign') Object.assign(extra, stepped.assignee?.department ? { department: stepped.assignee.department } : { host: stepped.assignee!.hostId! });
  if (action.kind === 'callback') Object.assign(extra, { reached: String(action.reachedContact) });
  await record(ctx, { kind: `case-${STEP_EVENT[action.kind]}`, actor: actor.id, data: caseData(stepped, extra) });
  await announce(ctx, stepped, before.assignee);
  if (action.kind === 'assign') await tellAssignee(ctx, stepped);
  if (action.kind === 'close') await forgetEscalations(ctx, stepped.id);
  return stepped;
}

const STEP_EVENT: Record<CaseAction['kind'], string> = {
  assign: 'assigned', accept: 'accepted', note: 'noted', resolve: 'resolved', callback: 'called-back', close: 'closed',
};

async function checkAssignee(ctx: Ctx, a: { department?: string; hostId?: string }): Promise<void> {
  if (typeof a.department === 'string' && a.department.trim() && !(await knownDepartment(ctx, a.department.trim()))) {
    throw invalid('department', 'No host is in this department', 'unknown-department');
  }
  if (typeof a.hostId === 'string' && a.hostId.trim()) {
    const host = await ctx.store.get('hosts', a.hostId.trim());
    if (!host || host.active === false) throw invalid('hostId', 'No such host', 'unknown-host');
  }
}

// ---- who hears --------------------------------------------------------------------------------------------------

/** The hosts a case's assignee stands for: the host, or every active host of the department. */
async function hostsOf(ctx: Ctx, to: CaseRecord['assignee']): Promise<Host[]> {
  if (!to) return [];
  const hosts = await ctx.store.list('hosts');
  if (to.hostId) return hosts.filter((h) => h.id === to.hostId);
  return hosts.filter((h) => h.department === to.department && h.active !== false);
}

/** case:updated to reception, supervisors, admins, the assignee (and the one it moved from) and, for a complaint,
 *  the quality department's hosts. */
async function announce(ctx: Ctx, c: CaseRecord, previous?: CaseRecord['assignee']): Promise<void> {
  const quality = qualityOf(c, (await siteSettings(ctx)).qualityDepartment);
  const hosts = [...await hostsOf(ctx, c.assignee), ...await hostsOf(ctx, previous), ...(quality ? await hostsOf(ctx, { department: quality }) : [])];
  const rooms = [...new Set([...FOLLOWERS.map(roleRoom), ...hosts.map((h) => hostRoom(h.id))])];
  dropExpiredSockets(ctx);
  ctx.io.to(rooms).emit('case:updated', { case: c });
}

async function tellAssignee(ctx: Ctx, c: CaseRecord): Promise<void> {
  if (c.assignee?.department) return tellDepartment(ctx, c, c.assignee.department, 'assigned');
  for (const host of await hostsOf(ctx, c.assignee)) await tellHost(ctx, c, host, 'assigned');
}

/** A department's hosts on their channels; a department's shared channels once. */
async function tellDepartment(ctx: Ctx, c: CaseRecord, department: string, why: 'assigned' | 'quality'): Promise<void> {
  const hosts = await hostsOf(ctx, { department });
  const own = hosts.filter((h) => h.channels?.length);
  for (const host of own) await tellHost(ctx, c, host, why);
  const shared = await ctx.store.get('departments', department);
  if (shared?.channels.length && own.length < hosts.length && hosts.length > 0) {
    await tellHost(ctx, c, await withDepartmentChannels(ctx, { ...hosts.find((h) => !h.channels?.length)!, channels: [] }), why);
  }
}

async function tellHost(ctx: Ctx, c: CaseRecord, host: Host, why: 'assigned' | 'quality'): Promise<void> {
  const kinds = ctx.deliveries.tellCase(c, host, why);
  if (kinds.length) await record(ctx, { kind: 'case-notified', actor: 'system', data: { case: c.id, number: c.number, host: host.id, why, channels: kinds.join(',') } });
}

// ---- reading ----------------------------------------------------------------------------------------------------

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 366;

function listParam<T extends string>(query: URLSearchParams, field: string, allowed: readonly T[]): T[] | undefined {
  const raw = query.get(field);
  if (raw === null || raw === '') return undefined;
  const values = raw.split(',').map((v) => v.trim()).filter(Boolean);
  for (const v of values) if (!(allowed as readonly string[]).includes(v)) throw invalid(field, `${field} must be one or more of ${allowed.join(', ')}`);
  return values as T[];
}

export async function listCases(ctx: Ctx, whoAny: Principal | undefined, query: URLSearchParams): Promise<{ cases: CaseRecord[]; next?: string }> {
  const who = userOf(whoAny);
  const today = siteDay(ctx.clock(), ctx.config.timeZone);
  const day = (field: string, v: string) => {
    if (!DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) throw invalid(field, `${field} must be a day as YYYY-MM-DD`);
    return v;
  };
  const to = day('to', query.get('to') || today);
  const from = day('from', query.get('from') || new Date(Date.parse(`${to}T00:00:00Z`) - 30 * DAY_MS).toISOString().slice(0, 10));
  if (from > to) throw invalid('to', 'to must not come before from');
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS > MAX_RANGE_DAYS) throw invalid('from', `at most ${MAX_RANGE_DAYS} days at once`);
  const q = query.get('q') ?? '';
  if (q.length > 100) throw invalid('q', 'q is longer than 100 characters');
  const cursor = query.get('cursor') ?? undefined;
  if (cursor !== undefined && !/^\d{4}-\d{2}-\d{2}\.\d{1,15}$/.test(cursor)) throw invalid('cursor', 'cursor must be the next of a page before');
  const filter: CaseFilter = {
    status: listParam<CaseStatus>(query, 'status', CASE_STATUSES),
    category: listParam<CaseCategory>(query, 'category', CASE_CATEGORIES),
    ...(q ? { text: q } : {}),
    ...(cursor ? { after: cursor } : {}),
  };
  const page = await ctx.store.casesBetween(from, to, filter);
  const scope = await scopeOf(ctx, who);
  const cases = scope ? await filterReadable(ctx, who, page.items) : page.items;
  return { cases, ...(page.next ? { next: page.next } : {}) };
}

async function filterReadable(ctx: Ctx, who: User, cases: CaseRecord[]): Promise<CaseRecord[]> {
  const out: CaseRecord[] = [];
  for (const c of cases) if (await mayRead(ctx, who, c)) out.push(c);
  return out;
}

/** Open cases, overdue ones first (answer overdue, then callback overdue), then by due time. */
export async function openCasesFor(ctx: Ctx, whoAny: Principal | undefined): Promise<CaseRecord[]> {
  const who = userOf(whoAny);
  const now = ctx.clock();
  const open = await ctx.store.openCases();
  const mine = (await scopeOf(ctx, who)) ? await filterReadable(ctx, who, open) : open;
  const rank = (c: CaseRecord) => (lateness(c, now) ? 0 : 1);
  const due = (c: CaseRecord) => (c.status === 'resolved' ? c.callbackDueAt ?? c.dueAt : c.dueAt);
  return mine.sort((a, b) => rank(a) - rank(b) || due(a).localeCompare(due(b)) || a.id.localeCompare(b.id));
}

export { FOLLOWERS as CASE_FOLLOWERS };
