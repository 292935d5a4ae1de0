// A 1-bit image in the printer's own order: rows of width/8 bytes, leftmost dot in the high bit, 1 = black.
import { createCanvas } from '@napi-rs/canvas';

export interface Bitmap {
  width: number;
  height: number;
  data: Uint8Array;
}

export const bytesPerRow = (width: number) => Math.ceil(width / 8);

export function blankBitmap(width: number, height: number): Bitmap {
  return { width, height, data: new Uint8Array(bytesPerRow(width) * height) };
}

export function getDot(b: Bitmap, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x >= b.width || y >= b.height) return false;
  return (b.data[y * bytesPerRow(b.width) + (x >> 3)] & (0x80 >> (x & 7))) !== 0;
}

/** Thresholds canvas RGBA (premultiplied over white): darker than `threshold` becomes a dot. */
export function fromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, threshold = 150): Bitmap {
  const out = blankBitmap(width, height);
  thresholdInto(out, 0, rgba, height, threshold);
  return out;
}

const WHITE = 0xffffffff;
const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Thresholds `rows` rows of canvas RGBA (as wide as `out`) into `out` from row y0 on. Paper is mostly white:
 *  pixels are read four bytes at a time and an opaque white one is passed over without arithmetic. */
export function thresholdInto(out: Bitmap, y0: number, rgba: Uint8Array | Uint8ClampedArray, rows: number, threshold = 150): void {
  const { width } = out, stride = bytesPerRow(width);
  const words = rgba.byteOffset % 4 === 0 && littleEndian ? new Uint32Array(rgba.buffer, rgba.byteOffset, width * rows) : undefined;
  for (let y = 0; y < rows; y++) {
    let i = y * width;
    const row = (y0 + y) * stride;
    for (let x = 0; x < width; x++, i++) {
      if (words && words[i] === WHITE) continue;
      // Luma with alpha over white paper; a transparent pixel is white.
      const b = i * 4, a = rgba[b + 3];
      const luma = (rgba[b] * 77 + rgba[b + 1] * 150 + rgba[b + 2] * 29) >> 8;
      if (255 - ((255 - luma) * a) / 255 < threshold) out.data[row + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
}

/** Blackens a rectangle of dots (clipped to the image). */
export function fillDots(b: Bitmap, x: number, y: number, w: number, h: number): void {
  const stride = bytesPerRow(b.width);
  const [x0, x1] = [Math.max(0, x), Math.min(b.width, x + w)];
  for (let yy = Math.max(0, y); yy < Math.min(b.height, y + h); yy++) {
    const row = yy * stride;
    for (let xx = x0; xx < x1; xx++) b.data[row + (xx >> 3)] |= 0x80 >> (xx & 7);
  }
}

export function toRgba(b: Bitmap): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(b.width * b.height * 4).fill(255);
  for (let y = 0; y < b.height; y++) {
    for (let x = 0; x < b.width; x++) {
      if (getDot(b, x, y)) {
        const i = (y * b.width + x) * 4;
        rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
      }
    }
  }
  return rgba;
}

/** Stacks images top to bottom on a common width (narrower ones are left-aligned, as on paper). */
export function stackBitmaps(parts: Bitmap[]): Bitmap {
  const width = Math.max(0, ...parts.map((p) => bytesPerRow(p.width) * 8));
  const out = blankBitmap(width, parts.reduce((h, p) => h + p.height, 0));
  const stride = bytesPerRow(width);
  let y0 = 0;
  for (const p of parts) {
    const ps = bytesPerRow(p.width);
    for (let y = 0; y < p.height; y++) out.data.set(p.data.subarray(y * ps, (y + 1) * ps), (y0 + y) * stride);
    y0 += p.height;
  }
  return out;
}

export function toPng(b: Bitmap): Buffer {
  const canvas = createCanvas(Math.max(1, b.width), Math.max(1, b.height));
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(canvas.width, canvas.height);
  if (b.width && b.height) image.data.set(toRgba(b));
  else image.data.fill(255);
  ctx.putImageData(image, 0, 0);
  return canvas.encodeSync('png');
}

/** Black dots within a rectangle: how tests tell drawn text from blank paper. */
export function countDots(b: Bitmap, x: number, y: number, w: number, h: number): number {
  let n = 0;
  for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) if (getDot(b, xx, yy)) n++;
  return n;
}
