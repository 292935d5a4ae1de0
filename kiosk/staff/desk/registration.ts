// One visitor registered at the desk: what reception typed, checked by the lobby's rules, and the request it becomes.
import type { HostSummary, IdType, InviteSummary, RegisterVisitBody } from '../../../server/protocol.ts';
import { checkIdNumber, checkPhone, checkRequired, normaliseIdNumber, normalisePhone, type Problem } from '../../ui/checks.ts';
import { newRequestId } from '../../ui/requestId.ts';
import type { StaffKey, Translate } from '../i18n.ts';

export const PURPOSE_KEYS = ['purposeMeeting', 'purposeInterview', 'purposeDelivery', 'purposeMaintenance'] as const satisfies readonly StaffKey[];
export const ITEM_KEYS = ['itemLaptop', 'itemCamera', 'itemTools', 'itemSamples'] as const satisfies readonly StaffKey[];
export type ItemKey = (typeof ITEM_KEYS)[number];

const MAX_ITEMS = 20; // the server's limits
const MAX_ITEM_LENGTH = 60;

export interface DeskDraft {
  name: string;
  idType: IdType;
  idNumber: string;
  phone: string;
  company: string;
  purpose: string;
  host: HostSummary | null;
  companions: number;
  items: ItemKey[];
  otherItems: string;
  plate: string;
  escort: boolean;
  inviteCode?: string;
  invite?: InviteSummary;
  /** One per form fill: a submit retried after a lost answer finds the same visit. */
  requestId: string;
}

export const emptyDraft = (): DeskDraft => ({
  name: '', idType: 'cn-resident', idNumber: '', phone: '', company: '', purpose: '', host: null,
  companions: 0, items: [], otherItems: '', plate: '', escort: false, requestId: newRequestId(),
});

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
  const phone = normalisePhone(draft.phone);
  const company = draft.company.trim();
  const plate = draft.plate.trim().toUpperCase();
  const items = [...draft.items.map((key) => t(key)), ...splitItems(draft.otherItems)].slice(0, MAX_ITEMS);
  return {
    visitor: { name: draft.name.trim(), idType: draft.idType, idNumber, ...(phone && { phone }), ...(company && { company }) },
    purpose: draft.purpose.trim(),
    requestId: draft.requestId,
    ...(draft.host && { hostId: draft.host.id }),
    ...(draft.companions > 0 && { companions: draft.companions }),
    ...(items.length > 0 && { items }),
    ...(plate && { plate }),
    ...(draft.escort && { escortRequired: true }),
  };
}
