// The site's name and logo on the badge (settings): above the header, the logo dithered into dots; without them the
// badge is dot for dot what it was; a logo the canvas cannot read is left off, never a failed print.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import jsqrModule from 'jsqr';
import { createCanvas } from '@napi-rs/canvas';
import { loadFonts } from '../../printer/fonts.ts';
import { drawBadge, type Paper } from '../../printer/badge.ts';
import { getDot, toRgba, type Bitmap } from '../../printer/bitmap.ts';
import type { BadgeData } from '../../printer/printer.ts';

const jsQR = ((jsqrModule as unknown as { default?: typeof jsqrModule }).default ?? jsqrModule) as unknown as
  (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const fonts = loadFonts();
const CODE = `FY1.20261202-K7Q2.mbx1k3m.${'Ab9_-'.repeat(17)}x`;
const sample = (over: Partial<BadgeData> = {}): BadgeData => ({
  visitId: '20261202-K7Q2', number: '0042', name: '王小明', company: '远山科技', hostName: '陈静', department: '人力资源部',
  purpose: '面试', date: '2026-12-02', validUntil: '18:00', escortRequired: false, code: CODE, ...over,
});

/** A 200×80 logo: a mid-grey disc (dithered: some dots, not all) and a black bar (all dots). */
function logo(format: 'png' | 'jpeg' = 'png'): Buffer {
  const c = createCanvas(200, 80);
  const g = c.getContext('2d');
  g.fillStyle = '#fff'; g.fillRect(0, 0, 200, 80);
  g.fillStyle = '#808080'; g.beginPath(); g.arc(40, 40, 36, 0, Math.PI * 2); g.fill();
  g.fillStyle = '#000'; g.fillRect(100, 30, 90, 20);
  return format === 'png' ? c.toBuffer('image/png') : c.toBuffer('image/jpeg');
}
const dotsIn = (b: Bitmap, x: number, y: number, w: number, h: number) => {
  let n = 0;
  for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) if (getDot(b, xx, yy)) n++;
  return n;
};

for (const paper of [80, 58] as Paper[]) {
  test(`${paper} mm: no name and no logo (or an empty name) print today's badge, dot for dot`, () => {
    const plain = drawBadge(sample(), { paper, fonts });
    const empty = drawBadge(sample({ siteName: '  ' }), { paper, fonts });
    assert.equal(empty.boxes, plain.boxes);
    assert.ok(Buffer.from(empty.bitmap.data).equals(Buffer.from(plain.bitmap.data)));
    assert.is(plain.boxes.header.y, 0);
  });

  test(`${paper} mm: name and logo above the header; the grey dithered, the black solid; the QR still reads`, () => {
    for (const format of ['png', 'jpeg'] as const) {
      const img = drawBadge(sample({ siteName: '远山大厦', logo: logo(format) }), { paper, fonts });
      const { logo: box, siteName, header, qr } = img.boxes;
      assert.ok(box && siteName, format);
      assert.ok(box!.y + box!.h <= siteName!.y && siteName!.y + siteName!.h <= header.y, 'logo, then name, then the header');
      assert.ok(box!.w <= img.bitmap.width && box!.h <= (paper === 80 ? 96 : 72));
      // The disc (left part of the logo) is grey: dithered to roughly half its dots.
      const scale = box!.h / 80;
      const disc = { x: box!.x + Math.round(20 * scale), y: box!.y + Math.round(25 * scale), w: Math.round(40 * scale), h: Math.round(30 * scale) };
      const share = dotsIn(img.bitmap, disc.x, disc.y, disc.w, disc.h) / (disc.w * disc.h);
      assert.ok(share > 0.3 && share < 0.7, `${format}: grey comes out as about half the dots (${share.toFixed(2)})`);
      const bar = { x: box!.x + Math.round(110 * scale), y: box!.y + Math.round(34 * scale), w: Math.round(70 * scale), h: Math.round(12 * scale) };
      assert.ok(dotsIn(img.bitmap, bar.x, bar.y, bar.w, bar.h) / (bar.w * bar.h) > 0.95, `${format}: black stays black`);
      assert.ok(dotsIn(img.bitmap, siteName!.x, siteName!.y, siteName!.w, siteName!.h) > 100, 'the name is printed');
      assert.is(jsQR(toRgba(img.bitmap), img.bitmap.width, img.bitmap.height)?.data, CODE);
      assert.ok(qr.y > header.y);
    }
  });

  test(`${paper} mm: a long site name wraps within the paper; bytes that are no image leave the logo off`, () => {
    const long = drawBadge(sample({ siteName: '远山国际科技园区北区第三研发中心访客接待处 Yuanshan International Science Park' }), { paper, fonts });
    assert.ok(long.boxes.siteName!.w <= long.bitmap.width);
    const broken = drawBadge(sample({ siteName: '远山', logo: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) }), { paper, fonts });
    assert.is(broken.boxes.logo, undefined);
    assert.ok(broken.boxes.siteName);
  });
}

test.run();
