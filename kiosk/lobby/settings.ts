// Per-device settings: the URL overrides localStorage, which overrides the site's settings (as last heard), then the defaults.
import { isLang, type Lang } from '../ui/i18n.ts';
import { lastSite } from './calls.ts';

const DEFAULT_IDLE_S = 60;

function setting(name: string): string | null {
  return new URLSearchParams(location.search).get(name) ?? localStorage.getItem(`foyer.kiosk.${name}`);
}

/** Seconds without a touch before the kiosk returns to welcome (`?idle=3` for tests). */
export function idleSeconds(): number {
  const value = Number(setting('idle'));
  return Number.isFinite(value) && value > 0 ? value : lastSite()?.settings?.idleSeconds ?? DEFAULT_IDLE_S;
}

/** The language every visitor starts in (`?lang=en` for an English-first lobby). */
export function defaultLang(): Lang {
  const value = setting('lang');
  const site = lastSite()?.settings?.defaultLang;
  return isLang(value) ? value : isLang(site) ? site : 'zh-CN';
}
