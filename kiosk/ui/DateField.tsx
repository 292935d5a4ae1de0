// A day written YYYY-MM-DD on every browser and language: the browser's own date input follows the operating system's
// locale (11/30/2026 on one machine, 30.11.2026 on the next). Typed (digits only; the dashes come by themselves, ↑ ↓
// step a day) or picked from a month grid in a dialog (arrows, Page Up/Down, Enter; 48 px days for a finger).
import './date-field.css';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { LabelText } from './Field.tsx';
import type { Lang } from './lang.ts';
import { addDays, addMonths, isDay, localToday, shapeDay, utc } from './date-text.ts';

export { isDay, shapeDay };

const WORDS = {
  'zh-CN': { pick: '选择日期', previous: '上个月', next: '下个月', today: '今天', clear: '清除', close: '取消', format: '请按 年-月-日 填写，例如 {example}' },
  en: { pick: 'Choose a date', previous: 'Previous month', next: 'Next month', today: 'Today', clear: 'Clear', close: 'Cancel', format: 'Write the date as YYYY-MM-DD, e.g. {example}' },
} as const;

export interface DateFieldProps {
  label: string;
  /** YYYY-MM-DD, or '' for none. */
  value: string;
  /** Called with a whole, real day, or '' while the field is empty or holds something else (its own error says what). */
  onInput: (value: string) => void;
  lang: Lang;
  error?: string | null;
  optional?: string;
  name?: string;
  /** The day the grid opens on when empty and marks as today (e.g. the site's day rather than this browser's). */
  today?: string;
}

export function DateField({ label, value, onInput, lang, error, optional, name, today = localToday() }: DateFieldProps) {
  const id = useId();
  const words = WORDS[lang];
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(value);
  const [touched, setTouched] = useState(false);
  const [open, setOpen] = useState(false);
  useEffect(() => { if (value !== (isDay(text) ? text : '')) setText(value); }, [value]);
  const wrong = text !== '' && !isDay(text);
  // Something typed that is no day says so (once left, or whole), over any error of the form's (e.g. "required").
  const ownError = wrong && (touched || text.length >= 10 || error) ? words.format.replace('{example}', today) : '';
  useEffect(() => { input.current?.setCustomValidity(wrong ? words.format.replace('{example}', today) : ''); }, [wrong, lang]);

  const take = (next: string) => {
    setText(next);
    onInput(isDay(next) ? next : '');
  };
  const step = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    take(addDays(isDay(text) ? text : today, event.key === 'ArrowUp' ? 1 : -1));
  };
  const shown = ownError || error;
  return (
    <div class={`field date-field${shown ? ' field-invalid' : ''}`}>
      <label for={id} class="field-label"><LabelText label={label} optional={optional} /></label>
      <div class="date-field-row">
        <input
          id={id} ref={input} name={name} class="field-input date-field-input" type="text" inputMode="numeric" placeholder="YYYY-MM-DD"
          value={text} maxLength={10} autoComplete="off" spellcheck={false} aria-invalid={shown ? true : undefined} aria-describedby={`${id}-error`}
          onInput={(event) => take(shapeDay((event.currentTarget as HTMLInputElement).value))}
          onKeyDown={step} onBlur={() => { setTouched(true); if (/^\d{4}-\d\d-\d$/.test(text)) take(text.replace(/-(\d)$/, '-0$1')); }}
        />
        <button type="button" class="button button-secondary date-field-open" aria-label={words.pick} aria-haspopup="dialog" onClick={() => setOpen(true)}>
          <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true"><path fill="currentColor" d="M7 2h2v2h6V2h2v2h3a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3zm12 8H5v9h14zM5 6v2h14V6zm2 6h4v4H7z" /></svg>
        </button>
      </div>
      <p id={`${id}-error`} class="field-error" role="alert">{shown || ''}</p>
      {open && (
        <MonthGrid
          lang={lang} label={label} selected={isDay(text) ? text : ''} today={today} clearable={Boolean(optional)}
          onPick={(day) => { setOpen(false); setTouched(true); take(day); input.current?.focus(); }}
          onClose={() => { setOpen(false); input.current?.focus(); }}
        />
      )}
    </div>
  );
}

function MonthGrid({ lang, label, selected, today, clearable, onPick, onClose }: {
  lang: Lang; label: string; selected: string; today: string; clearable: boolean;
  onPick: (day: string) => void; onClose: () => void;
}) {
  const words = WORDS[lang];
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [focus, setFocus] = useState(selected || today);
  useEffect(() => { dialog.current?.showModal(); }, []);
  useEffect(() => { dialog.current?.querySelector<HTMLButtonElement>(`[data-day="${focus}"]`)?.focus(); }, [focus]);
  const first = `${focus.slice(0, 8)}01`;
  const lead = (utc(first).getUTCDay() + 6) % 7; // Monday first
  const days = Array.from({ length: 42 }, (_, i) => addDays(first, i - lead));
  const month = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(utc(first));
  const weekdays = days.slice(0, 7).map((d) => new Intl.DateTimeFormat(lang, { weekday: 'narrow', timeZone: 'UTC' }).format(utc(d)));
  const move = (event: KeyboardEvent) => {
    const from = (event.target as HTMLElement).dataset?.day ?? focus;
    const by: Record<string, () => string> = {
      ArrowLeft: () => addDays(from, -1), ArrowRight: () => addDays(from, 1), ArrowUp: () => addDays(from, -7), ArrowDown: () => addDays(from, 7),
      PageUp: () => addMonths(from, -1), PageDown: () => addMonths(from, 1),
    };
    if (!by[event.key]) return;
    event.preventDefault();
    const next = by[event.key]();
    // Focused at once when the day is on screen, so a key pressed straight after goes to it; else after the new month shows.
    dialog.current?.querySelector<HTMLButtonElement>(`[data-day="${next}"]`)?.focus();
    setFocus(next);
  };
  return (
    <dialog ref={dialog} class="date-grid" aria-labelledby={titleId} onCancel={(event) => { event.preventDefault(); onClose(); }}
      onClick={(event) => { if (event.target === dialog.current) onClose(); }}>
      <p class="date-grid-for">{label}</p>
      <div class="date-grid-head">
        <button type="button" class="button button-secondary" aria-label={words.previous} onClick={() => setFocus(addMonths(focus, -1))}>‹</button>
        <h2 id={titleId} class="date-grid-month" aria-live="polite">{month}</h2>
        <button type="button" class="button button-secondary" aria-label={words.next} onClick={() => setFocus(addMonths(focus, 1))}>›</button>
      </div>
      <div class="date-grid-days" role="grid" aria-labelledby={titleId} onKeyDown={move}>
        {weekdays.map((w) => <span class="date-grid-weekday" aria-hidden="true">{w}</span>)}
        {days.map((day) => (
          <button
            type="button" data-day={day} tabIndex={day === focus ? 0 : -1} aria-label={day} aria-pressed={day === selected}
            class={`date-grid-day${day.slice(0, 7) === first.slice(0, 7) ? '' : ' date-grid-other'}${day === today ? ' date-grid-today' : ''}${day === selected ? ' date-grid-selected' : ''}`}
            onClick={() => onPick(day)}
          >{Number(day.slice(8))}</button>
        ))}
      </div>
      <div class="date-grid-actions">
        <button type="button" class="button button-secondary" onClick={() => onPick(today)}>{words.today}</button>
        {clearable && <button type="button" class="button button-secondary" onClick={() => onPick('')}>{words.clear}</button>}
        <button type="button" class="button button-quiet" onClick={onClose}>{words.close}</button>
      </div>
    </dialog>
  );
}
