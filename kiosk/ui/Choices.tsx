// Large chips: one of several (a radio group) or any of several (toggles).
import { FieldGroup } from './Field.tsx';

export interface Option<T extends string> { value: T; label: string }

export function OneOf<T extends string>({ label, options, value, onChange }: {
  label: string; options: Option<T>[]; value: T; onChange: (value: T) => void;
}) {
  return (
    <FieldGroup label={label} role="radiogroup" class="chips">
      {options.map((option) => (
        <button
          type="button" role="radio" key={option.value} aria-checked={option.value === value}
          class={`chip${option.value === value ? ' chip-on' : ''}`} onClick={() => onChange(option.value)}
        >
          {option.label}
        </button>
      ))}
    </FieldGroup>
  );
}

export function AnyOf<T extends string>({ label, options, values, onChange, optional }: {
  label: string; options: Option<T>[]; values: T[]; onChange: (values: T[]) => void; optional?: string;
}) {
  const toggle = (value: T) =>
    onChange(values.includes(value) ? values.filter((v) => v !== value) : [...values, value]);
  return (
    <FieldGroup label={label} optional={optional} class="chips">
      {options.map((option) => (
        <button
          type="button" key={option.value} aria-pressed={values.includes(option.value)}
          class={`chip${values.includes(option.value) ? ' chip-on' : ''}`} onClick={() => toggle(option.value)}
        >
          {option.label}
        </button>
      ))}
    </FieldGroup>
  );
}
