// The desk's words as the regulations (来电来访接待管理制度) prescribe them: the standard phrases (规范用语) shown to the
// clerk as prompts, and the standard texts (标准短信) sent to a caller after the call. Both live in the site
// settings, an admin edits them in Chinese and English; unset, the regulations' own words stand. Read from a PATCH
// body here, each refusal naming its field.
import type { DeskPhrase, SiteSettings, SmsTemplate, SmsWebhook } from '../protocol.ts';
import { invalid } from './errors.ts';

/** The phrases as the regulations give them ({site}: the site's name, as the regulations' "XXXX"). */
export const DEFAULT_DESK_PHRASES: readonly DeskPhrase[] = [
  // 接起电话使用规范用语:“您好!XXXXXX,请问您找哪位?”
  { key: 'greeting', zh: '您好！{site}，请问您找哪位？', en: 'Hello, {site}. Who would you like to speak to?' },
  // 向客人问好:“您好,请问您找哪一位?”、“有预约吗”
  { key: 'visit-greeting', zh: '您好，请问您找哪一位？有预约吗？', en: 'Hello, whom are you here to see? Do you have an appointment?' },
  // 要勤说“请问”、“对不起”、“请稍等”
  { key: 'holding', zh: '请稍等。', en: 'One moment, please.' },
  // 如果因故迟接,要向来电者说“对不起,让您久等了”
  { key: 'kept-waiting', zh: '对不起，让您久等了。', en: 'Sorry to have kept you waiting.' },
  // 对要求转向具体人姓名的电话,可以礼貌的说“请稍等”,并马上告知
  { key: 'transfer', zh: '请稍等，我马上为您转接。', en: 'One moment, please: I will put you through right away.' },
  // 代接电话时,一定要主动要求对方留言或留回电方式,千万注意不要简单回答:“不在!”
  { key: 'message', zh: '对不起，他现在不方便接听。请您留下姓名和联系方式，我会尽快转告。', en: 'I am sorry, they cannot take your call just now. May I have your name and number? I will pass your message on right away.' },
  // 如接到服务投诉时必须首先代表物业管理公司向住户道歉
  { key: 'complaint-apology', zh: '非常抱歉给您带来不便，我代表{site}向您道歉。请您慢慢说，我会详细记录。', en: 'I am very sorry for the trouble. On behalf of {site}, please accept our apology. Please tell me what happened; I will write it all down.' },
  // 在通话结束后,“谢谢您的来电,我们会尽快答复,祝您工作愉快!再见!”
  { key: 'closing', zh: '谢谢您的来电，我们会尽快答复，祝您工作愉快！再见！', en: 'Thank you for calling. We will get back to you as soon as we can. Have a good day. Goodbye!' },
  // 当客人离开时……“请慢走,欢迎下次来我们公司做客”
  { key: 'farewell', zh: '请慢走，欢迎下次再来。', en: 'Take care, and you are welcome to come again.' },
];

/** The standard text after a call (随后5分钟内给客户发一份标准短信), and one after a message was taken. */
export const DEFAULT_SMS_TEMPLATES: readonly SmsTemplate[] = [
  { id: 'after-call', zh: '您好，{name}！这里是{site}前台，感谢您的来电。您反映的“{subject}”我们已记录，会尽快答复您。', en: 'Hello {name}, this is the front desk of {site}. Thank you for your call. We have noted "{subject}" and will get back to you soon.' },
  { id: 'message-taken', zh: '您好，{name}！这里是{site}前台，您的留言已转告相关人员，对方会尽快与您联系。', en: 'Hello {name}, this is the front desk of {site}. Your message has been passed on, and you will be contacted soon.' },
];

/** What a template may name: the caller, the site, the call's subject and the clerk who sends it. */
export const SMS_PLACEHOLDERS = ['name', 'site', 'subject', 'staff'] as const;
export type SmsVars = Record<(typeof SMS_PLACEHOLDERS)[number], string>;

const MAX_PHRASES = 30;
const MAX_TEMPLATES = 20;
const PHRASE_ZH = 200;
const PHRASE_EN = 400;
const TEMPLATE_ZH = 300;
const TEMPLATE_EN = 600;
const KEY = /^[a-z][a-z0-9-]{0,31}$/;
/** A site's name standing in for {site} when none is set. */
const NO_SITE = { zh: '本单位', en: 'our office' };

type Body = Record<string, unknown>;
const isObject = (v: unknown): v is Body => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/** One line of text, NFC, trimmed, bounded; control characters break SMS gateways and logs. */
function line(v: unknown, field: string, max: number): string {
  if (typeof v !== 'string' || v.trim() === '') throw invalid(field, `${field} is required`, 'missing-field');
  const s = v.normalize('NFC').trim();
  if (s.length > max) throw invalid(field, `${field} is longer than ${max} characters`, 'too-long');
  if (/[\u0000-\u001f\u007f]/.test(s)) throw invalid(field, `${field} contains control characters`);
  return s;
}

function only(v: Body, field: string, keys: string[]): void {
  const extra = Object.keys(v).find((k) => !keys.includes(k));
  if (extra !== undefined) throw invalid(`${field}.${extra.slice(0, 40)}`, `${field} has ${keys.join(', ')} only`, 'unknown-field');
}

/** A list of {idField, zh, en}: bounded, ids well formed and each once. */
function entries(v: unknown, field: string, idField: string, max: number, zhMax: number, enMax: number): Array<Record<string, string>> {
  if (!Array.isArray(v)) throw invalid(field, `${field} must be a list of {${idField}, zh, en}`);
  if (v.length > max) throw invalid(field, `at most ${max} entries`, 'too-long');
  const seen = new Set<string>();
  return v.map((e, i) => {
    const at = `${field}[${i}]`;
    if (!isObject(e)) throw invalid(at, `${at} must be {${idField}, zh, en}`);
    only(e, at, [idField, 'zh', 'en']);
    const id = line(e[idField], `${at}.${idField}`, 32);
    if (!KEY.test(id)) throw invalid(`${at}.${idField}`, `${at}.${idField} must be lower-case letters, digits and dashes, starting with a letter`);
    if (seen.has(id)) throw invalid(`${at}.${idField}`, `${at}.${idField} repeats "${id}"`, 'duplicate');
    seen.add(id);
    return { [idField]: id, zh: line(e.zh, `${at}.zh`, zhMax), en: line(e.en, `${at}.en`, enMax) };
  });
}

/** A template may name only the known placeholders: a typo would reach the caller as "{nmae}". */
function checkPlaceholders(t: Record<string, string>, at: string): void {
  for (const lang of ['zh', 'en'] as const) {
    for (const [, name] of t[lang].matchAll(/\{([^{}]*)\}/g)) {
      if (!(SMS_PLACEHOLDERS as readonly string[]).includes(name)) {
        throw invalid(`${at}.${lang}`, `${at}.${lang} names {${name.slice(0, 20)}}: a template may use ${SMS_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`, 'unknown-placeholder');
      }
    }
  }
}

/** The bridge as a PATCH sends it: secret null removes the stored one. */
export interface SentSmsWebhook { url: string; secret?: string | null }

/** The bridge's address and secret as sent; a masked URL (read back) or a missing secret keep the stored ones
 *  (keepSmsWebhook, in the settings' own atomic step). secret '' or null removes it. */
function readSmsWebhook(b: Body): SentSmsWebhook {
  const v = b.smsWebhook;
  if (!isObject(v)) throw invalid('smsWebhook', 'smsWebhook must be {url, secret?}');
  only(v, 'smsWebhook', ['url', 'secret', 'secretSet']);
  const url = line(v.url, 'smsWebhook.url', 500);
  let parsed: URL | undefined;
  try { parsed = new URL(url); } catch { /* reported below */ }
  if (!parsed || !/^https?:$/.test(parsed.protocol) || !parsed.hostname) throw invalid('smsWebhook.url', 'smsWebhook.url must be an http:// or https:// URL');
  if (v.secret === null || v.secret === '') return { url, secret: null };
  if (v.secret === undefined) return { url };
  return { url, secret: line(v.secret, 'smsWebhook.secret', 200) };
}

/** The settings readers for PATCH /api/settings (null, handled there, puts a field back to its default). */
export const deskSettingReaders: Record<string, (b: Body) => unknown> = {
  deskPhrases: (b) => entries(b.deskPhrases, 'deskPhrases', 'key', MAX_PHRASES, PHRASE_ZH, PHRASE_EN),
  smsTemplates: (b) => {
    const list = entries(b.smsTemplates, 'smsTemplates', 'id', MAX_TEMPLATES, TEMPLATE_ZH, TEMPLATE_EN);
    list.forEach((t, i) => checkPlaceholders(t, `smsTemplates[${i}]`));
    return list;
  },
  smsWebhook: readSmsWebhook,
};

/** The bridge as stored after a change: a URL sent back as read (masked) keeps the stored one, and so does its
 *  secret unless a new one is given (or '' / null removes it). A masked URL with nothing stored behind it is refused. */
export function keepSmsWebhook(stored: SmsWebhook | undefined, sent: SentSmsWebhook, mask: (url: string) => string): SmsWebhook {
  const same = stored && (sent.url === stored.url || sent.url === mask(stored.url));
  if (!same && sent.url.includes('…')) throw invalid('smsWebhook.url', 'smsWebhook.url is masked: send the whole URL', 'masked-url');
  const url = same ? stored.url : sent.url;
  const secret = sent.secret === null ? undefined : sent.secret ?? (same ? stored.secret : undefined);
  return { url, ...(secret ? { secret } : {}) };
}

/** The bridge as an admin reads it: the URL's token masked, the secret never (secretSet says there is one). */
export function smsWebhookView(w: SmsWebhook, mask: (url: string) => string): SmsWebhook {
  return { url: mask(w.url), ...(w.secret ? { secretSet: true } : {}) };
}

type DeskSettings = Pick<SiteSettings, 'siteName' | 'deskPhrases' | 'smsTemplates'>;

/** The phrases in force, {site} filled with the site's name (or "本单位" / "our office" while it has none). */
export function deskPhrases(s: DeskSettings): DeskPhrase[] {
  return (s.deskPhrases ?? DEFAULT_DESK_PHRASES).map((p) => ({
    key: p.key,
    zh: p.zh.replaceAll('{site}', s.siteName || NO_SITE.zh),
    en: p.en.replaceAll('{site}', s.siteName || NO_SITE.en),
  }));
}

export const smsTemplates = (s: DeskSettings): SmsTemplate[] => [...(s.smsTemplates ?? DEFAULT_SMS_TEMPLATES)];

/** A template's text for a caller: each known placeholder filled (an unknown one cannot be stored). */
export function fillTemplate(template: SmsTemplate, lang: 'zh-CN' | 'en', vars: SmsVars): string {
  const text = lang === 'en' ? template.en : template.zh;
  return text.replace(/\{(name|site|subject|staff)\}/g, (_, k: keyof SmsVars) => vars[k]);
}

export const siteNameIn = (s: Pick<SiteSettings, 'siteName'>, lang: 'zh-CN' | 'en') => s.siteName || (lang === 'en' ? NO_SITE.en : NO_SITE.zh);
