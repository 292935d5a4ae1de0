// Visit history for security: a page of visits over any range, and the same query as CSV or Excel (audited).
import ExcelJS from 'exceljs';
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { VisitRecord } from '../../data/store.ts';
import type { Principal } from '../auth.ts';
import { actorOf } from '../auth.ts';
import { guardFormula, toCsv } from '../domain/csv.ts';
import { siteDay } from '../domain/visits.ts';
import { record } from '../events.ts';
import { allHistory, parseHistory, type HistoryQuery } from '../flows/visit-history.ts';

const EXPORTERS = ['security', 'admin'] as const;
/** One export holds at most this many visits; `x-foyer-truncated: 1` says when more matched. */
const MAX_EXPORT = 20_000;
const COLUMNS = ['day', 'number', 'status', 'name', 'idType', 'idNumberMasked', 'company', 'host', 'department', 'purpose', 'kiosk', 'checkedInAt', 'checkedOutAt', 'companions', 'createdAt'] as const;

export function visitHistoryRoutes(ctx: Ctx, r: Router): void {
  r.add('GET', '/api/visits.csv', EXPORTERS, async ({ query, who }) => {
    const { rows, filter } = await exportRows(ctx, query, who);
    await audit(ctx, who, 'csv', filter, rows.length, query);
    return { raw: { type: 'text/csv; charset=utf-8', data: Buffer.from(toCsv(COLUMNS, rows), 'utf8'), filename: fileName(ctx, 'csv') } };
  });

  r.add('GET', '/api/visits.xlsx', EXPORTERS, async ({ query, who }) => {
    const { rows, filter } = await exportRows(ctx, query, who);
    await audit(ctx, who, 'xlsx', filter, rows.length, query);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Visits');
    sheet.columns = COLUMNS.map((key) => ({ header: key, key, width: key === 'purpose' ? 30 : 16 }));
    // Every cell is text (no formula ever runs), guarded as in the CSV for whoever copies it elsewhere.
    for (const row of rows) sheet.addRow(Object.fromEntries(COLUMNS.map((c) => [c, guardFormula(row[c])])));
    const data = Buffer.from(await book.xlsx.writeBuffer());
    return { raw: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data, filename: fileName(ctx, 'xlsx') } };
  });
}

async function exportRows(ctx: Ctx, query: URLSearchParams, _who: Principal | undefined) {
  const { filter } = parseHistory(query, siteDay(ctx.clock(), ctx.config.timeZone));
  const { visits, more } = await allHistory(ctx, filter, MAX_EXPORT);
  const kiosks = new Map((await ctx.store.list('kiosks')).map((k) => [k.id, k.name]));
  return { rows: visits.map((v) => rowOf(v, kiosks)), filter, more };
}

function rowOf(v: VisitRecord, kiosks: Map<string, string>): Record<string, unknown> {
  return {
    day: v.day, number: v.number, status: v.status, name: v.visitor.name, idType: v.visitor.idType,
    idNumberMasked: v.visitor.idNumberMasked, company: v.visitor.company, host: v.host?.name, department: v.host?.department,
    purpose: v.purpose, kiosk: v.kioskId ? kiosks.get(v.kioskId) ?? v.kioskId : '', checkedInAt: v.checkedInAt,
    checkedOutAt: v.checkedOutAt, companions: v.companions, createdAt: v.createdAt,
  };
}

/** Logged with the range, which filters were used (never their values: q may be a name) and the count. */
async function audit(ctx: Ctx, who: Principal | undefined, format: string, f: HistoryQuery, count: number, query: URLSearchParams) {
  const using = ['q', 'hostId', 'status', 'company', 'department', 'kiosk'].filter((k) => query.get(k)).join(',');
  await record(ctx, { kind: 'visits-exported', actor: actorOf(who), data: { format, from: f.from, to: f.to, using, count } });
}

const fileName = (ctx: Ctx, ext: string) => `foyer-visits-${ctx.clock().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.${ext}`;
