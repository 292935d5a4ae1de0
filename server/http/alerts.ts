// The alert list: GET /api/alerts, POST /api/alerts/:id/ack.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { actorOf } from '../auth.ts';
import { ackAlert, ALERT_READERS, listAlerts } from '../flows/alerts.ts';
import { alertView } from '../notify.ts';
import { actorNames } from './security.ts';

const ROLES = ALERT_READERS;
const ALERT_ID = /^al-[0-9a-f]{16}$/;

export function alertRoutes(ctx: Ctx, r: Router): void {
  r.add('GET', '/api/alerts', ROLES, async ({ query, who }) => {
    const open = query.get('open');
    if (open !== null && open !== '1' && open !== '0') throw invalid('open', 'open must be 1 (open alerts only) or 0');
    const list = await listAlerts(ctx, roleOf(who), open === '1');
    return { body: { ...list, actors: await actorNames(ctx, list.alerts.map((a) => ({ actor: a.ackedBy }))) } };
  });

  r.add('POST', '/api/alerts/:id/ack', ROLES, async ({ params, who }) => {
    if (!ALERT_ID.test(params.id)) throw new DomainError('alert-not-found', 'No such alert', 404);
    return { body: { alert: alertView(await ackAlert(ctx, params.id, roleOf(who), actorOf(who))) } };
  });
}

const roleOf = (who: Parameters<typeof actorOf>[0]) => (who?.kind === 'user' ? who.user.role : 'kiosk');
