// Printer status over DLE EOT (real-time status, answered even while offline), on a connection of its own.
import net from 'node:net';
import type { PrinterStatusChange } from './printer.ts';

export type Status = PrinterStatusChange['status'];
/** 'unknown': the printer took the connection but does not answer DLE EOT. */
export type PrinterState = Status | 'unknown';

// Every status byte has bits 1 and 4 set and bits 0 and 7 clear.
const valid = (b: number) => (b & 0x93) === 0x12;

/** What a printer in `state` answers to DLE EOT n (the virtual printer uses this). */
export function statusByte(state: Status, n: number): number {
  let b = 0x12;
  if (n === 1 && state !== 'ok') b |= 0x08; // offline
  if (n === 2 && state === 'cover-open') b |= 0x04;
  if (n === 2 && state === 'paper-out') b |= 0x20; // stopped: paper end
  if (n === 4 && state === 'paper-out') b |= 0x60; // roll paper end sensor
  return b;
}

/** Reads the answers to DLE EOT 1, then (only when offline) DLE EOT 2 and 4 for the cause. */
export function classify(answers: number[]): PrinterState | 'more' {
  if (answers.some((b) => !valid(b))) return 'unknown';
  const [n1, n2, n4] = answers;
  if (!(n1 & 0x08)) return 'ok';
  if (answers.length < 3) return 'more';
  if (n2 & 0x04) return 'cover-open';
  if (n2 & 0x20 || n4 & 0x60) return 'paper-out';
  return 'offline';
}

/** Connection refused or timed out: offline; connected but silent: unknown. */
export function queryStatus(host: string, port: number, timeoutMs = 500): Promise<PrinterState> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const answers: number[] = [];
    const queries = [1, 2, 4];
    let connected = false, done = false;
    const finish = (state: PrinterState) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(state);
    };
    const timer = setTimeout(() => finish(connected ? 'unknown' : 'offline'), timeoutMs);
    // One 3-byte query at a time, each after the previous answer, as printers expect.
    const ask = () => socket.write(Buffer.from([0x10, 0x04, queries[answers.length]]));
    socket.on('connect', () => {
      connected = true;
      ask();
    });
    socket.on('data', (chunk: Buffer) => {
      answers.push(...chunk);
      const state = classify(answers.slice(0, 3));
      if (state !== 'more') finish(state);
      else if (answers.length < 3) ask();
    });
    socket.on('error', () => finish(connected ? 'unknown' : 'offline'));
    socket.on('close', () => finish(connected ? 'unknown' : 'offline'));
  });
}

/** Last known state per printer; tells listeners about changes only (a first 'ok' is not news). */
export function createHealth() {
  const states = new Map<string, Status>();
  const listeners: Array<(c: PrinterStatusChange) => void> = [];
  return {
    get: (printer: string): Status => states.get(printer) ?? 'ok',
    set(printer: string, state: PrinterState): void {
      if (state === 'unknown' || (states.get(printer) ?? 'ok') === state) return;
      states.set(printer, state);
      const change = { printer, status: state, at: new Date().toISOString() };
      for (const l of listeners) {
        try {
          l(change);
        } catch {
          // A listener's failure must not stop printing.
        }
      }
    },
    onChange: (l: (c: PrinterStatusChange) => void) => void listeners.push(l),
  };
}
export type Health = ReturnType<typeof createHealth>;
