// Keeping a list of visits current from a fetch and the live events, whichever arrives first; and counting who is in it.
import type { Visit } from '../../server/protocol.ts';
import { laterOf } from '../ui/progress.ts';
import type { Translate } from './i18n.ts';

export function merge(list: Map<string, Visit>, incoming: Visit[]): Map<string, Visit> {
  const next = new Map(list);
  for (const visit of incoming) {
    const known = next.get(visit.id);
    next.set(visit.id, known ? laterOf(known, visit) : visit);
  }
  return next;
}

export const byTime = (a: Visit, b: Visit) => a.createdAt.localeCompare(b.createdAt);

/** People on site: each visitor and the companions with them, what an evacuation counts (the server's peopleOf). */
export const peopleIn = (visits: readonly Pick<Visit, 'companions'>[]) => visits.reduce((sum, v) => sum + 1 + (v.companions ?? 0), 0);

/** "7 people (5 visitors)", in the page's language. */
export function headcount(t: Translate, people: number, visitors: number): { people: string; visitors: string } {
  return {
    people: people === 1 ? t('peopleOne') : t('peopleMany', { n: people }),
    visitors: visitors === 1 ? t('visitorsOne') : t('visitorsMany', { n: visitors }),
  };
}

/** The companions' names that were given (at most one per companion). */
export const companionNames = (visit: Pick<Visit, 'companions' | 'companionNames'>) =>
  (visit.companionNames ?? []).filter(Boolean).slice(0, visit.companions);

/** Who came with the visitor: their names where given, else how many; null when nobody did. */
export function companionsText(t: Translate, visit: Pick<Visit, 'companions' | 'companionNames'>): string | null {
  if (!visit.companions) return null;
  const names = companionNames(visit);
  if (names.length === 0) return t('companionsCount', { n: visit.companions });
  const unnamed = visit.companions - names.length;
  const list = names.join(t('listSeparator'));
  return unnamed > 0 ? t('companionsWithMore', { names: list, n: unnamed }) : t('companionsWith', { names: list });
}
