// Measuring, wrapping and shrinking text for the raster layouts (badge, muster list).
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';

export type Ctx = SKRSContext2D;
export interface Style { size: number; family: string }

const scratch = createCanvas(8, 8).getContext('2d');
/** family is a CSS family list, e.g. Fonts.regular. */
export const cssFont = (s: Style) => `${s.size}px ${s.family}`;

export function measure(text: string, s: Style, ctx: Ctx = scratch): number {
  ctx.font = cssFont(s);
  return ctx.measureText(text).width;
}

// A Han character (or other wide character) may break anywhere; Latin words break at spaces.
const WIDE = /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\u{20000}-\u{3ffff}]/u;

function tokens(text: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const ch of text) {
    if (WIDE.test(ch)) {
      if (word) out.push(word);
      out.push(ch);
      word = '';
    } else if (/\s/.test(ch)) {
      if (word) out.push(word + ' ');
      else if (out.length) out[out.length - 1] += ' ';
      word = '';
    } else word += ch;
  }
  if (word) out.push(word);
  return out;
}

/** Greedy line filling; a single word wider than the line is split between characters. */
export function wrapText(text: string, s: Style, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  const push = () => {
    if (line.trim()) lines.push(line.trimEnd());
    line = '';
  };
  for (const t of tokens(text.replace(/\s+/g, ' ').trim())) {
    if (measure((line + t).trimEnd(), s) <= maxWidth) {
      line += t;
      continue;
    }
    push();
    if (measure(t.trimEnd(), s) <= maxWidth) {
      line = t;
      continue;
    }
    for (const ch of t) {
      if (line && measure((line + ch).trimEnd(), s) > maxWidth) push();
      line += ch;
    }
  }
  push();
  return lines;
}

/** The largest size (stepping down) whose wrap needs at most maxLines(size) lines; else the smallest, on as many lines as it takes. */
export function fitText(
  text: string, family: string, maxWidth: number,
  sizes: { max: number; min: number; step?: number; maxLines: (size: number) => number },
): { size: number; lines: string[] } {
  const step = sizes.step ?? 4;
  for (let size = sizes.max; size >= sizes.min; size -= step) {
    const lines = wrapText(text, { size, family }, maxWidth);
    if (lines.length <= sizes.maxLines(size)) return { size, lines };
  }
  return { size: sizes.min, lines: wrapText(text, { size: sizes.min, family }, maxWidth) };
}

export function drawLines(
  ctx: Ctx, lines: string[], s: Style, x: number, y: number, lineHeight: number, align: 'left' | 'center' | 'right' = 'left',
): number {
  ctx.font = cssFont(s);
  ctx.textAlign = align;
  ctx.textBaseline = 'alphabetic';
  // The baseline sits at ~0.88 em in Noto Sans CJK; centring the em box in the line box.
  const baseline = (lineHeight - s.size) / 2 + s.size * 0.88;
  lines.forEach((line, i) => ctx.fillText(line, x, y + i * lineHeight + baseline));
  return lines.length * lineHeight;
}
