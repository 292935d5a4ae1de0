// Site settings (admin): read them all, change any of them; screens get the public part with GET /api/site and live.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { SiteSettings, VisitPurpose } from '../protocol.ts';
import type { SettingsRecord } from '../../data/store.ts';
import { invalid } from '../domain/errors.ts';
import { actorOf } from '../auth.ts';
import { record } from '../events.ts';
import { bool, int, obj, oneOf, text } from './validate.ts';
import { changeSettings, siteSettings } from '../flows/settings.ts';
import { checkSecondApprover, readSecondApprover } from '../flows/second-approval.ts';
import { readAgreements } from '../domain/agreements.ts';
import { caseSettingReaders } from '../domain/case-settings.ts';
import { checkQualityDepartment } from '../flows/cases.ts';
import { deskSettingReaders, smsWebhookView } from '../domain/desk-phrases.ts';
import { maskUrl } from './host-channels.ts';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const MAX_PURPOSES = 30;
type Change = Omit<SettingsRecord, 'id' | 'updatedAt'>;
type Body = Record<string, unknown>;

export function settingsRoutes(ctx: Ctx, r: Router): void {
  r.add('GET', '/api/settings', ['admin'], async () => ({ body: { settings: settingsView(await siteSettings(ctx)) } }));

  r.add('PATCH', '/api/settings', ['admin'], async ({ body, who }) => {
    const change = readChange(body);
    await checkSecondApprover(ctx, change);
    await checkQualityDepartment(ctx, change);
    const settings = await changeSettings(ctx, change);
    await record(ctx, { kind: 'settings-changed', actor: actorOf(who), data: { fields: Object.keys(change).sort().join(',') } });
    return { body: { settings: settingsView(settings) } };
  });
}

/** The settings as an admin reads them: the SMS bridge's token masked and its secret never. */
const settingsView = (s: SiteSettings): SiteSettings => (s.smsWebhook ? { ...s, smsWebhook: smsWebhookView(s.smsWebhook, maskUrl) } : s);

/** Each field given is checked; null puts it back to its default (receptionHours: always open; closingTime: the
 *  environment's); closingTime '' means no closing time. */
function readChange(body: Body): Change {
  const keys = Object.keys(body);
  if (keys.length === 0) throw invalid('settings', 'Send at least one setting to change', 'missing-field');
  const readers: Record<string, (b: Body) => unknown> = {
    siteName: (b) => loose(b, 'siteName', 64),
    welcome: (b) => {
      const w = obj(b, 'welcome')!;
      for (const k of Object.keys(w)) if (k !== 'zh' && k !== 'en') throw invalid(`welcome.${k}`, 'welcome has zh and en only');
      return { zh: loose(w, 'welcome.zh', 200) ?? '', en: loose(w, 'welcome.en', 200) ?? '' };
    },
    defaultLang: (b) => oneOf(b, 'defaultLang', ['zh-CN', 'en'] as const),
    receptionHours: (b) => {
      if (b.receptionHours === null) return null;
      const h = obj(b, 'receptionHours')!;
      const open = text(h, 'receptionHours.open', { max: 5, required: true, pattern: TIME, hint: 'receptionHours.open must be HH:MM (24-hour)' })!;
      const close = text(h, 'receptionHours.close', { max: 5, required: true, pattern: TIME, hint: 'receptionHours.close must be HH:MM (24-hour)' })!;
      if (open >= close) throw invalid('receptionHours.close', 'receptionHours.close must come after open');
      return { open, close };
    },
    closingTime: (b) => (b.closingTime === '' ? '' : text(b, 'closingTime', { max: 5, required: true, pattern: TIME, hint: 'closingTime must be HH:MM (24-hour), or "" for none' })),
    idleSeconds: (b) => whole(b, 'idleSeconds', 15, 600),
    retentionDays: (b) => whole(b, 'retentionDays', 1, 36500),
    badgeHours: (b) => whole(b, 'badgeHours', 1, 72),
    purposes: readPurposes,
    secondApprover: readSecondApprover,
    agreements: readAgreements,
    ...caseSettingReaders,
    ...deskSettingReaders,
  };
  const change: Record<string, unknown> = {};
  for (const key of keys) {
    const read = readers[key];
    if (!read) throw invalid(key, `${key.slice(0, 40)} is not a setting`);
    // null (but for receptionHours, where it means always open) goes back to the default.
    change[key] = body[key] === null && key !== 'receptionHours' ? undefined : read(body);
  }
  return change as Change;
}

/** Text that may be emptied (''): the default then shows. */
function loose(b: Body, field: string, max: number): string | undefined {
  const v = b[field.split('.').pop()!];
  if (v === '') return '';
  return text(b, field, { max });
}

function whole(b: Body, field: string, min: number, max: number): number {
  const v = int(b, field, min, max);
  if (v === undefined) throw invalid(field, `${field} must be a whole number from ${min} to ${max}`);
  return v;
}

function readPurposes(b: Body): VisitPurpose[] {
  const raw = b.purposes;
  if (!Array.isArray(raw)) throw invalid('purposes', 'purposes must be a list of {zh, en, approval, escort}');
  if (raw.length > MAX_PURPOSES) throw invalid('purposes', `at most ${MAX_PURPOSES} purposes`, 'too-long');
  const seen = new Set<string>();
  return raw.map((entry, i) => {
    const field = `purposes[${i}]`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw invalid(field, `${field} must be {zh, en, approval, escort}`);
    const p = entry as Body;
    const purpose: VisitPurpose = {
      zh: text(p, `${field}.zh`, { max: 40, required: true })!,
      en: text(p, `${field}.en`, { max: 60, required: true })!,
      approval: bool(p, `${field}.approval`) ?? true,
      escort: bool(p, `${field}.escort`) ?? false,
      ...(bool(p, `${field}.secondApproval`) ? { secondApproval: true } : {}),
      // Checked against the agreements as they will be stored (flows/settings.ts): unknown ones are refused there.
      ...(p.agreementId === undefined || p.agreementId === null || p.agreementId === '' ? {} : { agreementId: text(p, `${field}.agreementId`, { max: 32, required: true })! }),
    };
    for (const label of [purpose.zh, purpose.en]) {
      if (seen.has(label)) throw invalid(`${field}.zh`, `${field} repeats "${label}"`, 'duplicate');
      seen.add(label);
    }
    return purpose;
  });
}
