// Read-change-write of one visit: the store applies the change atomically; the per-visit turn only
// keeps the live updates in the order the changes were made.
import type { Ctx } from '../context.ts';
import type { VisitRecord } from '../../data/store.ts';
import { DomainError } from '../domain/errors.ts';
import { visitUpdated } from '../notify.ts';
import { inTurn } from '../serial.ts';

/** change gets the current visit and returns it unchanged, or the next visit; a throw changes nothing. */
export function changeVisit(ctx: Ctx, id: string, change: (visit: VisitRecord) => VisitRecord): Promise<VisitRecord> {
  return inTurn(ctx.store, `visit:${id}`, async () => {
    let changed = false;
    const stored = await ctx.store.updateVisit(id, (visit) => {
      const next = change(visit);
      changed = next !== visit;
      return changed ? next : undefined;
    });
    if (!stored) throw new DomainError('not-found', 'No visit has this id', 404);
    if (changed) await visitUpdated(ctx, stored);
    return stored;
  });
}
