// The admin's directory file calls (the body is the file, the answer may be a download) and the site settings.
import type { SiteSettings } from '../../../server/protocol.ts';
import { readToken, request, RequestError } from '../../api.ts';
import { downloadExport, STAFF } from '../calls.ts';

export interface RowError { row: number; field: string; code: string; message: string }
export interface ImportResult { dryRun: boolean; added: number; updated: number; errors: RowError[]; ignoredColumns: string[] }

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const auth = (): Record<string, string> => { const token = readToken(STAFF); return token ? { authorization: `Bearer ${token}` } : {}; };

async function failed(response: Response): Promise<never> {
  const error = ((await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string; field?: string } }).error;
  throw new RequestError(response.status, error?.code ?? `http-${response.status}`, error?.message ?? response.statusText, error?.field);
}

/** A CSV goes without a charset: the server reads a BOM, UTF-8, or else GBK (what Excel saves in China). */
export async function importHosts(file: File, dryRun: boolean): Promise<ImportResult> {
  const type = /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv';
  let response: Response;
  try {
    response = await fetch(`/api/hosts/import${dryRun ? '?dryRun=1' : ''}`, { method: 'POST', headers: { ...auth(), 'content-type': type }, body: file });
  } catch (error) {
    throw new RequestError(0, 'network', String(error));
  }
  if (!response.ok) return failed(response);
  return response.json();
}

/** Saves the export under the server's file name. */
export const exportHosts = (format: 'csv' | 'xlsx') => downloadExport(`/api/hosts/export?format=${format}`, `hosts.${format}`);

/** The logo goes as the file itself (PUT /api/settings/logo); the answer is its new version. */
export async function uploadLogo(file: File): Promise<string> {
  let response: Response;
  try {
    response = await fetch('/api/settings/logo', { method: 'PUT', headers: { ...auth(), 'content-type': file.type || 'application/octet-stream' }, body: file });
  } catch (error) {
    throw new RequestError(0, 'network', String(error));
  }
  if (!response.ok) return failed(response);
  return ((await response.json()) as { logoVersion: string }).logoVersion;
}
export const removeLogo = () => request(STAFF, 'DELETE', '/api/settings/logo');

export const getSettings = async () => (await request<{ settings: SiteSettings }>(STAFF, 'GET', '/api/settings')).settings;
export const patchSettings = async (change: Partial<SiteSettings>) => (await request<{ settings: SiteSettings }>(STAFF, 'PATCH', '/api/settings', change)).settings;
