// The virtual printer: a real TCP listener on loopback that strictly decodes ESC/POS and saves each job as PNG + raw bytes.
import net from 'node:net';
import { mkdir, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Printer } from './printer.ts';
import { toPng } from './bitmap.ts';
import { readCommand, summarize, DecodeError, type Command, type DecodedJob } from './decode.ts';
import { createNetworkPrinter } from './network.ts';
import { statusByte, type Status } from './status.ts';

export interface VirtualPrint {
  /** The print job's id when the job came from this process, else print-<time>-<n>. */
  id: string;
  at: string;
  /** Absolute path of the PNG; absent when the job was rejected or had no image. */
  png: string;
  bytes: number;
  error?: string;
}

export interface VirtualPrinter {
  port: number;
  printer: Printer;
  prints(limit?: number): VirtualPrint[];
  /** What the printer answers to DLE EOT: for demos and tests of paper-out and cover-open. */
  setStatus(state: Status): void;
  onPrint(listener: (print: VirtualPrint, job: DecodedJob | null) => void): void;
  /** Deletes the saved prints that match (retention, a person's erasure); resolves with how many went. */
  erase(match: (print: PrintStamp) => boolean): Promise<number>;
  close(): Promise<void>;
}

/** What erasure decides by: the job id (a badge's job is in its visit's log) and when it printed. */
export type PrintStamp = Pick<VirtualPrint, 'id' | 'at'>;

export interface VirtualOptions { dir: string; log?: (line: string) => void; keep?: number }

export async function startVirtualPrinter({ dir, log = () => undefined, keep = 200 }: VirtualOptions): Promise<VirtualPrinter> {
  await mkdir(dir, { recursive: true, mode: 0o700 }); // prints show visitors' names: the owner's alone, like the rest of the data directory
  const list = await loadPrints(dir);
  const labels = new Map<number, string>();
  const listeners: Array<(p: VirtualPrint, j: DecodedJob | null) => void> = [];
  const sockets = new Set<net.Socket>();
  let state: Status = 'ok', seq = 0;

  async function save(remotePort: number, raw: Buffer, commands: Command[], error?: Error): Promise<void> {
    const job = error ? null : summarize(commands);
    if (job && !job.image && !job.cuts && !job.text) return; // A status query, not a print.
    const id = labels.get(remotePort) ?? `print-${Date.now()}-${++seq}`;
    labels.delete(remotePort);
    const png = path.join(dir, `${id}.png`), bin = path.join(dir, `${id}.bin`);
    await writeFile(bin, raw, { mode: 0o600 });
    // File times tick coarsely; a sub-millisecond stamp keeps prints in order when a restart lists them.
    const stamp = (performance.timeOrigin + performance.now()) / 1000;
    await utimes(bin, stamp, stamp);
    if (job?.image) await writeFile(png, toPng(job.image), { mode: 0o600 });
    const print: VirtualPrint = { id, at: new Date(stamp * 1000).toISOString(), png: job?.image ? png : '', bytes: raw.length, ...(error && { error: error.message }) };
    list.unshift(print);
    for (const old of list.splice(keep)) await removePrint(dir, old.id); // Badges show names: keep only recent ones.
    if (error) log(`printer: virtual printer rejected ${id}: ${error.message}`);
    listeners.forEach((l) => l(print, job));
  }

  // Half-open: the client's FIN must not close our side before the job is saved.
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    const remotePort = socket.remotePort ?? 0;
    const chunks: Buffer[] = [];
    const commands: Command[] = [];
    let pending: Buffer = Buffer.alloc(0), failed: Error | undefined;
    socket.on('data', (chunk: Buffer) => {
      if (failed) return;
      chunks.push(chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      try {
        let at = 0;
        for (let next = readCommand(pending, at); next; next = at < pending.length ? readCommand(pending, at) : null) {
          commands.push(next.cmd);
          at = next.end;
          if (next.cmd.op === 'status') socket.write(Buffer.from([statusByte(state, next.cmd.n)]));
        }
        pending = pending.subarray(at);
      } catch (e) {
        failed = e as Error; // Strict: a printer that misreads a command prints garbage, so the job is refused.
        socket.resetAndDestroy(); // A reset, not a clean close, so the sender cannot take the job as printed.
        void save(remotePort, Buffer.concat(chunks), commands, failed).catch((err) => log(`printer: virtual printer: ${err.message}`));
      }
    });
    socket.on('end', () => {
      if (failed) return;
      if (pending.length) failed = new DecodeError('truncated command', Buffer.concat(chunks).length - pending.length);
      // Saved before our side closes, so a job that resolved as printed already has its PNG.
      save(remotePort, Buffer.concat(chunks), commands, failed)
        .catch((err) => log(`printer: virtual printer: ${err.message}`))
        .finally(() => (failed ? socket.resetAndDestroy() : socket.end()));
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as net.AddressInfo).port;
  const printer = createNetworkPrinter(`tcp://127.0.0.1:${port}`, { name: 'virtual', onConnect: (p, job) => labels.set(p, job) });
  let closing: Promise<void> | undefined;
  return {
    port,
    printer,
    prints: (limit = 50) => list.slice(0, limit),
    setStatus: (s) => void (state = s),
    onPrint: (l) => void listeners.push(l),
    async erase(match) {
      const gone = new Set(await erasePrints(dir, match));
      for (let i = list.length - 1; i >= 0; i--) if (gone.has(list[i].id) || match(list[i])) list.splice(i, 1);
      return gone.size;
    },
    close: () => (closing ??= new Promise<void>((resolve) => {
      sockets.forEach((s) => s.destroy());
      server.close(() => resolve());
    })),
  };
}

async function loadPrints(dir: string): Promise<VirtualPrint[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.bin'));
  const prints = await Promise.all(names.map(async (n) => {
    const id = n.slice(0, -4), info = await stat(path.join(dir, n), { bigint: true });
    const png = path.join(dir, `${id}.png`);
    const hasPng = await stat(png).then(() => true, () => false);
    return { id, at: info.mtime.toISOString(), ns: info.mtimeNs, png: hasPng ? png : '', bytes: Number(info.size) };
  }));
  // Nanosecond times: jobs saved within one millisecond still come back in order.
  return prints.sort((a, b) => (b.ns > a.ns ? 1 : b.ns < a.ns ? -1 : 0)).map(({ ns: _, ...p }) => p);
}

/** Deletes the prints saved in dir that match, also with no virtual printer running; returns their ids.
 *  Goes by every .bin and .png there, so a PNG whose raw file is gone is not missed. */
export async function erasePrints(dir: string, match: (print: PrintStamp) => boolean): Promise<string[]> {
  const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? [] : Promise.reject(e)));
  const saved = new Map<string, string>();
  for (const name of names.filter((n) => /\.(bin|png)$/.test(n))) {
    const id = name.slice(0, -4);
    const info = await stat(path.join(dir, name)).catch(() => undefined); // removed meanwhile: nothing to erase
    if (!info) continue;
    const at = info.mtime.toISOString();
    if (!saved.has(id) || at < saved.get(id)!) saved.set(id, at);
  }
  const gone = [...saved].filter(([id, at]) => match({ id, at })).map(([id]) => id);
  for (const id of gone) await removePrint(dir, id);
  return gone;
}

const removePrint = (dir: string, id: string) =>
  Promise.all(['.bin', '.png'].map((ext) => rm(path.join(dir, id + ext), { force: true })));
