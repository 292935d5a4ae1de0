// A 400 unprintable at the desk: which characters of which field would print as boxes, and the kiosk's way on
// ("Print as it is" sends the same registration again with printAnyway).
import { RequestError } from '../../api.ts';
import { Button } from '../../ui/Button.tsx';
import { useT } from '../i18n.ts';
import './group.css';

export interface UnprintableInfo { field: string; characters: string[] }

export const unprintableOf = (error: unknown): UnprintableInfo | null =>
  error instanceof RequestError && error.code === 'unprintable' && error.field ? { field: error.field, characters: error.characters ?? [] } : null;

export function Unprintable({ info, label, busy, onPrintAnyway }: { info: UnprintableInfo; label: string; busy: boolean; onPrintAnyway: () => void }) {
  const t = useT();
  return (
    <div class="unprintable" role="alert" data-field={info.field}>
      <p class="unprintable-title">{t('unprintableTitle')}</p>
      <p>{t('unprintableBody', { field: label, characters: info.characters.join(' ') })}</p>
      <p class="unprintable-characters">
        {info.characters.map((c) => <span key={c} class="unprintable-character">{c}</span>)}
      </p>
      <Button kind="secondary" busy={busy} onClick={onPrintAnyway}>{t('printAnyway')}</Button>
    </div>
  );
}
