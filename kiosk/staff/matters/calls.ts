// The calls-and-matters page's calls (see server/API.md, "Calls, messages and transfers" and "Cases").
import type { Call, SmsTemplate, Visit } from '../../../server/protocol.ts';
import type { CaseCategory, CaseImportance, CaseRecord, CaseStatus } from '../../../data/matters.ts';
import type { CaseAction } from '../../../server/domain/cases.ts';
import { readToken, request, RequestError } from '../../api.ts';
import { downloadExport, STAFF } from '../calls.ts';
import { learnNames, type MatterNames } from './names.ts';

export type { Call, CaseRecord };
export const CATEGORIES: CaseCategory[] = ['inquiry', 'help', 'paid-service', 'suggestion', 'complaint', 'other'];
export const STATUSES: CaseStatus[] = ['open', 'assigned', 'accepted', 'resolved', 'called-back', 'closed'];
export type { CaseCategory, CaseImportance, CaseStatus };

export interface NewCall {
  caller: { name: string; phone?: string; organisation?: string };
  subject: string;
  category: CaseCategory;
  importance: 'normal' | 'important';
  kind: 'call' | 'message' | 'transfer';
  forHostId?: string;
  forDepartment?: string;
  message?: string;
}
/** What the desk sends to open a case (POST /api/cases): the stored case's own fields. */
export type NewCase = Pick<CaseRecord, 'category' | 'importance' | 'subject' | 'detail' | 'contact' | 'from'>;
/** A step of a case's life, as the server's rules read it (server/domain/cases.ts). */
export type Step = CaseAction;

const call = <T>(method: string, path: string, body?: unknown) => request<T>(STAFF, method, path, body);
const id = (x: string) => encodeURIComponent(x);

export const logCall = async (body: NewCall) => (await call<{ call: Call }>('POST', '/api/calls', body)).call;
/** A list's answer: its names learned on the way (names.ts). */
const named = <T extends { names?: MatterNames }>(answer: T): T => { learnNames(answer.names); return answer; };

export const todaysCalls = async () => named(await call<{ calls: Call[]; names?: MatterNames }>('GET', '/api/calls?limit=500')).calls;
/** Calls of a range of site days (empty: today) matching q; the first 500. */
export async function findCalls(query: { from?: string; to?: string; q?: string }): Promise<Call[]> {
  const params = new URLSearchParams(Object.entries({ ...query, limit: '500' }).filter(([, v]) => v) as Array<[string, string]>);
  if (params.has('from') && !params.has('to')) params.set('to', params.get('from')!);
  return named(await call<{ calls: Call[]; names?: MatterNames }>('GET', `/api/calls?${params}`)).calls;
}
export const myCalls = async () => named(await call<{ calls: Call[]; names?: MatterNames }>('GET', '/api/calls/mine')).calls;
export const markRead = async (callId: string) => (await call<{ call: Call }>('POST', `/api/calls/${id(callId)}/read`, {})).call;
/** The site's desk words (GET /api/desk-phrases): the standard texts and whether an SMS bridge is set; read once. */
export interface DeskWords { smsTemplates: SmsTemplate[]; smsConfigured: boolean }
let deskWords: Promise<DeskWords> | undefined;
export const readDeskWords = () => (deskWords ??= call<DeskWords>('GET', '/api/desk-phrases').catch(() => { deskWords = undefined; return { smsTemplates: [], smsConfigured: false }; }));
/** The standard text to the caller after the call, in the language given (the server fills in name, site, subject). */
export const sendSms = async (callId: string, templateId: string, lang: 'zh-CN' | 'en') =>
  (await call<{ sent: { at: string; status: number } }>('POST', `/api/calls/${id(callId)}/sms`, { templateId, lang })).sent;
export const acknowledge = async (callId: string) => (await call<{ call: Call }>('POST', `/api/calls/${id(callId)}/acknowledge`, {})).call;

export const readVisit = async (visitId: string) => (await call<{ visit: Visit }>('GET', `/api/visits/${id(visitId)}`)).visit;
export const openCase = async (body: NewCase) => (await call<{ case: CaseRecord }>('POST', '/api/cases', body)).case;
export const openCases = async () => named(await call<{ cases: CaseRecord[]; names?: MatterNames }>('GET', '/api/cases/open')).cases;
export interface CaseQuery { from?: string; to?: string; status?: string; category?: string; q?: string }
export async function findCases(query: CaseQuery): Promise<CaseRecord[]> {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as Array<[string, string]>);
  return named(await call<{ cases: CaseRecord[]; names?: MatterNames }>('GET', `/api/cases?${params}`)).cases;
}
export async function stepCase(caseId: string, step: Step): Promise<CaseRecord> {
  const { kind, ...body } = step;
  return named(await call<{ case: CaseRecord; names?: MatterNames }>('POST', `/api/cases/${id(caseId)}/${kind}`, body)).case;
}

/** Today's call record (《来电/来访接待记录表》) as CSV, under the server's file name. */
export const exportCallForm = () => downloadExport('/api/calls.csv', 'calls.csv');
/** Today's call record as the paper form: the server's page needs the token, so it is fetched (not opened) and
 *  printed from a frame of this page. */
export async function printCallForm(): Promise<void> {
  const token = readToken(STAFF);
  const response = await fetch('/api/calls/form', { headers: token ? { authorization: `Bearer ${token}` } : {} })
    .catch((error) => { throw new RequestError(0, 'network', String(error)); });
  if (!response.ok) throw new RequestError(response.status, 'form', 'The form could not be read');
  document.querySelector('iframe.print-frame')?.remove();
  const frame = Object.assign(document.createElement('iframe'), { className: 'print-frame', title: 'call-form', srcdoc: await response.text() });
  frame.addEventListener('load', () => frame.contentWindow?.print(), { once: true });
  document.body.append(frame);
}

/** A call still waiting for someone: an unread message or an unacknowledged transfer. */
export const isPending = (c: Call) => (c.kind === 'message' && !c.message?.readAt) || (c.kind === 'transfer' && !c.transfer?.acknowledgedAt);
/** Pending first (oldest first), then the rest newest first. */
export function callOrder(a: Call, b: Call): number {
  const pa = isPending(a), pb = isPending(b);
  if (pa !== pb) return pa ? -1 : 1;
  return pa ? a.at.localeCompare(b.at) : b.at.localeCompare(a.at);
}
/** Of two copies of one record keep the later (updatedAt). */
export function upsert<T extends { id: string; updatedAt: string }>(list: T[], item: T): T[] {
  const i = list.findIndex((x) => x.id === item.id);
  if (i < 0) return [item, ...list];
  if (list[i].updatedAt > item.updatedAt) return list;
  return list.map((x, j) => (j === i ? item : x));
}
/** Past its answer deadline (not resolved) or its callback deadline (not called back). */
export function lateBy(c: CaseRecord, now: number): number {
  if (c.status === 'closed' || c.status === 'called-back') return 0;
  const due = c.status === 'resolved' ? c.callbackDueAt : c.dueAt;
  return due ? Math.max(0, now - Date.parse(due)) : 0;
}

/** The open list's order, as the server's: late ones first (the latest first), then by what is due next. */
export function caseOrder(now: number): (a: CaseRecord, b: CaseRecord) => number {
  const due = (c: CaseRecord) => (c.status === 'resolved' ? c.callbackDueAt ?? c.dueAt : c.dueAt);
  return (a, b) => lateBy(b, now) - lateBy(a, now) || due(a).localeCompare(due(b));
}
