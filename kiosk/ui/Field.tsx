// A labelled text input with its hint and its problem, announced to screen readers.
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
  /** Which on-screen keyboard to show: a phone pad for numbers, letters otherwise. */
  inputMode?: 'text' | 'tel' | 'numeric' | 'search';
  autoCapitalize?: 'off' | 'characters' | 'words';
  maxLength?: number;
  autoFocus?: boolean;
  children?: ComponentChildren;
}

// Keep the focused field above the on-screen keyboard, which shrinks the viewport when it opens.
const revealField = (event: FocusEvent) => {
  const target = event.currentTarget as HTMLElement;
  setTimeout(() => target.scrollIntoView({ block: 'center', behavior: 'smooth' }), 300);
};

export function Field(props: FieldProps) {
  const id = useId();
  const { label, value, onInput, onBlur, hint, error, optional, children } = props;
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id} class="field-label">
        {label}
        {optional && <span class="field-optional"> ({optional})</span>}
      </label>
      <input
        id={id}
        class="field-input"
        type="text"
        inputMode={props.inputMode}
        value={value}
        maxLength={props.maxLength ?? 100}
        autoFocus={props.autoFocus}
        autoComplete="off"
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
      <p id={`${id}-error`} class="field-error" role="alert">{error ?? ''}</p>
      {children}
    </div>
  );
}
