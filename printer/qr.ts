// The badge QR, drawn module by module from the `qrcode` matrix at a whole number of dots per module.
import QRCode from 'qrcode';
import type { Ctx } from './text.ts';
import { fillDots, type Bitmap } from './bitmap.ts';

export interface QrPlan {
  /** Modules per side, without the quiet zone. */
  modules: number;
  /** Printer dots per module. */
  dot: number;
  /** Side in dots, quiet zone (4 modules each side) included. */
  side: number;
  dark(row: number, col: number): boolean;
}

export const QUIET_MODULES = 4;
export const MIN_DOT = 6;

/** Sized to about `target` dots, never under MIN_DOT per module; throws if even that does not fit `maxSide`. */
export function planQr(text: string, target: number, maxSide: number): QrPlan {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const dot = Math.max(MIN_DOT, Math.min(8, Math.floor(target / (n + 2 * QUIET_MODULES))));
  const side = (n + 2 * QUIET_MODULES) * dot;
  if (side > maxSide) throw new RangeError(`badge code needs a ${side}-dot QR; the paper has ${maxSide}`);
  return { modules: n, dot, side, dark: (r, c) => modules.get(r, c) === 1 };
}

/** Each horizontal run of dark modules, row by row: [row, first column, modules]. */
function* darkRuns(plan: QrPlan): Generator<[number, number, number]> {
  for (let r = 0; r < plan.modules; r++) {
    for (let c = 0; c < plan.modules; c++) {
      if (!plan.dark(r, c)) continue;
      let end = c;
      while (end + 1 < plan.modules && plan.dark(r, end + 1)) end++;
      yield [r, c, end - c + 1];
      c = end;
    }
  }
}

/** Fills the quiet zone white and each horizontal run of dark modules as one rectangle. */
export function drawQr(ctx: Ctx, plan: QrPlan, x: number, y: number): void {
  ctx.fillStyle = '#fff';
  ctx.fillRect(x, y, plan.side, plan.side);
  ctx.fillStyle = '#000';
  const origin = QUIET_MODULES * plan.dot;
  for (const [r, c, n] of darkRuns(plan)) ctx.fillRect(x + origin + c * plan.dot, y + origin + r * plan.dot, n * plan.dot, plan.dot);
}

/** The same QR set straight into a 1-bit image (no canvas, no anti-aliasing): each run of dark modules a rectangle of dots. */
export function paintQr(bitmap: Bitmap, plan: QrPlan, x: number, y: number): void {
  const origin = QUIET_MODULES * plan.dot;
  for (const [r, c, n] of darkRuns(plan)) fillDots(bitmap, x + origin + c * plan.dot, y + origin + r * plan.dot, n * plan.dot, plan.dot);
}
