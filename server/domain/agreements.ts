// Agreements a visitor signs at the kiosk (an NDA, safety rules): the admin's list in the settings, the purposes that
// require one, and the signature a registration brings.
import { createHash } from 'node:crypto';
import type { Agreement, VisitPurpose } from '../protocol.ts';
import { invalid } from './errors.ts';
import { text } from '../http/validate.ts';

export const MAX_AGREEMENTS = 10;
export const MAX_AGREEMENT_TITLE = 80;
export const MAX_AGREEMENT_TEXT = 6000;
/** A finger's signature on a kiosk-sized canvas is a few kB of PNG; the data URL may not be longer than this. */
export const MAX_SIGNATURE_CHARS = 96 * 1024;
const ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
const PNG_URL = 'data:image/png;base64,';
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

type Body = Record<string, unknown>;

/** The admin's list as sent in PATCH /api/settings: each field checked and named when refused. */
export function readAgreements(b: Body): Agreement[] {
  const raw = b.agreements;
  if (!Array.isArray(raw)) throw invalid('agreements', 'agreements must be a list of {id, title: {zh, en}, text: {zh, en}}');
  if (raw.length > MAX_AGREEMENTS) throw invalid('agreements', `at most ${MAX_AGREEMENTS} agreements`, 'too-long');
  const seen = new Set<string>();
  return raw.map((entry, i) => {
    const field = `agreements[${i}]`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw invalid(field, `${field} must be {id, title, text}`);
    const a = entry as Body;
    for (const k of Object.keys(a)) if (!['id', 'title', 'text'].includes(k)) throw invalid(`${field}.${k.slice(0, 40)}`, `${field} has id, title and text only`);
    const id = text(a, `${field}.id`, { max: 32, required: true, pattern: ID, hint: `${field}.id must be 1-32 lower-case letters, digits or dashes` })!;
    if (seen.has(id)) throw invalid(`${field}.id`, `${field} repeats the id "${id}"`, 'duplicate');
    seen.add(id);
    return { id, title: bilingual(a, `${field}.title`, MAX_AGREEMENT_TITLE, false), text: bilingual(a, `${field}.text`, MAX_AGREEMENT_TEXT, true) };
  });
}

/** { zh, en }, both required; the text of an agreement may have line breaks, a title may not. */
function bilingual(parent: Body, field: string, max: number, lines: boolean): { zh: string; en: string } {
  const v = parent[field.split('.').pop()!];
  if (v === undefined || v === null) throw invalid(field, `${field} is required`, 'missing-field');
  if (typeof v !== 'object' || Array.isArray(v)) throw invalid(field, `${field} must be {zh, en}`);
  const o = v as Body;
  for (const k of Object.keys(o)) if (k !== 'zh' && k !== 'en') throw invalid(`${field}.${k.slice(0, 40)}`, `${field} has zh and en only`);
  const one = (lang: 'zh' | 'en'): string => {
    const f = `${field}.${lang}`;
    if (!lines) return text(o, f, { max, required: true })!;
    const s = o[lang];
    if (typeof s !== 'string' || s.trim() === '') throw invalid(f, `${f} is required`, typeof s === 'string' || s === undefined ? 'missing-field' : undefined);
    const clean = s.normalize('NFC').replace(/\r\n?/g, '\n').trim();
    if (clean.length > max) throw invalid(f, `${f} is longer than ${max} characters`, 'too-long');
    if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(clean)) throw invalid(f, `${f} contains control characters`);
    return clean;
  };
  return { zh: one('zh'), en: one('en') };
}

/** Every agreementId of the purposes names an agreement of the list; the field named is the purpose's. */
export function checkAgreementIds(purposes: readonly VisitPurpose[], agreements: readonly Agreement[] | undefined, purposesChanged: boolean): void {
  const ids = new Set((agreements ?? []).map((a) => a.id));
  purposes.forEach((p, i) => {
    if (p.agreementId && !ids.has(p.agreementId)) {
      throw invalid(purposesChanged ? `purposes[${i}].agreementId` : 'agreements', `purposes[${i}] requires the agreement "${p.agreementId}", which is not in agreements`, 'unknown-agreement');
    }
  });
}

/** Which text was signed: a short hash of both languages' title and text, so a later edit shows as another version. */
export function agreementVersion(a: Agreement): string {
  return createHash('sha256').update(JSON.stringify([a.title.zh, a.title.en, a.text.zh, a.text.en])).digest('hex').slice(0, 16);
}

/** The agreement part of a registration: an id and a PNG data URL of the signature, of bounded size. */
export function readSignedAgreement(body: Body): { id: string; signature: string } | undefined {
  const v = body.agreement;
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw invalid('agreement', 'agreement must be {id, signature}');
  const a = v as Body;
  const id = text(a, 'agreement.id', { max: 32, required: true, pattern: ID, hint: 'agreement.id must be an agreement\'s id' })!;
  const signature = a.signature;
  if (typeof signature !== 'string' || signature === '') throw invalid('agreement.signature', 'agreement.signature is required: a PNG data URL', 'missing-field');
  if (signature.length > MAX_SIGNATURE_CHARS) throw invalid('agreement.signature', `agreement.signature is longer than ${MAX_SIGNATURE_CHARS} characters`, 'too-long');
  const data = signature.startsWith(PNG_URL) ? signature.slice(PNG_URL.length) : '';
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(data) || !Buffer.from(data.slice(0, 12), 'base64').subarray(0, 8).equals(PNG_MAGIC)) {
    throw invalid('agreement.signature', 'agreement.signature must be a PNG image as a data URL (data:image/png;base64,…)');
  }
  return { id, signature };
}
