// The life of a case (事务): created, assigned to a department or person, accepted, noted, resolved, called back,
// closed. Pure functions: each returns the next record, or the DomainError that says why not (409 for a step out
// of order), and never changes its input. Who may take a step is decided at the door; reception may record any
// step on the assignee's behalf.
import {
  CASE_CATEGORIES, CASE_IMPORTANCES, type CaseCategory, type CaseDraft, type CaseImportance, type CaseRecord, type CaseStatus,
  type CaseStep,
} from '../../data/matters.ts';
import { callbackDueAt, dueAt, type WorkCalendar } from './deadlines.ts';
import { DomainError, invalid } from './errors.ts';

export type CaseAction =
  | { kind: 'assign'; department?: string; hostId?: string }
  | { kind: 'accept' }
  | { kind: 'note'; text: string }
  | { kind: 'resolve'; resolution: string }
  | { kind: 'callback'; reachedContact: boolean; satisfaction?: number; note?: string }
  | { kind: 'close'; reason?: string };

export type CaseActionKind = CaseAction['kind'];

/** Who takes the step; a supervisor may close a case that was never called back, saying why. */
export interface Actor { id: string; supervisor?: boolean }

/** The statuses each step may start from (close from any open status needs a supervisor's reason, see closeCase). */
export const CASE_STEPS: Record<CaseActionKind, readonly CaseStatus[]> = {
  assign: ['open', 'assigned', 'accepted'],
  accept: ['assigned'],
  note: ['open', 'assigned', 'accepted', 'resolved', 'called-back'],
  resolve: ['open', 'assigned', 'accepted'],
  callback: ['resolved'],
  close: ['called-back'],
};

export const TEXT_MAX = 2000;
export const SUBJECT_MAX = 200;

export interface NewCaseInput {
  category: string;
  importance: string;
  subject: string;
  detail?: string;
  contact: { name: string; phone?: string };
  from?: { callId: string } | { visitId: string };
}

const text = (value: unknown, field: string, max: number, required = true): string | DomainError | undefined => {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || (required && value.trim() === '')) return invalid(field, `${field} is required`);
  if (value.length > max) return invalid(field, `${field} is longer than ${max} characters`);
  return value.trim();
};

/** A new case, open, with its deadline; the store gives it its number. */
export function newCase(input: NewCaseInput, ctx: { id: string; day: string; at: string; by: string; calendar: WorkCalendar }): CaseDraft | DomainError {
  if (!(CASE_CATEGORIES as readonly string[]).includes(input.category)) {
    return invalid('category', `category must be one of ${CASE_CATEGORIES.join(', ')}`, 'unknown-category');
  }
  if (!(CASE_IMPORTANCES as readonly string[]).includes(input.importance)) {
    return invalid('importance', `importance must be one of ${CASE_IMPORTANCES.join(', ')}`, 'unknown-importance');
  }
  const subject = text(input.subject, 'subject', SUBJECT_MAX);
  const detail = text(input.detail, 'detail', TEXT_MAX, false);
  const name = text(input.contact?.name, 'contact.name', SUBJECT_MAX);
  const phone = text(input.contact?.phone, 'contact.phone', 40, false);
  for (const checked of [subject, detail, name, phone]) if (checked instanceof DomainError) return checked;
  const [category, importance] = [input.category as CaseCategory, input.importance as CaseImportance];
  return {
    id: ctx.id, day: ctx.day, category, importance, subject: subject as string,
    ...(detail ? { detail: detail as string } : {}),
    contact: { name: name as string, ...(phone ? { phone: phone as string } : {}) },
    ...(input.from ? { from: input.from } : {}),
    status: 'open',
    dueAt: dueAt(ctx.at, importance, category, ctx.calendar),
    steps: [{ kind: 'created', at: ctx.at, by: ctx.by }],
    createdBy: ctx.by, createdAt: ctx.at, updatedAt: ctx.at,
  };
}

const outOfOrder = (c: CaseRecord, action: CaseActionKind) =>
  new DomainError('case-step-out-of-order', `Case ${c.number} is ${c.status}; cannot ${action}`, 409, undefined, { status: c.status });

/** The case after the step, or why not. */
export function applyCaseStep(c: CaseRecord, action: CaseAction, actor: Actor, at: string): CaseRecord | DomainError {
  if (c.status === 'closed') return new DomainError('case-closed', `Case ${c.number} is closed`, 409, undefined, { status: c.status });
  if (action.kind === 'close') return closeCase(c, action.reason, actor, at);
  if (!CASE_STEPS[action.kind].includes(c.status)) return outOfOrder(c, action.kind);
  const step = (s: Omit<CaseStep, 'at' | 'by'>): CaseStep => ({ ...s, at, by: actor.id });
  const next = (change: Partial<CaseRecord>, s: CaseStep): CaseRecord => ({ ...c, ...change, steps: [...c.steps, s], updatedAt: at });
  switch (action.kind) {
    case 'assign': {
      const to = assignee(action);
      if (to instanceof DomainError) return to;
      return next({ status: 'assigned', assignee: to }, step({ kind: 'assigned', to }));
    }
    case 'accept':
      return next({ status: 'accepted' }, step({ kind: 'accepted' }));
    case 'note': {
      const note = text(action.text, 'text', TEXT_MAX);
      if (note instanceof DomainError) return note;
      return next({}, step({ kind: 'note', text: note }));
    }
    case 'resolve': {
      const resolution = text(action.resolution, 'resolution', TEXT_MAX);
      if (resolution instanceof DomainError) return resolution;
      return next({ status: 'resolved', resolvedAt: at, resolution, callbackDueAt: callbackDueAt(at) }, step({ kind: 'resolved', text: resolution }));
    }
    case 'callback':
      return callBack(c, action, actor, at, next, step);
  }
}

function assignee(action: { department?: string; hostId?: string }): CaseRecord['assignee'] | DomainError {
  const department = text(action.department, 'department', SUBJECT_MAX, false);
  const hostId = text(action.hostId, 'hostId', SUBJECT_MAX, false);
  if (department instanceof DomainError) return department;
  if (hostId instanceof DomainError) return hostId;
  if (!department === !hostId) return invalid('department', 'assign to a department or to a host, one of the two');
  return department ? { department } : { hostId };
}

function callBack(c: CaseRecord, action: Extract<CaseAction, { kind: 'callback' }>, actor: Actor, at: string,
  next: (change: Partial<CaseRecord>, s: CaseStep) => CaseRecord, step: (s: Omit<CaseStep, 'at' | 'by'>) => CaseStep): CaseRecord | DomainError {
  if (typeof action.reachedContact !== 'boolean') return invalid('reachedContact', 'reachedContact must be true or false');
  const { satisfaction } = action;
  if (satisfaction !== undefined) {
    if (!Number.isInteger(satisfaction) || satisfaction < 1 || satisfaction > 5) return invalid('satisfaction', 'satisfaction is a whole number from 1 to 5');
    if (!action.reachedContact) return invalid('satisfaction', 'satisfaction is recorded only when the person was reached');
  }
  const note = text(action.note, 'note', TEXT_MAX, false);
  if (note instanceof DomainError) return note;
  const callback = { at, by: actor.id, reachedContact: action.reachedContact, ...(satisfaction ? { satisfaction } : {}), ...(note ? { note } : {}) };
  // An attempt that did not reach the person is kept, and the case waits for the next attempt.
  return next({ status: action.reachedContact ? 'called-back' : 'resolved', callback },
    step({ kind: 'callback', reachedContact: action.reachedContact, ...(note ? { text: note } : {}) }));
}

/** Closing follows the callback; before it, only a supervisor who says why may close (a duplicate, a withdrawn request). */
function closeCase(c: CaseRecord, reason: string | undefined, actor: Actor, at: string): CaseRecord | DomainError {
  const why = text(reason, 'reason', TEXT_MAX, false);
  if (why instanceof DomainError) return why;
  if (c.status !== 'called-back') {
    if (!actor.supervisor || !why) {
      return new DomainError('callback-missing', `Case ${c.number} has not been called back; only a supervisor may close it now, giving a reason`, 409, 'reason', { status: c.status });
    }
  }
  return {
    ...c, status: 'closed', closedAt: at, ...(why ? { closeReason: why } : {}),
    steps: [...c.steps, { kind: 'closed', at, by: actor.id, ...(why ? { text: why } : {}) }], updatedAt: at,
  };
}

/** What a case asks of the desk besides its steps: complaints open with the apology (首先道歉) and are copied to the
 *  quality department; a major one is handled by a group and the quality department is told at once. */
export function caseFlags(c: Pick<CaseRecord, 'category' | 'importance'>): { apologyFirst: boolean; copyToQuality: boolean; qualityAtOnce: boolean; groupHandling: boolean } {
  const major = c.importance === 'major';
  return { apologyFirst: c.category === 'complaint', copyToQuality: c.category === 'complaint' || major, qualityAtOnce: major, groupHandling: major };
}

/** Which deadline an open case has missed at now: the answer (not yet resolved), or the callback (resolved, not reached). */
export function lateness(c: CaseRecord, now: Date): 'answer-overdue' | 'callback-overdue' | undefined {
  const t = now.getTime();
  if (['open', 'assigned', 'accepted'].includes(c.status) && t > Date.parse(c.dueAt)) return 'answer-overdue';
  if (c.status === 'resolved' && c.callbackDueAt && t > Date.parse(c.callbackDueAt)) return 'callback-overdue';
  return undefined;
}

/** For reports: resolved by its deadline; called back (reached) within 24 hours of resolution. */
export const answeredInTime = (c: CaseRecord): boolean => Boolean(c.resolvedAt) && Date.parse(c.resolvedAt!) <= Date.parse(c.dueAt);
export const calledBackInTime = (c: CaseRecord): boolean =>
  Boolean(c.callback?.reachedContact && c.callbackDueAt) && Date.parse(c.callback!.at) <= Date.parse(c.callbackDueAt!);
