// Erasure steps shared by the retention job and a person's request: each record in one atomic step.
import path from 'node:path';
import type { Ctx } from '../context.ts';
import type { VisitRecord } from '../../data/store.ts';
import type { Appointment } from '../protocol.ts';
import { erasability, erasedAppointment, erasedVisit, visitEndedAt, type Erasability } from '../domain/erasure.ts';
import { erasePrints, type PrintStamp } from '../../printer/virtual.ts';
import { inTurn } from '../serial.ts';

export type VisitErasure = 'erased' | Erasability | 'missing' | 'not-due';

/** Erases one visit unless it is open, already erased or (with due) not yet due. Decided and written in one
 *  step, in the visit's turn, so a change running at the same time (a check-out, another erasure) cannot
 *  write old data back or see half an erasure. */
export function eraseVisit(ctx: Ctx, id: string, due?: (v: VisitRecord) => boolean): Promise<VisitErasure> {
  return inTurn(ctx.store, `visit:${id}`, async () => {
    let outcome: VisitErasure = 'missing';
    await ctx.store.updateVisit(id, (v) => {
      const state = erasability(v);
      outcome = state !== 'erasable' ? state : due && !due(v) ? 'not-due' : 'erased';
      return outcome === 'erased' ? erasedVisit(v, ctx.clock().toISOString()) : undefined;
    });
    return outcome;
  });
}

/** Erases an invitation's visitor; false when it is gone, already erased or (with due) not yet due. */
export async function eraseAppointment(ctx: Ctx, id: string, due?: (a: Appointment) => boolean): Promise<boolean> {
  let erased = false;
  await ctx.store.update('appointments', id, (a) => {
    if (!a || a.erasedAt || (due && !due(a))) return undefined;
    erased = true;
    return erasedAppointment(a, ctx.clock().toISOString());
  });
  return erased;
}

/** After erasures: the stores keep only the erased versions, so nothing erased stays on disk in an older one. */
export async function forgetErased(ctx: Ctx, visitIds: string[], appointmentIds: string[]): Promise<void> {
  if (visitIds.length) await ctx.store.forgetOldVersions('visits', visitIds);
  if (appointmentIds.length) await ctx.store.forgetOldVersions('appointments', appointmentIds);
}

/** Runs work over the items a batch at a time and counts the trues. A batch shares the store's file writes;
 *  a small one lets live requests (a check-in) in between, instead of behind a whole day's erasures. */
export async function countAll<T>(items: readonly T[], work: (item: T) => Promise<boolean>, batch = 25): Promise<number> {
  let count = 0;
  for (let i = 0; i < items.length; i += batch) {
    count += (await Promise.all(items.slice(i, i + batch).map(work))).filter(Boolean).length;
  }
  return count;
}

/** Deletes badge prints that match, through the running virtual printer or straight from the data directory. */
export async function erasePrinted(ctx: Ctx, match: (print: PrintStamp) => boolean): Promise<number> {
  if (ctx.virtualPrints?.erase) return ctx.virtualPrints.erase(match);
  return (await erasePrints(path.join(ctx.config.dataDir, 'prints'), match)).length;
}

/** The print jobs of the visits' badges (first prints and reprints), as their log events name them;
 *  one read of the log per day of visits. */
export async function printJobsOf(ctx: Ctx, visits: readonly VisitRecord[]): Promise<Set<string>> {
  const jobs = new Set<string>();
  const byDay = new Map<string, VisitRecord[]>();
  for (const v of visits.filter((x) => x.badge)) {
    if (v.badge!.jobId) jobs.add(v.badge!.jobId);
    byDay.set(v.day, [...(byDay.get(v.day) ?? []), v]);
  }
  for (const group of byDay.values()) {
    const ids = new Set(group.map((v) => v.id));
    const from = group.map((v) => v.createdAt).sort()[0];
    const until = Math.max(...group.map((v) => Date.parse(visitEndedAt(v)))) + 60_000;
    for (const e of await ctx.store.events(from, new Date(until).toISOString())) {
      if (e.visitId && ids.has(e.visitId) && e.kind.startsWith('badge-') && typeof e.data?.job === 'string') jobs.add(e.data.job);
    }
  }
  return jobs;
}
