// The badge layout: a pure function from visit data to a 1-bit bitmap of the paper's width.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import jsqrModule from 'jsqr';
import { loadFonts } from '../../printer/fonts.ts';
import { companionsText, drawBadge, renderBadge, PAPER_DOTS, type Paper } from '../../printer/badge.ts';
import { countDots, getDot, toRgba, type Bitmap } from '../../printer/bitmap.ts';
import { measure } from '../../printer/text.ts';
import { MIN_DOT, QUIET_MODULES } from '../../printer/qr.ts';
import type { BadgeData } from '../../printer/printer.ts';

// jsqr is CommonJS with a default export; under NodeNext its type is the module object.
const jsQR = ((jsqrModule as unknown as { default?: typeof jsqrModule }).default ?? jsqrModule) as unknown as
  (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

const fonts = loadFonts();
const CODE = `FY1.20250601-K7Q2.mbx1k3m.${'Ab9_-'.repeat(17)}x`; // 115 characters, like a signed badge
const sample = (over: Partial<BadgeData> = {}): BadgeData => ({
  visitId: '20250601-K7Q2', number: '0421', name: '张喆堃', company: '北京星河科技有限公司', hostName: '王伟', department: '研发部',
  purpose: '商务洽谈', date: '2025-06-01', validUntil: '18:00', escortRequired: false, code: CODE, ...over,
});
const papers: Paper[] = [80, 58];

function readQr(b: Bitmap): string | undefined {
  return jsQR(toRgba(b), b.width, b.height)?.data;
}

for (const paper of papers) {
  test(`${paper} mm: the badge is ${PAPER_DOTS[paper]} dots wide and its QR reads back as the code`, () => {
    const img = drawBadge(sample(), { paper, fonts });
    assert.is(img.bitmap.width, PAPER_DOTS[paper]);
    assert.ok(img.bitmap.height > 400 && img.bitmap.height < 1400, `height ${img.bitmap.height}`);
    assert.is(readQr(img.bitmap), CODE);
  });

  test(`${paper} mm: the longest allowed code still gets >= ${MIN_DOT} dots per module and a white quiet zone`, () => {
    const code = 'FY1.' + 'x'.repeat(156);
    const img = drawBadge(sample({ code }), { paper, fonts });
    assert.ok(img.qrDot >= MIN_DOT);
    const { x, y, w } = img.boxes.qr, quiet = QUIET_MODULES * img.qrDot;
    assert.is(countDots(img.bitmap, x, y, w, quiet), 0, 'top quiet zone');
    assert.is(countDots(img.bitmap, x, y, quiet, w), 0, 'left quiet zone');
    assert.is(countDots(img.bitmap, x + w - quiet, y, quiet, w), 0, 'right quiet zone');
    assert.is(countDots(img.bitmap, x, y + w - quiet, w, quiet), 0, 'bottom quiet zone');
    assert.is(readQr(img.bitmap), code);
  });
}

test('a code too long for 58 mm paper is an error, not a squeezed QR', () => {
  assert.throws(() => renderBadge(sample({ code: 'x'.repeat(300) }), { paper: 58, fonts }), /QR/);
  assert.is(renderBadge(sample({ code: 'x'.repeat(300) }), { paper: 80, fonts }).width, 576);
});

const names: Array<[string, string]> = [
  ['a two-character Chinese name', '王伟'],
  ['a rare-character name', '刘䶮'],
  ['a long Chinese name', '爱新觉罗·溥仪阿拉木图斯坦尼斯拉夫斯基'],
  ['a long Latin name', 'Maximilian Alexander Friedrich von Habsburg-Lothringen'],
  ['one very long word', 'Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaft'],
  ['a name with diacritics', 'Łukasz Dvořák-Wiśniewski Erdoğan'],
];
for (const paper of papers) {
  for (const [label, name] of names) {
    test(`${paper} mm: ${label} is shrunk or wrapped, never clipped`, () => {
      const img = drawBadge(sample({ name }), { paper, fonts });
      const inner = img.boxes.name.w;
      for (const line of img.name.lines) {
        assert.ok(measure(line, { size: img.name.size, family: img.name.family }) <= inner, `"${line}" wider than ${inner}`);
      }
      assert.is(img.name.lines.join('').replace(/\s/g, ''), name.replace(/\s/g, ''), 'every character printed');
      const { y, h } = img.boxes.name;
      assert.is(countDots(img.bitmap, 0, y, img.boxes.name.x - 4, h), 0, 'nothing in the left margin');
      assert.is(countDots(img.bitmap, img.boxes.name.x + inner + 4, y, PAPER_DOTS[paper], h), 0, 'nothing in the right margin');
      assert.ok(img.name.size >= (paper === 80 ? 44 : 36));
    });
  }
}

test('a short name prints large; a long one shrinks before it wraps', () => {
  const short = drawBadge(sample({ name: '王伟' }), { paper: 80, fonts });
  const long = drawBadge(sample({ name: 'Maximilian Alexander Friedrich von Habsburg-Lothringen' }), { paper: 80, fonts });
  assert.is(short.name.lines.length, 1);
  assert.ok(short.name.size >= 90);
  assert.ok(long.name.size < short.name.size);
});

test('a Chinese name puts ink where the name goes, and rare characters are not drawn as boxes', () => {
  const img = drawBadge(sample({ name: '喆堃䶮' }), { paper: 80, fonts });
  const { x, y, w, h } = img.boxes.name;
  const ink = countDots(img.bitmap, x, y, w, h);
  assert.ok(ink > 3000, `only ${ink} dots in the name box`);
  // Three private-use characters are in no font: they come out as .notdef boxes, which the real name must not match.
  const tofu = drawBadge(sample({ name: '\ue000\ue001\ue002' }), { paper: 80, fonts });
  let same = 0;
  for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) if (getDot(img.bitmap, xx, yy) === getDot(tofu.bitmap, xx, yy)) same++;
  assert.ok(same / (w * h) < 0.95, 'the name looks like boxes');
  assert.equal(fonts.missing('喆堃䶮'), []);
});

const escort: Array<[boolean, boolean]> = [[true, true], [false, false]];
for (const [required, shown] of escort) {
  test(`escort required ${required}: the 需陪同 bar is ${shown ? 'shown' : 'absent'}`, () => {
    const img = drawBadge(sample({ escortRequired: required }), { paper: 80, fonts });
    assert.is(!!img.boxes.escort, shown);
    if (img.boxes.escort) {
      const { y, h } = img.boxes.escort;
      assert.ok(countDots(img.bitmap, 0, y, 576, h) > 576 * h * 0.5, 'a black bar');
    }
  });
}

test('missing optional fields leave no empty rows', () => {
  const full = renderBadge(sample(), { paper: 80, fonts });
  const bare = renderBadge(sample({ company: undefined, hostName: undefined, department: undefined }), { paper: 80, fonts });
  assert.ok(bare.height < full.height - 60);
});

test('the layout is a pure function: the same visit gives the same dots', () => {
  const a = renderBadge(sample(), { paper: 58, fonts }), b = renderBadge(sample(), { paper: 58, fonts });
  assert.equal(Buffer.from(a.data), Buffer.from(b.data));
});

const companions: Array<[number | undefined, string[] | undefined, string | undefined]> = [
  [undefined, undefined, undefined],
  [0, undefined, undefined],
  [2, undefined, '2 人 people'],
  [2, ['王五', 'Zhao Liu'], '王五、Zhao Liu'],
  [3, ['王五'], '王五 +2'],
];
for (const [count, names, text] of companions) {
  test(`companions ${count ?? '-'} with ${names?.length ?? 0} names print as ${text ?? 'nothing'}`, () => {
    assert.is(companionsText({ companions: count, companionNames: names }), text);
  });
}

test('a badge with companions has a line more than one without, on both papers', () => {
  for (const paper of papers) {
    const alone = drawBadge(sample(), { paper, fonts }).bitmap.height;
    const group = drawBadge(sample({ companions: 2, companionNames: ['王五'] }), { paper, fonts }).bitmap.height;
    assert.ok(group > alone, `${paper} mm: ${group} > ${alone}`);
  }
});


test('the QR set straight into the bitmap has the same dots as the QR drawn on a canvas and read back', async () => {
  const { createCanvas } = await import('@napi-rs/canvas');
  const { drawQr, paintQr, planQr } = await import('../../printer/qr.ts');
  const { blankBitmap, fromRgba } = await import('../../printer/bitmap.ts');
  for (const [text, target] of [[CODE, 400], ['FY1.short', 300], [CODE, 260]] as const) {
    const plan = planQr(text, target, 576);
    const canvas = createCanvas(plan.side + 10, plan.side + 10);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    drawQr(ctx, plan, 5, 5);
    const drawn = fromRgba(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
    const painted = blankBitmap(canvas.width, canvas.height);
    paintQr(painted, plan, 5, 5);
    assert.equal([...painted.data], [...drawn.data], `${text.length} characters at ${target} dots`);
    assert.is(readQr(painted), text);
  }
});

test('reading the canvas back: white is passed over, grey is thresholded as before, transparent is paper', async () => {
  const { blankBitmap, thresholdInto } = await import('../../printer/bitmap.ts');
  const rgba = new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255, 140, 140, 140, 255, 160, 160, 160, 255, 0, 0, 0, 0, 0, 0, 0, 200, 200, 200, 200, 255, 10, 10, 10, 255]);
  const out = blankBitmap(8, 2);
  thresholdInto(out, 1, rgba, 1);
  assert.equal([...out.data], [0, 0b01100101]); // white, black, grey 140, grey 160, transparent, black at 200/255, grey 200, near black
});

// Kiosk limits: company 80 characters, purpose 100. Nothing is cut: a long value shrinks, then wraps.
const longValues: Array<[string, Partial<BadgeData>, string, 'full' | 'smaller']> = [
  ['a short purpose', { purpose: '商务洽谈' }, '事由 Purpose', 'full'],
  ['a company name of 80 Han characters', { company: '北京星河科技有限公司'.repeat(8) }, '单位 Company', 'smaller'],
  ['a purpose of 100 Latin characters', { purpose: 'Quarterly supplier review of the east wing HVAC maintenance contract and fire safety inspection ok.' }, '事由 Purpose', 'smaller'],
  ['a purpose of 100 characters with no space', { purpose: 'x'.repeat(100) }, '事由 Purpose', 'smaller'],
];
for (const paper of papers) {
  for (const [what, over, label, size] of longValues) {
    test(`${paper} mm: ${what} prints whole (${size === 'full' ? 'at full size' : 'smaller, wrapped'}), never cut with an ellipsis`, () => {
      const img = drawBadge(sample(over), { paper, fonts });
      const field = img.fields.find((f) => f.label === label)!;
      const value = (over.company ?? over.purpose)!;
      assert.is(field.lines.join('').replace(/\s/g, ''), value.replace(/\s/g, ''));
      assert.not.ok(field.lines.some((l) => l.includes('…')));
      const full = Math.max(...img.fields.map((f) => f.size));
      if (size === 'full') assert.is(field.size, full);
      else assert.ok(field.size < full, `${field.size} is not smaller than ${full}`);
      for (const line of field.lines) assert.ok(measure(line, { size: field.size, family: fonts.regular }) <= PAPER_DOTS[paper], `"${line}" is wider than the paper`);
    });
  }
}

test.run();
