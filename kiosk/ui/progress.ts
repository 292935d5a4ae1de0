// How far along a visit is, for keeping the newest of two copies that arrived out of order (socket vs HTTP).
import type { Visit, VisitStatus } from '../../server/protocol.ts';

const STATUS_ORDER: VisitStatus[] = ['awaiting-host', 'approved', 'on-site', 'checked-out'];
const PRINT_ORDER = ['pending', 'printed', 'failed'];
const progress = (visit: Visit) => [
  STATUS_ORDER.includes(visit.status) ? STATUS_ORDER.indexOf(visit.status) : STATUS_ORDER.length,
  visit.badge ? PRINT_ORDER.indexOf(visit.badge.print) : -1,
];

/** A visit only moves forward: of two copies the further along wins, so a late old one never undoes a decision; ties go to `incoming`. */
export function laterOf(current: Visit, incoming: Visit): Visit {
  const [a, b] = [progress(current), progress(incoming)];
  return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]) ? current : incoming;
}
