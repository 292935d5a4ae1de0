// Visit history for security: a page of visits over any range, and the same query as CSV or Excel (audited).
import ExcelJS from 'exceljs';
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { VisitRecord } from '../../data/store.ts';
import type { Principal } from '../auth.ts';
import { actorOf } from '../auth.ts';
import { guardFormula, toCsv } from '../domain/csv.ts';
import { siteDay } from '../domain/visits.ts';
import { siteStamp } from '../domain/sitetime.ts';
import { record } from '../events.ts';
import { allHistory, EVENT_KINDS, parseHistory, type HistoryQuery } from '../flows/visit-history.ts';

const EXPORTERS = ['security', 'admin'] as const;
/** One export holds at most this many visits; `x-foyer-truncated: 1` says when more matched. */
const MAX_EXPORT = 20_000;
const COLUMNS = ['day', 'number', 'status', 'name', 'idType', 'idNumberMasked', 'company', 'host', 'department', 'purpose', 'kiosk', 'checkedInAt', 'checkedOutAt', 'companions', 'createdAt'] as const;

export function visitHistoryRoutes(ctx: Ctx, r: Router): void {
  // What the history can be narrowed by, for security's pickers: names only (GET /api/departments and
  // GET /api/kiosks are an admin's, with channels and pairing state that security has no need of).
  r.add('GET', '/api/visit-filters', EXPORTERS, async () => {
    const [hosts, kiosks] = await Promise.all([ctx.store.list('hosts'), ctx.store.list('kiosks')]);
    const departments = [...new Set(hosts.map((h) => h.department).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
    return { body: { departments, kiosks: kiosks.map((k) => ({ id: k.id, name: k.name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')), events: EVENT_KINDS } };
  });

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
  return { rows: visits.map((v) => rowOf(v, kiosks, ctx.config.timeZone)), filter, more };
}

/** Times on the site's clock with its offset, as the security page shows them wherever the reader is. */
function rowOf(v: VisitRecord, kiosks: Map<string, string>, timeZone: string): Record<string, unknown> {
  const at = (iso: string | undefined) => (iso ? siteStamp(iso, timeZone) : '');
  return {
    day: v.day, number: v.number, status: v.status, name: v.visitor.name, idType: v.visitor.idType,
    idNumberMasked: v.visitor.idNumberMasked, company: v.visitor.company, host: v.host?.name, department: v.host?.department,
    purpose: v.purpose, kiosk: v.kioskId ? kiosks.get(v.kioskId) ?? v.kioskId : '', checkedInAt: at(v.checkedInAt),
    checkedOutAt: at(v.checkedOutAt), companions: v.companions, createdAt: at(v.createdAt),
  };
}

/** Logged with the range, which filters were used (never their values: q may be a name) and the count. */
async function audit(ctx: Ctx, who: Principal | undefined, format: string, f: HistoryQuery, count: number, query: URLSearchParams) {
  const using = ['q', 'hostId', 'status', 'company', 'department', 'kiosk', 'event'].filter((k) => query.get(k)).join(',');
  await record(ctx, { kind: 'visits-exported', actor: actorOf(who), data: { format, from: f.from, to: f.to, using, count } });
}

const fileName = (ctx: Ctx, ext: string) => `foyer-visits-${ctx.clock().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.${ext}`;
