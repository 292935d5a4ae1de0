// The site's receipt printers as an admin keeps them: add, edit, remove, a test page, which printers a kiosk and the
// desk print on, and their live status (an alert and printer:status on every change).
// The desk's printers are a small record of their own (marks, id "desk-printers", the ids in order, comma-joined):
// they are printing set-up, not a site setting the kiosks or GET /api/settings need, and one atomic record is shared
// by every server of the site and kept in backups like the rest.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { Ctx } from '../context.ts';
import type { KioskRecord, PrinterRecord, VisitRecord } from '../../data/store.ts';
import type { PrinterTarget } from '../../printer/printer.ts';
import type { PrintJobView, PrinterStatus, PrinterView } from '../protocol.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { siteDay, siteTime } from '../domain/sitetime.ts';
import { record } from '../events.ts';
import { alert, roleRoom } from '../notify.ts';
import { siteSettings } from './settings.ts';

export const DESK_MARK = 'desk-printers';
/** A kiosk or the desk names at most this many printers: its own, then fallbacks in order. */
export const MAX_ROUTE = 5;
const STATUS_ROLES = ['admin', 'security', 'reception'];

const noPrinter = () => new DomainError('printer-not-found', 'No printer has this id', 404);

/** 'virtual', or tcp://host:port (a host name, an IPv4 or a bracketed IPv6 literal; port 1-65535, 9100 when left out),
 *  written back in one form: lower case, port always given. Anything else is refused naming the field. */
export function parseAddress(field: string, value: string): string {
  if (value === 'virtual') return value;
  const hint = `${field} must be virtual or tcp://host:port (a host name or IP address, port 1-65535)`;
  const m = /^tcp:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(value);
  if (!m) throw invalid(field, hint);
  const port = m[2] === undefined ? 9100 : Number(m[2]);
  if (port < 1 || port > 65535) throw invalid(field, hint);
  const host = m[1].toLowerCase();
  if (host.startsWith('[')) {
    if (!net.isIPv6(host.slice(1, -1))) throw invalid(field, hint);
  } else if (/^[0-9.]+$/.test(host)) {
    if (!net.isIPv4(host)) throw invalid(field, hint);
  } else {
    const labels = host.split('.');
    if (host.length > 253 || labels.some((l) => !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(l))) throw invalid(field, hint);
  }
  return `tcp://${host}:${port}`;
}

const splitIds = (value: string | undefined) => (value ? value.split(',').filter(Boolean) : []);

export async function deskPrinterIds(ctx: Ctx): Promise<string[]> {
  return splitIds((await ctx.store.get('marks', DESK_MARK))?.value);
}

/** The route of these printer ids: the active ones that exist, in order; undefined (the configured printers) when none. */
export async function routeOf(ctx: Ctx, ids: readonly string[] | undefined): Promise<PrinterTarget[] | undefined> {
  if (!ids?.length) return undefined;
  const byId = new Map((await ctx.store.list('printers')).map((p) => [p.id, p]));
  const route = ids.map((id) => byId.get(id)).filter((p): p is PrinterRecord => !!p && p.active !== false)
    .map((p) => ({ address: p.address, paper: p.paper }));
  return route.length ? route : undefined;
}

/** A badge from a kiosk (registered there, approved, or reprinted there) prints at that kiosk; one that reception,
 *  security or an admin reprints, or a visit registered at the desk, prints at the desk. */
export async function badgeRoute(ctx: Ctx, visit: VisitRecord, request: { reprint: boolean; fromKiosk?: boolean }): Promise<PrinterTarget[] | undefined> {
  const atDesk = (request.reprint && !request.fromKiosk) || !visit.kioskId;
  if (atDesk) return deskRoute(ctx);
  const kiosk = await ctx.store.get('kiosks', visit.kioskId!);
  return routeOf(ctx, kiosk?.printerIds);
}

/** Lists printed by staff (the muster list, a roll call) come out at the desk, as its reprints do. */
export async function deskRoute(ctx: Ctx): Promise<PrinterTarget[] | undefined> {
  return routeOf(ctx, await deskPrinterIds(ctx));
}

/** The printer ids of a PATCH body field: a list of known printers, no repeats; undefined when not sent. */
export async function readPrinterIds(ctx: Ctx, body: Record<string, unknown>, field: string): Promise<string[] | undefined> {
  const v = body[field];
  if (v === undefined) return undefined;
  if (v === null) return [];
  if (!Array.isArray(v) || v.some((id) => typeof id !== 'string')) throw invalid(field, `${field} must be a list of printer ids`);
  if (v.length > MAX_ROUTE) throw invalid(field, `${field} has more than ${MAX_ROUTE} printers`, 'too-long');
  if (new Set(v).size !== v.length) throw invalid(field, `${field} names a printer twice`);
  await checkKnown(ctx, v as string[], field);
  return v as string[];
}

async function checkKnown(ctx: Ctx, ids: string[], field: string): Promise<void> {
  const known = new Map((await ctx.store.list('printers')).map((p) => [p.id, p]));
  const unknown = ids.find((id) => !known.has(id) || known.get(id)!.removing);
  if (unknown !== undefined) throw invalid(field, `No printer has the id ${JSON.stringify(unknown.slice(0, 40))}`, 'unknown-printer');
}

/** After an assignment is stored: a printer removed meanwhile (its removal saw no use yet) undoes it, so that no
 *  kiosk or desk is left naming a printer that is gone. */
export async function confirmPrinterIds(ctx: Ctx, ids: string[], field: string, undo: () => Promise<unknown>): Promise<void> {
  try {
    await checkKnown(ctx, ids, field);
  } catch (e) {
    await undo();
    throw e;
  }
}

const withPrinterIds = (k: KioskRecord, ids: string[] | undefined): KioskRecord => {
  const { printerIds: _p, ...rest } = k;
  return ids?.length ? { ...rest, printerIds: ids } : rest;
};

/** printerIds of PATCH /api/kiosks/:id: read and checked before the change, applied in its step, confirmed after. */
export async function kioskPrinters(ctx: Ctx, body: Record<string, unknown>) {
  const ids = await readPrinterIds(ctx, body, 'printerIds');
  let before: string[] | undefined;
  return {
    apply: (k: KioskRecord): KioskRecord => (ids === undefined ? k : ((before = k.printerIds), withPrinterIds(k, ids))),
    confirm: async (kioskId: string): Promise<void> => {
      if (!ids?.length) return;
      await confirmPrinterIds(ctx, ids, 'printerIds', () => ctx.store.update('kiosks', kioskId, (k) =>
        k && k.printerIds?.join(',') === ids.join(',') ? withPrinterIds(k, before) : undefined));
    },
  };
}

export async function setDeskPrinters(ctx: Ctx, body: Record<string, unknown>, actor: string): Promise<string[]> {
  const ids = await readPrinterIds(ctx, body, 'printerIds');
  if (ids === undefined) throw invalid('printerIds', 'printerIds is required', 'missing-field');
  const at = ctx.clock().toISOString();
  let before: string | undefined;
  await ctx.store.update('marks', DESK_MARK, (m) => { before = m?.value; return { id: DESK_MARK, value: ids.join(','), at }; });
  await confirmPrinterIds(ctx, ids, 'printerIds', () => ctx.store.update('marks', DESK_MARK, (m) =>
    m?.value === ids.join(',') ? { id: DESK_MARK, value: before ?? '', at } : undefined));
  await record(ctx, { kind: 'desk-printers-changed', actor, data: { printers: ids.join(',') } });
  return ids;
}

export interface PrinterInput { name?: string; address?: string; paper?: 80 | 58; active?: boolean }

export async function addPrinter(ctx: Ctx, input: Required<Pick<PrinterInput, 'name' | 'address'>> & PrinterInput, actor: string): Promise<PrinterRecord> {
  const now = ctx.clock().toISOString();
  const printer: PrinterRecord = {
    id: `pr-${randomBytes(6).toString('hex')}`, name: input.name, address: input.address, paper: input.paper ?? ctx.config.paper,
    ...(input.active === false ? { active: false } : {}), createdAt: now, updatedAt: now,
  };
  await ctx.store.insert('printers', printer);
  await record(ctx, { kind: 'printer-added', actor, data: { printer: printer.id, address: printer.address, paper: printer.paper } });
  return printer;
}

/** Only the fields sent change, in one step of the store: two edits of different fields both land. */
export async function editPrinter(ctx: Ctx, id: string, input: PrinterInput, actor: string): Promise<PrinterRecord> {
  const updatedAt = ctx.clock().toISOString();
  const printer = await ctx.store.update('printers', id, (p) => {
    if (!p || p.removing) return undefined;
    const { active: _a, ...rest } = p;
    const active = input.active ?? p.active !== false;
    return {
      ...rest, ...(input.name ? { name: input.name } : {}), ...(input.address ? { address: input.address } : {}),
      ...(input.paper ? { paper: input.paper } : {}), ...(active ? {} : { active: false }), updatedAt,
    };
  });
  if (!printer || printer.removing) throw noPrinter();
  const fields = (['name', 'address', 'paper', 'active'] as const).filter((f) => input[f] !== undefined).join(',');
  await record(ctx, { kind: 'printer-updated', actor, data: { printer: id, fields, address: printer.address } });
  return printer;
}

/** Marked as being removed first (one step: of two removals one goes on, and no new assignment takes it), then
 *  removed unless a kiosk or the desk prints on it, in which case it is given back as it was. */
export async function removePrinter(ctx: Ctx, id: string, actor: string): Promise<void> {
  let claimed = false;
  await ctx.store.update('printers', id, (p) => {
    if (!p || p.removing) return undefined;
    claimed = true;
    return { ...p, removing: true };
  });
  if (!claimed) throw noPrinter();
  const kiosks = (await ctx.store.list('kiosks')).filter((k) => k.printerIds?.includes(id));
  const desk = (await deskPrinterIds(ctx)).includes(id);
  if (kiosks.length || desk) {
    await ctx.store.update('printers', id, (p) => {
      if (!p) return undefined;
      const { removing: _r, ...rest } = p;
      return rest;
    });
    throw new DomainError('in-use', 'This printer cannot be removed: a kiosk or the desk prints on it. Choose other printers there first.', 409,
      undefined, { kind: 'kiosks', kiosks: kiosks.map((k) => k.id), desk });
  }
  await ctx.store.remove('printers', id);
  await record(ctx, { kind: 'printer-removed', actor, data: { printer: id } });
}

/** A test page on this printer only (no fallback), logged; resolves when it printed or failed. */
export async function testPrint(ctx: Ctx, id: string, actor: string): Promise<PrintJobView> {
  const printer = await ctx.store.get('printers', id);
  if (!printer || printer.removing) throw noPrinter();
  const now = ctx.clock();
  const { siteName } = await siteSettings(ctx);
  const time = `${siteDay(now, ctx.config.timeZone)} ${siteTime(now.toISOString(), ctx.config.timeZone)}`;
  const job = await ctx.queue.printTest(
    { siteName: siteName || undefined, printerName: printer.name, address: printer.address, time, code: `FOYER-TEST ${printer.id} ${now.toISOString()}` },
    { by: actor, target: { address: printer.address, paper: printer.paper } },
  );
  await record(ctx, { kind: 'printer-tested', actor, data: { printer: id, job: job.id, status: job.status, ...(job.error ? { error: job.error.slice(0, 200) } : {}) } });
  return job;
}

export const printerView = (p: PrinterRecord, status: PrinterStatus): PrinterView => {
  const { removing: _r, ...rest } = p;
  return { ...rest, active: p.active !== false, status };
};

/** Every stored printer with its status asked now (in parallel, each within the status timeout), the desk's
 *  printers and the configured ones (FOYER_PRINTER) that a kiosk or desk without printers of its own uses. */
export async function listPrinters(ctx: Ctx) {
  const stored = (await ctx.store.list('printers')).filter((p) => !p.removing).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const defaults = ctx.queue.defaults();
  const statuses = new Map<string, Promise<PrinterStatus>>();
  const statusOf = (address: string) => {
    if (!statuses.has(address)) statuses.set(address, ctx.queue.status(address).catch(() => 'offline' as const));
    return statuses.get(address)!;
  };
  return {
    printers: await Promise.all(stored.map(async (p) => printerView(p, p.active === false ? 'off' : await statusOf(p.address)))),
    desk: { printerIds: await deskPrinterIds(ctx) },
    defaults: await Promise.all(defaults.map(async (d) => ({ address: d.address, paper: d.paper ?? ctx.config.paper, status: await statusOf(d.address) }))),
  };
}

/** The stored printers join the status poll; each change of a printer's state (paper out, cover open, offline, and
 *  back to ok) raises one alert and one printer:status per stored printer at that address. */
export function watchPrinters(ctx: Ctx): void {
  ctx.queue.watch(async () => (await ctx.store.list('printers')).filter((p) => p.active !== false && !p.removing).map((p) => p.address));
  ctx.queue.onStatus((change) => void (async () => {
    const records = (await ctx.store.list('printers').catch(() => [] as PrinterRecord[])).filter((p) => p.address === change.printer && !p.removing);
    const names = records.map((p) => p.name).join(', ');
    alert(ctx, {
      kind: 'printer', message: `Printer ${names ? `${names} (${change.printer})` : change.printer}: ${change.status}`,
      data: { printer: change.printer, status: change.status, ...(records.length ? { printerId: records[0].id, name: records[0].name } : {}) },
    }, ['reception', 'security', 'admin']);
    const shown = records.length ? records.map((p) => ({ id: p.id, name: p.name })) : [{ id: change.printer, name: change.printer }];
    for (const p of shown) ctx.io.to(STATUS_ROLES.map(roleRoom)).emit('printer:status', { printer: { ...p, status: change.status, address: change.printer, at: change.at } });
  })());
}

