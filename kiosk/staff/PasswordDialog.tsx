// "Change password" from the staff header: current and new password, the server's field errors under their fields.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from '../ui/Button.tsx';
import { Field } from '../ui/Field.tsx';
import { useAction } from '../ui/useAction.ts';
import { RequestError } from '../api.ts';
import { changePassword } from './calls.ts';
import { useT } from './i18n.ts';
import { failure, msg, say, type Message } from './problems.ts';
import { MIN_PASSWORD, Outcome } from './forms.tsx';

type Key = 'current' | 'next' | 'repeat';
const FIELD_OF: Record<string, Key> = { currentPassword: 'current', newPassword: 'next' };

/** A modal dialog (Esc or Cancel closes it); onDone after the password changed and this page holds its new token. */
export function PasswordDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<Record<Key, string>>({ current: '', next: '', repeat: '' });
  const [errors, setErrors] = useState<Partial<Record<Key, Message>>>({});
  const [problem, setProblem] = useState<Message | null>(null);
  useEffect(() => { dialog.current?.showModal(); }, []);

  const edit = (key: Key) => (value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
    setProblem(null);
  };

  const [submit, busy] = useAction(async () => {
    const found: typeof errors = {};
    if (!form.current) found.current = msg('errRequired', { field: t('currentPassword') });
    if (form.next.length < MIN_PASSWORD) found.next = msg('errPasswordShort');
    else if (form.next !== form.repeat) found.repeat = msg('errPasswordsDiffer');
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      await changePassword(form.current, form.next);
      onDone();
    } catch (error) {
      const key = error instanceof RequestError && error.field ? FIELD_OF[error.field] : undefined;
      if (!key) return setProblem(failure(error));
      const short = error instanceof RequestError && error.code === 'too-short';
      setErrors({ [key]: short ? msg('errPasswordShort') : failure(error) });
    }
  });

  return (
    <dialog ref={dialog} class="staff-dialog" aria-labelledby="password-title" onClose={onClose}>
      <form noValidate onSubmit={(event) => { event.preventDefault(); submit(); }}>
        <h2 id="password-title" class="panel-title">{t('changePasswordTitle')}</h2>
        <Field label={t('currentPassword')} type="password" value={form.current} onInput={edit('current')} error={say(t, errors.current)} autoComplete="current-password" maxLength={200} autoFocus name="currentPassword" />
        <Field label={t('newPassword')} type="password" value={form.next} onInput={edit('next')} hint={t('newPasswordHint')} error={say(t, errors.next)} autoComplete="new-password" maxLength={200} name="newPassword" />
        <Field label={t('passwordRepeat')} type="password" value={form.repeat} onInput={edit('repeat')} error={say(t, errors.repeat)} autoComplete="new-password" maxLength={200} name="repeatPassword" />
        <Outcome problem={problem} />
        <div class="dialog-actions">
          <Button kind="secondary" onClick={onClose}>{t('cancel')}</Button>
          <Button type="submit" busy={busy}>{t('changePassword')}</Button>
        </div>
      </form>
    </dialog>
  );
}
