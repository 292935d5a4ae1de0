// One visitor's turn at the kiosk: what they typed and where they are; reset wipes it all.
import type { Agreement, InviteSummary, PublicSettings, RegisterVisitBody, Visit } from '../../server/protocol.ts';
import type { Translate } from '../ui/i18n.ts';
import { emptyVisitDraft, visitBody, type VisitDraft } from '../ui/visit-draft.ts';
import type { ItemKey } from './choices.ts';

export type ScreenName =
  | 'pairing' | 'welcome' | 'about-you' | 'your-visit' | 'invitation' | 'invitation-id' | 'privacy'
  | 'waiting' | 'badge' | 'denied' | 'reception' | 'checkout' | 'goodbye' | 'agreement';

export type Draft = VisitDraft<ItemKey>;

export const emptyDraft = (): Draft => emptyVisitDraft<ItemKey>();

/** The draft an invitation starts from: everything but the ID. */
export function draftFromInvite(code: string, invite: InviteSummary): Draft {
  return {
    ...emptyDraft(), inviteCode: code, invite, name: invite.visitor.name,
    company: invite.visitor.company ?? '', purpose: invite.purpose, host: invite.host,
  };
}

/** The request for this draft; items go in the visitor's language, as they would say them at the desk. */
export const registerBody = (draft: Draft, t: Translate): RegisterVisitBody => visitBody(draft, draft.items.map((key) => t(key)));

/** The agreement the draft's purpose requires (one of the site's purposes, by either label), if any. */
export function requiredAgreement(settings: PublicSettings | undefined, purpose: string): Agreement | undefined {
  const id = settings?.purposes.find((p) => p.zh === purpose.trim() || p.en === purpose.trim())?.agreementId;
  return id ? settings?.agreements?.find((a) => a.id === id) : undefined;
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
