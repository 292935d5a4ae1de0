// One staff account in the admin list: edit it in place, disable or enable it, give it a new password (which ends its
// sessions), or remove it (asked once more; a refusal says what still refers to it).
import { useState } from 'preact/hooks';
import type { Role, User } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { OneOf } from '../../ui/Choices.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { RequestError } from '../../api.ts';
import { disableUser, enableUser, resetPassword } from '../calls.ts';
import { ROLE_LABEL, useT } from '../i18n.ts';
import { failure, msg, say, type FieldLabels, type Message } from '../problems.ts';
import { MIN_PASSWORD } from '../forms.tsx';
import { editUser, removeUser } from './manage-calls.ts';

const LABELS: FieldLabels = { username: 'username', name: 'fullName', role: 'role', hostId: 'hostEntry' };
/** A host account keeps its directory entry; moving one to the host role is done by a new account. */
const ROLES: Role[] = ['reception', 'security', 'supervisor', 'admin'];
type Open = 'edit' | 'password' | 'remove' | null;

interface Props { user: User; isMe: boolean; onChanged: (user: User, done: Message) => void; onRemoved: (user: User, done: Message) => void }

/** isMe: the admin's own row, which offers only editing (the header's "Change password" is for the password). */
export function AccountRow({ user, isMe, onChanged, onRemoved }: Props) {
  const t = useT();
  const [open, setOpen] = useState<Open>(null);
  const [password, setPassword] = useState('');
  const [draft, setDraft] = useState({ name: user.name, username: user.username, role: user.role });
  const [fieldError, setFieldError] = useState<Message | null>(null);
  const [problem, setProblem] = useState<Message | null>(null);
  const show = (next: Open) => {
    setOpen((now) => (now === next ? null : next));
    setPassword(''); setFieldError(null); setProblem(null);
    setDraft({ name: user.name, username: user.username, role: user.role });
  };

  const [toggle, toggling] = useAction(async () => {
    setProblem(null);
    try {
      const next = user.disabled ? await enableUser(user.id) : await disableUser(user.id);
      onChanged(next, msg(next.disabled ? 'userDisabledDone' : 'userEnabledDone', { name: next.name }));
    } catch (error) {
      setProblem(failure(error));
    }
  });
  const [savePassword, savingPassword] = useAction(async () => {
    if (password.length < MIN_PASSWORD) return setFieldError(msg('errPasswordShort'));
    try {
      const next = await resetPassword(user.id, password);
      setOpen(null);
      setPassword('');
      onChanged(next, msg('passwordResetDone', { name: next.name }));
    } catch (error) {
      if (error instanceof RequestError && error.field === 'password') setFieldError(error.code === 'too-short' ? msg('errPasswordShort') : failure(error));
      else setProblem(failure(error));
    }
  });
  const [saveEdit, savingEdit] = useAction(async () => {
    setProblem(null);
    if (!draft.name.trim()) return setFieldError(msg('errRequired', { field: t('fullName') }));
    try {
      const next = await editUser(user.id, {
        name: draft.name.trim(), username: draft.username.trim(), ...(draft.role !== user.role ? { role: draft.role } : {}),
      });
      setOpen(null);
      onChanged(next, msg('userSaved', { name: next.name }));
    } catch (error) {
      setProblem(failure(error, LABELS));
    }
  });
  const [remove, removing] = useAction(async () => {
    setProblem(null);
    try {
      await removeUser(user.id);
      onRemoved(user, msg('userRemoved', { name: user.name }));
    } catch (error) {
      setOpen(null);
      setProblem(failure(error));
    }
  });

  return (
    <li class={`row${user.disabled ? ' row-disabled' : ''}`}>
      <span class="picked-name">{user.name}{isMe ? ` (${t('you')})` : ''}</span>
      <span class="picked-detail">{user.username}</span>
      <span class="tag">{t(ROLE_LABEL[user.role])}</span>
      {user.disabled && <span class="tag tag-disabled">{t('userDisabledTag')}</span>}
      <span class="row-actions">
        <Button kind="secondary" pressed={open === 'edit'} onClick={() => show('edit')}>{t('edit')}</Button>
        {!isMe && (
          <>
            <Button kind="secondary" pressed={open === 'password'} onClick={() => show('password')}>{t('resetPassword')}</Button>
            <Button kind="secondary" busy={toggling} onClick={toggle}>{t(user.disabled ? 'enableUser' : 'disableUser')}</Button>
            <Button kind="secondary" pressed={open === 'remove'} onClick={() => show('remove')}>{t('remove')}</Button>
          </>
        )}
      </span>
      {problem && <p class="form-problem row-extra" role="alert">{say(t, problem)}</p>}
      {open === 'edit' && (
        <form class="row-extra" noValidate onSubmit={(event) => { event.preventDefault(); saveEdit(); }}>
          <Field label={t('fullName')} value={draft.name} onInput={(v) => { setDraft((d) => ({ ...d, name: v })); setFieldError(null); }} error={say(t, fieldError)} maxLength={64} autoFocus />
          <Field label={t('username')} value={draft.username} hint={t('usernameHint')} onInput={(v) => setDraft((d) => ({ ...d, username: v }))} maxLength={32} />
          {user.role !== 'host' && !isMe && (
            <OneOf label={t('role')} value={draft.role} onChange={(r) => setDraft((d) => ({ ...d, role: r }))} options={ROLES.map((r) => ({ value: r, label: t(ROLE_LABEL[r]) }))} />
          )}
          <div class="dialog-actions">
            <Button kind="secondary" onClick={() => show('edit')}>{t('cancel')}</Button>
            <Button type="submit" busy={savingEdit}>{t('save')}</Button>
          </div>
        </form>
      )}
      {open === 'password' && (
        <form class="row-extra" noValidate onSubmit={(event) => { event.preventDefault(); savePassword(); }}>
          <Field
            label={t('resetPasswordFor', { name: user.name })} type="password" value={password} hint={t('passwordHint')}
            onInput={(v) => { setPassword(v); setFieldError(null); }} error={say(t, fieldError)} autoComplete="new-password" maxLength={200} autoFocus
          />
          <div class="dialog-actions">
            <Button kind="secondary" onClick={() => show('password')}>{t('cancel')}</Button>
            <Button type="submit" busy={savingPassword}>{t('setPassword')}</Button>
          </div>
        </form>
      )}
      {open === 'remove' && (
        <div class="row-extra" role="group" aria-label={t('remove')}>
          <p class="row-question">{t('confirmRemoveUser', { name: user.name })}</p>
          <div class="dialog-actions">
            <Button kind="secondary" onClick={() => show('remove')}>{t('cancel')}</Button>
            <Button busy={removing} onClick={remove}>{t('confirm')}</Button>
          </div>
        </div>
      )}
    </li>
  );
}
