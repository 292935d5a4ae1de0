// Which printers a kiosk or the desk prints on: the first, then fallbacks in order, chosen from the site's printers.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { PrinterView } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { useAction } from '../../ui/useAction.ts';
import { useT, type Translate } from '../i18n.ts';
import { failure, msg, type Message } from '../problems.ts';
import { Outcome } from '../forms.tsx';

/** As many printers as the server takes for one kiosk or the desk. */
export const MAX_ROUTE = 5;

/** "Lobby A → Lobby B", or the configured printers when none is chosen. */
export function routeNames(ids: string[] | undefined, printers: PrinterView[], t: Translate): string {
  if (!ids?.length) return t('kioskPrintsDefault');
  const names = ids.map((id) => printers.find((p) => p.id === id)?.name ?? t('printerGone'));
  return t('kioskPrintsOn', { names: names.join(' → ') });
}

interface Props {
  printers: PrinterView[];
  value: string[];
  onSave: (ids: string[]) => Promise<unknown>;
  /** Names the group for screen readers (the kiosk's or the desk's). */
  label: string;
}

export function PrintersRoute({ printers, value, onSave, label }: Props) {
  const t = useT();
  const id = useId();
  const [draft, setDraft] = useState<string[]>(value);
  const [problem, setProblem] = useState<Message | null>(null);
  const [done, setDone] = useState<Message | null>(null);
  // A saved change from elsewhere replaces the draft; the first render's value is already in it (an effect that set it
  // again after mounting could undo a choice made meanwhile).
  const key = value.join(',');
  const shown = useRef(key);
  useEffect(() => {
    if (shown.current !== key) { shown.current = key; setDraft(value); }
  }, [key]);
  // One select per chosen printer, and one more (empty) to add the next fallback.
  const slots = Math.min(MAX_ROUTE, draft.length + 1);
  const choose = (i: number, printerId: string) => {
    setDone(null); setProblem(null);
    setDraft((d) => (printerId ? [...d.slice(0, i), printerId, ...d.slice(i + 1)] : [...d.slice(0, i), ...d.slice(i + 1)]).filter((x, j, all) => all.indexOf(x) === j));
  };
  const [save, saving] = useAction(async () => {
    setProblem(null); setDone(null);
    try {
      await onSave(draft);
      setDone(msg('routeSaved'));
    } catch (error) { setProblem(failure(error)); }
  });
  return (
    <form class="printer-route" aria-label={label} noValidate onSubmit={(event) => { event.preventDefault(); save(); }}>
      {Array.from({ length: slots }, (_, i) => (
        <label key={i} class="field" for={`${id}-${i}`}>
          <span class="field-label">{i === 0 ? t('routeFirst') : t('routeFallback', { n: i })}</span>
          <select id={`${id}-${i}`} class="field-input" value={draft[i] ?? ''} onChange={(e) => choose(i, (e.target as HTMLSelectElement).value)}>
            <option value="">{i === 0 ? t('routeDefault') : t('routeNone')}</option>
            {printers.filter((p) => p.id === draft[i] || !draft.includes(p.id)).map((p) => (
              <option key={p.id} value={p.id}>{p.active ? p.name : `${p.name} (${t('printerStatus_off')})`}</option>
            ))}
          </select>
        </label>
      ))}
      <Outcome problem={problem} done={done} />
      <Button type="submit" busy={saving}>{t('save')}</Button>
    </form>
  );
}
