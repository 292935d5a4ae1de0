// One visitor's turn at the kiosk: what they typed and where they are; reset wipes it all.
import type { HostSummary, IdType, InviteSummary, RegisterVisitBody, Visit } from '../../server/protocol.ts';
import { normaliseId, normalisePhone } from './checks.ts';

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
  items: string[];
  plate: string;
  inviteCode?: string;
  invite?: InviteSummary;
}

export const emptyDraft = (): Draft => ({
  name: '', idType: 'cn-resident', idNumber: '', phone: '', company: '', purpose: '',
  host: null, companions: 0, items: [], plate: '',
});

/** The draft an invitation starts from: everything but the ID. */
export function draftFromInvite(code: string, invite: InviteSummary): Draft {
  return {
    ...emptyDraft(), inviteCode: code, invite, name: invite.visitor.name,
    company: invite.visitor.company ?? '', purpose: invite.purpose, host: invite.host,
  };
}

export function registerBody(draft: Draft): RegisterVisitBody {
  const phone = normalisePhone(draft.phone);
  const company = draft.company.trim();
  const plate = draft.plate.trim().toUpperCase();
  return {
    visitor: {
      name: draft.name.trim(), idType: draft.idType, idNumber: normaliseId(draft.idType, draft.idNumber),
      ...(phone && { phone }), ...(company && { company }),
    },
    purpose: draft.purpose.trim(),
    ...(draft.host && { hostId: draft.host.id }),
    ...(draft.inviteCode && { inviteCode: draft.inviteCode }),
    ...(draft.companions > 0 && { companions: draft.companions }),
    ...(draft.items.length > 0 && { items: draft.items }),
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
