// A time of day chosen from a list in 24-hour form (HH:MM), the same on every browser and language: the browser's own
// time input follows the operating system's locale and shows 01:00 PM on one machine and 13:00 on the next.
import { useId } from 'preact/hooks';
import { LabelText } from './Field.tsx';

const STEP_MINUTES = 15;
const pad = (n: number) => String(n).padStart(2, '0');
const GRID = Array.from({ length: (24 * 60) / STEP_MINUTES }, (_, i) => `${pad(Math.floor((i * STEP_MINUTES) / 60))}:${pad((i * STEP_MINUTES) % 60)}`);

/** Every quarter hour, and the value itself where it is between them (a default taken from the clock), in order. */
export function timeChoices(value: string): string[] {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value) && !GRID.includes(value) ? [...GRID, value].sort() : GRID;
}

export function TimeField({ label, value, onInput, error }: { label: string; value: string; onInput: (value: string) => void; error?: string | null }) {
  const id = useId();
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id} class="field-label"><LabelText label={label} /></label>
      <select id={id} class="field-input" value={value} aria-invalid={error ? true : undefined} aria-describedby={`${id}-error`}
        onChange={(event) => onInput((event.currentTarget as HTMLSelectElement).value)}>
        {timeChoices(value).map((time) => <option key={time} value={time}>{time}</option>)}
      </select>
      <p id={`${id}-error`} class="field-error" role="alert">{error ?? ''}</p>
    </div>
  );
}
