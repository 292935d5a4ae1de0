// Evacuation roll call: everyone on site when it starts, marked by marshals from their phones.
// Kept as marks ("rollcall:<id>"), one record per roll call: each mark is one atomic change of it, and of roll
// calls started together only one is stored open (insert with a clash rule). Names are not stored: they are read
// from the visits when shown, so retention's erasure reaches the roll call too.
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../context.ts';
import type { RollCall, RollCallEntry } from '../protocol.ts';
import type { MarkRecord } from '../../data/store.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { onSite } from '../http/visits.ts';
import { record } from '../events.ts';

const PREFIX = 'rollcall:';
const ROOMS = ['role:security', 'role:reception', 'role:admin'];

/** What is stored: no names. */
interface StoredEntry { visitId: string; number: string; companions: number; accounted: boolean; by?: string; at?: string }
interface StoredRollCall { version?: number; startedAt: string; startedBy: string; endedAt?: string; endedBy?: string; entries: StoredEntry[] }

const isRollCall = (m: MarkRecord) => m.id.startsWith(PREFIX);
const parse = (m: MarkRecord): StoredRollCall => JSON.parse(m.value) as StoredRollCall;
const isOpen = (m: MarkRecord) => isRollCall(m) && !parse(m).endedAt;

export async function startRollCall(ctx: Ctx, by: string): Promise<RollCall> {
  const now = ctx.clock().toISOString();
  const visits = await onSite(ctx);
  const id = `rc-${randomBytes(6).toString('hex')}`;
  const stored: StoredRollCall = {
    startedAt: now, startedBy: by,
    entries: visits.map((v) => ({ visitId: v.id, number: v.number, companions: v.companions ?? 0, accounted: false })),
  };
  const landed = await ctx.store.insert('marks', { id: PREFIX + id, value: JSON.stringify(stored), at: now }, isOpen);
  if (!landed) {
    const open = (await ctx.store.list('marks')).find(isOpen);
    throw new DomainError('rollcall-open', 'A roll call is already open: end it first', 409, undefined, open ? { rollcallId: open.id.slice(PREFIX.length) } : undefined);
  }
  const rollcall = await view(ctx, id, stored);
  await record(ctx, { kind: 'rollcall-started', actor: by, data: { rollcall: id, ...rollcall.counts } });
  ctx.io.to(ROOMS).emit('rollcall:updated', { rollcall });
  return rollcall;
}

export async function markRollCall(ctx: Ctx, id: string, visitId: string, accounted: boolean, by: string): Promise<RollCall> {
  const at = ctx.clock().toISOString();
  let refusal: DomainError | undefined;
  const mark = await ctx.store.update('marks', PREFIX + id, (m) => {
    if (!m) return undefined;
    const rc = parse(m);
    if (rc.endedAt) { refusal = new DomainError('rollcall-ended', 'This roll call has ended', 409); return undefined; }
    const i = rc.entries.findIndex((e) => e.visitId === visitId);
    if (i < 0) { refusal = invalid('visitId', 'This visit is not on the roll call', 'unknown-visit'); return undefined; }
    rc.entries[i] = { ...rc.entries[i], accounted, by, at };
    rc.version = (rc.version ?? 0) + 1;
    return { ...m, value: JSON.stringify(rc), at };
  });
  if (refusal) throw refusal;
  if (!mark) throw notFound();
  const rollcall = await view(ctx, id, parse(mark));
  ctx.io.to(ROOMS).emit('rollcall:updated', { rollcall });
  return rollcall;
}

export async function endRollCall(ctx: Ctx, id: string, by: string): Promise<RollCall> {
  const at = ctx.clock().toISOString();
  let ended = false;
  const mark = await ctx.store.update('marks', PREFIX + id, (m) => {
    if (!m || parse(m).endedAt) return undefined;
    ended = true;
    const rc = parse(m);
    return { ...m, value: JSON.stringify({ ...rc, version: (rc.version ?? 0) + 1, endedAt: at, endedBy: by }), at };
  });
  if (!mark) throw notFound();
  if (!ended) throw new DomainError('rollcall-ended', 'This roll call has already ended', 409);
  const rollcall = await view(ctx, id, parse(mark));
  await record(ctx, { kind: 'rollcall-ended', actor: by, data: { rollcall: id, ...rollcall.counts } });
  ctx.io.to(ROOMS).emit('rollcall:updated', { rollcall });
  return rollcall;
}

export async function getRollCall(ctx: Ctx, id: string): Promise<RollCall> {
  const mark = await ctx.store.get('marks', PREFIX + id);
  if (!mark) throw notFound();
  return view(ctx, id, parse(mark));
}

/** Every roll call, newest first, without their entries (counts only). */
export async function listRollCalls(ctx: Ctx): Promise<Array<Omit<RollCall, 'entries'>>> {
  const marks = (await ctx.store.list('marks')).filter(isRollCall);
  return marks.map((m) => {
    const { entries, ...rest } = parse(m);
    return { id: m.id.slice(PREFIX.length), ...rest, version: rest.version ?? 0, counts: countsOf(entries) };
  }).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

function countsOf(entries: ReadonlyArray<Pick<StoredEntry, 'companions' | 'accounted'>>): RollCall['counts'] {
  const people = entries.reduce((n, e) => n + 1 + e.companions, 0);
  const accounted = entries.reduce((n, e) => n + (e.accounted ? 1 + e.companions : 0), 0);
  return { people, accounted, missing: people - accounted };
}

async function view(ctx: Ctx, id: string, rc: StoredRollCall): Promise<RollCall> {
  const entries: RollCallEntry[] = await Promise.all(rc.entries.map(async (e) => {
    const v = await ctx.store.getVisit(e.visitId);
    return {
      ...e, name: v?.visitor.name ?? '', number: e.number,
      ...(v?.host?.name ? { hostName: v.host.name } : {}),
      ...(v?.companionNames?.length ? { companionNames: v.companionNames } : {}),
    };
  }));
  return { id, ...rc, version: rc.version ?? 0, entries, counts: countsOf(rc.entries) };
}

const notFound = () => new DomainError('not-found', 'No roll call has this id', 404);
