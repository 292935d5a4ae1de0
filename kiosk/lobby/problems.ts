// What to tell a visitor when a call fails: in their language, never the server's wording.
import { RequestError } from '../api.ts';
import type { StringKey } from '../ui/i18n.ts';

/** The screen's own message for a known error code (or `http-<status>`), else the general one for its kind. */
export function problemKey(error: unknown, known: Record<string, StringKey> = {}): StringKey {
  if (!(error instanceof RequestError)) return 'errServer';
  if (known[error.code]) return known[error.code];
  if (known[`http-${error.status}`]) return known[`http-${error.status}`];
  if (error.status === 0) return 'errNetwork';
  if (error.status === 429) return 'errTooMany';
  return 'errServer';
}

const FIELD_LABELS: Record<string, StringKey> = {
  'visitor.name': 'fullName', 'visitor.idType': 'idType', 'visitor.idNumber': 'idNumber',
  'visitor.phone': 'mobilePhone', 'visitor.company': 'company', purpose: 'purpose', hostId: 'host',
  companions: 'companions', companionNames: 'companions', items: 'items', plate: 'plate',
};

/** The label of the form field a 400 names, if it is one the visitor can fix. */
export function fieldLabelKey(error: unknown): StringKey | undefined {
  // companionNames[2] is the companions field.
  return error instanceof RequestError && error.status === 400 && error.field ? FIELD_LABELS[error.field.replace(/\[\d+\]$/, '')] : undefined;
}
