// What erasing a visitor's personal data keeps (what reports need) and when a visit is due for it.
import type { Appointment, Visit } from '../protocol.ts';
import { isOpen } from './visits.ts';

// Every field of a visit is listed here, so a new field is a compile error until someone decides.
// true = kept for reports; false = personal (or may hold personal words), gone on erasure.
const VISIT_FIELDS = {
  id: true, number: true, day: true, status: true, purpose: true, hostId: true, host: true, kioskId: true,
  appointmentId: true, companions: true, escortRequired: true, escalation: true, createdAt: true, createdBy: true,
  decidedAt: true, decidedBy: true, checkedInAt: true, checkedOutAt: true, overstay: true, badge: true,
  lastMovement: true, erasedAt: true, hostPhrase: true, hostComing: true, // a phrase key and a time: nobody's words
  agreement: true, // which text was signed and when; the signature itself (VisitRecord.agreementSignature) goes
  group: true, // the ids of the visits registered together: nobody's details
  approvals: true, awaiting: true, secondApprover: true, // staff's approvals (who, when) and the department asked
  visitor: false, companionNames: false, items: false, plate: false, hostMessage: false, checkoutReason: false, invitedAs: false,
} as const satisfies Record<keyof Visit, boolean>;

const APPOINTMENT_FIELDS = {
  id: true, inviteCode: true, hostId: true, start: true, end: true, purpose: true, createdBy: true, createdAt: true,
  usedByVisitId: true, erasedAt: true,
  visitor: false,
} as const satisfies Record<keyof Appointment, boolean>;

function keep<T extends object>(record: T, fields: Record<string, boolean>): Partial<T> {
  // Only listed, kept fields survive: anything a store adds (ID hash, request id, refusal reason, photos) goes.
  return Object.fromEntries(Object.entries(record).filter(([k]) => fields[k] === true)) as Partial<T>;
}

/** The visit without who the visitor was: name, phone, company, masked ID, ID hash, plate, companions' names,
 *  items, the host's message and anything not listed as kept. The kept fields answer "how many, when, for whom". */
export function erasedVisit(v: Visit, at: string): Visit & { idHash: string } {
  return {
    ...(keep(v, VISIT_FIELDS) as Visit),
    visitor: { name: '', idType: v.visitor.idType, idNumberMasked: '' },
    items: [],
    idHash: '',
    erasedAt: at,
  };
}

export function erasedAppointment(a: Appointment, at: string): Appointment {
  return { ...(keep(a, APPOINTMENT_FIELDS) as Appointment), visitor: { name: '' }, erasedAt: at };
}

/** The last thing that happened to a visit: its check-out, decision, scan or arrival. */
export function visitEndedAt(v: Visit): string {
  const times = [v.createdAt, v.escalation?.since, v.decidedAt, v.checkedInAt, v.checkedOutAt, v.lastMovement?.at];
  return times.filter((t): t is string => Boolean(t)).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}

export type Erasability = 'erasable' | 'open' | 'already-erased';

/** Open visits are never erased: the visitor may still be in the building. */
export function erasability(v: Visit): Erasability {
  return v.erasedAt ? 'already-erased' : isOpen(v.status) ? 'open' : 'erasable';
}

/** A closed visit that ended before the cutoff (an ISO time). */
export const visitDue = (v: Visit, cutoff: string): boolean =>
  erasability(v) === 'erasable' && Date.parse(visitEndedAt(v)) < Date.parse(cutoff);

export const appointmentDue = (a: Appointment, cutoff: string): boolean =>
  !a.erasedAt && Date.parse(a.end) < Date.parse(cutoff);

/** The instant retentionDays before now: what ended before it is erased. */
export const retentionCutoff = (now: Date, retentionDays: number): Date =>
  new Date(now.getTime() - retentionDays * 24 * 3600 * 1000);
