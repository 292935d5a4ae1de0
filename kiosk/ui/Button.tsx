// A large touch button that ignores taps in its first moments, so a double tap cannot act on the next screen.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const ARMING_MS = 350;

export interface ButtonProps {
  kind?: 'primary' | 'secondary' | 'quiet';
  onClick?: () => void;
  disabled?: boolean;
  busy?: boolean;
  type?: 'button' | 'submit';
  label?: string;
  pressed?: boolean;
  class?: string;
  children: ComponentChildren;
}

export function Button({ kind = 'primary', onClick, disabled, busy, type = 'button', label, pressed, class: extra, children }: ButtonProps) {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setArmed(true), ARMING_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <button
      type={type}
      class={`button button-${kind}${armed ? '' : ' arming'}${busy ? ' busy' : ''}${extra ? ` ${extra}` : ''}`}
      disabled={disabled || busy || !armed}
      aria-busy={busy || undefined}
      aria-label={label}
      aria-pressed={pressed}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
