// Read-change-write of one visit, serialised per visit so two taps or two deciders never both win.
import type { Ctx } from '../context.ts';
import type { VisitRecord } from '../../data/store.ts';
import { DomainError } from '../domain/errors.ts';
import { visitUpdated } from '../notify.ts';

const queues = new WeakMap<object, Map<string, Promise<unknown>>>();

export function changeVisit(
  ctx: Ctx,
  id: string,
  change: (visit: VisitRecord) => VisitRecord | Promise<VisitRecord>,
): Promise<VisitRecord> {
  let perStore = queues.get(ctx.store);
  if (!perStore) queues.set(ctx.store, (perStore = new Map()));
  const run = (perStore.get(id) ?? Promise.resolve()).then(async () => {
    const visit = await ctx.store.getVisit(id);
    if (!visit) throw new DomainError('not-found', 'No visit has this id', 404);
    const next = await change(visit);
    if (next !== visit) {
      await ctx.store.putVisit(next);
      await visitUpdated(ctx, next);
    }
    return next;
  });
  const settled = run.catch(() => undefined);
  perStore.set(id, settled);
  void settled.then(() => { if (perStore!.get(id) === settled) perStore!.delete(id); });
  return run;
}
