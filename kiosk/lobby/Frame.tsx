// What surrounds every screen: the header with the language button and countdown, and the idle warning.
import { useT } from '../ui/i18n.ts';

export function Header({ secondsLeft, onSwitchLanguage }: { secondsLeft: number | null; onSwitchLanguage: () => void }) {
  const t = useT();
  return (
    <header class="kiosk-header">
      <span class="kiosk-title">{t('appTitle')}</span>
      {secondsLeft !== null && (
        <span class="idle-countdown" role="timer" aria-live="off">{t('idleCountdown', { s: secondsLeft })}</span>
      )}
      <button type="button" class="button button-quiet language-button" onClick={onSwitchLanguage}>
        <span lang={t('switchLanguage') === 'English' ? 'en' : 'zh-CN'}>{t('switchLanguage')}</span>
      </button>
    </header>
  );
}

export function IdleWarning({ secondsLeft }: { secondsLeft: number }) {
  const t = useT();
  return (
    <div class="idle-warning" role="alertdialog" aria-labelledby="idle-warning-title" aria-describedby="idle-warning-body">
      <div class="idle-warning-box">
        <h2 id="idle-warning-title" class="screen-title">{t('idleWarningTitle')}</h2>
        <p id="idle-warning-body" class="lead">{t('idleWarningBody', { s: secondsLeft })}</p>
        <button type="button" class="button button-primary">{t('idleWarningKeep')}</button>
      </div>
    </div>
  );
}
