// Reading a JSON body field by field: each check names the field it refuses.
import { invalid } from '../domain/errors.ts';

type Body = Record<string, unknown>;

export function obj(body: Body, field: string, required = true): Body | undefined {
  const v = body[last(field)];
  if (v === undefined || v === null) {
    if (required) throw invalid(field, `${field} is required`, 'missing-field');
    return undefined;
  }
  if (typeof v !== 'object' || Array.isArray(v)) throw invalid(field, `${field} must be an object`);
  return v as Body;
}

export function text(body: Body, field: string, opts: { max: number; min?: number; required?: boolean; pattern?: RegExp; hint?: string }): string | undefined {
  const v = body[last(field)];
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
    if (opts.required) throw invalid(field, `${field} is required`, 'missing-field');
    return undefined;
  }
  if (typeof v !== 'string') throw invalid(field, `${field} must be a string`);
  const s = v.normalize('NFC').trim();
  if (s.length > opts.max) throw invalid(field, `${field} is longer than ${opts.max} characters`, 'too-long');
  if (opts.min && s.length < opts.min) throw invalid(field, `${field} is shorter than ${opts.min} characters`, 'too-short');
  // Control characters have no place in a name or a note and break printers and logs.
  if (/[\u0000-\u001f\u007f]/.test(s)) throw invalid(field, `${field} contains control characters`);
  if (opts.pattern && !opts.pattern.test(s)) throw invalid(field, opts.hint ?? `${field} has the wrong format`);
  return s;
}

export function oneOf<T extends string>(body: Body, field: string, allowed: readonly T[], required = true): T | undefined {
  const v = body[last(field)];
  if (v === undefined || v === null) {
    if (required) throw invalid(field, `${field} is required (one of ${allowed.join(', ')})`, 'missing-field');
    return undefined;
  }
  if (typeof v !== 'string' || !allowed.includes(v as T)) throw invalid(field, `${field} must be one of ${allowed.join(', ')}`);
  return v as T;
}

export function int(body: Body, field: string, min: number, max: number): number | undefined {
  const v = body[last(field)];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw invalid(field, `${field} must be a whole number from ${min} to ${max}`);
  }
  return v;
}

export function bool(body: Body, field: string): boolean | undefined {
  const v = body[last(field)];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalid(field, `${field} must be true or false`);
  return v;
}

export function list(body: Body, field: string, maxItems: number, maxLength: number): string[] | undefined {
  const v = body[last(field)];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalid(field, `${field} must be a list of strings`);
  if (v.length > maxItems) throw invalid(field, `${field} has more than ${maxItems} entries`, 'too-long');
  return v.map((_, i) => text({ [i]: v[i] }, `${field}.${i}`, { max: maxLength, required: true })!);
}

export function isoTime(body: Body, field: string, required = true): string | undefined {
  const s = text(body, field, { max: 40, required });
  if (s === undefined) return undefined;
  const t = Date.parse(s);
  if (!/^\d{4}-\d\d-\d\dT/.test(s) || Number.isNaN(t)) throw invalid(field, `${field} must be an ISO 8601 date-time`);
  return new Date(t).toISOString();
}

export const PHONE = /^(\+?\d[\d\s-]{5,19})$/;

const last = (field: string) => field.slice(field.lastIndexOf('.') + 1);
