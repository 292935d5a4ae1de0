// Reception's exceptions: a lost badge (voided, a new one printed) and the panic button.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import { DomainError } from '../domain/errors.ts';
import { AttemptLimiter } from '../domain/appointments.ts';
import { actorOf } from '../auth.ts';
import { record } from '../events.ts';
import { alert, visitView } from '../notify.ts';
import { issueBadge } from '../flows/badge.ts';
import { text } from './validate.ts';

/** A device may raise the alarm this often; more is a stuck button or mischief, and security already knows. */
const PANIC_MAX = 3;
const PANIC_WINDOW_MS = 60_000;

export function exceptionRoutes(ctx: Ctx, r: Router): void {
  r.add('POST', '/api/visits/:id/lost-badge', ['reception', 'security', 'admin'], async ({ params, who }) => {
    const before = await ctx.store.getVisit(params.id);
    if (!before) throw new DomainError('not-found', 'No visit has this id', 404);
    const job = await issueBadge(ctx, params.id, { actor: actorOf(who), reprint: true });
    const visit = (await ctx.store.getVisit(params.id))!;
    await record(ctx, { kind: 'badge-lost', visitId: visit.id, actor: actorOf(who), data: { voidedSerial: before.badge?.serial ?? 0, serial: visit.badge?.serial ?? 0, job: job.id } });
    return { body: { job, visit: visitView(visit) } };
  });

  const panics = new AttemptLimiter(ctx.store, 'panic', PANIC_MAX, PANIC_WINDOW_MS);
  r.add('POST', '/api/panic', ['reception', 'security', 'admin', 'kiosk'], async ({ body, who }) => {
    const where = text(body, 'where', { max: 80, required: true })!;
    const actor = actorOf(who);
    const now = ctx.clock();
    if (!(await panics.hit(actor, now.getTime()))) {
      throw new DomainError('too-many-attempts', 'The alarm from this device was raised just now: security has it', 429);
    }
    const device = who?.kind === 'kiosk' ? who.kiosk.name : undefined;
    const event = await record(ctx, { kind: 'panic-pressed', actor, data: { where, ...(device ? { device } : {}) } });
    alert(ctx, { kind: 'panic', message: `Panic: ${where}`, data: { where, by: actor, ...(device ? { device } : {}) } });
    return { status: 201, body: { at: now.toISOString(), event: event.id } };
  });
}
