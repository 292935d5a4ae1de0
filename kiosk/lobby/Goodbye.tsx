// Checked out: say goodbye and list the items declared at entry, so they can be checked at the door.
import type { Visit } from '../../server/protocol.ts';
import { Button } from '../ui/Button.tsx';
import { keyOfText, useT, type Translate } from '../ui/i18n.ts';
import { Notice } from '../ui/Screen.tsx';
import { ITEM_KEYS } from './choices.ts';

/** The items declared at entry, in today's language: they were stored in the language of the day they came in. */
export const itemsToday = (visit: Visit, t: Translate) => visit.items.map((item) => {
  const key = keyOfText(item, ITEM_KEYS);
  return key ? t(key) : item;
});

export function Goodbye({ visit, onDone }: { visit: Visit; onDone: () => void }) {
  const t = useT();
  const items = itemsToday(visit, t);
  return (
    <Notice name="goodbye" tone="good" title={t('goodbyeTitle', { name: visit.visitor.name })} actions={<Button onClick={onDone}>{t('done')}</Button>}>
      <p class="lead">{t('goodbyeBody')}</p>
      {items.length > 0 && (
        <div class="items-check">
          <p>{t('goodbyeItems')}</p>
          <ul class="items-list">{items.map((item) => <li key={item}>{item}</li>)}</ul>
        </div>
      )}
    </Notice>
  );
}
