// The print queue: job ids and history, one job at a time per printer, retry with backoff, then the next printer.
import { randomBytes } from 'node:crypto';
import type { PrintJobView } from '../server/protocol.ts';
import type { BadgeData, MusterRow, Printer, PrintQueue } from './printer.ts';
import type { Fonts } from './fonts.ts';
import { renderBadge, type Paper } from './badge.ts';
import { renderMuster } from './muster.ts';
import { encodeEscPos } from './escpos.ts';
import { SendError } from './network.ts';
import { createHealth } from './status.ts';

export interface QueueOptions {
  printers: Printer[];
  paper: Paper;
  fonts: Fonts;
  log?: (line: string) => void;
  retry?: { attempts: number; baseDelayMs: number };
  statusPollMs?: number;
  keepJobs?: number;
  onClose?: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const newJobId = () => `job-${Date.now()}-${randomBytes(3).toString('hex')}`;

export function createQueue(o: QueueOptions): PrintQueue {
  const { printers, paper, fonts, log = () => undefined, retry = { attempts: 3, baseDelayMs: 250 }, keepJobs = 500 } = o;
  if (!printers.length) throw new RangeError('at least one printer is needed');
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

  async function run(view: PrintJobView, bytes: Buffer): Promise<PrintJobView> {
    let error = 'no printer';
    for (const [i, p] of printers.entries()) {
      const last = i === printers.length - 1;
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
      if (!last) log(`printer: job ${view.id} moves from ${p.name} to ${printers[i + 1].name}: ${error}`);
    }
    view.status = 'failed';
    view.error = error;
    log(`printer: job ${view.id} failed on ${view.printer} (${describe(view)}): ${error}`);
    return view;
  }

  function submit(base: Omit<PrintJobView, 'id' | 'status' | 'attempts' | 'createdAt'>, render: () => Buffer): Promise<PrintJobView> {
    const view: PrintJobView = { id: newJobId(), status: 'queued', attempts: 0, createdAt: new Date().toISOString(), ...base };
    const done = (async () => {
      if (closed) return Object.assign(view, { status: 'failed' as const, error: 'print queue closed' });
      let bytes: Buffer;
      try {
        bytes = render();
      } catch (e) {
        log(`printer: job ${view.id} could not be drawn (${describe(view)}): ${(e as Error).message}`);
        return Object.assign(view, { status: 'failed' as const, error: `layout: ${(e as Error).message}` });
      }
      return run(view, bytes);
    })()
      .catch((e: Error) => Object.assign(view, { status: 'failed' as const, error: `unexpected: ${e.message}` }))
      .then((v) => ({ ...v }));
    active.add(done);
    void done.finally(() => active.delete(done));
    history.unshift({ view, done });
    history.splice(keepJobs);
    return done;
  }

  const timer = o.statusPollMs ? setInterval(() => {
    for (const p of printers) if (!busy.has(p.name)) void p.status().then((s) => health.set(p.name, s), () => undefined);
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
      return submit({ kind: 'badge', visitId: badge.visitId, reprint: !!meta.reprint, by: meta.by }, () => {
        if (missing.length) log(`printer: badge for visit ${badge.visitId} has ${missing.length} character(s) the font lacks`);
        return encodeEscPos(renderBadge(badge, { paper, fonts }));
      });
    },
    printMuster(rows: MusterRow[], meta) {
      return submit({ kind: 'muster', reprint: false, by: meta.by }, () => encodeEscPos(renderMuster(rows, { title: meta.title, footer: meta.footer, paper, fonts })));
    },
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
