// The roll call page's calls (see server/API.md, "Roll call").
import type { PrintJobView, RollCall } from '../../../server/protocol.ts';
import { readToken, request, RequestError } from '../../api.ts';
import { STAFF } from '../calls.ts';

export type RollCallSummary = Omit<RollCall, 'entries'>;
const path = (id: string, rest = '') => `/api/rollcalls/${encodeURIComponent(id)}${rest}`;

export const listRollCalls = async () => (await request<{ rollcalls: RollCallSummary[] }>(STAFF, 'GET', '/api/rollcalls')).rollcalls;
export const getRollCall = async (id: string) => (await request<{ rollcall: RollCall }>(STAFF, 'GET', path(id))).rollcall;
export const startRollCall = async () => (await request<{ rollcall: RollCall }>(STAFF, 'POST', '/api/rollcalls')).rollcall;
export const markRollCall = async (id: string, visitId: string, accounted: boolean) =>
  (await request<{ rollcall: RollCall }>(STAFF, 'POST', path(id, '/mark'), { visitId, accounted })).rollcall;
export const endRollCall = async (id: string) => (await request<{ rollcall: RollCall }>(STAFF, 'POST', path(id, '/end'))).rollcall;
export const printRollCall = async (id: string) => (await request<{ job: PrintJobView }>(STAFF, 'POST', path(id, '/print'))).job;

/** Saves the CSV under the server's file name. */
export async function exportRollCall(id: string): Promise<void> {
  const token = readToken(STAFF);
  const response = await fetch(path(id, '/export'), { headers: token ? { authorization: `Bearer ${token}` } : {} })
    .catch((error) => { throw new RequestError(0, 'network', String(error)); });
  if (!response.ok) throw new RequestError(response.status, 'export', 'The export failed');
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'rollcall.csv';
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(await response.blob()), download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
