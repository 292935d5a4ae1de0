// /setup/#<token>: the first admin of a new install, from the link the server prints at start.
import { useEffect, useState } from 'preact/hooks';
import { RequestError } from '../../api.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { setup, setupLinkWorks } from '../calls.ts';
import { mountPage } from '../Shell.tsx';
import { useT } from '../i18n.ts';
import { failure, msg, say, type Message } from '../problems.ts';
import { MIN_PASSWORD, Outcome } from '../forms.tsx';

const LABELS = { username: 'username', name: 'fullName', password: 'password' } as const;

function Setup() {
  const t = useT();
  const setupToken = decodeURIComponent(location.hash.slice(1)).trim();
  const [form, setForm] = useState({ username: '', name: '', password: '', repeat: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof typeof form, Message>>>({});
  const [problem, setProblem] = useState<Message | null>(null);
  const [spent, setSpent] = useState(false);
  // A used link says so before the form: nobody types a password for nothing.
  useEffect(() => { if (setupToken) setupLinkWorks(setupToken).then((valid) => setSpent(!valid), () => {}); }, [setupToken]);
  const edit = (key: keyof typeof form) => (value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const [submit, busy] = useAction(async () => {
    const found: typeof errors = {};
    if (!form.username.trim()) found.username = msg('errRequired', { field: t('username') });
    if (!form.name.trim()) found.name = msg('errRequired', { field: t('fullName') });
    if (form.password.length < MIN_PASSWORD) found.password = msg('errPasswordShort');
    else if (form.repeat !== form.password) found.repeat = msg('errPasswordsDiffer');
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      await setup({ setupToken, username: form.username.trim(), name: form.name.trim(), password: form.password });
      location.assign('/admin/');
    } catch (error) {
      if (error instanceof RequestError && error.code === 'bad-setup-token') setSpent(true);
      setProblem(failure(error, LABELS));
    }
  });

  if (!setupToken || spent) {
    return (
      <div class="staff-narrow">
        <h1 class="screen-title">{t('setupTitle')}</h1>
        <p class="lead" role="alert">{setupToken ? t('setupBadToken') : t('setupNoToken')}</p>
        <a class="button button-secondary link-button" href="/login/">{t('goToLogin')}</a>
      </div>
    );
  }
  return (
    <form class="staff-narrow" noValidate onSubmit={(event) => { event.preventDefault(); submit(); }}>
      <h1 class="screen-title">{t('setupTitle')}</h1>
      <p class="lead">{t('setupIntro')}</p>
      <Field label={t('username')} value={form.username} onInput={edit('username')} hint={t('usernameHint')} error={say(t, errors.username)} autoComplete="username" maxLength={32} autoFocus name="username" />
      <Field label={t('fullName')} value={form.name} onInput={edit('name')} error={say(t, errors.name)} autoComplete="name" maxLength={64} name="name" />
      <Field label={t('password')} type="password" value={form.password} onInput={edit('password')} hint={t('passwordHint')} error={say(t, errors.password)} autoComplete="new-password" maxLength={200} name="password" />
      <Field label={t('passwordRepeat')} type="password" value={form.repeat} onInput={edit('repeat')} error={say(t, errors.repeat)} autoComplete="new-password" maxLength={200} name="repeat" />
      <Outcome problem={problem} />
      <Button type="submit" busy={busy} class="wide">{t('setupCreate')}</Button>
    </form>
  );
}

mountPage({ title: 'setupTitle', page: () => <Setup /> });
