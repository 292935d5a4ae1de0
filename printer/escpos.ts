// Bitmap → ESC/POS job bytes: reset, GS v 0 raster bands, feed, cut. Raster only: no printer text, no code pages.
import { bytesPerRow, type Bitmap } from './bitmap.ts';

export const ESC = 0x1b, GS = 0x1d, DLE = 0x10, EOT = 0x04;
/** GS v 0 takes up to 65535 rows, but many printers buffer less; 255 rows is the portable limit. */
export const MAX_BAND_ROWS = 255;
/** Lines fed before the cut so the last printed row clears the cutter (head-to-cutter is ~10-20 mm). */
export const FEED_LINES = 5;

export const INIT = Buffer.from([ESC, 0x40]);
export const feedLines = (n: number) => Buffer.from([ESC, 0x64, n]);
export const FULL_CUT = Buffer.from([GS, 0x56, 0x00]);

/** One GS v 0 command (normal density) for rows [y0, y0 + rows) of the image. */
export function rasterBand(image: Bitmap, y0: number, rows: number): Buffer {
  const wb = bytesPerRow(image.width);
  const head = Buffer.from([GS, 0x76, 0x30, 0x00, wb & 0xff, wb >> 8, rows & 0xff, rows >> 8]);
  return Buffer.concat([head, image.data.subarray(y0 * wb, (y0 + rows) * wb)]);
}

export interface EncodeOptions { bandRows?: number; cut?: boolean }

/** A whole job: one connection's worth of bytes for one badge or list. */
export function encodeEscPos(image: Bitmap, { bandRows = MAX_BAND_ROWS, cut = true }: EncodeOptions = {}): Buffer {
  if (bandRows < 1 || bandRows > MAX_BAND_ROWS) throw new RangeError(`bandRows must be 1-${MAX_BAND_ROWS}`);
  if (bytesPerRow(image.width) > 0xffff) throw new RangeError('image too wide for GS v 0');
  const parts: Buffer[] = [INIT];
  for (let y = 0; y < image.height; y += bandRows) parts.push(rasterBand(image, y, Math.min(bandRows, image.height - y)));
  if (cut) parts.push(feedLines(FEED_LINES), FULL_CUT);
  return Buffer.concat(parts);
}
