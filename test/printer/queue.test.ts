// The print queue against real TCP listeners: the bytes a printer got, retries, fallback, no second badge.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import net from 'node:net';
import jsqrModule from 'jsqr';
import { createQueue } from '../../printer/queue.ts';
import { createNetworkPrinter } from '../../printer/network.ts';
import { loadFonts } from '../../printer/fonts.ts';
import { decodeEscPos } from '../../printer/decode.ts';
import { drawBadge, PAPER_DOTS, type Paper } from '../../printer/badge.ts';
import { countDots, toRgba } from '../../printer/bitmap.ts';
import { statusByte, type Status } from '../../printer/status.ts';
import type { BadgeData, PrinterStatusChange } from '../../printer/printer.ts';

// jsqr is CommonJS with a default export; under NodeNext its type is the module object.
const jsQR = ((jsqrModule as unknown as { default?: typeof jsqrModule }).default ?? jsqrModule) as unknown as
  (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

const fonts = loadFonts();
const CODE = `FY1.20250601-K7Q2.mbx1k3m.${'Zq8_-'.repeat(17)}x`;
const badge = (over: Partial<BadgeData> = {}): BadgeData => ({
  visitId: '20250601-K7Q2', number: '0421', name: '欧阳喆堃', company: '星河科技', hostName: '王伟', department: '研发部',
  purpose: '面试 interview', date: '2025-06-01', validUntil: '18:00', escortRequired: true, code: CODE, ...over,
});

// Everything a test opens is closed after it, pass or fail, so a failure cannot leave the process hanging.
const cleanup: Array<() => Promise<unknown>> = [];
test.after.each(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

interface Sink { port: number; url: string; jobs: Buffer[]; connections: number; maxOpen: number; state: Status; close(): Promise<void> }
type Mode = 'ok' | 'reset-midway' | 'silent';

/** A TCP printer: answers DLE EOT like a real one, keeps each job's bytes (a job starts with ESC @). */
async function startSink(mode: Mode = 'ok', port = 0): Promise<Sink> {
  const sockets = new Set<net.Socket>();
  let open = 0;
  const server = net.createServer({ allowHalfOpen: true }, (s) => {
    sockets.add(s);
    const chunks: Buffer[] = [];
    let job = false;
    s.on('data', (d: Buffer) => {
      if (!chunks.length && d[0] === 0x1b) {
        job = true;
        sink.connections++;
        sink.maxOpen = Math.max(sink.maxOpen, ++open);
        if (mode === 'reset-midway') return void s.resetAndDestroy();
      }
      chunks.push(d);
      if (!job && mode !== 'silent' && d[0] === 0x10 && d[1] === 0x04) s.write(Buffer.from([statusByte(sink.state, d[2])]));
    });
    s.on('end', () => {
      if (job) sink.jobs.push(Buffer.concat(chunks));
      s.end();
    });
    s.on('close', () => { if (job) open--; sockets.delete(s); });
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  cleanup.push(() => sink.close());
  const actual = (server.address() as net.AddressInfo).port;
  const sink: Sink = {
    port: actual, url: `tcp://127.0.0.1:${actual}`, jobs: [], connections: 0, maxOpen: 0, state: 'ok',
    close: () => new Promise((r) => { sockets.forEach((s) => s.destroy()); server.close(() => r()); }),
  };
  return sink;
}

async function freePort(): Promise<number> {
  const s = await startSink();
  await s.close();
  return s.port;
}

function queueFor(urls: string[], over: { paper?: Paper; attempts?: number; baseDelayMs?: number } = {}) {
  const lines: string[] = [];
  const changes: PrinterStatusChange[] = [];
  const queue = createQueue({
    printers: urls.map((u) => createNetworkPrinter(u, { connectTimeoutMs: 500, lingerMs: 300 })),
    paper: over.paper ?? 80, fonts, log: (l) => lines.push(l),
    retry: { attempts: over.attempts ?? 3, baseDelayMs: over.baseDelayMs ?? 20 },
  });
  queue.onStatus((c) => changes.push(c));
  cleanup.push(() => queue.close());
  return { queue, lines, changes };
}

const papers: Paper[] = [80, 58];
for (const paper of papers) {
  test(`${paper} mm: the printer gets a ${PAPER_DOTS[paper]}-dot raster in <=255-row bands, a cut, and a QR that reads back`, async () => {
    const sink = await startSink();
    const { queue } = queueFor([sink.url], { paper });
    const job = await queue.printBadge(badge(), { by: 'user:r1' });
    assert.is(job.status, 'printed');
    assert.is(sink.jobs.length, 1);
    const got = decodeEscPos(sink.jobs[0]);
    assert.ok(got.bands.length > 1 && got.bands.every((b) => b.rows <= 255 && b.width === PAPER_DOTS[paper]));
    assert.is(got.cuts, 1);
    assert.is(got.commands.at(-1)!.op, 'cut');
    assert.is(got.text, '', 'no printer text');
    const image = got.image!;
    assert.is(jsQR(toRgba(image), image.width, image.height)?.data, CODE);
    // The Chinese name is drawn where the layout puts it.
    const { name } = drawBadge(badge(), { paper, fonts }).boxes;
    assert.ok(countDots(image, name.x, name.y, name.w, name.h) > 2000);
  });
}

test('an offline printer that comes back prints the job once', async () => {
  const port = await freePort();
  const { queue, changes } = queueFor([`tcp://127.0.0.1:${port}`], { attempts: 8, baseDelayMs: 40 });
  const pending = queue.printBadge(badge(), { by: 'user:r1' });
  await new Promise((r) => setTimeout(r, 120));
  const sink = await startSink('ok', port);
  const job = await pending;
  assert.is(job.status, 'printed');
  assert.ok(job.attempts > 1, `attempts ${job.attempts}`);
  await new Promise((r) => setTimeout(r, 200));
  assert.is(sink.connections, 1);
  assert.is(sink.jobs.length, 1);
  assert.equal(changes.map((c) => c.status), ['offline', 'ok']);
});

test('a dead first printer: the fallback prints the job, and the dead one is reported offline', async () => {
  const dead = await freePort();
  const sink = await startSink();
  const { queue, lines, changes } = queueFor([`tcp://127.0.0.1:${dead}`, sink.url]);
  const job = await queue.printBadge(badge(), { by: 'user:r1' });
  assert.is(job.status, 'printed');
  assert.is(job.printer, sink.url);
  assert.is(sink.jobs.length, 1);
  assert.ok(changes.some((c) => c.printer === `tcp://127.0.0.1:${dead}` && c.status === 'offline'));
  assert.ok(lines.some((l) => l.includes(`moves from tcp://127.0.0.1:${dead} to ${sink.url}`)));
  // Known dead now: the next job goes straight to the fallback without waiting on retries.
  const started = Date.now();
  assert.is((await queue.printBadge(badge({ visitId: 'v2' }), { by: 'user:r1' })).printer, sink.url);
  assert.ok(Date.now() - started < 200);
});

test('a printer out of paper: the job goes to the next printer and reception hears of it', async () => {
  const empty = await startSink(), spare = await startSink();
  empty.state = 'paper-out';
  const { queue, changes } = queueFor([empty.url, spare.url]);
  const job = await queue.printBadge(badge(), { by: 'user:r1' });
  assert.is(job.printer, spare.url);
  assert.is(empty.connections, 0);
  assert.equal(changes.map((c) => `${c.printer}:${c.status}`), [`${empty.url}:paper-out`]);
});

test('a connection that fails after bytes went out is failed, not resent, not sent to the fallback', async () => {
  const flaky = await startSink('reset-midway'), spare = await startSink();
  const { queue } = queueFor([flaky.url, spare.url], { attempts: 3 });
  const job = await queue.printBadge(badge(), { by: 'user:r1' });
  assert.is(job.status, 'failed');
  assert.match(job.error!, /not resent/);
  assert.is(job.attempts, 1);
  assert.is(flaky.connections, 1);
  assert.is(spare.connections, 0);
});

test('no printer at all: the job fails with an error and printBadge still resolves', async () => {
  const { queue, lines } = queueFor([`tcp://127.0.0.1:${await freePort()}`], { attempts: 2 });
  const job = await queue.printBadge(badge(), { by: 'user:r1' });
  assert.is(job.status, 'failed');
  assert.is(job.attempts, 2);
  assert.ok(job.error);
  assert.ok(lines.some((l) => /^printer: job job-\d+-[0-9a-f]{6} failed/.test(l)));
});

test('reprint prints exactly one more badge and logs it; a repeated first print does not', async () => {
  const sink = await startSink();
  const { queue, lines } = queueFor([sink.url]);
  const first = await queue.printBadge(badge(), { by: 'kiosk:k1' });
  const again = await queue.printBadge(badge(), { by: 'kiosk:k1' });
  assert.is(again.id, first.id);
  const reprint = await queue.printBadge(badge(), { by: 'user:desk', reprint: true });
  assert.is.not(reprint.id, first.id);
  assert.ok(reprint.reprint);
  assert.is(sink.jobs.length, 2);
  assert.ok(lines.includes(`printer: job ${reprint.id} printed on ${sink.url} (badge, by user:desk, reprint)`), lines.join('\n'));
  assert.equal(queue.jobs().map((j) => j.id), [reprint.id, first.id]);
});

test('jobs for one printer go one at a time', async () => {
  const sink = await startSink();
  const { queue } = queueFor([sink.url]);
  const jobs = await Promise.all([1, 2, 3, 4].map((i) => queue.printBadge(badge({ visitId: `v${i}` }), { by: 'user:r1' })));
  assert.ok(jobs.every((j) => j.status === 'printed'));
  assert.is(sink.jobs.length, 4);
  assert.is(sink.maxOpen, 1);
  // Each connection carries exactly one job: the buffer was cleared in between.
  for (const bytes of sink.jobs) assert.equal(decodeEscPos(bytes).commands.filter((c) => c.op === 'init' || c.op === 'cut').length, 2);
});

test('the muster list is one job with one cut', async () => {
  const sink = await startSink();
  const { queue } = queueFor([sink.url]);
  const rows = Array.from({ length: 12 }, (_, i) => ({ number: `0${400 + i}`, name: '王伟', hostName: '李娜', since: '09:15' }));
  const job = await queue.printMuster(rows, { by: 'user:sec', title: '疏散点名 Roll call' });
  assert.is(job.kind, 'muster');
  assert.is(sink.jobs.length, 1);
  const got = decodeEscPos(sink.jobs[0]);
  assert.is(got.cuts, 1);
  assert.ok(got.image!.height > 12 * 60);
});

test('a badge that cannot be laid out fails the job instead of rejecting', async () => {
  const sink = await startSink();
  const { queue } = queueFor([sink.url], { paper: 58 });
  const job = await queue.printBadge(badge({ code: 'x'.repeat(400) }), { by: 'user:r1' });
  assert.is(job.status, 'failed');
  assert.match(job.error!, /^layout: /);
  assert.is(sink.connections, 0);
});

test('logs are one namespaced line each and never hold personal data', async () => {
  const sink = await startSink();
  const dead = `tcp://127.0.0.1:${await freePort()}`;
  const { queue, lines } = queueFor([dead, sink.url]);
  await queue.printBadge(badge({ name: 'Jane Q. Visitor', company: 'Secret Corp', purpose: 'Confidential' }), { by: 'user:r1' });
  await queue.printMuster([{ number: '1', name: 'Jane Q. Visitor', since: '09:00' }], { by: 'user:sec', title: 'Roll call' });
  assert.ok(lines.length >= 3);
  for (const line of lines) {
    assert.match(line, /^printer: /);
    assert.not.match(line, /Jane|Secret|Confidential|\n/);
  }
});

test('after close, new jobs fail at once', async () => {
  const sink = await startSink();
  const { queue } = queueFor([sink.url]);
  await queue.close();
  assert.is((await queue.printBadge(badge(), { by: 'user:r1' })).error, 'print queue closed');
  assert.is(sink.connections, 0);
});

test.run();
