// Visits over HTTP: register, read, decide, reprint, scan, who is on site.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { Principal } from '../auth.ts';
import { actorOf } from '../auth.ts';
import type { VisitRecord } from '../../data/store.ts';
import { DomainError } from '../domain/errors.ts';
import { visitView } from '../notify.ts';
import { parseRegistration, register } from '../flows/register.ts';
import { decide, mayDecide, parseDecision } from '../flows/decide.ts';
import { issueBadge } from '../flows/badge.ts';
import { parseScan, scan } from '../flows/scan.ts';
import { record } from '../events.ts';

export function visitRoutes(ctx: Ctx, r: Router): void {
  r.add('POST', '/api/visits', ['kiosk', 'reception'], async ({ body, who }) => {
    const { visit, repeated } = await register(ctx, who!, parseRegistration(body));
    return { status: repeated ? 200 : 201, body: { visit: visitView(visit) } };
  });

  r.add('GET', '/api/visits/:id', ['kiosk', 'host', 'reception', 'security', 'admin'], async ({ params, who }) => {
    const visit = await visible(ctx, who!, params.id);
    // Staff reading one visitor's details is audited; the kiosk following its own visitor is not.
    if (who!.kind === 'user') await record(ctx, { kind: 'visit-viewed', visitId: visit.id, actor: actorOf(who) });
    return { body: { visit: visitView(visit) } };
  });

  r.add('POST', '/api/visits/:id/decision', ['host', 'reception', 'admin'], async ({ params, body, who }) => {
    await visible(ctx, who!, params.id);
    return { body: { visit: visitView(await decide(ctx, who!, params.id, parseDecision(body))) } };
  });

  r.add('POST', '/api/visits/:id/badge', ['kiosk', 'reception'], async ({ params, who }) => {
    await visible(ctx, who!, params.id);
    return { body: { job: await issueBadge(ctx, params.id, actorOf(who), true) } };
  });

  r.add('POST', '/api/scan', ['kiosk', 'security', 'reception'], async ({ body, who }) => {
    const { code, direction } = parseScan(body);
    const { visit, movement } = await scan(ctx, who!, code, direction);
    return { body: { visit: visitView(visit), movement } };
  });

  r.add('GET', '/api/onsite', ['security', 'reception', 'admin'], async () => {
    const visits = (await ctx.store.openVisits()).filter((v) => v.status === 'on-site');
    return { body: { visits: visits.sort((a, b) => (a.checkedInAt ?? '').localeCompare(b.checkedInAt ?? '')).map(visitView) } };
  });

  r.add('GET', '/api/visits', ['reception', 'security', 'admin', 'host'], async ({ query, who }) => {
    const day = query.get('day') ?? '';
    const visits = /^\d{4}-\d\d-\d\d$/.test(day) ? await ctx.store.visitsOfDay(day) : await ctx.store.openVisits();
    const mine = who!.kind === 'user' && who!.user.role === 'host'
      ? await filterAsync(visits, (v) => mayDecide(ctx, who!, v)) : visits;
    return { body: { visits: mine.map(visitView) } };
  });
}

/** 404 for an unknown id; 403 for a visit that is not this kiosk's or this host's. */
async function visible(ctx: Ctx, who: Principal, id: string): Promise<VisitRecord> {
  const visit = await ctx.store.getVisit(id);
  if (!visit) throw new DomainError('not-found', 'No visit has this id', 404);
  if (who.kind === 'kiosk') {
    if (visit.kioskId !== who.kiosk.id) throw new DomainError('forbidden', 'This visit was registered at another kiosk', 403);
  } else if (who.user.role === 'host' && !(await mayDecide(ctx, who, visit))) {
    throw new DomainError('forbidden', 'This visit is for another host', 403);
  }
  return visit;
}

async function filterAsync<T>(items: T[], keep: (t: T) => Promise<boolean>): Promise<T[]> {
  const flags = await Promise.all(items.map(keep));
  return items.filter((_, i) => flags[i]);
}
