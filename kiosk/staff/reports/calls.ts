// The reports page's calls (see server/API.md, "Reports").
import type { Report } from '../../../server/domain/reports.ts';
import { request } from '../../api.ts';
import { downloadExport, STAFF } from '../calls.ts';

export type Period = { kind: 'monthly'; month: string } | { kind: 'weekly'; week: string };
const query = (p: Period) => (p.kind === 'monthly' ? `month=${p.month}` : `week=${p.week}`);

export const getReport = async (p: Period) => (await request<{ report: Report }>(STAFF, 'GET', `/api/reports/${p.kind}?${query(p)}`)).report;

/** Saves the CSV under the server's file name. */
export const exportReport = (p: Period) => downloadExport(`/api/reports/${p.kind}.csv?${query(p)}`, 'report.csv');
