// The first screen: three ways in (a badge scanned here checks its visitor out: see App).
import { Button } from '../ui/Button.tsx';
import { LangContext, useT } from '../ui/i18n.ts';
import { useContext } from 'preact/hooks';
import { useSiteSettings } from './site-settings.ts';
import { SiteBrand } from '../ui/SiteBrand.tsx';

export function Welcome({ onCheckIn, onInvitation, onCheckOut }: {
  onCheckIn: () => void; onInvitation: () => void; onCheckOut: () => void;
}) {
  const t = useT();
  const { lang } = useContext(LangContext);
  // The site's own welcome (PATCH /api/settings), in the visitor's language; empty: the kiosk's.
  const settings = useSiteSettings();
  const welcome = settings?.welcome;
  const title = (lang === 'en' ? welcome?.en : welcome?.zh) || t('welcomeTitle');
  return (
    <section class="screen screen-welcome" aria-labelledby="welcome-title">
      <div class="screen-body welcome-body">
        <SiteBrand settings={settings} class="welcome-brand" />
        <h1 id="welcome-title" class="welcome-title">{title}</h1>
        <p class="lead">{t('welcomeIntro')}</p>
        <div class="welcome-choices">
          <Button kind="primary" class="welcome-choice" onClick={onCheckIn}>
            <span class="choice-title">{t('checkIn')}</span>
            <span class="choice-hint">{t('checkInHint')}</span>
          </Button>
          <Button kind="secondary" class="welcome-choice" onClick={onInvitation}>
            <span class="choice-title">{t('haveInvitation')}</span>
            <span class="choice-hint">{t('haveInvitationHint')}</span>
          </Button>
          <Button kind="secondary" class="welcome-choice" onClick={onCheckOut}>
            <span class="choice-title">{t('checkOut')}</span>
            <span class="choice-hint">{t('checkOutHint')}</span>
          </Button>
        </div>
      </div>
    </section>
  );
}
