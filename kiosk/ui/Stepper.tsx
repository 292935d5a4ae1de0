// A number changed with two large − and + buttons instead of the keyboard.
import { FieldGroup } from './Field.tsx';

export function Stepper({ label, value, min, max, onChange, lessLabel, moreLabel, optional }: {
  label: string; value: number; min: number; max: number; onChange: (value: number) => void;
  lessLabel: string; moreLabel: string; optional?: string;
}) {
  return (
    <FieldGroup label={label} optional={optional} class="stepper">
      <button type="button" class="chip stepper-button" aria-label={lessLabel} disabled={value <= min} onClick={() => onChange(value - 1)}>−</button>
      <output class="stepper-value" aria-live="polite">{value}</output>
      <button type="button" class="chip stepper-button" aria-label={moreLabel} disabled={value >= max} onClick={() => onChange(value + 1)}>+</button>
    </FieldGroup>
  );
}
