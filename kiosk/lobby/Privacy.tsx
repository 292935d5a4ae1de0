// What is collected, why and for how long, then Submit: the only way a visit is registered.
import { Button } from '../ui/Button.tsx';
import { useT, type StringKey } from '../ui/i18n.ts';
import { Screen } from '../ui/Screen.tsx';
import { RETENTION_DAYS } from './settings.ts';

export function Privacy({ onBack, onSubmit, busy, problem }: {
  onBack: () => void; onSubmit: () => void; busy: boolean; problem: string | null;
}) {
  const t = useT();
  const part = (title: StringKey, text: string) => (
    <div class="privacy-part">
      <h2 class="section-title">{t(title)}</h2>
      <p>{text}</p>
    </div>
  );
  return (
    <Screen
      name="privacy" title={t('privacyTitle')}
      actions={<>
        <Button kind="secondary" onClick={onBack} disabled={busy}>{t('back')}</Button>
        <Button onClick={onSubmit} busy={busy}>{t('submit')}</Button>
      </>}
    >
      {part('privacyWhatTitle', t('privacyWhat'))}
      {part('privacyWhyTitle', t('privacyWhy'))}
      {part('privacyHowLongTitle', t('privacyHowLong', { days: RETENTION_DAYS }))}
      <p class="privacy-agree">{t('privacyAgree')}</p>
      <p class="form-problem" role="alert">{problem ?? ''}</p>
    </Screen>
  );
}
