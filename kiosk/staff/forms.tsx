// Form pieces the lobby's Field does not cover (passwords, e-mail, dates, sign-in autofill), in its look.
import type { ComponentChildren } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import { useT } from './i18n.ts';
import { say, type Message } from './problems.ts';

export interface InputProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'password' | 'email' | 'tel' | 'date' | 'time';
  autoComplete?: string;
  hint?: string;
  error?: string | null;
  optional?: string;
  maxLength?: number;
  autoFocus?: boolean;
  name?: string;
}

export function Input(props: InputProps) {
  const id = useId();
  const { label, value, onInput, hint, error, optional } = props;
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id} class="field-label">
        {label}
        {optional && <span class="field-optional"> ({optional})</span>}
      </label>
      <input
        id={id} name={props.name} class="field-input" type={(props.type ?? 'text') as 'text'} value={value}
        maxLength={props.maxLength ?? 100} autoFocus={props.autoFocus} autoComplete={props.autoComplete ?? 'off'}
        autoCapitalize="off" spellcheck={false} aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint ${id}-error`}
        onInput={(event) => onInput((event.currentTarget as HTMLInputElement).value)}
      />
      {hint && <p id={`${id}-hint`} class="field-hint">{hint}</p>}
      <p id={`${id}-error`} class="field-error" role="alert">{error ?? ''}</p>
    </div>
  );
}

/** Runs an async action at most once at a time; a second tap while it runs does nothing. */
export function useBusy<A extends unknown[]>(action: (...args: A) => Promise<void>): [(...args: A) => void, boolean] {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = (...args: A) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    action(...args).finally(() => {
      running.current = false;
      setBusy(false);
    });
  };
  return [run, busy];
}

/** A form's outcome line: an error in red, or a confirmation in green. */
export function Outcome({ problem, done }: { problem?: Message | null; done?: Message | null }) {
  const t = useT();
  if (problem) return <p class="form-problem" role="alert">{say(t, problem)}</p>;
  return <p class="form-done" role="status">{say(t, done) ?? ''}</p>;
}

/** A card with a heading: one task on a staff page. */
export function Panel({ title, id, children, class: extra }: { title: string; id?: string; class?: string; children: ComponentChildren }) {
  const headingId = useId();
  return (
    <section class={`panel${extra ? ` ${extra}` : ''}`} id={id} aria-labelledby={headingId}>
      <h2 id={headingId} class="panel-title">{title}</h2>
      {children}
    </section>
  );
}
