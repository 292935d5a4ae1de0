// Site settings: the defaults keep the behaviour set by the environment (server/config.ts), and what an admin
// stored is laid over them, field by field.
import type { PublicSettings, SiteSettings } from '../protocol.ts';
import type { SettingsRecord } from '../../data/store.ts';

export interface SettingsDefaults { closingTime?: string; retentionDays: number; badgeHours: number }

/** The kiosk's idle timeout before settings existed (kiosk/lobby/settings.ts). */
export const DEFAULT_IDLE_S = 60;
export const SETTINGS_ID = 'site';

export function defaultSettings(env: SettingsDefaults): SiteSettings {
  return {
    siteName: '', welcome: { zh: '', en: '' }, defaultLang: 'zh-CN', idleSeconds: DEFAULT_IDLE_S,
    retentionDays: env.retentionDays, badgeHours: env.badgeHours, purposes: [],
    ...(env.closingTime ? { closingTime: env.closingTime } : {}),
  };
}

/** Stored fields win; closingTime '' and receptionHours null say "none" over a default. */
export function effectiveSettings(env: SettingsDefaults, stored: SettingsRecord | undefined): SiteSettings {
  const base = defaultSettings(env);
  if (!stored) return base;
  const { id: _id, updatedAt: _u, receptionHours, closingTime, ...rest } = stored;
  const merged: SiteSettings = { ...base, ...rest };
  if (receptionHours) merged.receptionHours = receptionHours;
  if (closingTime === '') delete merged.closingTime;
  else if (closingTime) merged.closingTime = closingTime;
  return merged;
}

export function publicSettings(s: SiteSettings): PublicSettings {
  const { siteName, welcome, defaultLang, receptionHours, closingTime, idleSeconds, purposes, agreements, logoVersion } = s;
  return {
    siteName, welcome, defaultLang, idleSeconds, purposes, ...(receptionHours ? { receptionHours } : {}), ...(closingTime ? { closingTime } : {}),
    ...(agreements?.length ? { agreements } : {}), ...(logoVersion ? { logoVersion } : {}),
  };
}

/** The purpose a visitor chose: with no purposes configured, any text, and the host approves. */
export function purposeRule(s: Pick<SiteSettings, 'purposes'>, purpose: string): { known: boolean; approval: boolean; escort: boolean; agreementId?: string } {
  if (s.purposes.length === 0) return { known: true, approval: true, escort: false };
  const p = s.purposes.find((x) => x.zh === purpose || x.en === purpose);
  return p ? { known: true, approval: p.approval, escort: p.escort, ...(p.agreementId ? { agreementId: p.agreementId } : {}) } : { known: false, approval: true, escort: false };
}
