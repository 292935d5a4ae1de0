// Reads a QR code back from a printed 1-bit image, as a scanner would.
import jsqrModule from 'jsqr';
import type { Bitmap } from '../../printer/bitmap.ts';
import { fromRgba, toRgba } from '../../printer/bitmap.ts';
import { createCanvas, loadImage } from '@napi-rs/canvas';

// jsqr is CommonJS with a default export; under NodeNext its type is the module object.
const jsQR = ((jsqrModule as unknown as { default?: typeof jsqrModule }).default ?? jsqrModule) as unknown as
  (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

export function readQr(image: Bitmap): string | undefined {
  return jsQR(toRgba(image), image.width, image.height)?.data;
}

/** The QR of a print job as the virtual printer saved it (GET /api/prints/:job.png), read back as a scanner would. */
export async function readPrintedQr(serverUrl: string, jobId: string, token: string): Promise<string | undefined> {
  const png = await fetch(`${serverUrl}/api/prints/${jobId}.png`, { headers: { authorization: `Bearer ${token}` } });
  const image = await loadImage(Buffer.from(await png.arrayBuffer()));
  const canvas = createCanvas(image.width, image.height);
  canvas.getContext('2d').drawImage(image, 0, 0);
  return readQr(fromRgba(canvas.getContext('2d').getImageData(0, 0, image.width, image.height).data, image.width, image.height));
}
