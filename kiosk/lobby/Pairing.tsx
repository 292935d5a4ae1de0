// Shown once on a new device: trade the admin's pairing code for a device token.
import { useState } from 'preact/hooks';
import { Button } from '../ui/Button.tsx';
import { Field } from '../ui/Field.tsx';
import { useT, type StringKey } from '../ui/i18n.ts';
import { Screen } from '../ui/Screen.tsx';
import { useAction } from '../ui/useAction.ts';
import { pair } from './calls.ts';
import { problemKey } from './problems.ts';

export function Pairing({ onPaired }: { onPaired: () => void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<StringKey | null>(null);
  const [submit, busy] = useAction(async () => {
    if (!code.trim()) return setProblem('errRequired');
    try {
      await pair(code.trim());
      onPaired();
    } catch (error) {
      setProblem(problemKey(error, { 'bad-pairing-code': 'pairFailed', 'invalid-input': 'pairFailed' }));
    }
  });
  return (
    <Screen
      name="pairing" title={t('pairTitle')} onSubmit={submit}
      actions={<Button type="submit" busy={busy}>{t('pair')}</Button>}
    >
      <p class="lead">{t('pairIntro')}</p>
      <Field
        label={t('pairingCode')} value={code} autoCapitalize="characters" autoFocus
        onInput={(value) => { setCode(value); setProblem(null); }} error={problem && t(problem)}
      />
    </Screen>
  );
}
