// The desk's panic button: one press alerts security at once with where it was pressed (no second question: it is
// meant for when asking is unsafe). The server holds back a stuck button (3 a minute per device).
import { useState } from 'preact/hooks';
import { Button } from '../../ui/Button.tsx';
import { useAction } from '../../ui/useAction.ts';
import { useT } from '../i18n.ts';
import { failure, say, type Message } from '../problems.ts';
import { pressPanic } from './exception-calls.ts';

export function PanicButton({ where }: { where: string }) {
  const t = useT();
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<Message | null>(null);
  const [press, busy] = useAction(async () => {
    setProblem(null);
    try { await pressPanic(where); setSent(true); } catch (error) { setProblem(failure(error)); }
  });
  return (
    <span class="panic">
      <Button kind="secondary" class="panic-button" busy={busy} onClick={press}>{t('panicButton')}</Button>
      {sent && <span class="form-done" role="status">{t('panicSent')}</span>}
      {problem && <span class="form-problem" role="alert">{say(t, problem)}</span>}
    </span>
  );
}
