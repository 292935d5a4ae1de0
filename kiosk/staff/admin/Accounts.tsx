// Staff accounts: admin, reception, security, or host (tied to a directory entry).
import { useEffect, useState } from 'preact/hooks';
import type { HostSummary, Role, User } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { OneOf } from '../../ui/Choices.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { addUser, listUsers } from '../calls.ts';
import { ROLE_LABEL, useT } from '../i18n.ts';
import { failure, msg, say, type FieldLabels, type Message } from '../problems.ts';
import { MIN_PASSWORD, Outcome, Panel } from '../forms.tsx';
import { HostSearch } from '../HostSearch.tsx';
import { AccountRow } from './AccountRow.tsx';

const ROLES: Role[] = ['host', 'reception', 'security', 'supervisor', 'admin'];
const LABELS: FieldLabels = { username: 'username', name: 'fullName', password: 'password', role: 'role', hostId: 'hostEntry' };
const EMPTY = { username: '', name: '', password: '' };
type Key = keyof typeof EMPTY | 'host';

export function Accounts({ me }: { me: User }) {
  const t = useT();
  const [form, setForm] = useState(EMPTY);
  const [role, setRole] = useState<Role>('host');
  const [host, setHost] = useState<HostSummary | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Key, Message>>>({});
  const [problem, setProblem] = useState<Message | null>(null);
  const [done, setDone] = useState<Message | null>(null);
  const [users, setUsers] = useState<User[] | null>(null);
  const [listProblem, setListProblem] = useState<Message | null>(null);
  const [listDone, setListDone] = useState<Message | null>(null);
  const changed = (next: User, message: Message) => {
    setUsers((list) => list && list.map((u) => (u.id === next.id ? next : u)));
    setListDone(message);
  };
  const removed = (gone: User, message: Message) => {
    setUsers((list) => list && list.filter((u) => u.id !== gone.id));
    setListDone(message);
  };

  const reload = () => listUsers().then(setUsers, (error) => setListProblem(failure(error)));
  useEffect(() => { void reload(); }, []);
  const edit = (key: keyof typeof EMPTY) => (value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
    setProblem(null);
  };

  const pickHost = (picked: HostSummary | null) => {
    setHost(picked);
    setErrors((e) => ({ ...e, host: undefined }));
    if (picked) setForm((f) => (f.name.trim() ? f : { ...f, name: picked.name }));
  };

  const [submit, busy] = useAction(async () => {
    const found: typeof errors = {};
    if (!form.username.trim()) found.username = msg('errRequired', { field: t('username') });
    if (!form.name.trim()) found.name = msg('errRequired', { field: t('fullName') });
    if (form.password.length < MIN_PASSWORD) found.password = msg('errPasswordShort');
    if (role === 'host' && !host) found.host = msg('errHostEntry');
    setErrors(found);
    setDone(null);
    if (Object.keys(found).length) return;
    try {
      const user = await addUser({
        username: form.username.trim(), name: form.name.trim(), password: form.password, role,
        ...(role === 'host' && host ? { hostId: host.id } : {}),
      });
      setDone(msg('userAdded', { username: user.username, name: user.name }));
      setForm(EMPTY);
      setHost(null);
      void reload();
    } catch (error) {
      setProblem(failure(error, LABELS));
    }
  });

  return (
    <div class="staff-grid">
      <Panel title={t('addUserTitle')}>
        <form noValidate onSubmit={(event) => { event.preventDefault(); submit(); }}>
          <OneOf label={t('role')} value={role} onChange={(r) => { setRole(r); setErrors({}); }} options={ROLES.map((r) => ({ value: r, label: t(ROLE_LABEL[r]) }))} />
          {role === 'host' && (
            <HostSearch label={t('hostEntry')} hint={t('hostEntryHint')} picked={host} onPick={pickHost} error={say(t, errors.host)} />
          )}
          <Field label={t('fullName')} value={form.name} onInput={edit('name')} error={say(t, errors.name)} maxLength={64} />
          <Field label={t('username')} value={form.username} onInput={edit('username')} hint={t('usernameHint')} error={say(t, errors.username)} maxLength={32} />
          <Field label={t('password')} type="password" value={form.password} onInput={edit('password')} hint={t('passwordHint')} error={say(t, errors.password)} autoComplete="new-password" maxLength={200} />
          <Outcome problem={problem} done={done} />
          <Button type="submit" busy={busy}>{t('addUser')}</Button>
        </form>
      </Panel>
      <Panel title={t('usersTitle')}>
        {listProblem && <p class="form-problem" role="alert">{say(t, listProblem)}</p>}
        {!users && !listProblem && <p class="muted" role="status">{t('loading')}</p>}
        <Outcome done={listDone} />
        {users && (
          <ul class="rows">
            {users.map((user) => <AccountRow key={user.id} user={user} isMe={user.id === me.id} onChanged={changed} onRemoved={removed} />)}
          </ul>
        )}
      </Panel>
    </div>
  );
}
