// Finding someone on site at the desk: by name, number, company or host as typed, or by their badge scanned (a wedge
// scanner types the code and Enter).
import type { Visit } from '../../../server/protocol.ts';

/** A badge code (FY1.<visit id>.…) names its visit: the visit on the list it belongs to, if any. */
export function visitOfBadge(value: string, visits: readonly Visit[]): Visit | undefined {
  const code = value.trim();
  if (!code.startsWith('FY1.')) return undefined;
  const id = code.split('.')[1];
  return visits.find((v) => v.id === id);
}

const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, '');

export function findOnsite(visits: readonly Visit[], query: string): Visit[] {
  const q = fold(query);
  if (!q) return [...visits];
  return visits.filter((v) => [v.visitor.name, v.number, v.visitor.company ?? '', v.host?.name ?? '', ...(v.companionNames ?? [])]
    .some((field) => fold(field).includes(q)));
}
