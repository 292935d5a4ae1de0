// Reads a QR code back from a printed 1-bit image, as a scanner would.
import jsqrModule from 'jsqr';
import type { Bitmap } from '../../printer/bitmap.ts';
import { toRgba } from '../../printer/bitmap.ts';

// jsqr is CommonJS with a default export; under NodeNext its type is the module object.
const jsQR = ((jsqrModule as unknown as { default?: typeof jsqrModule }).default ?? jsqrModule) as unknown as
  (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

export function readQr(image: Bitmap): string | undefined {
  return jsQR(toRgba(image), image.width, image.height)?.data;
}
