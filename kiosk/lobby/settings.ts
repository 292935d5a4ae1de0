// Per-device settings: the URL overrides localStorage, which overrides the defaults.
import { isLang, type Lang } from '../ui/i18n.ts';

const DEFAULT_IDLE_S = 60;

function setting(name: string): string | null {
  return new URLSearchParams(location.search).get(name) ?? localStorage.getItem(`foyer.kiosk.${name}`);
}

/** Seconds without a touch before the kiosk returns to welcome (`?idle=3` for tests). */
export function idleSeconds(): number {
  const value = Number(setting('idle'));
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_IDLE_S;
}

/** The language every visitor starts in (`?lang=en` for an English-first lobby). */
export function defaultLang(): Lang {
  const value = setting('lang');
  return isLang(value) ? value : 'zh-CN';
}
