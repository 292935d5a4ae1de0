// The print queue: job ids and history, one job at a time per printer, retry with backoff, then the next printer.
// Each job names its printers (a kiosk's, the desk's) or takes the configured ones; printers are made from their
// address on first use and kept by it, so one physical printer has one lock whichever route a job came by.
import { randomBytes } from 'node:crypto';
import type { PrintJobView } from '../server/protocol.ts';
import type { BadgeData, MusterRow, Printer, PrinterTarget, PrintQueue } from './printer.ts';
import type { Fonts } from './fonts.ts';
import { renderBadge, type Paper } from './badge.ts';
import { renderMuster } from './muster.ts';
import { renderTestPage } from './testpage.ts';
import { encodeEscPos } from './escpos.ts';
import { createNetworkPrinter, SendError } from './network.ts';
import { createHealth } from './status.ts';

export interface QueueOptions {
  /** The configured printers, in order: jobs without a route go to these. */
  printers: Printer[];
  paper: Paper;
  fonts: Fonts;
  log?: (line: string) => void;
  retry?: { attempts: number; baseDelayMs: number };
  statusPollMs?: number;
  keepJobs?: number;
  onClose?: () => Promise<void>;
  /** Makes the printer at an address no job has used yet; default: a network printer (tcp://host:port only). */
  resolve?: (address: string) => Promise<Printer>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const newJobId = () => `job-${Date.now()}-${randomBytes(3).toString('hex')}`;

export function createQueue(o: QueueOptions): PrintQueue {
  const { printers, paper, fonts, log = () => undefined, retry = { attempts: 3, baseDelayMs: 250 }, keepJobs = 500 } = o;
  if (!printers.length) throw new RangeError('at least one printer is needed');
  // By address ('virtual' or tcp://host:port, as a printer names itself): the configured ones, then each one a route named.
  const known = new Map<string, Promise<Printer>>(printers.map((p) => [p.name, Promise.resolve(p)]));
  const resolveNew = o.resolve ?? (async (address: string) => createNetworkPrinter(address));
  const printerAt = (address: string): Promise<Printer> => {
    let found = known.get(address);
    if (!found) {
      found = resolveNew(address);
      known.set(address, found);
      found.catch(() => known.delete(address)); // tried again on the next job
    }
    return found;
  };
  const watched: Array<() => Promise<string[]>> = [];
  const health = createHealth();
  health.onChange((c) => log(`printer: ${c.printer} is ${c.status}`));
  const history: Array<{ view: PrintJobView; done: Promise<PrintJobView> }> = [];
  const locks = new Map<string, Promise<unknown>>();
  const busy = new Set<string>();
  const active = new Set<Promise<unknown>>();
  let closed = false;

  /** Jobs for one printer go one at a time, retries and backoff included. */
  function withLock<T>(p: Printer, fn: () => Promise<T>): Promise<T> {
    const run = (locks.get(p.name) ?? Promise.resolve()).then(async () => {
      busy.add(p.name);
      try {
        return await fn();
      } finally {
        busy.delete(p.name);
      }
    });
    locks.set(p.name, run.catch(() => undefined));
    return run;
  }

  const describe = (v: PrintJobView) => `${v.kind}, by ${v.by}${v.reprint ? ', reprint' : ''}`;

  /** 'printed', 'next' (try the next printer), or an error that must not be retried anywhere. */
  async function tryPrinter(view: PrintJobView, bytes: Buffer, p: Printer, last: boolean): Promise<{ outcome: 'printed' | 'next' | 'stop'; error?: string }> {
    const wasDown = health.get(p.name) !== 'ok';
    let error = '';
    for (let attempt = 1; attempt <= retry.attempts; attempt++) {
      if (attempt > 1) {
        const delay = retry.baseDelayMs * 2 ** (attempt - 2);
        log(`printer: job ${view.id} attempt ${attempt - 1} on ${p.name} failed (${error}); retrying in ${delay} ms`);
        await sleep(delay);
      }
      view.attempts++;
      const state = await p.status();
      health.set(p.name, state);
      if (state === 'paper-out' || state === 'cover-open' || state === 'offline') {
        error = `printer ${state}`;
        // A printer already known to be down is not waited for while another one can print.
        if (!last && (state !== 'offline' || wasDown)) return { outcome: 'next', error };
        continue;
      }
      try {
        await p.send(bytes, view.id);
        health.set(p.name, 'ok');
        return { outcome: 'printed' };
      } catch (e) {
        error = (e as Error).message;
        if (e instanceof SendError && e.reached) return { outcome: 'stop', error: `${error} (sent in part; not resent, to avoid a second copy)` };
        health.set(p.name, 'offline');
        if (wasDown && !last) return { outcome: 'next', error };
      }
    }
    return { outcome: 'next', error };
  }

  type Draw = (paper: Paper) => Buffer;

  async function run(view: PrintJobView, draw: Draw, route: PrinterTarget[]): Promise<PrintJobView> {
    let error = 'no printer';
    const drawn = new Map<Paper, Buffer>();
    for (const [i, target] of route.entries()) {
      const last = i === route.length - 1;
      const width = target.paper ?? paper;
      let p: Printer, bytes: Buffer;
      try {
        p = await printerAt(target.address);
      } catch (e) {
        error = `printer ${target.address}: ${(e as Error).message}`;
        if (!last) log(`printer: job ${view.id} moves from ${target.address} to ${route[i + 1].address}: ${error}`);
        continue;
      }
      try {
        bytes = drawn.get(width) ?? draw(width);
        drawn.set(width, bytes);
      } catch (e) {
        log(`printer: job ${view.id} could not be drawn (${describe(view)}): ${(e as Error).message}`);
        error = `layout: ${(e as Error).message}`;
        break;
      }
      const r = await withLock(p, () => {
        view.status = 'printing';
        view.printer = p.name;
        return tryPrinter(view, bytes, p, last);
      });
      if (r.outcome === 'printed') {
        view.status = 'printed';
        view.printedAt = new Date().toISOString();
        log(`printer: job ${view.id} printed on ${p.name} (${describe(view)}${view.attempts > 1 ? `, attempt ${view.attempts}` : ''})`);
        return view;
      }
      error = r.error ?? error;
      if (r.outcome === 'stop') break;
      if (!last) log(`printer: job ${view.id} moves from ${p.name} to ${route[i + 1].address}: ${error}`);
    }
    view.status = 'failed';
    view.error = error;
    log(`printer: job ${view.id} failed on ${view.printer ?? route[0]?.address} (${describe(view)}): ${error}`);
    return view;
  }

  const defaults = (): PrinterTarget[] => printers.map((p) => ({ address: p.name, paper }));

  function submit(base: Omit<PrintJobView, 'id' | 'status' | 'attempts' | 'createdAt'>, draw: Draw, route?: PrinterTarget[]): Promise<PrintJobView> {
    const view: PrintJobView = { id: newJobId(), status: 'queued', attempts: 0, createdAt: new Date().toISOString(), ...base };
    const done = (async () => {
      if (closed) return Object.assign(view, { status: 'failed' as const, error: 'print queue closed' });
      return run(view, draw, route?.length ? route : defaults());
    })()
      .catch((e: Error) => Object.assign(view, { status: 'failed' as const, error: `unexpected: ${e.message}` }))
      .then((v) => ({ ...v }));
    active.add(done);
    void done.finally(() => active.delete(done));
    history.unshift({ view, done });
    history.splice(keepJobs);
    return done;
  }

  /** Asks a printer not busy with a job; a busy one keeps its last known state. */
  async function ask(address: string): Promise<void> {
    if (busy.has(address)) return;
    const p = await printerAt(address);
    health.set(p.name, await p.status());
  }

  let polling = false;
  const timer = o.statusPollMs ? setInterval(() => {
    if (polling) return;
    polling = true;
    void (async () => {
      const extra = (await Promise.all(watched.map((w) => w().catch(() => [] as string[])))).flat();
      await Promise.all([...new Set([...printers.map((p) => p.name), ...extra])].map((a) => ask(a).catch(() => undefined)));
    })().finally(() => { polling = false; });
  }, o.statusPollMs) : undefined;
  timer?.unref();

  return {
    printBadge(badge: BadgeData, meta) {
      if (!meta.reprint) {
        // A second call for the same visit (a double approval, a retried request) gets the first job, not a second badge.
        const same = history.find((j) => j.view.visitId === badge.visitId && j.view.kind === 'badge' && j.view.status !== 'failed');
        if (same) return same.done;
      }
      const missing = fonts.missing([badge.name, badge.company, badge.hostName, badge.purpose].join(' '));
      return submit({ kind: 'badge', visitId: badge.visitId, reprint: !!meta.reprint, by: meta.by }, (width) => {
        if (missing.length) log(`printer: badge for visit ${badge.visitId} has ${missing.length} character(s) the font lacks`);
        return encodeEscPos(renderBadge(badge, { paper: width, fonts }));
      }, meta.route);
    },
    printMuster(rows: MusterRow[], meta) {
      return submit({ kind: 'muster', reprint: false, by: meta.by }, (width) => encodeEscPos(renderMuster(rows, { title: meta.title, footer: meta.footer, paper: width, fonts })), meta.route);
    },
    printTest(page, meta) {
      return submit({ kind: 'test', reprint: false, by: meta.by }, (width) => encodeEscPos(renderTestPage(page, { paper: width, fonts })), [meta.target]);
    },
    defaults,
    async status(address) {
      await ask(address).catch(() => health.set(address, 'offline'));
      return health.get(address);
    },
    watch: (source) => void watched.push(source),
    jobs: (limit = 50) => history.slice(0, limit).map((j) => ({ ...j.view })),
    missingGlyphs: (text) => fonts.missing(text),
    onStatus: (listener) => health.onChange(listener),
    async close() {
      closed = true;
      clearInterval(timer);
      await Promise.allSettled([...active]);
      await o.onClose?.();
    },
  };
}
