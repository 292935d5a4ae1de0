// One visitor's turn at the kiosk: what they typed and where they are; reset wipes it all.
import type { HostSummary, IdType, InviteSummary, RegisterVisitBody, Visit } from '../../server/protocol.ts';
import type { Translate } from '../ui/i18n.ts';
import { normaliseIdNumber, normalisePhone } from '../ui/checks.ts';
import { newRequestId } from '../ui/requestId.ts';
import type { ItemKey } from './choices.ts';

export type ScreenName =
  | 'pairing' | 'welcome' | 'about-you' | 'your-visit' | 'invitation' | 'invitation-id' | 'privacy'
  | 'waiting' | 'badge' | 'denied' | 'reception' | 'checkout' | 'goodbye';

export interface Draft {
  name: string;
  idType: IdType;
  idNumber: string;
  phone: string;
  company: string;
  purpose: string;
  host: HostSummary | null;
  companions: number;
  items: ItemKey[];
  plate: string;
  inviteCode?: string;
  invite?: InviteSummary;
  /** One per visitor's turn: a submit retried after a lost answer finds the same visit. */
  requestId: string;
}

export const emptyDraft = (): Draft => ({
  name: '', idType: 'cn-resident', idNumber: '', phone: '', company: '', purpose: '',
  host: null, companions: 0, items: [], plate: '', requestId: newRequestId(),
});

/** The draft an invitation starts from: everything but the ID. */
export function draftFromInvite(code: string, invite: InviteSummary): Draft {
  return {
    ...emptyDraft(), inviteCode: code, invite, name: invite.visitor.name,
    company: invite.visitor.company ?? '', purpose: invite.purpose, host: invite.host,
  };
}

/** The request for this draft; items go in the visitor's language, as they would say them at the desk. */
export function registerBody(draft: Draft, t: Translate): RegisterVisitBody {
  const phone = normalisePhone(draft.phone);
  const company = draft.company.trim();
  const plate = draft.plate.trim().toUpperCase();
  return {
    visitor: {
      name: draft.name.trim(), idType: draft.idType, idNumber: normaliseIdNumber(draft.idNumber),
      ...(phone && { phone }), ...(company && { company }),
    },
    purpose: draft.purpose.trim(),
    requestId: draft.requestId,
    ...(draft.host && { hostId: draft.host.id }),
    ...(draft.inviteCode && { inviteCode: draft.inviteCode }),
    ...(draft.companions > 0 && { companions: draft.companions }),
    ...(draft.items.length > 0 && { items: draft.items.map((key) => t(key)) }),
    ...(plate && { plate }),
  };
}

/** Where a visitor whose visit has this status belongs. */
export function screenForVisit(visit: Visit): ScreenName {
  switch (visit.status) {
    case 'awaiting-host': return 'waiting';
    case 'approved': case 'on-site': return 'badge';
    case 'denied': return 'denied';
    case 'checked-out': return 'goodbye';
    default: return 'reception'; // refused, expired, cancelled: a person must help, and the kiosk says no more
  }
}
