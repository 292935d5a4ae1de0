// The evacuation muster list: everyone on site, one tick box per person (companions too), printed as one job.
import { createCanvas } from '@napi-rs/canvas';
import type { MusterRow } from './printer.ts';
import type { Fonts } from './fonts.ts';
import { fromRgba, type Bitmap } from './bitmap.ts';
import { PAPER_DOTS, type Paper } from './badge.ts';
import { drawLines, wrapText, type Ctx, type Style } from './text.ts';

export interface MusterOptions { title: string; footer?: string; paper: Paper; fonts: Fonts }

/** The people of a row after the visitor: named companions, then "companion 2 of 3" for the unnamed. */
export function companionLines(row: MusterRow): string[] {
  const count = row.companions ?? 0;
  const names = (row.companionNames ?? []).slice(0, count);
  return Array.from({ length: count }, (_, i) => `${names[i] ?? `随行 Companion ${i + 1}/${count}`}  (${row.number})`);
}

export function renderMuster(rows: MusterRow[], { title, footer, paper, fonts }: MusterOptions): Bitmap {
  const W = PAPER_DOTS[paper], M = paper === 80 ? 16 : 12, big = paper === 80 ? 30 : 26, small = paper === 80 ? 22 : 20;
  const box = big, textX = M + box + 14, textW = W - textX - M;
  const bold = (size: number): Style => ({ size, family: fonts.bold });
  const regular = (size: number): Style => ({ size, family: fonts.regular });
  const bigH = Math.round(big * 1.3), smallH = Math.round(small * 1.35);
  const draws: Array<(ctx: Ctx, y: number) => void> = [];
  const heights: number[] = [];
  const add = (h: number, draw: (ctx: Ctx, y: number) => void) => {
    heights.push(h);
    draws.push(draw);
  };

  const titleLines = wrapText(title, bold(big), W - 2 * M);
  add(titleLines.length * bigH + 16, (ctx, y) => {
    ctx.fillRect(0, y, W, titleLines.length * bigH + 16);
    ctx.fillStyle = '#fff';
    drawLines(ctx, titleLines, bold(big), M, y + 8, bigH);
    ctx.fillStyle = '#000';
  });
  const people = rows.reduce((n, r) => n + 1 + (r.companions ?? 0), 0);
  add(smallH + 12, (ctx, y) => drawLines(ctx, [`在场 On site: ${people} 人 people (${rows.length} 访客 visitors)`], regular(small), M, y + 6, smallH));

  const tickBox = (ctx: Ctx, y: number, side: number, x = M) => {
    ctx.lineWidth = 3;
    ctx.strokeRect(x + 1.5, y + 1.5, side - 3, side - 3);
  };
  for (const row of rows) {
    const nameLines = wrapText(`${row.number}  ${row.name}`, bold(big), textW);
    const detail = wrapText([row.hostName && `被访人 Host ${row.hostName}`, `入场 In ${row.since}`].filter(Boolean).join('  ·  '), regular(small), textW);
    const others = companionLines(row).map((line) => wrapText(line, regular(small), textW - small - 10));
    const othersH = others.reduce((h, lines) => h + lines.length * smallH + 6, 0);
    const h = nameLines.length * bigH + detail.length * smallH + othersH + 14;
    add(h, (ctx, y) => {
      tickBox(ctx, y + 8, box);
      drawLines(ctx, nameLines, bold(big), textX, y + 6, bigH);
      let at = y + 6 + nameLines.length * bigH;
      drawLines(ctx, detail, regular(small), textX, at, smallH);
      at += detail.length * smallH;
      for (const lines of others) {
        tickBox(ctx, at + 4, small, textX);
        drawLines(ctx, lines, regular(small), textX + small + 10, at + 3, smallH);
        at += lines.length * smallH + 6;
      }
      ctx.fillRect(M, y + h - 2, W - 2 * M, 2);
    });
  }
  if (!rows.length) add(bigH, (ctx, y) => drawLines(ctx, ['无人在场 Nobody on site'], bold(big), M, y, bigH));
  add(smallH * 2 + 24, (ctx, y) => drawLines(ctx, ['清点人 Checked by: __________', '时间 Time: __________'], regular(small), M, y + 16, smallH));
  if (footer) {
    const lines = wrapText(footer, regular(small), W - 2 * M);
    add(lines.length * smallH + 12, (ctx, y) => drawLines(ctx, lines, regular(small), M, y + 6, smallH));
  }

  const H = heights.reduce((a, b) => a + b, 0) + M;
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = '#000';
  ctx.strokeStyle = '#000';
  let y = 0;
  draws.forEach((draw, i) => {
    draw(ctx, y);
    y += heights[i];
  });
  return fromRgba(ctx.getImageData(0, 0, W, H).data, W, H);
}
