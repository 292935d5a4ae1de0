// What surrounds every screen: the header with the language button and countdown, and the idle warning.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../ui/i18n.ts';
import { raisePanic } from './calls.ts';

/** Holding the title this long raises the silent alarm (staff know it; a visitor sees nothing happen). */
export const PANIC_HOLD_MS = 2000;

/** The kiosk's discreet panic button: the title held down for PANIC_HOLD_MS. Once sent, a small dot after the title
 *  tells the member of staff who pressed it, for a few seconds; nothing else changes on the screen. */
function usePanicHold() {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [sent, setSent] = useState(false);
  useEffect(() => () => clearTimeout(timer.current), []);
  const cancel = () => clearTimeout(timer.current);
  const start = () => {
    cancel();
    timer.current = setTimeout(() => {
      raisePanic().then(() => { setSent(true); setTimeout(() => setSent(false), 6000); }, () => { /* offline: staff use the desk */ });
    }, PANIC_HOLD_MS);
  };
  return { sent, handlers: { onPointerDown: start, onPointerUp: cancel, onPointerLeave: cancel, onPointerCancel: cancel, onContextMenu: (e: Event) => e.preventDefault() } };
}

export function Header({ secondsLeft, onSwitchLanguage }: { secondsLeft: number | null; onSwitchLanguage: () => void }) {
  const t = useT();
  const panic = usePanicHold();
  return (
    <header class="kiosk-header">
      <span class="kiosk-title" data-panic-hold {...panic.handlers}>{t('appTitle')}{panic.sent && <span class="panic-sent" aria-hidden="true"> ·</span>}</span>
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
