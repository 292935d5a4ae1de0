// A printer's test page: which printer this is, its paper, the time, Chinese and English text and a QR that reads back.
import { createCanvas } from '@napi-rs/canvas';
import type { Fonts } from './fonts.ts';
import { blankBitmap, thresholdInto, type Bitmap } from './bitmap.ts';
import { PAPER_DOTS, type Paper } from './badge.ts';
import { drawLines, wrapText, type Style } from './text.ts';
import { paintQr, planQr } from './qr.ts';

export interface TestPage {
  siteName?: string;
  printerName: string;
  address: string;
  /** The site's local time as printed, e.g. 2026-12-01 11:20. */
  time: string;
  /** ASCII text the QR carries (the job's id), so a scan proves the page came out whole. */
  code: string;
}

export const TEST_LINE = '打印测试 中文正常 · Test print: English OK';

export function renderTestPage(page: TestPage, { paper, fonts }: { paper: Paper; fonts: Fonts }): Bitmap {
  const W = PAPER_DOTS[paper], M = paper === 80 ? 16 : 12, big = paper === 80 ? 34 : 28, small = paper === 80 ? 24 : 20;
  const bold: Style = { size: big, family: fonts.bold }, regular: Style = { size: small, family: fonts.regular };
  const bigH = Math.round(big * 1.3), smallH = Math.round(small * 1.4), inner = W - 2 * M;
  const title = wrapText(page.siteName ? `${page.siteName} · 测试页 Test page` : '测试页 Test page', bold, inner);
  const lines = [
    `打印机 Printer: ${page.printerName}`,
    `地址 Address: ${page.address}`,
    `纸宽 Paper: ${paper} mm`,
    `时间 Time: ${page.time}`,
    TEST_LINE,
  ].flatMap((l) => wrapText(l, regular, inner));
  const qr = planQr(page.code, Math.round(W * 0.5), W);
  const textH = title.length * bigH + 16 + lines.length * smallH + 16;
  const H = textH + qr.side + M;
  const canvas = createCanvas(W, textH);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, textH);
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, W, title.length * bigH + 8);
  ctx.fillStyle = '#fff';
  drawLines(ctx, title, bold, M, 4, bigH);
  ctx.fillStyle = '#000';
  drawLines(ctx, lines, regular, M, title.length * bigH + 16, smallH);
  const bitmap = blankBitmap(W, H);
  thresholdInto(bitmap, 0, ctx.getImageData(0, 0, W, textH).data, textH);
  paintQr(bitmap, qr, Math.floor((W - qr.side) / 2), textH);
  return bitmap;
}
