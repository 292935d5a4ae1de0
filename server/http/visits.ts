// Visits over HTTP: register, read, decide, reprint, scan, who is on site.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { Principal } from '../auth.ts';
import { actorOf } from '../auth.ts';
import type { VisitRecord } from '../../data/store.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { peopleOf } from '../protocol.ts';
import { text } from './validate.ts';
import { visitView } from '../notify.ts';
import { parseRegistration, register } from '../flows/register.ts';
import { parseGroup, registerGroup } from '../flows/group.ts';
import { decide, mayDecide, parseDecision } from '../flows/decide.ts';
import { parseWords, sendWords } from '../flows/host-message.ts';
import { askedSecond } from '../flows/second-approval.ts';
import { issueBadge } from '../flows/badge.ts';
import { checkOutByHand, parseScan, scan } from '../flows/scan.ts';
import { record } from '../events.ts';
import { siteDay } from '../domain/visits.ts';
import { asksHistory, parseHistory, visitHistory } from '../flows/visit-history.ts';

export function visitRoutes(ctx: Ctx, r: Router): void {
  r.add('POST', '/api/visits', ['kiosk', 'reception'], async ({ body, who }) => {
    const { visit, repeated } = await register(ctx, who!, parseRegistration(body));
    return { status: repeated ? 200 : 201, body: { visit: visitView(visit) } };
  });

  r.add('POST', '/api/visits/group', ['reception'], async ({ body, who }) => {
    const { visits, groupId, repeated } = await registerGroup(ctx, who!, parseGroup(body));
    return { status: repeated ? 200 : 201, body: { visits: visits.map(visitView), groupId } };
  });

  r.add('GET', '/api/visits/:id', ['kiosk', 'host', 'reception', 'security', 'supervisor', 'admin'], async ({ params, who }) => {
    const visit = await visible(ctx, who!, params.id);
    // Staff reading one visitor's details is audited; the kiosk following its own visitor is not.
    if (who!.kind === 'user') await record(ctx, { kind: 'visit-viewed', visitId: visit.id, actor: actorOf(who) });
    return { body: { visit: visitView(visit), now: ctx.clock().toISOString() } };
  });

  r.add('POST', '/api/visits/:id/message', ['host', 'reception', 'admin'], async ({ params, body, who }) => {
    await visible(ctx, who!, params.id);
    return { body: { visit: visitView(await sendWords(ctx, who!, params.id, parseWords(body))), now: ctx.clock().toISOString() } };
  });

  r.add('POST', '/api/visits/:id/decision', ['host', 'reception', 'admin'], async ({ params, body, who }) => {
    await visible(ctx, who!, params.id);
    return { body: { visit: visitView(await decide(ctx, who!, params.id, parseDecision(body))) } };
  });

  r.add('POST', '/api/visits/:id/badge', ['kiosk', 'reception'], async ({ params, who }) => {
    await visible(ctx, who!, params.id);
    return { body: { job: await issueBadge(ctx, params.id, { actor: actorOf(who), reprint: true, fromKiosk: who!.kind === 'kiosk' }) } };
  });

  r.add('POST', '/api/visits/:id/checkout', ['reception', 'security', 'admin'], async ({ params, body, who }) => {
    const reason = text(body, 'reason', { max: 200 });
    return { body: { visit: visitView(await checkOutByHand(ctx, actorOf(who), params.id, reason)) } };
  });

  r.add('POST', '/api/scan', ['kiosk', 'security', 'reception'], async ({ body, who }) => {
    const { code, direction } = parseScan(body);
    const { visit, movement } = await scan(ctx, who!, code, direction);
    return { body: { visit: visitView(visit), movement } };
  });

  r.add('GET', '/api/onsite', ['security', 'reception', 'supervisor', 'admin'], async () => {
    const visits = await onSite(ctx);
    return { body: { visits: visits.map(visitView), people: peopleOf(visits) } };
  });

  r.add('GET', '/api/visits', ['reception', 'security', 'supervisor', 'admin', 'host'], async ({ query, who }) => {
    if (asksHistory(query)) {
      const { filter, cursor, limit } = parseHistory(query, siteDay(ctx.clock(), ctx.config.timeZone));
      const page = await visitHistory(ctx, filter, limit, cursor);
      const shown = who!.kind === 'user' && who!.user.role === 'host' ? await filterAsync(page.visits, (v) => mayFollow(ctx, who!, v)) : page.visits;
      return { body: { visits: shown.map(visitView), ...(page.next ? { next: page.next } : {}) } };
    }
    const day = dayParam(query.get('day'));
    const visits = day ? await ctx.store.visitsOfDay(day) : await ctx.store.openVisits();
    const mine = who!.kind === 'user' && who!.user.role === 'host'
      ? await filterAsync(visits, (v) => mayFollow(ctx, who!, v)) : visits;
    return { body: { visits: mine.map(visitView) } };
  });
}

/** 404 for an unknown id; 403 for a visit that is not this kiosk's or this host's. */
async function visible(ctx: Ctx, who: Principal, id: string): Promise<VisitRecord> {
  const visit = await ctx.store.getVisit(id);
  if (!visit) throw new DomainError('not-found', 'No visit has this id', 404);
  if (who.kind === 'kiosk') {
    if (visit.kioskId !== who.kiosk.id) throw new DomainError('forbidden', 'This visit was registered at another kiosk', 403);
  } else if (who.user.role === 'host' && !(await mayFollow(ctx, who, visit))) {
    throw new DomainError('forbidden', 'This visit is for another host', 403);
  }
  return visit;
}

/** A host sees the visits they may decide and those they were asked to approve second. */
const mayFollow = async (ctx: Ctx, who: Principal, v: VisitRecord) => askedSecond(who, v) || mayDecide(ctx, who, v);

/** Everyone on site, longest there first: the list a roll call works from. */
export async function onSite(ctx: Ctx): Promise<VisitRecord[]> {
  const visits = await ctx.store.openVisits((v) => v.status === 'on-site');
  return visits.sort((a, b) => (a.checkedInAt ?? '').localeCompare(b.checkedInAt ?? ''));
}

/** A calendar day YYYY-MM-DD that exists (2026-13-45 does not), or undefined when none is asked for. */
function dayParam(v: string | null): string | undefined {
  if (v === null || v === '') return undefined;
  const t = Date.parse(`${v}T00:00:00Z`);
  if (!/^\d{4}-\d\d-\d\d$/.test(v) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== v) {
    throw invalid('day', 'day must be a date YYYY-MM-DD');
  }
  return v;
}

async function filterAsync<T>(items: T[], keep: (t: T) => Promise<boolean>): Promise<T[]> {
  const flags = await Promise.all(items.map(keep));
  return items.filter((_, i) => flags[i]);
}
