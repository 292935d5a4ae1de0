// Checking a visitor out by hand (they left without scanning their badge): asked once more, with an optional reason.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Visit } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { checkOutVisit } from '../calls.ts';
import { useT } from '../i18n.ts';
import { failure, say, type Message } from '../problems.ts';

const MAX_REASON = 200;

export function CheckOutDialog({ visit, onCancel, onCheckedOut }: { visit: Visit; onCancel: () => void; onCheckedOut: (visit: Visit) => void }) {
  const t = useT();
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Message | null>(null);
  useEffect(() => { dialog.current?.showModal(); }, []); // modal: the page behind cannot be used meanwhile, Escape cancels
  const [confirm, busy] = useAction(async () => {
    setProblem(null);
    try { onCheckedOut(await checkOutVisit(visit.id, reason.trim() || undefined)); } catch (error) { setProblem(failure(error)); }
  });
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby={titleId} onCancel={(event) => { event.preventDefault(); if (!busy) onCancel(); }}>
      <form onSubmit={(event) => { event.preventDefault(); confirm(); }}>
        <h2 id={titleId} class="panel-title">{t('checkOutTitle', { name: visit.visitor.name })}</h2>
        <p>{t('checkOutIntro', { number: visit.number })}</p>
        <Field
          label={t('checkOutReason')} optional={t('optional')} hint={t('checkOutReasonHint')} value={reason} onInput={setReason}
          maxLength={MAX_REASON} autoFocus
        />
        {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
        <div class="form-actions">
          <Button type="submit" busy={busy}>{t('checkOutConfirm')}</Button>
          <Button kind="secondary" disabled={busy} onClick={onCancel}>{t('cancel')}</Button>
        </div>
      </form>
    </dialog>
  );
}
