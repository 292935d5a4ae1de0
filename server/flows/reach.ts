// Who is told of a walk-in, and the truth about it: the host if they can be reached now (a console open on any
// server, or a channel this server can send on), else their delegate if reachable, else reception at once. The
// visit starts at that escalation level, so the kiosk says who was actually told, and the log never claims a
// notification that did not happen.
import type { Ctx } from '../context.ts';
import type { VisitRecord } from '../../data/store.ts';
import type { EscalationLevel, Host } from '../protocol.ts';
import { record } from '../events.ts';
import { alert, hostRoom, roleRoom, visitArrived } from '../notify.ts';
import { withDepartmentChannels } from '../notify/departments.ts';

export interface Route { level: EscalationLevel; to?: Host; via: string[] }

/** How a host can be told now: 'console' while one of their consoles is connected, then their usable channels. */
export async function waysToReach(ctx: Ctx, host: Host): Promise<string[]> {
  const room = hostRoom(host.id);
  // With several servers the others are asked too; one that died unseen would hold every check-in for the
  // adapter's timeout, so after a second this server answers from its own sockets.
  const consoles = await ctx.io.in(room).timeout(CLUSTER_ANSWER_MS).fetchSockets()
    .catch(() => ctx.io.local.in(room).fetchSockets());
  const push = (await ctx.deliveries.pushable(host.id)) ? ['push'] : [];
  return [...(consoles.length > 0 ? ['console'] : []), ...ctx.deliveries.usable(host), ...push];
}

const CLUSTER_ANSWER_MS = 1000;

// A host without channels of their own counts (and is told through) their department's; route.to carries them.
export async function routeArrival(ctx: Ctx, stored: Host): Promise<Route> {
  const host = await withDepartmentChannels(ctx, stored);
  const via = await waysToReach(ctx, host);
  if (via.length > 0) return { level: 'host', to: host, via };
  const listed = host.delegateId ? await ctx.store.get('hosts', host.delegateId) : undefined;
  const delegate = listed && await withDepartmentChannels(ctx, listed);
  const delegateVia = delegate ? await waysToReach(ctx, delegate) : [];
  if (delegate && delegateVia.length > 0) return { level: 'delegate', to: delegate, via: delegateVia };
  return { level: 'reception', via: ['console'] };
}

/** Tells whoever the route names; the log says who and how, and that the host could not be reached when not.
 *  told: what the host's channels say (a group's lead names the whole group: flows/group.ts). */
export async function announce(ctx: Ctx, visit: VisitRecord, host: Host, route: Route, told: VisitRecord = visit): Promise<void> {
  const base = { visitId: visit.id, actor: 'system' };
  if (route.level !== 'host') await record(ctx, { ...base, kind: 'host-unreachable', data: { host: host.id, level: route.level } });
  if (route.level === 'reception') {
    visitArrived(ctx, visit, [roleRoom('reception')]);
    alert(ctx, { kind: 'escalation', visitId: visit.id, message: `Visitor ${visit.number}'s host cannot be reached now: please decide at the desk`, data: { reason: 'host-unreachable', number: visit.number } }, ['reception']);
    return;
  }
  const to = route.to!;
  visitArrived(ctx, visit, [hostRoom(to.id)]);
  const channels = ctx.deliveries.tell(told, to, 'arrived');
  const via = [...(route.via.includes('console') ? ['console'] : []), ...channels, ...(route.via.includes('push') ? ['push'] : [])].join(',');
  await record(ctx, { ...base, kind: 'host-notified', data: { host: to.id, level: route.level, via } });
}
