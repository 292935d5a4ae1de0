// Directory import and export (admin): a CSV or .xlsx file in, a preview with per-row errors, the good rows applied.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { Host } from '../protocol.ts';
import { invalid } from '../domain/errors.ts';
import { actorOf } from '../auth.ts';
import { record } from '../events.ts';
import { siteDay } from '../domain/sitetime.ts';
import { EXPORT_HEADER } from '../domain/directory-columns.ts';
import { importHosts } from '../flows/host-import.ts';
import { csvFile, readSheet, xlsxFile, XLSX_TYPE } from '../flows/directory-file.ts';

/** A directory of several thousand people fits well within this. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export function hostImportRoutes(ctx: Ctx, r: Router): void {
  r.add('POST', '/api/hosts/import', ['admin'], async ({ query, raw, who }) => {
    const dryRun = query.get('dryRun');
    if (dryRun !== null && !['1', 'true', '0', 'false'].includes(dryRun)) throw invalid('dryRun', 'dryRun must be 1 or 0');
    const apply = dryRun === null || dryRun === '0' || dryRun === 'false';
    if (!raw || raw.data.length === 0) throw invalid('file', 'Send the file as the body', 'missing-field');
    const result = await importHosts(ctx, await readSheet(raw.data, raw.type), apply);
    // Counts only: never a name or an address from the file.
    if (apply) await record(ctx, { kind: 'hosts-imported', actor: actorOf(who), data: { added: result.added, updated: result.updated, errors: result.errors.length } });
    return { body: { dryRun: !apply, ...result } };
  }, { rawBody: MAX_IMPORT_BYTES });

  r.add('GET', '/api/hosts/export', ['admin'], async ({ query, who }) => {
    const format = query.get('format') ?? 'csv';
    if (format !== 'csv' && format !== 'xlsx') throw invalid('format', 'format must be csv or xlsx');
    const hosts = await ctx.store.list('hosts');
    const rows = hosts.map((h) => exportRow(h, hosts));
    await record(ctx, { kind: 'hosts-exported', actor: actorOf(who), data: { format, hosts: rows.length } });
    const filename = `hosts-${siteDay(ctx.clock(), ctx.config.timeZone)}.${format}`;
    return format === 'csv'
      ? { raw: { type: 'text/csv; charset=utf-8', data: csvFile(EXPORT_HEADER, rows), filename } }
      : { raw: { type: XLSX_TYPE, data: await xlsxFile(EXPORT_HEADER, rows), filename } };
  });
}

/** In EXPORT_HEADER's order; the delegate by e-mail, else employee number, so the file imports back as it is. */
function exportRow(h: Host, hosts: Host[]): string[] {
  const d = h.delegateId ? hosts.find((x) => x.id === h.delegateId) : undefined;
  return [h.name, h.department, h.email, h.phone, d?.email ?? d?.employeeNo, h.employeeNo, h.wecomUserId, h.dingtalkUserId, h.feishuUserId].map((v) => v ?? '');
}
