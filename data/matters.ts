// Calls, messages, transfers and cases (事务) as stored, and the rules every store shares for them: ids that
// name their day, what is pending or open, matching, paging and what erasure keeps. They grow by the day and
// are kept per day like visits, never as an always-loaded directory kind.
import type { Change } from './store.ts';
import { normalizeName } from '../server/domain/watchlist.ts';
import { dayOfVisitId } from './rules.ts';

export const CALL_KINDS = ['call', 'message', 'transfer'] as const;
export type CallKind = (typeof CALL_KINDS)[number];
export const CASE_CATEGORIES = ['inquiry', 'help', 'paid-service', 'suggestion', 'complaint', 'other'] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];
export const CASE_IMPORTANCES = ['normal', 'important', 'major'] as const;
export type CaseImportance = (typeof CASE_IMPORTANCES)[number];
export const CASE_STATUSES = ['open', 'assigned', 'accepted', 'resolved', 'called-back', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A call as written down at the desk; kind message = taken for someone who is out, transfer = handed on. */
export interface CallRecord {
  /** YYYYMMDD-… (the day, then a random part): the store finds its day file from the id. */
  id: string;
  /** The site day it is filed under (of `at`). */
  day: string;
  /** When the call came in. */
  at: string;
  caller: { name: string; phone?: string; organisation?: string };
  subject: string;
  category: CaseCategory;
  importance: CaseImportance;
  forHostId?: string;
  forDepartment?: string;
  kind: CallKind;
  message?: { text: string; readAt?: string; readBy?: string; remindedAt?: string };
  transfer?: { acknowledgedAt?: string; acknowledgedBy?: string; returnedAt?: string };
  /** The case opened from this call, if any. */
  caseId?: string;
  /** The standard text sent to the caller (POST /api/calls/:id/sms): which template, when, whether the bridge took
   *  it; sending while one is on its way (a claim of at most a minute). Never the phone or the text. */
  sms?: { templateId: string; at: string; ok: boolean; sending?: boolean };
  by: string;
  createdAt: string;
  updatedAt: string;
  erasedAt?: string;
}

export type CaseStepKind = 'created' | 'assigned' | 'accepted' | 'note' | 'resolved' | 'callback' | 'closed';

/** One event of a case's life, with who and when. */
export interface CaseStep {
  kind: CaseStepKind;
  at: string;
  by: string;
  text?: string;
  /** assigned: to whom. */
  to?: { department?: string; hostId?: string };
  /** callback: whether the person was reached. */
  reachedContact?: boolean;
}

export interface CaseRecord {
  id: string;
  /** Per-day sequence with its own prefix, e.g. C-20261201-0042 (formatCaseNumber); unique, handed out by the store. */
  number: string;
  /** The site day it was created. */
  day: string;
  category: CaseCategory;
  importance: CaseImportance;
  subject: string;
  detail?: string;
  contact: { name: string; phone?: string };
  from?: { callId: string } | { visitId: string };
  status: CaseStatus;
  assignee?: { department?: string; hostId?: string };
  dueAt: string;
  resolvedAt?: string;
  resolution?: string;
  callbackDueAt?: string;
  /** The latest callback attempt; only a reached one moves the case to called-back. */
  callback?: { at: string; by: string; reachedContact: boolean; satisfaction?: number; note?: string };
  closedAt?: string;
  closeReason?: string;
  steps: CaseStep[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  erasedAt?: string;
}

/** A case before the store numbers it. */
export type CaseDraft = Omit<CaseRecord, 'number'>;

/** One page of a day-range read, oldest day first and in stored order within a day; next continues it. */
export interface Page<T> {
  items: T[];
  next?: string;
}

export interface PageQuery {
  /** At most this many (default 100, at most 500). */
  limit?: number;
  /** Page.next of the page before. */
  after?: string;
}

export interface CallQuery extends PageQuery {
  /** Caller's name or organisation (case, spaces and tone marks ignored), subject, or phone digits. */
  text?: string;
  kind?: CallKind;
  forHostId?: string;
  forDepartment?: string;
}

export interface CaseFilter extends PageQuery {
  status?: CaseStatus[];
  category?: CaseCategory[];
  importance?: CaseImportance[];
  department?: string;
  hostId?: string;
  /** Contact's name, subject, number, or phone digits. */
  text?: string;
}

/** Whom a person's data request is about: exact name (compared as searches compare names) or phone digits. */
export interface MatterPerson {
  name?: string;
  phone?: string;
}

/** What eraseMatters did: ids erased now, and ids left alone because they are still pending or open. */
export interface ErasedMatters {
  calls: string[];
  cases: string[];
  kept: string[];
}

/** Retention erases what closed in a range of days; a person's request names the ids. */
export type MatterErasure = { fromDay: string; toDay: string } | { calls: string[]; cases: string[] };

export interface MatterStore {
  /** Stores a new call unless its id is taken (false). The id must start with its day as YYYYMMDD-. */
  insertCall(call: CallRecord): Promise<boolean>;
  getCall(id: string): Promise<CallRecord | undefined>;
  /** One atomic read-change-write (as update()); undefined when there is no such call (change is not called). */
  updateCall(id: string, change: Change<CallRecord, CallRecord>): Promise<CallRecord | undefined>;
  /** Calls of site days fromDay..toDay that match, paged. */
  callsBetween(fromDay: string, toDay: string, query?: CallQuery): Promise<Page<CallRecord>>;
  /** Unread messages and unacknowledged transfers, from an index: never a read of history. Oldest first. */
  pendingCalls(): Promise<CallRecord[]>;

  /** Numbers the draft with its day's next case number and stores it, in one atomic step (rivals, also on other
   *  servers, get different numbers); undefined when its id is taken (no number is used up then). A draft that
   *  carries its number (a copied site) keeps it (it must be free), and later numbers of its day follow it. */
  insertCase(draft: CaseDraft & { number?: string }): Promise<CaseRecord | undefined>;
  getCase(id: string): Promise<CaseRecord | undefined>;
  /** One atomic read-change-write: of two rival changes each sees the other's result. */
  updateCase(id: string, change: Change<CaseRecord, CaseRecord>): Promise<CaseRecord | undefined>;
  casesBetween(fromDay: string, toDay: string, filter?: CaseFilter): Promise<Page<CaseRecord>>;
  /** Cases not closed, from an index: never a read of history. Oldest first. */
  openCases(): Promise<CaseRecord[]>;

  /** Every call and case naming this person (a data request: a rare read of everything kept). */
  mattersOf(person: MatterPerson): Promise<{ calls: CallRecord[]; cases: CaseRecord[] }>;
  /** Erases the personal fields (erasedCall/erasedCase) and leaves no older version behind. By days: calls no
   *  longer pending and closed cases; by ids: those named, whatever their state. */
  eraseMatters(target: MatterErasure, at: string): Promise<ErasedMatters>;
}

export const dayOfMatterId = dayOfVisitId;

/** A store finds a call or case by its id alone, so the id must name its day. */
export function checkMatter(record: { id: string; day: string }, what: 'call' | 'case'): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(record.day) || Number.isNaN(Date.parse(record.day))) throw new Error(`invalid ${what} day "${record.day}"`);
  if (dayOfMatterId(record.id) !== record.day) throw new Error(`${what} id ${record.id} does not start with its day ${record.day} as YYYYMMDD-`);
}

/** A message not yet read, a transfer not yet acknowledged (one that came back to the desk stays pending until someone takes it). */
export const isPendingCall = (c: CallRecord): boolean =>
  (c.kind === 'message' && !c.message?.readAt) || (c.kind === 'transfer' && !c.transfer?.acknowledgedAt);

export const isOpenCase = (c: CaseRecord): boolean => c.status !== 'closed';

/** Pending calls and open cases are listed oldest first. */
export const byCreation = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** C-20261201-0042: the day, so that a number stays unique for years, and the day's sequence. */
export function formatCaseNumber(day: string, sequence: number): string {
  return `C-${day.replace(/-/g, '')}-${String(sequence).padStart(4, '0')}`;
}

export const phoneKey = (phone: string | undefined): string => (phone ?? '').replace(/\D/g, '');

const has = (haystack: string | undefined, needle: string) => normalizeName(haystack ?? '').includes(needle);

export function callMatches(c: CallRecord, q: CallQuery): boolean {
  if (q.kind && c.kind !== q.kind) return false;
  if (q.forHostId && c.forHostId !== q.forHostId) return false;
  if (q.forDepartment && c.forDepartment !== q.forDepartment) return false;
  const text = normalizeName(q.text ?? '');
  if (!text) return true;
  const digits = phoneKey(q.text);
  return has(c.caller.name, text) || has(c.caller.organisation, text) || has(c.subject, text) ||
    (digits.length >= 3 && phoneKey(c.caller.phone).includes(digits));
}

export function caseMatches(c: CaseRecord, f: CaseFilter): boolean {
  if (f.status?.length && !f.status.includes(c.status)) return false;
  if (f.category?.length && !f.category.includes(c.category)) return false;
  if (f.importance?.length && !f.importance.includes(c.importance)) return false;
  if (f.department && c.assignee?.department !== f.department) return false;
  if (f.hostId && c.assignee?.hostId !== f.hostId) return false;
  const text = normalizeName(f.text ?? '');
  if (!text) return true;
  const digits = phoneKey(f.text);
  return has(c.contact.name, text) || has(c.subject, text) || has(c.number, text) ||
    (digits.length >= 3 && phoneKey(c.contact.phone).includes(digits));
}

/** A person's request matches an exact name or phone, never a part of one. */
export function namesPerson(who: { name: string; phone?: string }, person: MatterPerson): boolean {
  const name = normalizeName(person.name ?? '');
  const phone = phoneKey(person.phone);
  return (name !== '' && normalizeName(who.name) === name) || (phone !== '' && phoneKey(who.phone) === phone);
}

export const PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

export function pageLimit(query: PageQuery | undefined): number {
  const limit = query?.limit ?? PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`invalid page limit ${limit}`);
  return Math.min(limit, MAX_PAGE_SIZE);
}

/** A page cursor: the day and a position within it (the store's own ordinal) after which the next page starts. */
export function readCursor(after: string | undefined): { day: string; at: number } | undefined {
  if (after === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})\.(\d{1,15})$/.exec(after);
  if (!m) throw new Error(`invalid page cursor "${after}"`);
  return { day: m[1], at: Number(m[2]) };
}

export const writeCursor = (day: string, at: number): string => `${day}.${at}`;

/** A page over days held as arrays in stored order (memory and lowdb): days load one at a time, and reading stops
 *  as soon as the page is full and one more match shows there is a next page. */
export async function pageOfDays<T>(days: readonly string[], load: (day: string) => Promise<readonly T[]>,
  matches: (r: T) => boolean, query: PageQuery | undefined): Promise<Page<T>> {
  const limit = pageLimit(query);
  const cursor = readCursor(query?.after);
  const items: T[] = [];
  let next: string | undefined;
  for (const day of days) {
    if (cursor && day < cursor.day) continue;
    const records = await load(day);
    for (let i = cursor && day === cursor.day ? cursor.at : 0; i < records.length; i++) {
      if (!matches(records[i])) continue;
      if (items.length === limit) return { items, next };
      items.push(records[i]);
      next = writeCursor(day, i + 1);
    }
  }
  return { items };
}

// Every field is listed, so a new field is a compile error until someone decides: true = kept for reports.
const CALL_FIELDS = {
  id: true, day: true, at: true, category: true, importance: true, forHostId: true, forDepartment: true, kind: true,
  transfer: true, caseId: true, sms: true, by: true, createdAt: true, updatedAt: true, erasedAt: true,
  caller: false, subject: false, message: false,
} as const satisfies Record<keyof CallRecord, boolean>;

const CASE_FIELDS = {
  id: true, number: true, day: true, category: true, importance: true, from: true, status: true, assignee: true,
  dueAt: true, resolvedAt: true, callbackDueAt: true, closedAt: true, createdBy: true, createdAt: true, updatedAt: true,
  erasedAt: true,
  subject: false, detail: false, contact: false, resolution: false, callback: false, closeReason: false, steps: false,
} as const satisfies Record<keyof CaseRecord, boolean>;

const kept = <T extends object>(record: T, fields: Record<string, boolean>): T =>
  Object.fromEntries(Object.entries(record).filter(([k]) => fields[k] === true)) as T;

/** The call without who called or what was said: what remains answers "how many, when, of what kind, for whom". */
export function erasedCall(c: CallRecord, at: string): CallRecord {
  const message = c.message && { text: '', ...(c.message.readAt ? { readAt: c.message.readAt } : {}) };
  return { ...kept(c, CALL_FIELDS), caller: { name: '' }, subject: '', ...(message ? { message } : {}), erasedAt: at };
}

/** The case without the person or anyone's words; steps keep their kind, time and actor, satisfaction its score. */
export function erasedCase(c: CaseRecord, at: string): CaseRecord {
  const { satisfaction, reachedContact, at: calledAt, by } = c.callback ?? ({} as Partial<NonNullable<CaseRecord['callback']>>);
  return {
    ...kept(c, CASE_FIELDS),
    subject: '',
    contact: { name: '' },
    ...(c.callback ? { callback: { at: calledAt!, by: by!, reachedContact: reachedContact!, ...(satisfaction ? { satisfaction } : {}) } } : {}),
    steps: c.steps.map((s) => ({ kind: s.kind, at: s.at, by: s.by, ...(s.to ? { to: s.to } : {}), ...(s.reachedContact === undefined ? {} : { reachedContact: s.reachedContact }) })),
    erasedAt: at,
  };
}

/** What a range erasure takes: a call no longer pending, a case closed; never one erased already. */
export const callErasable = (c: CallRecord): boolean => !c.erasedAt && !isPendingCall(c);
export const caseErasable = (c: CaseRecord): boolean => !c.erasedAt && !isOpenCase(c);
