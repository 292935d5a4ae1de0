// What the server asks of printing. The queue, layout, ESC/POS and virtual printer live beside this file.
import type { PrintJobView } from '../server/protocol.ts';

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
}

/** One visitor on the muster list; their companions get a tick box each. */
export interface MusterRow { number: string; name: string; hostName?: string; since: string; companions?: number; companionNames?: string[] }

export interface PrinterStatusChange {
  printer: string;
  status: 'ok' | 'paper-out' | 'cover-open' | 'offline';
  at: string;
}

export interface PrintQueue {
  /** Resolves when the job has printed or finally failed (status 'failed'); never rejects. */
  printBadge(badge: BadgeData, meta: { by: string; reprint?: boolean }): Promise<PrintJobView>;
  /** footer: a line printed last, e.g. the log's head for security to keep. */
  printMuster(rows: MusterRow[], meta: { by: string; title: string; footer?: string }): Promise<PrintJobView>;
  jobs(limit?: number): PrintJobView[];
  /** The characters of text that the badge fonts cannot draw (they would print as boxes). */
  missingGlyphs(text: string): string[];
  onStatus(listener: (change: PrinterStatusChange) => void): void;
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

