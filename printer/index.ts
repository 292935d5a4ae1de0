// Printing as the server starts it: fonts checked, printers built (the virtual one started), the queue created.
import path from 'node:path';
import type { Printer, PrintQueue } from './printer.ts';
import { loadFonts, type FontFiles } from './fonts.ts';
import { createNetworkPrinter } from './network.ts';
import { createQueue } from './queue.ts';
import { startVirtualPrinter, type VirtualPrinter } from './virtual.ts';

export interface PrintingOptions {
  /** Each 'virtual' or tcp://host:port; the first is the primary, the rest fallbacks in order. */
  printers: string[];
  paper: 80 | 58;
  dataDir: string;
  log?: (line: string) => void;
  retry?: { attempts: number; baseDelayMs: number };
  /** 0 = no polling; printers are still asked before each job. */
  statusPollMs?: number;
  /** Other font files (tests use a missing one); defaults to the bundled Noto Sans Hans. */
  fonts?: FontFiles;
}

export interface Printing {
  queue: PrintQueue;
  virtual?: Pick<VirtualPrinter, 'port' | 'prints' | 'close' | 'setStatus' | 'onPrint' | 'erase'>;
}

export async function createPrinting(opts: PrintingOptions): Promise<Printing> {
  const log = opts.log ?? (() => undefined);
  if (opts.paper !== 80 && opts.paper !== 58) throw new RangeError(`paper must be 80 or 58 (mm), not ${opts.paper}`);
  if (!opts.printers.length) throw new RangeError('no printer configured');
  // Before any listener starts: a badge without its font would print boxes or nothing, so start-up fails instead.
  const fonts = loadFonts(opts.fonts);
  const printers: Printer[] = [];
  let virtual: VirtualPrinter | undefined;
  try {
    for (const p of opts.printers) {
      if (p === 'virtual') {
        virtual ??= await startVirtualPrinter({ dir: path.resolve(opts.dataDir, 'prints'), log });
        printers.push(virtual.printer);
      } else printers.push(createNetworkPrinter(p));
    }
  } catch (e) {
    await virtual?.close();
    throw e;
  }
  // A stored printer at 'virtual' is this process's virtual printer, started on first use when FOYER_PRINTER has none.
  let starting: Promise<VirtualPrinter> | undefined;
  const resolve = async (address: string): Promise<Printer> => {
    if (address !== 'virtual') return createNetworkPrinter(address);
    virtual ??= await (starting ??= startVirtualPrinter({ dir: path.resolve(opts.dataDir, 'prints'), log }));
    return virtual.printer;
  };
  const queue = createQueue({
    printers, paper: opts.paper, fonts, log, retry: opts.retry, statusPollMs: opts.statusPollMs, resolve,
    onClose: async () => virtual?.close(),
  });
  return { queue, virtual };
}

export type { BadgeData, MusterRow, PrinterStatusChange, PrinterTarget, PrintQueue } from './printer.ts';
export type { TestPage } from './testpage.ts';
