// What a visitor (or reception for them) has typed so far, and the request it becomes: one shape for the lobby and the desk.
import type { HostSummary, IdType, InviteSummary, RegisterVisitBody } from '../../server/protocol.ts';
import { normaliseIdNumber, normalisePhone } from './checks.ts';
import { newRequestId } from './requestId.ts';

export interface VisitDraft<Item extends string> {
  name: string;
  idType: IdType;
  idNumber: string;
  phone: string;
  company: string;
  purpose: string;
  host: HostSummary | null;
  companions: number;
  /** One per companion, '' where none was given. */
  companionNames: string[];
  items: Item[];
  plate: string;
  inviteCode?: string;
  invite?: InviteSummary;
  /** One per visitor's turn: a submit retried after a lost answer finds the same visit. */
  requestId: string;
}

export const emptyVisitDraft = <Item extends string>(): VisitDraft<Item> => ({
  name: '', idType: 'cn-resident', idNumber: '', phone: '', company: '', purpose: '',
  host: null, companions: 0, companionNames: [], items: [], plate: '', requestId: newRequestId(),
});

/** The request for a draft; `items` are the carried items as words, already in the writer's language. */
export function visitBody(draft: VisitDraft<string>, items: string[]): RegisterVisitBody {
  const phone = normalisePhone(draft.phone);
  const company = draft.company.trim();
  const plate = draft.plate.trim().toUpperCase();
  const companionNames = draft.companionNames.slice(0, draft.companions).map((name) => name.trim()).filter(Boolean);
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
    ...(companionNames.length > 0 && { companionNames }),
    ...(items.length > 0 && { items }),
    ...(plate && { plate }),
  };
}
