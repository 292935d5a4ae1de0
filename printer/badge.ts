// The badge layout: visit data in, 1-bit bitmap out. Knows nothing of ESC/POS or sockets.
import { createCanvas } from '@napi-rs/canvas';
import type { BadgeData } from './printer.ts';
import type { Fonts } from './fonts.ts';
import { blankBitmap, thresholdInto, type Bitmap } from './bitmap.ts';
import { drawLines, fitText, measure, wrapText, type Ctx, type Style } from './text.ts';
import { paintQr, planQr } from './qr.ts';
import { logoDots, paintLogo } from './logo.ts';

export type Paper = 80 | 58;
export const PAPER_DOTS: Record<Paper, number> = { 80: 576, 58: 384 };

export interface LayoutOptions { paper: Paper; fonts: Fonts }
export interface Box { x: number; y: number; w: number; h: number }
export interface BadgeImage {
  bitmap: Bitmap;
  boxes: { header: Box; name: Box; escort?: Box; qr: Box; logo?: Box; siteName?: Box };
  name: { size: number; lines: string[]; family: string };
  /** Each printed field's value as laid out: long values shrink, then wrap; nothing is cut. */
  fields: Array<{ label: string; size: number; lines: string[] }>;
  qrDot: number;
}

// Sizes in printer dots (8 per mm at 203 dpi); 58 mm paper keeps text readable by stacking labels over values.
const SIZES = {
  80: { margin: 16, gap: 14, bar: 30, name: [96, 44], label: 22, value: [30, 22], labelCol: 200, footer: 22, logo: 96 },
  58: { margin: 12, gap: 10, bar: 26, name: [72, 36], label: 20, value: [26, 20], labelCol: 0, footer: 20, logo: 72 },
};
/** A value takes up to this many lines at its size before it shrinks; at the smallest size it takes as many as it needs. */
const VALUE_LINES = 3;

/** A band of the badge: drawn on the canvas, or (paint) set straight into the bitmap, skipping the canvas. */
interface Block { h: number; draw(ctx: Ctx, y: number): void; paint?(bitmap: Bitmap, y: number): void }

/** Lays out and draws the badge; boxes tell tests where the name and QR went. */
export function drawBadge(badge: BadgeData, { paper, fonts }: LayoutOptions): BadgeImage {
  const W = PAPER_DOTS[paper], S = SIZES[paper], M = S.margin, inner = W - 2 * M;
  const blocks: Block[] = [];
  const boxes = {} as BadgeImage['boxes'];
  let y = 0;
  const add = (h: number, draw: Block['draw'], key?: keyof BadgeImage['boxes'], x = 0, w = W, paint?: Block['paint']) => {
    if (key) boxes[key] = { x, y, w, h };
    blocks.push({ h, draw, paint });
    y += h;
  };
  const space = (h = S.gap) => add(h, () => undefined);
  const bold = (size: number): Style => ({ size, family: fonts.bold });
  const regular = (size: number): Style => ({ size, family: fonts.regular });

  // The site's logo (dithered into dots) and name above the header, when the settings have them.
  const logo = badge.logo ? logoDots(badge.logo, inner, S.logo) : undefined;
  if (logo) {
    const logoX = Math.floor((W - logo.width) / 2);
    add(M, () => undefined);
    add(logo.height, () => undefined, 'logo', logoX, logo.width, (bitmap, top) => paintLogo(bitmap, logo, logoX, top));
  }
  const siteName = badge.siteName?.trim();
  if (siteName) {
    const fit = fitText(siteName, fonts.bold, inner, { max: S.bar, min: S.label, step: 2, maxLines: () => 2 });
    const lh = Math.round(fit.size * 1.35);
    if (!logo) add(Math.round(M / 2), () => undefined);
    add(fit.lines.length * lh, (ctx, top) => drawLines(ctx, fit.lines, bold(fit.size), W / 2, top, lh, 'center'), 'siteName', M, inner);
  }
  if (logo || siteName) space(Math.round(S.gap / 2));

  // Header: a black bar, 访客 VISITOR on the left, the visit number on the right.
  const barH = Math.round(S.bar * 1.7);
  add(barH, (ctx, top) => {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, top, W, barH);
    ctx.fillStyle = '#fff';
    drawLines(ctx, ['访客 VISITOR'], bold(S.bar), M, top, barH);
    drawLines(ctx, [`No. ${badge.number}`], bold(S.bar), W - M, top, barH, 'right');
    ctx.fillStyle = '#000';
  }, 'header');
  space();

  // The name: as large as fits on one line, else smaller on two, else the smallest on as many lines as it takes.
  const [nameMax, nameMin] = S.name;
  const name = fitText(badge.name, fonts.bold, inner, { max: nameMax, min: nameMin, maxLines: (s) => (s > nameMax * 0.7 ? 1 : 2) });
  const nameLine = Math.round(name.size * 1.2);
  add(name.lines.length * nameLine, (ctx, top) => drawLines(ctx, name.lines, bold(name.size), M, top, nameLine), 'name', M, inner);
  space();

  if (badge.escortRequired) {
    const h = Math.round(S.bar * 1.6);
    const lines = wrapPhrases(['需陪同', 'ESCORT REQUIRED'], bold(S.bar), inner);
    add(h * lines.length, (ctx, top) => {
      ctx.fillRect(0, top, W, h * lines.length);
      ctx.fillStyle = '#fff';
      drawLines(ctx, lines, bold(S.bar), W / 2, top, h, 'center');
      ctx.fillStyle = '#000';
    }, 'escort');
    space();
  }

  const host = [badge.hostName, badge.department].filter(Boolean).join(' · ');
  const fields: Array<[string, string | undefined, boolean]> = [
    ['单位 Company', badge.company, false],
    ['被访人 Host', host, false],
    ['事由 Purpose', badge.purpose, false],
    ['随行 With', companionsText(badge), true],
    ['日期 Date', badge.date, false],
    ['有效至 Valid until', badge.validUntil, true],
  ];
  const valueW = S.labelCol ? inner - S.labelCol : inner;
  const [valueMax, valueMin] = S.value;
  const laidOut: BadgeImage['fields'] = [];
  for (const [label, value, strong] of fields) {
    if (!value?.trim()) continue;
    const family = strong ? fonts.bold : fonts.regular;
    const fit = fitText(value, family, valueW, { max: valueMax, min: valueMin, step: 2, maxLines: () => VALUE_LINES });
    laidOut.push({ label, ...fit });
    const vs: Style = { size: fit.size, family }, lines = fit.lines;
    const lh = Math.round(fit.size * 1.3), labelH = Math.round(S.label * 1.4);
    if (S.labelCol) {
      // Label and value share a baseline: drawLines centres the em box, so the smaller label moves down.
      const shift = Math.round(0.38 * (fit.size - S.label));
      add(lines.length * lh, (ctx, top) => {
        drawLines(ctx, [label], regular(S.label), M, top + shift, lh);
        drawLines(ctx, lines, vs, M + S.labelCol, top, lh);
      });
    } else {
      add(labelH + lines.length * lh, (ctx, top) => {
        drawLines(ctx, [label], regular(S.label), M, top, labelH);
        drawLines(ctx, lines, vs, M, top + labelH, lh);
      });
    }
  }
  space(S.gap * 2);

  const qr = planQr(badge.code, Math.round(W * 0.7), W);
  const qrX = Math.floor((W - qr.side) / 2);
  // The QR is a third of the badge: set into the bitmap directly, its rows are never rasterised and read back.
  add(qr.side, () => undefined, 'qr', qrX, qr.side, (bitmap, top) => paintQr(bitmap, qr, qrX, top));

  const footer = regular(S.footer);
  const footLines = wrapPhrases(['离开时请扫码签离', 'Scan out when you leave'], footer, inner);
  const footH = Math.round(S.footer * 1.4);
  add(footLines.length * footH, (ctx, top) => drawLines(ctx, footLines, footer, W / 2, top, footH, 'center'));
  space(M);

  const canvas = createCanvas(W, y);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, y);
  ctx.fillStyle = '#000';
  const bitmap = blankBitmap(W, y);
  // Canvas bands are read back in runs between the painted ones.
  let top = 0, runStart = 0;
  const readRun = (end: number) => {
    if (end > runStart) thresholdInto(bitmap, runStart, ctx.getImageData(0, runStart, W, end - runStart).data, end - runStart);
  };
  for (const b of blocks) {
    if (b.paint) {
      readRun(top);
      b.paint(bitmap, top);
      runStart = top + b.h;
    } else b.draw(ctx, top);
    top += b.h;
  }
  readRun(top);
  return { bitmap, boxes, name: { ...name, family: fonts.bold }, fields: laidOut, qrDot: qr.dot };
}

export const renderBadge = (badge: BadgeData, opts: LayoutOptions): Bitmap => drawBadge(badge, opts).bitmap;

/** "王五、赵六 +1" or "2 人 people": who came along, so a head count on site includes them. */
export function companionsText({ companions = 0, companionNames = [] }: Pick<BadgeData, 'companions' | 'companionNames'>): string | undefined {
  if (companions <= 0) return undefined;
  const unnamed = companions - companionNames.length;
  if (!companionNames.length) return `${companions} 人 people`;
  return `${companionNames.join('、')}${unnamed > 0 ? ` +${unnamed}` : ''}`;
}

/** Bilingual fixed text: one line if it fits, else each language on its own line(s). */
function wrapPhrases(phrases: string[], s: Style, width: number): string[] {
  const joined = phrases.join(' ');
  return measure(joined, s) <= width ? [joined] : phrases.flatMap((p) => wrapText(p, s, width));
}
