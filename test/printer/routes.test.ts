// Jobs that name their printers: each printer's own paper, one job at a time per printer whichever route a job came
// by, the configured printers when none is named, an address nothing can be made of skipped, live status on demand.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import net from 'node:net';
import { createQueue } from '../../printer/queue.ts';
import { createNetworkPrinter } from '../../printer/network.ts';
import { loadFonts } from '../../printer/fonts.ts';
import { decodeEscPos } from '../../printer/decode.ts';
import { statusByte, type Status } from '../../printer/status.ts';
import type { BadgeData, PrinterStatusChange } from '../../printer/printer.ts';
import { readQr } from '../helpers/qr.ts';

const fonts = loadFonts();
const badge = (visitId: string): BadgeData => ({
  visitId, number: '0007', name: '林小雨', purpose: '送货', date: '2026-12-01', validUntil: '18:00', escortRequired: false, code: `FY1.${visitId}`,
});
const cleanup: Array<() => Promise<unknown>> = [];
test.after.each(async () => { while (cleanup.length) await cleanup.pop()!(); });

/** A printer that holds each job's connection a little before closing it, counting how many jobs it had open at once. */
async function slowSink() {
  let open = 0;
  const sockets = new Set<net.Socket>();
  const sink = { url: '', jobs: [] as Buffer[], maxOpen: 0, state: 'ok' as Status };
  const server = net.createServer({ allowHalfOpen: true }, (s) => {
    sockets.add(s);
    const chunks: Buffer[] = [];
    let job = false;
    s.on('data', (d: Buffer) => {
      if (!chunks.length && d[0] === 0x1b) { job = true; sink.maxOpen = Math.max(sink.maxOpen, ++open); }
      chunks.push(d);
      if (!job && d[0] === 0x10 && d[1] === 0x04) s.write(Buffer.from([statusByte(sink.state, d[2])]));
    });
    s.on('end', () => {
      if (!job) return void s.end();
      sink.jobs.push(Buffer.concat(chunks));
      setTimeout(() => { open--; s.end(); }, 60);
    });
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  sink.url = `tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  cleanup.push(() => new Promise<void>((r) => { sockets.forEach((s) => s.destroy()); server.close(() => r()); }));
  return sink;
}

function queueWith(configured: string[]) {
  const changes: PrinterStatusChange[] = [];
  const queue = createQueue({
    printers: configured.map((u) => createNetworkPrinter(u, { connectTimeoutMs: 500, lingerMs: 300 })),
    paper: 80, fonts, retry: { attempts: 2, baseDelayMs: 20 },
  });
  queue.onStatus((c) => changes.push(c));
  cleanup.push(() => queue.close());
  return { queue, changes };
}

test("each printer of a route gets the job drawn for its own paper; no route: the configured printers", async () => {
  const configured = await slowSink(), narrow = await slowSink();
  const { queue } = queueWith([configured.url]);
  const a = await queue.printBadge(badge('v-a'), { by: 'kiosk:k1', route: [{ address: narrow.url, paper: 58 }] });
  assert.is(a.printer, narrow.url);
  const image = decodeEscPos(narrow.jobs[0]).image!;
  assert.is(image.width, 384);
  assert.is(readQr(image), 'FY1.v-a');
  const b = await queue.printBadge(badge('v-b'), { by: 'kiosk:k1' });
  assert.is(b.printer, configured.url);
  assert.is(decodeEscPos(configured.jobs[0]).image!.width, 576);
  assert.equal(queue.defaults(), [{ address: configured.url, paper: 80 }]);
});

test('one job at a time on a printer, whichever route each job came by', async () => {
  const shared = await slowSink(), other = await slowSink();
  const { queue } = queueWith([shared.url]);
  const jobs = await Promise.all([
    queue.printBadge(badge('v-1'), { by: 'kiosk:k1', route: [{ address: shared.url }] }),
    queue.printBadge(badge('v-2'), { by: 'kiosk:k2', route: [{ address: shared.url }, { address: other.url }] }),
    queue.printBadge(badge('v-3'), { by: 'user:r1' }),
    queue.printTest({ printerName: 'P', address: shared.url, time: '2026-12-01 09:00', code: 'T' }, { by: 'user:a', target: { address: shared.url } }),
  ]);
  assert.equal(jobs.map((j) => j.status), ['printed', 'printed', 'printed', 'printed']);
  assert.is(shared.jobs.length, 4);
  assert.is(shared.maxOpen, 1, 'never two jobs open on one printer');
  assert.is(other.jobs.length, 0);
});

test('a printer out of paper: the route moves on; a test page does not; an address nothing can be made of is skipped', async () => {
  const first = await slowSink(), second = await slowSink();
  const { queue, changes } = queueWith([second.url]);
  first.state = 'paper-out';
  const moved = await queue.printBadge(badge('v-x'), { by: 'kiosk:k1', route: [{ address: 'virtual' }, { address: first.url }, { address: second.url }] });
  assert.is(moved.status, 'printed');
  assert.is(moved.printer, second.url);
  assert.ok(changes.some((c) => c.printer === first.url && c.status === 'paper-out'));
  const test1 = await queue.printTest({ printerName: 'P', address: first.url, time: 't', code: 'T' }, { by: 'user:a', target: { address: first.url } });
  assert.is(test1.status, 'failed');
  assert.is(test1.error, 'printer paper-out');
  assert.is(second.jobs.length, 1, 'no fallback for a test page');
  assert.is(await queue.status(first.url), 'paper-out');
  first.state = 'ok';
  assert.is(await queue.status(first.url), 'ok');
  assert.equal(changes.filter((c) => c.printer === first.url).map((c) => c.status), ['paper-out', 'ok']);
});

test('the status poll asks the watched printers too', async () => {
  const watched = await slowSink(), configured = await slowSink();
  const changes: PrinterStatusChange[] = [];
  const queue = createQueue({ printers: [createNetworkPrinter(configured.url)], paper: 80, fonts, statusPollMs: 30 });
  cleanup.push(() => queue.close());
  queue.watch(async () => [watched.url]);
  const seen = new Promise<void>((resolve) => queue.onStatus((c) => { changes.push(c); if (c.printer === watched.url) resolve(); }));
  watched.state = 'cover-open';
  await seen;
  assert.equal(changes.map((c) => [c.printer, c.status]), [[watched.url, 'cover-open']]);
});

test.run();
