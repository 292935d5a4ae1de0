// Keeping a list of visits current from a fetch and the live events, whichever arrives first.
import type { Visit } from '../../server/protocol.ts';
import { laterOf } from '../ui/progress.ts';

export function merge(list: Map<string, Visit>, incoming: Visit[]): Map<string, Visit> {
  const next = new Map(list);
  for (const visit of incoming) {
    const known = next.get(visit.id);
    next.set(visit.id, known ? laterOf(known, visit) : visit);
  }
  return next;
}

export const byTime = (a: Visit, b: Visit) => a.createdAt.localeCompare(b.createdAt);
