// The staff pages' two languages, the lobby's approach: a context holding translate(), the choice kept per device.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { IdType, Role, VisitStatus } from '../../server/protocol.ts';
import { fill, isLang, type Lang } from '../ui/lang.ts';
import { en, zhCN, type StaffKey } from './strings.ts';

export type { Lang, StaffKey };
export type Translate = (key: StaffKey, vars?: Record<string, string | number>) => string;

const LANG_KEY = 'foyer.staff.lang';
const tables: Record<Lang, Record<StaffKey, string>> = { 'zh-CN': zhCN, en };
export function translator(lang: Lang): Translate {
  return (key, vars) => fill(tables[lang][key], vars);
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

export const ROLE_LABEL: Record<Role, StaffKey> = { admin: 'roleAdmin', reception: 'roleReception', security: 'roleSecurity', supervisor: 'roleSupervisor', host: 'roleHost' };

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

const pad = (n: number) => String(n).padStart(2, '0');
/** The local calendar day as YYYY-MM-DD, the form of date inputs and of `?day=`. */
export const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
/** The local clock time as HH:MM, the form of time inputs. */
export const localClock = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;
