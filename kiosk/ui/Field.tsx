// A labelled input with its hint and its problem, announced to screen readers; and the label of a group of controls.
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

export interface FieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  onBlur?: () => void;
  hint?: string;
  error?: string | null;
  optional?: string;
  type?: 'text' | 'password' | 'email' | 'date';
  /** Which on-screen keyboard to show: a phone pad for numbers, letters otherwise. */
  inputMode?: 'text' | 'tel' | 'numeric' | 'search';
  autoCapitalize?: 'off' | 'characters' | 'words';
  /** Off unless a staff form wants the browser's sign-in autofill. */
  autoComplete?: string;
  name?: string;
  maxLength?: number;
  autoFocus?: boolean;
  children?: ComponentChildren;
}

// Keep the focused field above the on-screen keyboard, which shrinks the viewport when it opens.
const revealField = (event: FocusEvent) => {
  const target = event.currentTarget as HTMLElement;
  setTimeout(() => target.scrollIntoView({ block: 'center', behavior: 'smooth' }), 300);
};

/** A label's text, with "(optional)" after it when the field may stay empty. */
export function LabelText({ label, optional }: { label: string; optional?: string }) {
  return <>{label}{optional && <span class="field-optional"> ({optional})</span>}</>;
}

/** Near a field's limit the count shows, so nothing typed is cut without the visitor seeing why (at 80% and at the limit). */
function LengthCount({ length, max }: { length: number; max: number }) {
  if (length < Math.ceil(max * 0.8)) return null;
  return <p class={`field-count${length >= max ? ' field-count-full' : ''}`} aria-live="polite">{length} / {max}</p>;
}

export function Field(props: FieldProps) {
  const id = useId();
  const { label, value, onInput, onBlur, hint, error, optional, children } = props;
  const maxLength = props.maxLength ?? 100;
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id} class="field-label"><LabelText label={label} optional={optional} /></label>
      <input
        id={id}
        name={props.name}
        class="field-input"
        type={(props.type ?? 'text') as 'text'} // preact types each input type apart; the union is fine at run time
        inputMode={props.inputMode}
        value={value}
        maxLength={maxLength}
        autoFocus={props.autoFocus}
        autoComplete={props.autoComplete ?? 'off'}
        autoCorrect="off"
        autoCapitalize={props.autoCapitalize ?? 'off'}
        spellcheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint ${id}-error`}
        onInput={(event) => onInput((event.currentTarget as HTMLInputElement).value)}
        onBlur={onBlur}
        onFocus={revealField}
      />
      {hint && <p id={`${id}-hint`} class="field-hint">{hint}</p>}
      <LengthCount length={value.length} max={maxLength} />
      <p id={`${id}-error`} class="field-error" role="alert">{error ?? ''}</p>
      {children}
    </div>
  );
}

/** Controls that answer one question together (chips, a stepper), named by the label above them. */
export function FieldGroup({ label, optional, role = 'group', class: extra, children }: {
  label: string; optional?: string; role?: 'group' | 'radiogroup'; class: string; children: ComponentChildren;
}) {
  const id = useId();
  return (
    <div class="field">
      <p id={id} class="field-label"><LabelText label={label} optional={optional} /></p>
      <div role={role} aria-labelledby={id} class={extra}>{children}</div>
    </div>
  );
}
