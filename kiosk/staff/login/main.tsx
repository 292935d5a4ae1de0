// /login/: staff sign in, then go to the page of their role.
import { useState } from 'preact/hooks';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { homeOf, login } from '../calls.ts';
import { mountPage } from '../Shell.tsx';
import { useT } from '../i18n.ts';
import { failure, msg, type Message } from '../problems.ts';
import { Outcome } from '../forms.tsx';

function Login() {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Message | null>(null);
  const [submit, busy] = useAction(async () => {
    if (!username.trim() || !password) {
      return setProblem(msg('errRequired', { field: t(username.trim() ? 'password' : 'username') }));
    }
    try {
      const user = await login(username.trim(), password);
      location.assign(homeOf(user.role));
    } catch (error) {
      setProblem(failure(error, { username: 'username', password: 'password' }));
    }
  });
  const expired = new URLSearchParams(location.search).has('expired');
  return (
    <form class="staff-narrow" noValidate onSubmit={(event) => { event.preventDefault(); submit(); }}>
      <h1 class="screen-title">{t('loginTitle')}</h1>
      <p class="lead">{t(expired ? 'sessionEnded' : 'loginIntro')}</p>
      <Field label={t('username')} value={username} onInput={(v) => { setUsername(v); setProblem(null); }} autoComplete="username" maxLength={64} autoFocus name="username" />
      <Field label={t('password')} type="password" value={password} onInput={(v) => { setPassword(v); setProblem(null); }} autoComplete="current-password" maxLength={200} name="password" />
      <Outcome problem={problem} />
      <Button type="submit" busy={busy} class="wide">{t('signIn')}</Button>
    </form>
  );
}

mountPage({ title: 'loginTitle', page: () => <Login /> });
