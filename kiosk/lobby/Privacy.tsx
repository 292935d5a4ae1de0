// What is collected, why and for how long (the site's own retention, from the server), then Submit: the only way a
// visit is registered.
import { useEffect, useState } from 'preact/hooks';
import { Button } from '../ui/Button.tsx';
import { useT, type StringKey } from '../ui/i18n.ts';
import { Screen } from '../ui/Screen.tsx';
import { lastSite, readSite } from './calls.ts';

export function Privacy({ onBack, onSubmit, onSubmitAnyway, busy, problem }: {
  onBack: () => void; onSubmit: () => void; busy: boolean; problem: string | null;
  /** Offered when the badge cannot print some characters: register and print them as they are. */
  onSubmitAnyway?: () => void;
}) {
  const t = useT();
  const [site, setSite] = useState(lastSite);
  useEffect(() => { readSite().then(setSite, () => {}); }, []); // offline: the last answer stands
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
        {onSubmitAnyway && <Button kind="secondary" onClick={onSubmitAnyway} disabled={busy}>{t('printAnyway')}</Button>}
        <Button onClick={onSubmit} busy={busy}>{t('submit')}</Button>
      </>}
    >
      {part('privacyWhatTitle', t('privacyWhat'))}
      {part('privacyWhyTitle', t('privacyWhy'))}
      {part('privacyHowLongTitle', site ? t('privacyHowLong', { days: site.retentionDays }) : t('privacyHowLongUnknown'))}
      <p class="privacy-agree">{t('privacyAgree')}</p>
      <p class="form-problem" role="alert">{problem ?? ''}</p>
    </Screen>
  );
}
