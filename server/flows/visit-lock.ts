// Read-change-write of one visit, serialised per visit so two taps or two deciders never both win.
import type { Ctx } from '../context.ts';
import type { VisitRecord } from '../../data/store.ts';
import { DomainError } from '../domain/errors.ts';
import { visitUpdated } from '../notify.ts';
import { inTurn } from '../serial.ts';

export function changeVisit(
  ctx: Ctx,
  id: string,
  change: (visit: VisitRecord) => VisitRecord | Promise<VisitRecord>,
): Promise<VisitRecord> {
  return inTurn(ctx.store, `visit:${id}`, async () => {
    const visit = await ctx.store.getVisit(id);
    if (!visit) throw new DomainError('not-found', 'No visit has this id', 404);
    const next = await change(visit);
    if (next !== visit) {
      await ctx.store.putVisit(next);
      await visitUpdated(ctx, next);
    }
    return next;
  });
}
