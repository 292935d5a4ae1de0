// A group registered at the desk: what reception typed (the visit once, a row per visitor), checked by the lobby's rules,
// and the request it becomes (POST /api/visits/group).
import type { HostSummary, IdType, RegisterGroupBody, Visit } from '../../../server/protocol.ts';
import { request } from '../../api.ts';
import { checkIdNumber, checkPhone, checkRequired, normaliseIdNumber, normalisePhone, type Problem } from '../../ui/checks.ts';
import { newRequestId } from '../../ui/requestId.ts';
import { STAFF } from '../calls.ts';
import type { StaffKey } from '../i18n.ts';

export const GROUP_MIN = 2; // the server's limits
export const GROUP_MAX = 50;

export interface GroupRow { key: number; name: string; idType: IdType; idNumber: string; phone: string }
export interface GroupDraft { host: HostSummary | null; purpose: string; company: string; rows: GroupRow[]; requestId: string }

let rowKeys = 0;
export const emptyRow = (name = ''): GroupRow => ({ key: ++rowKeys, name, idType: 'cn-resident', idNumber: '', phone: '' });
export const emptyGroup = (): GroupDraft => ({ host: null, purpose: '', company: '', rows: [emptyRow(), emptyRow()], requestId: newRequestId() });

export type RowField = 'name' | 'idNumber' | 'phone';
export type RowProblems = Partial<Record<RowField, Problem<StaffKey>>>;

/** Each row's problems, judged as finished where `finished` says so; a second row with the same ID names the first. */
export function rowProblems(rows: GroupRow[], finished: (row: number, field: RowField) => boolean): RowProblems[] {
  const first = new Map<string, number>();
  return rows.map((row, i) => {
    const id = `${row.idType}:${normaliseIdNumber(row.idNumber)}`;
    const earlier = row.idNumber.trim() ? first.get(id) : undefined;
    if (row.idNumber.trim() && earlier === undefined) first.set(id, i);
    const same: Problem<StaffKey> = earlier === undefined || !finished(i, 'idNumber') ? null : { key: 'groupSameId', vars: { n: earlier + 1 } };
    return {
      name: checkRequired(row.name, finished(i, 'name')),
      idNumber: checkIdNumber(row.idType, row.idNumber, finished(i, 'idNumber')) ?? same,
      phone: checkPhone(row.phone, finished(i, 'phone'), false),
    };
  });
}

/** "王一\n李二, Sam Lee；赵三" → one name each. */
export const splitNames = (text: string) => text.split(/[\n\r,，、;；\t]+/).map((name) => name.trim()).filter(Boolean);

/** Pasted names fill the empty rows first, then new rows, up to the group's limit. */
export function withNames(rows: GroupRow[], names: string[]): GroupRow[] {
  const queue = [...names];
  const filled = rows.map((row) => (row.name.trim() || !queue.length ? row : { ...row, name: queue.shift()! }));
  return [...filled, ...queue.map((name) => emptyRow(name))].slice(0, Math.max(GROUP_MAX, rows.length));
}

export function groupBody(draft: GroupDraft, printAnyway = false): RegisterGroupBody {
  const company = draft.company.trim();
  return {
    hostId: draft.host?.id ?? '',
    purpose: draft.purpose.trim(),
    ...(company && { company }),
    visitors: draft.rows.map((row) => {
      const phone = normalisePhone(row.phone);
      return { name: row.name.trim(), idType: row.idType, idNumber: normaliseIdNumber(row.idNumber), ...(phone && { phone }) };
    }),
    requestId: draft.requestId,
    ...(printAnyway && { printAnyway }),
  };
}

/** `visitors[3].idNumber` → { row: 3, field: 'idNumber' }; undefined for a field of the whole group. */
export function rowOf(field: string | undefined): { row: number; field: string } | undefined {
  const m = /^visitors\[(\d+)\](?:\.(\w+))?$/.exec(field ?? '');
  return m ? { row: Number(m[1]), field: m[2] ?? 'name' } : undefined;
}

export const registerGroup = (body: RegisterGroupBody) =>
  request<{ visits: Visit[]; groupId: string }>(STAFF, 'POST', '/api/visits/group', body);

/** Waiting visits as cards: a group's members waiting for the host (two or more; not one held alone) as one, in the order of their first. */
export function cardsOf(visits: Visit[]): Array<Visit | Visit[]> {
  const groups = new Map<string, Visit[]>();
  // A member at its second approval (server/flows/second-approval.ts) shows its own card, with both steps.
  const together = (v: Visit) => v.group && !v.group.alone && !v.awaiting;
  for (const v of visits) if (together(v)) groups.set(v.group!.id, [...(groups.get(v.group!.id) ?? []), v]);
  const shown = new Set<string>();
  return visits.flatMap((v): Array<Visit | Visit[]> => {
    const members = together(v) ? groups.get(v.group!.id)! : [];
    if (members.length < 2) return [v];
    if (shown.has(v.group!.id)) return [];
    shown.add(v.group!.id);
    return [members];
  });
}
