// The roll call page's calls (see server/API.md, "Roll call").
import type { PrintJobView, RollCall } from '../../../server/protocol.ts';
import { request } from '../../api.ts';
import { downloadExport, STAFF } from '../calls.ts';

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
export const exportRollCall = (id: string) => downloadExport(path(id, '/export'), 'rollcall.csv');
