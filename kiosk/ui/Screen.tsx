// The body of one screen: a heading, scrolling content, and the actions kept above the on-screen keyboard.
import type { ComponentChildren } from 'preact';
import { Icon, type IconName } from './Icon.tsx';

export interface ScreenProps {
  name: string;
  title: string;
  step?: string;
  children?: ComponentChildren;
  actions?: ComponentChildren;
  /** Makes the screen a form, so the on-screen keyboard's Enter submits it. */
  onSubmit?: () => void;
}

export function Screen({ name, title, step, children, actions, onSubmit }: ScreenProps) {
  const body = (
    <>
      <div class="screen-body">
        {step && <p class="screen-step">{step}</p>}
        <h1 id={`${name}-title`} class="screen-title">{title}</h1>
        {children}
      </div>
      {actions && <div class="screen-actions">{actions}</div>}
    </>
  );
  if (!onSubmit) return <section class={`screen screen-${name}`} aria-labelledby={`${name}-title`}>{body}</section>;
  return (
    <form
      class={`screen screen-${name}`} aria-labelledby={`${name}-title`} noValidate autoComplete="off"
      onSubmit={(event) => { event.preventDefault(); onSubmit(); }}
    >
      {body}
    </form>
  );
}

/** A centred message screen: a status icon, a heading and a line or two. */
export function Notice({ name, tone, title, children, actions }: {
  name: string; tone: IconName; title: string; children?: ComponentChildren; actions?: ComponentChildren;
}) {
  return (
    <section class={`screen notice notice-${tone} screen-${name}`} aria-labelledby={`${name}-title`} aria-live="polite">
      <div class="screen-body notice-body">
        <div class="notice-icon"><Icon name={tone} size={120} /></div>
        <h1 id={`${name}-title`} class="screen-title">{title}</h1>
        {children}
      </div>
      {actions && <div class="screen-actions">{actions}</div>}
    </section>
  );
}
