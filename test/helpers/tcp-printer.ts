// A bare TCP listener standing in for a network printer: it keeps every job's bytes, one per connection.
import net from 'node:net';

export interface TcpPrinter {
  port: number;
  url: string;
  jobs: Buffer[];
  /** Resolves when at least n jobs have arrived. */
  waitForJobs(n: number, timeoutMs?: number): Promise<Buffer[]>;
  close(): Promise<void>;
}

export async function startTcpPrinter(): Promise<TcpPrinter> {
  const jobs: Buffer[] = [];
  const waiters: Array<() => void> = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      // Answer a status query (DLE EOT n) with "all fine" so a polling queue sees a healthy printer.
      for (let i = 0; i + 2 < d.length; i++) if (d[i] === 0x10 && d[i + 1] === 0x04) socket.write(Buffer.from([0x12]));
    });
    socket.on('close', () => {
      sockets.delete(socket);
      // A connection that only asked for status (DLE EOT n, any number of times) is not a job.
      const all = Buffer.concat(chunks);
      const printed = all.toString('latin1').replace(/\x10\x04[\x01-\x04]/g, '');
      if (printed.length > 0) {
        jobs.push(all);
        waiters.splice(0).forEach((w) => w());
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port, url: `tcp://127.0.0.1:${port}`, jobs,
    async waitForJobs(n, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (jobs.length < n) {
        if (Date.now() > deadline) throw new Error(`printer got ${jobs.length} jobs, expected ${n}`);
        await new Promise<void>((resolve) => { waiters.push(resolve); setTimeout(resolve, 50); });
      }
      return jobs;
    },
    close: () => new Promise<void>((resolve) => { sockets.forEach((s) => s.destroy()); server.close(() => resolve()); }),
  };
}
