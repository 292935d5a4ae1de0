// Reception's exceptions: a lost badge (voided, a new one printed), the panic button, and today's expected visitors.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import { DomainError } from '../domain/errors.ts';
import { AttemptLimiter } from '../domain/appointments.ts';
import { actorOf } from '../auth.ts';
import { record } from '../events.ts';
import { alert, visitView } from '../notify.ts';
import { issueBadge } from '../flows/badge.ts';
import { text } from './validate.ts';
import { siteDay } from '../domain/sitetime.ts';
import type { Visit } from '../protocol.ts';

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

  r.add('GET', '/api/appointments/today', ['reception', 'security', 'supervisor', 'admin'], async () => {
    const now = ctx.clock();
    const today = siteDay(now, ctx.config.timeZone);
    // The site's day spans two UTC days at most: read both, keep those whose start falls on today's site day.
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const found = (await ctx.store.appointmentsStarting(yesterday, today))
      .filter((a) => siteDay(new Date(a.start), ctx.config.timeZone) === today)
      .sort((a, b) => a.start.localeCompare(b.start));
    const hosts = new Map((await ctx.store.list('hosts')).map((h) => [h.id, h]));
    const appointments = await Promise.all(found.map(async (a) => {
      const visit = a.usedByVisitId ? await ctx.store.getVisit(a.usedByVisitId) : undefined;
      const host = hosts.get(a.hostId);
      const status: Visit['status'] | 'expected' | 'missed' = visit?.status ?? (a.end < now.toISOString() ? 'missed' : 'expected');
      return {
        id: a.id, visitor: { name: a.visitor.name, ...(a.visitor.company ? { company: a.visitor.company } : {}) },
        ...(host ? { host: { id: host.id, name: host.name, department: host.department } } : {}),
        start: a.start, end: a.end, purpose: a.purpose, status, ...(visit ? { visitId: visit.id, number: visit.number } : {}),
      };
    }));
    return { body: { day: today, appointments } };
  });
}
