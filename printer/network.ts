// A network printer at tcp://host:port: node-thermal-printer holds the job buffer; our transport ends the socket cleanly.
import net from 'node:net';
import { ThermalPrinter, PrinterTypes } from 'node-thermal-printer';
import type { Printer } from './printer.ts';
import { queryStatus, type PrinterState } from './status.ts';

/** reached: some bytes may have got to the printer, so sending again could print a second badge. */
export class SendError extends Error {
  constructor(message: string, readonly reached: boolean) {
    super(message);
  }
}

export interface NetworkOptions {
  name?: string;
  connectTimeoutMs?: number;
  /** No progress for this long after connecting fails the job (a printer that stopped reading). */
  idleTimeoutMs?: number;
  /** How long to wait for the printer to close its side after ours is flushed and ended. */
  lingerMs?: number;
  statusTimeoutMs?: number;
  /** Called with the local port of a job's connection (the virtual printer names its saved prints by job). */
  onConnect?: (localPort: number, jobId: string) => void;
}

export function parseTcpUri(uri: string): { host: string; port: number } {
  // An IPv6 literal is written in brackets, tcp://[fd00::5]:9100; the socket takes it without them.
  const m = /^tcp:\/\/(\[[0-9a-f:.]+\]|[^:/\s[\]]+)(?::(\d{1,5}))?\/?$/i.exec(uri);
  const port = Number(m?.[2] ?? 9100);
  if (!m || port < 1 || port > 65535) throw new RangeError(`not a printer address: ${uri} (expected tcp://host:port)`);
  return { host: m[1].replace(/^\[(.*)\]$/, '$1'), port };
}

/** Writes one job on its own connection. */
export function writeJob(host: string, port: number, bytes: Buffer, o: NetworkOptions & { onPort?: (p: number) => void } = {}): Promise<void> {
  const { connectTimeoutMs = 3000, idleTimeoutMs = 10_000, lingerMs = 2000 } = o;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let connected = false, flushed = false, settled = false, linger: NodeJS.Timeout | undefined;
    const settle = (err?: SendError) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(linger);
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    // Before connect nothing was sent, so a retry is safe; after it, bytes may have reached the printer: fail, never resend.
    const fail = (message: string) => settle(new SendError(message, connected));
    const connectTimer = setTimeout(() => fail(`no connection within ${connectTimeoutMs} ms`), connectTimeoutMs);
    socket.on('connect', () => {
      connected = true;
      clearTimeout(connectTimer);
      socket.setTimeout(idleTimeoutMs, () => fail(`printer stopped reading for ${idleTimeoutMs} ms`));
      o.onPort?.(socket.localPort ?? 0);
      socket.end(bytes);
    });
    socket.on('finish', () => {
      // Every byte is out and our FIN sent; a printer that keeps its side open still got the whole job.
      flushed = true;
      linger = setTimeout(() => settle(), lingerMs);
    });
    socket.on('data', () => undefined); // Automatic status bytes some printers send; read so the close stays graceful.
    socket.on('error', (e) => fail(e.message));
    socket.on('close', () => (flushed ? settle() : fail('the printer closed the connection before the job was sent')));
  });
}

export function createNetworkPrinter(uri: string, o: NetworkOptions = {}): Printer {
  const { host, port } = parseTcpUri(uri);
  const name = o.name ?? uri;
  let jobId = '';
  // node-thermal-printer takes an interface object; its own tcp one destroys the socket right after writing.
  const transport = {
    getPrinterName: () => name,
    isPrinterConnected: async () => (await queryStatus(host, port, o.statusTimeoutMs)) !== 'offline',
    execute: (buffer: Buffer) => writeJob(host, port, buffer, { ...o, onPort: (p) => o.onConnect?.(p, jobId) }),
  };
  const device = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: transport as unknown as string });
  let chain: Promise<unknown> = Promise.resolve();
  let silentUntil = 0;
  return {
    name,
    send(bytes, id) {
      const run = chain.then(async () => {
        device.clear();
        device.append(bytes);
        jobId = id;
        try {
          await device.execute();
        } finally {
          device.clear(); // Never let one job's bytes ride along with the next.
        }
      });
      chain = run.catch(() => undefined);
      return run;
    },
    async status(): Promise<PrinterState> {
      if (Date.now() < silentUntil) return 'unknown';
      const state = await queryStatus(host, port, o.statusTimeoutMs);
      // A printer that does not answer DLE EOT is not asked again for a minute, so jobs do not wait on it.
      if (state === 'unknown') silentUntil = Date.now() + 60_000;
      return state;
    },
  };
}
