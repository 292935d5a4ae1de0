// createPrinting with the virtual printer: real TCP on loopback, strict decoding, PNG + raw bytes per job.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsqrModule from 'jsqr';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { createPrinting } from '../../printer/index.ts';
import { writeJob, SendError } from '../../printer/network.ts';
import { decodeEscPos } from '../../printer/decode.ts';
import { startVirtualPrinter } from '../../printer/virtual.ts';
import { bundledFontFiles } from '../../printer/fonts.ts';
import type { BadgeData } from '../../printer/printer.ts';

// jsqr is CommonJS with a default export; under NodeNext its type is the module object.
const jsQR = ((jsqrModule as unknown as { default?: typeof jsqrModule }).default ?? jsqrModule) as unknown as
  (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

const CODE = `FY1.20250601-K7Q2.mbx1k3m.${'Qw3_-'.repeat(17)}x`;
const badge: BadgeData = {
  visitId: '20250601-K7Q2', number: '0421', name: '刘䶮', company: '北京星河科技有限公司', hostName: '王伟', department: '研发部',
  purpose: '商务洽谈 Business meeting', date: '2025-06-01', validUntil: '18:00', escortRequired: true, code: CODE,
};
const OUT = path.resolve('test-output');
// Everything a test opens is closed after it, pass or fail, so a failure cannot leave the process hanging.
const cleanup: Array<() => Promise<unknown>> = [];
test.after.each(async () => {
  while (cleanup.length) await cleanup.pop()!();
});
async function printing(opts: Parameters<typeof createPrinting>[0]) {
  const p = await createPrinting(opts);
  cleanup.push(() => p.queue.close());
  return p;
}
async function virtualIn(dir: string, keep?: number) {
  const v = await startVirtualPrinter({ dir, keep });
  cleanup.push(() => v.close());
  return v;
}
const tmp = () => mkdtempSync(path.join(tmpdir(), 'foyer-virtual-'));

async function readPng(file: string): Promise<{ width: number; height: number; rgba: Uint8ClampedArray }> {
  const img = await loadImage(readFileSync(file));
  const ctx = createCanvas(img.width, img.height).getContext('2d');
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, rgba: ctx.getImageData(0, 0, img.width, img.height).data };
}

const papers: Array<80 | 58> = [80, 58];
for (const paper of papers) {
  test(`${paper} mm: a badge on the virtual printer is saved as a PNG whose QR reads back, and as the raw bytes`, async () => {
    const dataDir = tmp();
    const p = await printing({ printers: ['virtual'], paper, dataDir });
    const job = await p.queue.printBadge(badge, { by: 'user:r1' });
    assert.is(job.status, 'printed');
    assert.is(job.printer, 'virtual');
    const [print] = p.virtual!.prints();
    assert.is(print.id, job.id);
    assert.is(print.png, path.join(dataDir, 'prints', `${job.id}.png`));
    const raw = readFileSync(path.join(dataDir, 'prints', `${job.id}.bin`));
    assert.is(raw.length, print.bytes);
    assert.is(decodeEscPos(raw).cuts, 1);
    const png = await readPng(print.png);
    assert.is(png.width, paper === 80 ? 576 : 384);
    assert.is(jsQR(png.rgba, png.width, png.height)?.data, CODE);
    mkdirSync(OUT, { recursive: true });
    copyFileSync(print.png, path.join(OUT, `badge-${paper}mm.png`));
    await p.queue.close();
    await p.virtual!.close(); // Closing twice, as the server does, is fine.
    assert.is(p.virtual!.prints().length, 1);
  });
}

test('the muster list prints on the virtual printer as one PNG', async () => {
  const p = await printing({ printers: ['virtual'], paper: 80, dataDir: tmp() });
  const rows = ['王伟', 'Maximilian Alexander von Habsburg-Lothringen', '欧阳喆堃', 'Łukasz Dvořák'].map((name, i) => ({ number: `04${20 + i}`, name, hostName: '李娜', since: `09:1${i}` }));
  const job = await p.queue.printMuster(rows, { by: 'user:sec', title: '疏散点名 Evacuation roll call 2025-06-01 10:32' });
  assert.is(job.status, 'printed');
  const [print] = p.virtual!.prints();
  assert.ok(existsSync(print.png));
  copyFileSync(print.png, path.join(OUT, 'muster-80mm.png'));
});

test('the virtual printer refuses a job with an unknown command, and the sender hears of it', async () => {
  const dir = tmp();
  const lines: string[] = [];
  const virtual = await startVirtualPrinter({ dir, log: (l) => lines.push(l) });
  cleanup.push(() => virtual.close());
  const bytes = Buffer.concat([Buffer.from([0x1b, 0x40, 0x1b, 0x74, 0x10]), Buffer.from('汉字')]);
  const err = await writeJob('127.0.0.1', virtual.port, bytes).then(() => null, (e) => e);
  assert.instance(err, SendError);
  assert.ok(err.reached, 'bytes went out: not to be retried');
  await new Promise((r) => setTimeout(r, 50));
  const [print] = virtual.prints();
  assert.match(print.error!, /unknown command 0x1b 0x74 0x10 at byte 2/);
  assert.is(print.png, '');
  assert.ok(lines.some((l) => l.startsWith('printer: virtual printer rejected')));
});

test('a job cut off before its end is refused, not printed in part', async () => {
  const virtual = await virtualIn(tmp());
  const head = Buffer.from([0x1b, 0x40, 0x1d, 0x76, 0x30, 0x00, 72, 0, 10, 0, 1, 2, 3]);
  await writeJob('127.0.0.1', virtual.port, head).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 50));
  assert.match(virtual.prints()[0].error!, /truncated/);
});

test('a restarted virtual printer still lists earlier prints, and keeps only the most recent', async () => {
  const dir = tmp();
  const first = await virtualIn(dir, 2);
  const job = Buffer.concat([Buffer.from([0x1b, 0x40, 0x1d, 0x76, 0x30, 0, 1, 0, 1, 0, 0xff]), Buffer.from([0x1d, 0x56, 0x00])]);
  for (let i = 0; i < 3; i++) await writeJob('127.0.0.1', first.port, job);
  assert.is(first.prints().length, 2);
  await first.close();
  const again = await virtualIn(dir, 2);
  assert.equal(again.prints().map((p) => p.id), first.prints().map((p) => p.id));
  assert.is(readdirSync(dir).length, 4, 'two prints, .bin and .png each');
});

test('a missing font stops start-up with a clear message, before any printer starts', async () => {
  const dataDir = tmp();
  const files = bundledFontFiles();
  const err = await printing({
    printers: ['virtual'], paper: 80, dataDir, fonts: { regular: ['/nowhere/NotoSansHans-Regular.otf'], bold: files.bold },
  }).then(() => null, (e: Error) => e);
  assert.match(err!.message, /badge font not found: \/nowhere\/NotoSansHans-Regular\.otf/);
  assert.not.ok(existsSync(path.join(dataDir, 'prints')));
});

const badOptions: Array<[string, Record<string, unknown>, RegExp]> = [
  ['no printers', { printers: [] }, /no printer/],
  ['a bad address', { printers: ['http://printer'] }, /not a printer address/],
  ['an odd paper width', { paper: 72 }, /paper must be 80 or 58/],
];
for (const [name, over, message] of badOptions) {
  test(`createPrinting refuses ${name}`, async () => {
    const err = await printing({ printers: ['virtual'], paper: 80, dataDir: tmp(), ...over } as never).then(() => null, (e: Error) => e);
    assert.match(err!.message, message);
  });
}

test.run();
