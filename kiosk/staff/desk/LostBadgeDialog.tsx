// A lost badge: asked once more, then the old code is voided and a new badge printed.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Visit } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { useAction } from '../../ui/useAction.ts';
import { useT } from '../i18n.ts';
import { failure, say, type Message } from '../problems.ts';
import { reportLostBadge } from './exception-calls.ts';

export function LostBadgeDialog({ visit, onCancel, onDone }: { visit: Visit; onCancel: () => void; onDone: (visit: Visit) => void }) {
  const t = useT();
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [problem, setProblem] = useState<Message | null>(null);
  useEffect(() => { dialog.current?.showModal(); }, []);
  const [confirm, busy] = useAction(async () => {
    setProblem(null);
    try { onDone((await reportLostBadge(visit.id)).visit); } catch (error) { setProblem(failure(error)); }
  });
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby={titleId} onCancel={(event) => { event.preventDefault(); if (!busy) onCancel(); }}>
      <h2 id={titleId} class="panel-title">{t('lostBadge')} · {visit.number}</h2>
      <p>{t('lostBadgeConfirm', { name: visit.visitor.name })}</p>
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      <div class="form-actions">
        <Button busy={busy} onClick={confirm}>{t('lostBadge')}</Button>
        <Button kind="secondary" disabled={busy} onClick={onCancel}>{t('cancel')}</Button>
      </div>
    </dialog>
  );
}
