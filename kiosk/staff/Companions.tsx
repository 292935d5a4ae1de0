// How many came with a visitor, and their names where reception or the visitor gave them.
import type { Visit } from '../../server/protocol.ts';
import { useT } from './i18n.ts';
import { companionNames } from './visits.ts';

export function CompanionsDetail({ visit }: { visit: Pick<Visit, 'companions' | 'companionNames'> }) {
  const t = useT();
  const names = companionNames(visit);
  return <>{visit.companions}{names.length > 0 && <span class="cell-detail companions">{names.join(t('listSeparator'))}</span>}</>;
}
