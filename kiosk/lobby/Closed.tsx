// Outside reception hours: said in both languages with the hours; an invited visitor may still register (their host
// expects them) and anyone may check out.
import type { PublicSettings } from '../../server/protocol.ts';
import { Button } from '../ui/Button.tsx';
import { translator, useT } from '../ui/i18n.ts';
import { useContext } from 'preact/hooks';
import { LangContext } from '../ui/i18n.ts';
import { Icon } from '../ui/Icon.tsx';
import { SiteBrand } from '../ui/SiteBrand.tsx';

export function Closed({ settings, onInvitation, onCheckOut }: {
  settings: PublicSettings; onInvitation: () => void; onCheckOut: () => void;
}) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const other = translator(lang === 'en' ? 'zh-CN' : 'en');
  const hours = settings.receptionHours ?? { open: '', close: '' };
  return (
    <section class="screen notice notice-stop screen-closed" aria-labelledby="closed-title">
      <div class="screen-body notice-body closed-body">
        <SiteBrand settings={settings} class="welcome-brand" />
        <div class="notice-icon"><Icon name="wait" size={104} /></div>
        <h1 id="closed-title" class="screen-title">{t('closedTitle')}</h1>
        <p class="closed-hours">{t('closedHours', hours)}</p>
        <p class="lead">{t('closedBody')}</p>
        <div class="closed-other" lang={lang === 'en' ? 'zh-CN' : 'en'}>
          <p class="closed-other-title">{other('closedTitle')}</p>
          <p class="closed-hours">{other('closedHours', hours)}</p>
          <p>{other('closedBody')}</p>
        </div>
      </div>
      <div class="screen-actions">
        <Button kind="primary" onClick={onInvitation}>{t('haveInvitation')}</Button>
        <Button kind="secondary" onClick={onCheckOut}>{t('checkOut')}</Button>
      </div>
    </section>
  );
}
