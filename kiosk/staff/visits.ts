// Keeping a list of visits current from a fetch and the live events, whichever arrives first.
import type { Visit, VisitStatus } from '../../server/protocol.ts';

const RANK: Record<VisitStatus, number> = {
  'awaiting-host': 0, approved: 1, 'on-site': 2, 'checked-out': 3, denied: 3, refused: 3, expired: 3, cancelled: 3,
};

/** A visit only moves forward: an older copy arriving late never undoes a decision. */
export function laterOf(current: Visit | undefined, incoming: Visit): Visit {
  if (!current) return incoming;
  return RANK[incoming.status] >= RANK[current.status] ? incoming : current;
}

export function merge(list: Map<string, Visit>, incoming: Visit[]): Map<string, Visit> {
  const next = new Map(list);
  for (const visit of incoming) next.set(visit.id, laterOf(next.get(visit.id), visit));
  return next;
}

export const byTime = (a: Visit, b: Visit) => a.createdAt.localeCompare(b.createdAt);
