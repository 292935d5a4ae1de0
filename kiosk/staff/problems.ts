// What to tell staff when a call fails: a sentence in their language, never a stack or a raw code.
import { RequestError } from '../api.ts';
import type { StaffKey, Translate } from './i18n.ts';

const BY_CODE: Record<string, StaffKey> = {
  network: 'errNetwork',
  'too-many-attempts': 'errTooMany',
  forbidden: 'errForbidden',
  'not-found': 'errNotFound',
  'wrong-state': 'errWrongState',
  'unknown-host': 'errUnknownHost',
  'username-taken': 'errUsernameTaken',
  'bad-credentials': 'errBadCredentials',
  'weak-password': 'errPasswordWeak',
  'wrong-password': 'errWrongPassword',
  'last-admin': 'errLastAdmin',
  'host-inactive': 'errHostInactive',
  'bad-setup-token': 'setupBadToken',
  'invite-not-found': 'errInviteNotFound',
  'invite-used': 'errInviteUsed',
  'invite-not-open': 'errInviteNotOpen',
};

/** A removal refused because something still refers to the record (409 in-use, kind). */
const IN_USE: Record<string, StaffKey> = {
  visits: 'errInUseVisits', appointments: 'errInUseAppointments', users: 'errInUseUsers', hosts: 'errInUseHosts',
};

/** Labels of the body fields a form sends, so "invalid delegateId" reads as "check Delegate". */
export type FieldLabels = Record<string, StaffKey>;

/** Something to tell the user, kept untranslated so that it follows a change of language. */
export type Message = { key: StaffKey; vars?: Record<string, string | number> } | { error: unknown; labels?: FieldLabels };
export const msg = (key: StaffKey, vars?: Record<string, string | number>): Message => ({ key, vars });
export const failure = (error: unknown, labels?: FieldLabels): Message => ({ error, labels });

export function say(t: Translate, message: Message | null | undefined): string | null {
  if (!message) return null;
  return 'key' in message ? t(message.key, message.vars) : describe(message.error, t, message.labels);
}

export function describe(error: unknown, t: Translate, labels: FieldLabels = {}): string {
  if (!(error instanceof RequestError)) return t('errServer');
  if (error.code === 'too-short' && error.field === 'password') return t('errPasswordShort');
  if (error.code === 'in-use') return t(IN_USE[error.kind ?? ''] ?? 'errInUse');
  const known = BY_CODE[error.code];
  if (known) return t(known);
  if (error.status === 0) return t('errNetwork');
  if (error.status === 429) return t('errTooMany');
  if (error.status === 403) return t('errForbidden');
  if (error.status === 400 && error.field) {
    const field = labels[error.field] ? t(labels[error.field]) : error.field;
    if (error.code === 'missing-field') return t('errRequired', { field });
    if (error.code === 'too-long') return t('errTooLong', { field });
    // The server's sentence names the rule (an e-mail address, a phone number); it is English only.
    return `${t('errInvalid', { field })} (${error.message})`;
  }
  if (error.status >= 500) return t('errServer');
  return error.message || t('errServer');
}
