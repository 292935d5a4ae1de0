// The staff pages' two languages, the lobby's approach: a context holding translate(), the choice kept per device.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Lang } from '../ui/i18n.ts';
import type { IdType, Role, VisitStatus } from '../../server/protocol.ts';
import { en, zhCN, type StaffKey } from './strings.ts';

export type { Lang, StaffKey };
export type Translate = (key: StaffKey, vars?: Record<string, string | number>) => string;

const LANG_KEY = 'foyer.staff.lang';
const tables: Record<Lang, Record<StaffKey, string>> = { 'zh-CN': zhCN, en };
const isLang = (value: unknown): value is Lang => value === 'zh-CN' || value === 'en';

export function translator(lang: Lang): Translate {
  return (key, vars) =>
    tables[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
}

/** `?lang=en` wins (links, tests), then this device's last choice, then Chinese. */
export function startLang(): Lang {
  const asked = new URLSearchParams(location.search).get('lang') ?? localStorage.getItem(LANG_KEY);
  return isLang(asked) ? asked : 'zh-CN';
}

export function keepLang(lang: Lang): void {
  localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = lang;
}

export const LangContext = createContext<{ lang: Lang; t: Translate }>({ lang: 'zh-CN', t: translator('zh-CN') });
export const useT = () => useContext(LangContext).t;
export const useLang = () => useContext(LangContext).lang;

export const ROLE_LABEL: Record<Role, StaffKey> = { admin: 'roleAdmin', reception: 'roleReception', security: 'roleSecurity', host: 'roleHost' };

export const ID_TYPE_LABEL: Record<IdType, StaffKey> = { 'cn-resident': 'idResident', passport: 'idPassport', other: 'idOther' };

export const STATUS_LABEL: Record<VisitStatus, StaffKey> = {
  'awaiting-host': 'statusAwaiting', approved: 'statusApproved', 'on-site': 'statusOnSite', 'checked-out': 'statusCheckedOut',
  denied: 'statusDenied', refused: 'statusRefused', expired: 'statusExpired', cancelled: 'statusCancelled',
};

/** Clock time in the page's language, e.g. 14:05; optionally with the date or the seconds. */
export function formatTime(iso: string | undefined, lang: Lang, { day = false, seconds = false } = {}): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(lang, {
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(seconds ? { second: '2-digit' } : {}),
    ...(day ? { year: 'numeric', month: 'short', day: 'numeric' } : {}),
  });
}
