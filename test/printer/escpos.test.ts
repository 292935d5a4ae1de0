// ESC/POS bytes: GS v 0 bands of at most 255 rows, then feed and cut; and a decoder that refuses what it does not know.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeEscPos, MAX_BAND_ROWS } from '../../printer/escpos.ts';
import { decodeEscPos, readCommand, DecodeError } from '../../printer/decode.ts';
import { blankBitmap, bytesPerRow, type Bitmap } from '../../printer/bitmap.ts';

function pattern(width: number, height: number): Bitmap {
  const b = blankBitmap(width, height);
  for (let i = 0; i < b.data.length; i++) b.data[i] = (i * 37 + (i >> 5)) & 0xff;
  return b;
}

const shapes: Array<[number, number, number | undefined]> = [
  [576, 1, undefined], [576, 255, undefined], [576, 256, undefined], [576, 886, undefined],
  [384, 870, undefined], [384, 1000, 24], [576, 100, 1],
];
for (const [width, height, bandRows] of shapes) {
  test(`${width}x${height} (bands of ${bandRows ?? 'default'}): bands <= 255 rows, full width, image back intact`, () => {
    const image = pattern(width, height);
    const job = decodeEscPos(encodeEscPos(image, { bandRows }));
    const limit = bandRows ?? MAX_BAND_ROWS;
    assert.ok(job.bands.every((b) => b.rows <= limit && b.rows <= 255 && b.width === width));
    assert.is(job.bands.length, Math.ceil(height / limit));
    assert.is(job.bands.reduce((n, b) => n + b.rows, 0), height);
    assert.equal(Buffer.from(job.image!.data), Buffer.from(image.data));
  });
}

test('a job is reset, raster, feed, cut, and nothing else: no printer text at all', () => {
  const job = decodeEscPos(encodeEscPos(pattern(576, 300)));
  const ops = job.commands.map((c) => c.op);
  assert.equal(ops, ['init', 'raster', 'raster', 'feed', 'cut']);
  assert.is(job.cuts, 1);
  assert.is(job.text, '');
  const feed = job.commands[3];
  assert.ok(feed.op === 'feed' && (feed.lines ?? 0) >= 3, 'paper is fed past the cutter before cutting');
});

test('a job can leave out the cut', () => {
  assert.is(decodeEscPos(encodeEscPos(pattern(384, 10), { cut: false })).cuts, 0);
});

const badBandRows: number[] = [0, 256, 1000];
for (const rows of badBandRows) {
  test(`bands of ${rows} rows are refused`, () => {
    assert.throws(() => encodeEscPos(pattern(576, 10), { bandRows: rows }), RangeError);
  });
}

const GSv0 = (wb: number, rows: number, m = 0) => [0x1d, 0x76, 0x30, m, wb & 0xff, wb >> 8, rows & 0xff, rows >> 8];
const strict: Array<[string, number[], RegExp, number]> = [
  ['ESC t (code page)', [0x1b, 0x40, 0x1b, 0x74, 0x00], /unknown command 0x1b 0x74/, 2],
  ['GS ( k (a printer-side QR)', [0x1d, 0x28, 0x6b, 0x03, 0x00], /unknown command 0x1d 0x28 0x6b/, 0],
  ['FS & (Chinese mode)', [0x1c, 0x26], /unknown command 0x1c 0x26/, 0],
  ['UTF-8 text', [0x41, 0xe5, 0xbc, 0xa0], /non-ASCII byte 0xe5/, 1],
  ['GS v 0 at double size', [...GSv0(1, 1, 3), 0xff], /scaling mode 3/, 0],
  ['GS v 0 of no rows', GSv0(72, 0), /empty/, 0],
  ['GS v 0 cut short', [...GSv0(72, 2), 1, 2, 3], /truncated/, 0],
  ['GS V with an odd mode', [0x1d, 0x56, 0x07], /GS V with unknown mode 7/, 0],
  ['DLE EOT 9', [0x10, 0x04, 0x09], /DLE EOT with unknown n=9/, 0],
  ['a lone ESC at the end', [0x1b, 0x40, 0x1b], /truncated/, 2],
];
for (const [name, bytes, message, offset] of strict) {
  test(`the strict decoder refuses ${name}`, () => {
    try {
      decodeEscPos(Buffer.from(bytes));
      assert.unreachable('decoded');
    } catch (e) {
      assert.instance(e, DecodeError);
      assert.match((e as Error).message, message);
      assert.is((e as DecodeError).offset, offset);
    }
  });
}

test('the decoder knows the commands printers are sent for status and cuts', () => {
  const job = decodeEscPos(Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x04, 0x1d, 0x56, 0x42, 0x10, 0x1d, 0x56, 0x01, 0x1b, 0x4a, 0x20, 0x0a]));
  assert.equal(job.statusQueries, [1, 4]);
  assert.is(job.cuts, 2);
  assert.is(job.image, null);
});

test('readCommand waits for a command that has not fully arrived', () => {
  const bytes = encodeEscPos(pattern(576, 20));
  assert.is(readCommand(bytes.subarray(0, 2 + 8 + 100), 2), null);
  const whole = readCommand(bytes, 2)!;
  assert.is(whole.end, 2 + 8 + bytesPerRow(576) * 20);
});

test.run();
