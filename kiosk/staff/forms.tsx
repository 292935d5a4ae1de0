// What staff forms have beyond the shared Field: the outcome line and the panel around one task.
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { useT } from './i18n.ts';
import { say, type Message } from './problems.ts';

/** The shortest password the server accepts for a staff account. */
export const MIN_PASSWORD = 10;

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
