// Directory import: every row checked with the host rules, then each good row added or updated in one step of the
// store, matched by e-mail or employee number; a bad row is reported (by the row number the admin sees) and left out.
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../context.ts';
import type { Host } from '../protocol.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { columnOf, type ColumnKey } from '../domain/directory-columns.ts';
import { unguard } from '../domain/csv.ts';
import { readHostFields, type HostFields } from '../http/host-fields.ts';
import type { Sheet } from './directory-file.ts';

/** code lets a console say it in its own language: a validation code, or duplicate-row, unknown-delegate, own-delegate,
 *  two-hosts, missing-key. */
export interface RowError { row: number; field: string; code: string; message: string }
export interface ImportResult { added: number; updated: number; errors: RowError[]; ignoredColumns: string[] }
interface GoodRow { row: number; fields: Partial<HostFields>; delegate?: string; matchId?: string }

const lower = (s: string | undefined) => s?.toLowerCase();
/** A host is the same person as a row when their e-mail (any case) or employee number agree. */
const sameKey = (h: Host, f: Partial<HostFields>) =>
  (!!f.email && lower(h.email) === lower(f.email)) || (!!f.employeeNo && h.employeeNo === f.employeeNo);
/** A delegate is named by e-mail or employee number. */
const named = (h: Pick<Host, 'email' | 'employeeNo'>, key: string) => lower(h.email) === lower(key) || h.employeeNo === key;

export async function importHosts(ctx: Ctx, sheet: Sheet, apply: boolean): Promise<ImportResult> {
  const [header, ...body] = sheet.rows;
  if (!header) throw invalid('file', 'The file is empty: the first row names the columns (姓名/name, 部门/department, …)', 'missing-field');
  const columns = header.cells.map((h) => columnOf(h));
  for (const key of ['name', 'department'] as const) {
    if (!columns.includes(key)) throw invalid(key, `The first row has no ${key === 'name' ? '姓名/name' : '部门/department'} column`, 'missing-field');
  }
  const ignoredColumns = header.cells.filter((h, i) => h.trim() && !columns[i]).map((h) => h.slice(0, 40));
  const hosts = await ctx.store.list('hosts');
  const errors: RowError[] = [];
  const good: GoodRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of body) {
    if (cells.every((c) => !c.trim())) continue;
    const raw: Partial<Record<ColumnKey, string>> = {};
    columns.forEach((key, i) => { if (key && cells[i]?.trim()) raw[key] = unguard(cells[i].trim()); });
    const checked = checkRow(row, raw, errors);
    if (!checked) continue;
    const keys = [checked.fields.email && `e:${lower(checked.fields.email)}`, checked.fields.employeeNo && `n:${checked.fields.employeeNo}`].filter(Boolean) as string[];
    const twin = keys.map((k) => seen.get(k)).find((r) => r !== undefined);
    if (twin !== undefined) { errors.push({ row, field: keys[0].startsWith('e') ? 'email' : 'employeeNo', code: 'duplicate-row', message: `The same person is already in row ${twin}` }); continue; }
    const matches = [...new Set(hosts.filter((h) => sameKey(h, checked.fields)).map((h) => h.id))];
    if (matches.length > 1) { errors.push({ row, field: 'employeeNo', code: 'two-hosts', message: 'The e-mail and the employee number belong to two different hosts' }); continue; }
    keys.forEach((k) => seen.set(k, row));
    good.push({ ...checked, ...(matches[0] ? { matchId: matches[0] } : {}) });
  }
  // A delegate must be a host already or a good row of this file, and not the row itself.
  const ready = good.filter((g) => {
    if (!g.delegate) return true;
    const self = named(g.fields, g.delegate);
    const known = hosts.some((h) => named(h, g.delegate!) && h.id !== g.matchId) || good.some((o) => o !== g && named(o.fields, g.delegate!));
    if (self || !known) errors.push({ row: g.row, field: 'delegate', code: self ? 'own-delegate' : 'unknown-delegate', message: self ? 'A host cannot be their own delegate' : 'No host or row has this e-mail or employee number' });
    return !self && known;
  });
  errors.sort((a, b) => a.row - b.row);
  const result = { added: ready.filter((g) => !g.matchId).length, updated: ready.filter((g) => g.matchId).length, errors, ignoredColumns };
  if (!apply) return result;
  const applied = await applyRows(ctx, ready);
  return { ...result, ...applied };
}

function checkRow(row: number, raw: Partial<Record<ColumnKey, string>>, errors: RowError[]): Omit<GoodRow, 'matchId'> | undefined {
  const before = errors.length;
  const fields: Partial<HostFields> = {};
  for (const key of ['name', 'department', 'email', 'phone', 'employeeNo', 'wecomUserId', 'dingtalkUserId', 'feishuUserId'] as const) {
    try {
      Object.assign(fields, readHostFields({ [key]: raw[key] }, false));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      errors.push({ row, field: e.field ?? key, code: e.code, message: e.message });
    }
  }
  for (const key of ['name', 'department'] as const) if (!raw[key]) errors.push({ row, field: key, code: 'missing-field', message: `${key} is required` });
  if (!raw.email && !raw.employeeNo) errors.push({ row, field: 'email', code: 'missing-key', message: 'Give an e-mail or an employee number: rows are matched by one of them' });
  if (raw.delegate && raw.delegate.length > 120) errors.push({ row, field: 'delegate', code: 'too-long', message: 'delegate is longer than 120 characters' });
  return errors.length === before ? { row, fields, ...(raw.delegate ? { delegate: raw.delegate } : {}) } : undefined;
}

/** Each row lands whole in one step. A rival import that added the same person first turns our add into an update. */
async function applyRows(ctx: Ctx, rows: GoodRow[]): Promise<{ added: number; updated: number }> {
  let added = 0;
  let updated = 0;
  const delegated: Array<{ id: string; delegate: string }> = [];
  for (const g of rows) {
    let id = g.matchId && (await ctx.store.update('hosts', g.matchId, (h) => h && { ...h, ...g.fields }))?.id;
    if (!id) {
      const host = { id: `h-${randomBytes(6).toString('hex')}`, ...(g.fields as HostFields) };
      if (await ctx.store.insert('hosts', host, (stored) => sameKey(stored, g.fields))) { id = host.id; added++; }
      else {
        const rival = (await ctx.store.list('hosts')).find((h) => sameKey(h, g.fields));
        id = rival && (await ctx.store.update('hosts', rival.id, (h) => h && { ...h, ...g.fields }))?.id;
        if (id) updated++;
      }
    } else updated++;
    if (id && g.delegate) delegated.push({ id, delegate: g.delegate });
  }
  // Delegates last, so that one named by a later row of the file exists by now.
  if (delegated.length) {
    const hosts = await ctx.store.list('hosts');
    for (const { id, delegate } of delegated) {
      const to = hosts.find((h) => named(h, delegate) && h.id !== id);
      if (to) await ctx.store.update('hosts', id, (h) => h && { ...h, delegateId: to.id });
    }
  }
  return { added, updated };
}
