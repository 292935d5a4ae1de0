// Calls (来电), messages (留言) and transfers (转接) at the desk: written down, a message or a transfer told live to
// the host it is for (or each host of its department) and on their channels, read or acknowledged in one atomic
// step of the store, an unread message reminded once and an unacknowledged transfer given back to the desk by the
// clock's job. Every step is an event in the log naming who and the call, never the caller, their phone or the
// subject: those go to the host the message is for and to the desk, nowhere else.
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../context.ts';
import type { Principal } from '../auth.ts';
import { actorOf } from '../auth.ts';
import type { Host } from '../protocol.ts';
import { CALL_KINDS, isPendingCall, type CallKind, type CallQuery, type CallRecord, type CaseCategory, type Page } from '../../data/matters.ts';
import { acknowledgeTransfer, markReminded, readMessage, reminderDue, returnTransfer } from '../domain/calls.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { siteDay } from '../domain/sitetime.ts';
import { record } from '../events.ts';
import { alert, hostRoom, roleRoom } from '../notify.ts';
import { withDepartmentChannels } from '../notify/departments.ts';
import { dropExpiredSockets } from '../sockets/expiry.ts';
import { activeHost } from './active-host.ts';
import { dateParam, textParam } from './visit-history.ts';

/** Who reads every call; reception also writes them down and takes the steps on a host's behalf. */
export const CALL_READERS = ['reception', 'supervisor', 'admin'] as const;
const MINUTE = 60_000;
const DAY_MS = 24 * 60 * MINUTE;
/** How far back a call may be written down, and how far ahead a clock may run. */
const OLDEST_MS = 7 * DAY_MS;
const AHEAD_MS = MINUTE;
/** A host's own list: what is pending, then what they handled over this many days. */
const MINE_DAYS = 7;
const MINE_HANDLED = 100;

export interface CallInput {
  caller: CallRecord['caller'];
  subject: string;
  category: CaseCategory;
  importance: 'normal' | 'important';
  forHostId?: string;
  forDepartment?: string;
  at?: string;
  kind: CallKind;
  message?: string;
}

const noCall = () => new DomainError('call-not-found', 'No call has this id', 404);
const notYours = () => new DomainError('forbidden', 'This call is not for you or your department', 403);

// ---- who it is for ----------------------------------------------------------------------------------------------

/** The hosts a call is for: its host, or the active hosts of its department. */
async function recipientsOf(ctx: Ctx, call: Pick<CallRecord, 'forHostId' | 'forDepartment'>): Promise<Host[]> {
  if (call.forHostId) {
    const host = await ctx.store.get('hosts', call.forHostId);
    return host ? [host] : [];
  }
  if (!call.forDepartment) return [];
  return (await ctx.store.list('hosts')).filter((h) => h.department === call.forDepartment && h.active !== false);
}

/** A department a call can be for: an active host is in it, or it has channels of its own. */
async function checkDepartment(ctx: Ctx, name: string): Promise<void> {
  if ((await ctx.store.list('hosts')).some((h) => h.department === name && h.active !== false)) return;
  if ((await ctx.store.get('departments', name))?.channels.length) return;
  throw invalid('forDepartment', 'No active host is in this department', 'unknown-department');
}

/** The rooms that follow a call: the desk's roles, and the hosts it is for. */
const followers = (hosts: Host[]) => [...CALL_READERS.map(roleRoom), ...hosts.map((h) => hostRoom(h.id))];

function emit(ctx: Ctx, rooms: string[], event: 'call:message' | 'call:transfer' | 'call:updated', call: CallRecord): void {
  if (rooms.length === 0) return;
  dropExpiredSockets(ctx);
  ctx.io.to(rooms).emit(event, { call });
}

/** Tells the desk and the call's hosts of a change made elsewhere (a matter opened from it). */
export async function callChanged(ctx: Ctx, callId: string): Promise<void> {
  const call = await ctx.store.getCall(callId);
  if (call) emit(ctx, followers(await recipientsOf(ctx, call)), 'call:updated', call);
}

/** The call on the channels of each host it is for (a department's channels once, for its hosts without their own). */
async function tellChannels(ctx: Ctx, call: CallRecord, hosts: Host[], why: 'new' | 'reminder'): Promise<void> {
  const used = new Set<string>();
  for (const stored of hosts) {
    const host = await withDepartmentChannels(ctx, stored);
    const channels = (host.channels ?? []).filter((c) => !used.has(`${c.kind} ${c.target}`));
    channels.forEach((c) => used.add(`${c.kind} ${c.target}`));
    ctx.deliveries.tellCall(call, { ...host, channels }, why);
  }
  if (call.forDepartment && hosts.length === 0) {
    // A department with channels and no active host: its channels stand for it.
    const department = await ctx.store.get('departments', call.forDepartment);
    if (department?.channels.length) {
      ctx.deliveries.tellCall(call, { id: `department:${department.id}`, name: department.id, department: department.id, channels: department.channels }, why);
    }
  }
}

/** May this user take a step on the call: the desk always; a host only on a message or transfer for them or their department. */
async function mayAct(ctx: Ctx, who: Principal | undefined, call: CallRecord): Promise<void> {
  if (who?.kind !== 'user') throw new DomainError('forbidden', 'Only staff may do this', 403);
  if (who.user.role !== 'host') return;
  if (call.kind === 'call' || !(await isFor(ctx, who.user.hostId, call))) throw notYours();
}

async function isFor(ctx: Ctx, hostId: string | undefined, call: CallRecord): Promise<boolean> {
  if (!hostId) return false;
  if (call.forHostId) return call.forHostId === hostId;
  const host = await ctx.store.get('hosts', hostId);
  return Boolean(call.forDepartment) && host?.department === call.forDepartment;
}

// ---- writing a call down ----------------------------------------------------------------------------------------

export async function logCall(ctx: Ctx, who: Principal | undefined, input: CallInput): Promise<CallRecord> {
  const now = ctx.clock();
  const at = input.at ?? now.toISOString();
  if (Date.parse(at) > now.getTime() + AHEAD_MS) throw invalid('at', 'at is in the future', 'in-future');
  if (Date.parse(at) < now.getTime() - OLDEST_MS) throw invalid('at', 'at is more than 7 days ago: write down calls of the last week', 'too-old');
  if (input.forHostId) {
    await activeHost(ctx, input.forHostId).catch((e: DomainError) => { throw new DomainError(e.code, e.message, 400, 'forHostId'); });
  }
  if (input.forDepartment) await checkDepartment(ctx, input.forDepartment);
  const day = siteDay(new Date(at), ctx.config.timeZone);
  const stamp = now.toISOString();
  const call: CallRecord = {
    id: `${day.replace(/-/g, '')}-${randomBytes(6).toString('hex')}`,
    day, at,
    caller: input.caller,
    subject: input.subject, category: input.category, importance: input.importance,
    ...(input.forHostId ? { forHostId: input.forHostId } : {}),
    ...(input.forDepartment ? { forDepartment: input.forDepartment } : {}),
    kind: input.kind,
    ...(input.kind === 'message' ? { message: { text: input.message ?? '' } } : {}),
    ...(input.kind === 'transfer' ? { transfer: {} } : {}),
    by: actorOf(who), createdAt: stamp, updatedAt: stamp,
  };
  if (!(await ctx.store.insertCall(call))) throw new Error(`call id ${call.id} is taken`);
  await record(ctx, {
    kind: 'call-logged', actor: call.by,
    data: { call: call.id, kind: call.kind, category: call.category, importance: call.importance, ...forWhom(call) },
  });
  const hosts = await recipientsOf(ctx, call);
  emit(ctx, CALL_READERS.map(roleRoom), 'call:updated', call);
  if (call.kind !== 'call') {
    emit(ctx, hosts.map((h) => hostRoom(h.id)), call.kind === 'message' ? 'call:message' : 'call:transfer', call);
    await tellChannels(ctx, call, hosts, 'new');
  }
  return call;
}

const forWhom = (c: CallRecord): Record<string, string> =>
  c.forHostId ? { host: c.forHostId } : c.forDepartment ? { department: c.forDepartment } : {};

// ---- reading them -----------------------------------------------------------------------------------------------

const CURSOR = /^\d{4}-\d{2}-\d{2}\.\d{1,15}$/;

/** The desk's list: `?from=&to=` (site days, default today), `q`, `kind`, `limit`, `cursor`; oldest first. */
export async function listCalls(ctx: Ctx, query: URLSearchParams): Promise<Page<CallRecord>> {
  const today = siteDay(ctx.clock(), ctx.config.timeZone);
  const to = dateParam(query, 'to') ?? today;
  const from = dateParam(query, 'from') ?? to;
  if (from > to) throw invalid('from', 'from must not be after to');
  const kind = query.get('kind') || undefined;
  if (kind !== undefined && !CALL_KINDS.includes(kind as CallKind)) throw invalid('kind', `kind must be one of ${CALL_KINDS.join(', ')}`);
  const cursor = query.get('cursor') || undefined;
  if (cursor !== undefined && !CURSOR.test(cursor)) throw invalid('cursor', 'cursor must be the next of a page before');
  const limitText = query.get('limit');
  const limit = limitText ? Number(limitText) : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw invalid('limit', 'limit must be a whole number from 1 to 500');
  const q: CallQuery = { limit, ...(cursor ? { after: cursor } : {}), ...(kind ? { kind: kind as CallKind } : {}) };
  const text = textParam(query, 'q', 64);
  return ctx.store.callsBetween(from, to, text ? { ...q, text } : q);
}

export async function readCall(ctx: Ctx, who: Principal | undefined, id: string): Promise<CallRecord> {
  const call = await ctx.store.getCall(id);
  if (!call) throw noCall();
  await mayAct(ctx, who, call);
  return call;
}

/** A host's own messages and transfers (theirs and their department's): the pending ones oldest first, then
 *  those handled over the last week, newest first. */
export async function callsOfHost(ctx: Ctx, who: Principal | undefined): Promise<CallRecord[]> {
  const hostId = who?.kind === 'user' ? who.user.hostId : undefined;
  if (!hostId) return [];
  const department = (await ctx.store.get('hosts', hostId))?.department;
  const mine = (c: CallRecord) => c.kind !== 'call' && (c.forHostId === hostId || (Boolean(department) && c.forDepartment === department));
  const pending = (await ctx.store.pendingCalls()).filter(mine);
  const to = siteDay(ctx.clock(), ctx.config.timeZone);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (MINE_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  const scopes: CallQuery[] = [{ forHostId: hostId }, ...(department ? [{ forDepartment: department }] : [])];
  const handled = (await Promise.all(scopes.map((s) => ctx.store.callsBetween(from, to, { ...s, limit: 500 }))))
    .flatMap((p) => p.items).filter((c) => mine(c) && !isPendingCall(c))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, MINE_HANDLED);
  return [...pending, ...handled];
}

// ---- steps ------------------------------------------------------------------------------------------------------

type Step = (c: CallRecord, by: string, at: string) => CallRecord | DomainError;

/** One step in one atomic change of the store: of two at once, one lands and the other gets its 409 with the call. */
async function step(ctx: Ctx, who: Principal | undefined, id: string, take: Step, kind: string): Promise<CallRecord> {
  const call = await readCall(ctx, who, id);
  const by = actorOf(who);
  const at = ctx.clock().toISOString();
  let refused: DomainError | undefined;
  const next = await ctx.store.updateCall(call.id, (c) => {
    const r = take(c, by, at);
    refused = r instanceof DomainError ? r : undefined;
    return refused ? undefined : (r as CallRecord);
  });
  if (!next) throw noCall();
  if (refused) throw new DomainError(refused.code, refused.message, 409, undefined, { call: next });
  await record(ctx, { kind, actor: by, data: { call: next.id, ...forWhom(next) } });
  emit(ctx, followers(await recipientsOf(ctx, next)), 'call:updated', next);
  return next;
}

/** The host it was for (or reception on their behalf) has read the message. */
export const readCallMessage = (ctx: Ctx, who: Principal | undefined, id: string) =>
  step(ctx, who, id, readMessage, 'call-message-read');

/** The transfer was taken: by its host or department, or by the desk (on their behalf, or once it came back). */
export const acknowledgeCall = (ctx: Ctx, who: Principal | undefined, id: string) =>
  step(ctx, who, id, acknowledgeTransfer, 'call-transfer-acknowledged');

// ---- the clock's job ----------------------------------------------------------------------------------------------

/** Counted from when the desk wrote it down (and the host was told), not from when the call came in. */
const sinceTold = (c: CallRecord): CallRecord => ({ ...c, at: c.createdAt });

/** Run with the escalation tick: reminds each unread message once, gives each unacknowledged transfer back to the
 *  desk once. Reads only the pending calls (an index), and each change is re-checked in the store's own step. */
export async function callTimers(ctx: Ctx): Promise<void> {
  const now = ctx.clock();
  const remindMs = (ctx.config.messageRemindMin ?? 30) * MINUTE;
  const returnMs = (ctx.config.transferReturnMin ?? 10) * MINUTE;
  for (const call of await ctx.store.pendingCalls()) {
    if (call.kind === 'message' && !call.message?.remindedAt && reminderDue(sinceTold(call), now, remindMs)) await remind(ctx, call.id, now, remindMs);
    if (call.kind === 'transfer' && !(returnTransfer(sinceTold(call), now, returnMs) instanceof DomainError)) await giveBack(ctx, call.id, now, returnMs);
  }
}

async function remind(ctx: Ctx, id: string, now: Date, remindMs: number): Promise<void> {
  const at = now.toISOString();
  const next = await ctx.store.updateCall(id, (c) =>
    (!c.message?.remindedAt && reminderDue(sinceTold(c), now, remindMs) ? markReminded(c, now) : undefined));
  if (!next || next.message?.remindedAt !== at) return; // read meanwhile, or reminded by another tick
  await record(ctx, { kind: 'call-message-reminded', actor: 'system', data: { call: next.id, ...forWhom(next) } });
  const hosts = await recipientsOf(ctx, next);
  emit(ctx, hosts.map((h) => hostRoom(h.id)), 'call:message', next);
  emit(ctx, followers(hosts), 'call:updated', next);
  await tellChannels(ctx, next, hosts, 'reminder');
}

async function giveBack(ctx: Ctx, id: string, now: Date, returnMs: number): Promise<void> {
  const next = await ctx.store.updateCall(id, (c) => {
    const back = returnTransfer(sinceTold(c), now, returnMs);
    return back instanceof DomainError ? undefined : { ...back, at: c.at };
  });
  if (!next || next.transfer?.returnedAt !== now.toISOString()) return;
  const minutes = Math.round(returnMs / MINUTE);
  await record(ctx, { kind: 'call-transfer-returned', actor: 'system', data: { call: next.id, minutes, ...forWhom(next) } });
  const hosts = await recipientsOf(ctx, next);
  emit(ctx, followers(hosts), 'call:updated', next);
  const to = next.forHostId ? hosts[0]?.name ?? next.forHostId : next.forDepartment ?? '';
  alert(ctx, { kind: 'transfer-returned', message: `A transfer for ${to} came back to the desk: nobody acknowledged it within ${minutes} minutes`, data: { call: next.id, to, minutes } }, ['reception']);
}
