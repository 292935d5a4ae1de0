// The site's logo on a badge: the PNG or JPEG scaled to fit a box of dots and dithered (Floyd–Steinberg) into the
// 1-bit bitmap, so a coloured or grey logo keeps its shapes and shades on a thermal printer.
import { createCanvas, Image } from '@napi-rs/canvas';
import { bytesPerRow, type Bitmap } from './bitmap.ts';

export interface LogoDots { width: number; height: number; /** 1 = black, row by row. */ dots: Uint8Array }

/** The logo as dots no wider than maxW and no taller than maxH (never enlarged past twice its size); undefined when
 *  the bytes are no image the canvas can read. */
export function logoDots(bytes: Uint8Array, maxW: number, maxH: number): LogoDots | undefined {
  const img = new Image();
  try { img.src = Buffer.from(bytes); } catch { return undefined; }
  if (!img.width || !img.height) return undefined;
  const scale = Math.min(maxW / img.width, maxH / img.height, 2);
  const width = Math.max(1, Math.round(img.width * scale)), height = Math.max(1, Math.round(img.height * scale));
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff'; // transparent parts are paper
  g.fillRect(0, 0, width, height);
  g.drawImage(img, 0, 0, width, height);
  const rgba = g.getImageData(0, 0, width, height).data;
  // Luma, then error diffusion; near-white and near-black snap, so flat areas print clean.
  const grey = new Float32Array(width * height);
  for (let i = 0; i < grey.length; i++) grey[i] = (rgba[i * 4] * 77 + rgba[i * 4 + 1] * 150 + rgba[i * 4 + 2] * 29) / 256;
  const dots = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const old = grey[i] < 24 ? 0 : grey[i] > 232 ? 255 : grey[i];
      const black = old < 128;
      dots[i] = black ? 1 : 0;
      const err = old - (black ? 0 : 255);
      if (x + 1 < width) grey[i + 1] += (err * 7) / 16;
      if (y + 1 < height) {
        if (x > 0) grey[i + width - 1] += (err * 3) / 16;
        grey[i + width] += (err * 5) / 16;
        if (x + 1 < width) grey[i + width + 1] += err / 16;
      }
    }
  }
  return { width, height, dots };
}

/** Sets the logo's black dots into the bitmap with its top left at (x0, y0). */
export function paintLogo(out: Bitmap, logo: LogoDots, x0: number, y0: number): void {
  const stride = bytesPerRow(out.width);
  for (let y = 0; y < logo.height; y++) {
    const oy = y0 + y;
    if (oy < 0 || oy >= out.height) continue;
    for (let x = 0; x < logo.width; x++) {
      const ox = x0 + x;
      if (logo.dots[y * logo.width + x] && ox >= 0 && ox < out.width) out.data[oy * stride + (ox >> 3)] |= 0x80 >> (ox & 7);
    }
  }
}
