// One staff account in the admin list: disable or enable it, or give it a new password (which ends its sessions).
import { useState } from 'preact/hooks';
import type { User } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { RequestError } from '../../api.ts';
import { disableUser, enableUser, resetPassword } from '../calls.ts';
import { ROLE_LABEL, useT } from '../i18n.ts';
import { failure, msg, say, type Message } from '../problems.ts';
import { MIN_PASSWORD } from '../forms.tsx';

/** isMe: the admin's own row, which offers neither (the header's "Change password" is for that). */
export function AccountRow({ user, isMe, onChanged }: { user: User; isMe: boolean; onChanged: (user: User, done: Message) => void }) {
  const t = useT();
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<Message | null>(null);
  const [problem, setProblem] = useState<Message | null>(null);

  const [toggle, toggling] = useAction(async () => {
    setProblem(null);
    try {
      const next = user.disabled ? await enableUser(user.id) : await disableUser(user.id);
      onChanged(next, msg(next.disabled ? 'userDisabledDone' : 'userEnabledDone', { name: next.name }));
    } catch (error) {
      setProblem(failure(error));
    }
  });
  const [save, saving] = useAction(async () => {
    if (password.length < MIN_PASSWORD) return setFieldError(msg('errPasswordShort'));
    try {
      const next = await resetPassword(user.id, password);
      setResetting(false);
      setPassword('');
      onChanged(next, msg('passwordResetDone', { name: next.name }));
    } catch (error) {
      if (error instanceof RequestError && error.field === 'password') setFieldError(error.code === 'too-short' ? msg('errPasswordShort') : failure(error));
      else setProblem(failure(error));
    }
  });
  const openReset = () => { setResetting((open) => !open); setPassword(''); setFieldError(null); setProblem(null); };

  return (
    <li class={`row${user.disabled ? ' row-disabled' : ''}`}>
      <span class="picked-name">{user.name}{isMe ? ` (${t('you')})` : ''}</span>
      <span class="picked-detail">{user.username}</span>
      <span class="tag">{t(ROLE_LABEL[user.role])}</span>
      {user.disabled && <span class="tag tag-disabled">{t('userDisabledTag')}</span>}
      {!isMe && (
        <span class="row-actions">
          <Button kind="secondary" pressed={resetting} onClick={openReset}>{t('resetPassword')}</Button>
          <Button kind="secondary" busy={toggling} onClick={toggle}>{t(user.disabled ? 'enableUser' : 'disableUser')}</Button>
        </span>
      )}
      {problem && <p class="form-problem row-extra" role="alert">{say(t, problem)}</p>}
      {resetting && (
        <form class="row-extra" noValidate onSubmit={(event) => { event.preventDefault(); save(); }}>
          <Field
            label={t('resetPasswordFor', { name: user.name })} type="password" value={password} hint={t('passwordHint')}
            onInput={(v) => { setPassword(v); setFieldError(null); }} error={say(t, fieldError)} autoComplete="new-password" maxLength={200} autoFocus
          />
          <div class="dialog-actions">
            <Button kind="secondary" onClick={openReset}>{t('cancel')}</Button>
            <Button type="submit" busy={saving}>{t('setPassword')}</Button>
          </div>
        </form>
      )}
    </li>
  );
}
