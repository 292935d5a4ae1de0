// One visitor registered at the desk: what reception typed, checked by the lobby's rules, and the request it becomes.
import type { InviteSummary, RegisterVisitBody } from '../../../server/protocol.ts';
import { checkIdNumber, checkPhone, checkRequired, normaliseIdNumber, type Problem } from '../../ui/checks.ts';
import { emptyVisitDraft, visitBody, type VisitDraft } from '../../ui/visit-draft.ts';
import type { StaffKey, Translate } from '../i18n.ts';

export const PURPOSE_KEYS = ['purposeMeeting', 'purposeInterview', 'purposeDelivery', 'purposeMaintenance'] as const satisfies readonly StaffKey[];
export const ITEM_KEYS = ['itemLaptop', 'itemCamera', 'itemTools', 'itemSamples'] as const satisfies readonly StaffKey[];
export type ItemKey = (typeof ITEM_KEYS)[number];

const MAX_ITEMS = 20; // the server's limits
const MAX_ITEM_LENGTH = 60;

export interface DeskDraft extends VisitDraft<ItemKey> {
  otherItems: string;
  escort: boolean;
}

export const emptyDraft = (): DeskDraft => ({ ...emptyVisitDraft<ItemKey>(), otherItems: '', escort: false });

/** An invitation fills in everything but the ID. */
export const draftFromInvite = (code: string, invite: InviteSummary): DeskDraft => ({ ...emptyDraft(), inviteCode: code, invite });

export type Checked = 'name' | 'idNumber' | 'phone' | 'purpose' | 'host';
export type Problems = Partial<Record<Checked, Problem<StaffKey>>>;

/** Each field's problem, judged as finished where `finished` says so (after a blur, or on submit). */
export function problemsOf(draft: DeskDraft, finished: (field: Checked) => boolean): Problems {
  const idNumber = checkIdNumber(draft.idType, draft.idNumber, finished('idNumber'));
  if (draft.invite) return { idNumber };
  return {
    name: checkRequired(draft.name, finished('name')),
    idNumber,
    phone: checkPhone(draft.phone, finished('phone'), true),
    purpose: checkRequired(draft.purpose, finished('purpose')),
    host: finished('host') && !draft.host ? { key: 'errHostRequired' } : null,
  };
}

export const hasProblems = (problems: Problems) => Object.values(problems).some(Boolean);

/** "笔记本电脑，雨伞、 tripod" → three items, within the server's limits. */
export function splitItems(text: string): string[] {
  return text.split(/[,，、;；\n]+/).map((item) => item.trim().slice(0, MAX_ITEM_LENGTH)).filter(Boolean);
}

/** The request for this draft; chosen items go in the desk's language, as reception would write them. */
export function registerBody(draft: DeskDraft, t: Translate): RegisterVisitBody {
  const idNumber = normaliseIdNumber(draft.idNumber);
  if (draft.invite && draft.inviteCode) {
    // The server takes the host, company and phone from the invitation itself.
    const { invite, inviteCode, requestId } = draft;
    return { visitor: { name: invite.visitor.name, idType: draft.idType, idNumber }, purpose: invite.purpose, inviteCode, requestId };
  }
  const items = [...draft.items.map((key) => t(key)), ...splitItems(draft.otherItems)].slice(0, MAX_ITEMS);
  return {
    ...visitBody(draft, items),
    ...(draft.escort && { escortRequired: true }),
  };
}
