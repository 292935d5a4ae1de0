// Small shared wording of calls and cases: whom a call or case is for, how late, a category's and status's label.
import type { StaffKey, Translate } from '../i18n.ts';
import { hostName } from './names.ts';

export const categoryKey = (c: string) => `category_${c}` as StaffKey;
export const statusKey = (s: string) => `caseStatus_${s}` as StaffKey;
export const importanceKey = (i: string) => `importance_${i}` as StaffKey;

/** A host by name when this page knows it, else "a host"; a department by its name. */
export function whom(t: Translate, to: { hostId?: string; department?: string; forHostId?: string; forDepartment?: string } | undefined): string {
  const hostId = to?.hostId ?? to?.forHostId;
  const department = to?.department ?? to?.forDepartment;
  if (hostId) return hostName(hostId) ?? t('someHost');
  return department ?? '';
}

export function duration(t: Translate, ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  const h = Math.floor(minutes / 60);
  return h ? t('hoursMinutes', { h, m: minutes % 60 }) : t('minutesOnly', { m: minutes });
}
