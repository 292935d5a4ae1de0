// What the server asks of printing. The queue, layout, ESC/POS and virtual printer live beside this file.
import type { PrintJobView } from '../server/protocol.ts';
import type { TestPage } from './testpage.ts';

/** Everything printed on a visitor badge; the layout is a pure function of this. */
export interface BadgeData {
  visitId: string;
  number: string;
  name: string;
  company?: string;
  hostName?: string;
  department?: string;
  purpose: string;
  /** YYYY-MM-DD, site-local. */
  date: string;
  /** HH:mm, site-local. */
  validUntil: string;
  escortRequired: boolean;
  /** People with the visitor, and their names when given: security counts them too. */
  companions?: number;
  companionNames?: string[];
  /** The signed QR text, ASCII, at most 160 characters. */
  code: string;
  /** The site's name and logo (PNG or JPEG bytes) above the header, from the settings; absent: today's badge. */
  siteName?: string;
  logo?: Uint8Array;
}

/** One visitor on the muster list; their companions get a tick box each. */
export interface MusterRow { number: string; name: string; hostName?: string; since: string; companions?: number; companionNames?: string[] }

export interface PrinterStatusChange {
  printer: string;
  status: 'ok' | 'paper-out' | 'cover-open' | 'offline';
  at: string;
}

/** One printer of a job's route: 'virtual' or tcp://host:port, and its paper (the queue's default when absent). */
export interface PrinterTarget { address: string; paper?: 80 | 58 }

export interface PrintQueue {
  /** Resolves when the job has printed or finally failed (status 'failed'); never rejects.
   *  route: the printers to try in order (first, then fallbacks); absent or empty: the configured ones. */
  printBadge(badge: BadgeData, meta: { by: string; reprint?: boolean; route?: PrinterTarget[] }): Promise<PrintJobView>;
  /** footer: a line printed last, e.g. the log's head for security to keep. */
  printMuster(rows: MusterRow[], meta: { by: string; title: string; footer?: string; route?: PrinterTarget[] }): Promise<PrintJobView>;
  /** A test page on this one printer, no fallback. */
  printTest(page: TestPage, meta: { by: string; target: PrinterTarget }): Promise<PrintJobView>;
  jobs(limit?: number): PrintJobView[];
  /** The characters of text that the badge fonts cannot draw (they would print as boxes). */
  missingGlyphs(text: string): string[];
  onStatus(listener: (change: PrinterStatusChange) => void): void;
  /** The configured printers (FOYER_PRINTER), in order: what a job without a route goes to. */
  defaults(): PrinterTarget[];
  /** Asks the printer now (a printer busy with a job is not disturbed: its last known state); a change is told to onStatus. */
  status(address: string): Promise<PrinterStatusChange['status']>;
  /** More printers for the status poll besides the configured ones (the stored printers), asked on each round. */
  watch(source: () => Promise<string[]>): void;
  close(): Promise<void>;
}

/** One device that takes ESC/POS job bytes: a network printer, or the virtual one (which is a network printer on loopback). */
export interface Printer {
  /** Shown in jobs and logs: 'virtual' or tcp://host:port. */
  readonly name: string;
  /** Resolves once every byte was sent and the connection ended cleanly; rejects with SendError (network.ts). One job at a time. */
  send(bytes: Buffer, jobId: string): Promise<void>;
  status(): Promise<PrinterStatusChange['status'] | 'unknown'>;
}

