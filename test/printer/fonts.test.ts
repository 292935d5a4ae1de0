// The bundled fonts: present, covering rare name characters, and a clear start-up error when they are not.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundledFontFiles, loadFonts, readCmap, FontError, type FontFiles } from '../../printer/fonts.ts';

const files = bundledFontFiles();

for (const weight of ['regular', 'bold'] as const) {
  test(`the ${weight} CJK font file itself has glyphs for rare name characters`, () => {
    const cmap = readCmap(readFileSync(files[weight][0]));
    for (const ch of ['喆', '堃', '䶮', '𫖮', '王', 'A', '0']) assert.ok(cmap.has(ch.codePointAt(0)!), `${ch} missing in ${weight}`);
    // A private-use code point is in no font: the check really reads the cmap.
    assert.not.ok(cmap.has(0xe000));
  });
  test(`the ${weight} Latin fallback covers what the CJK font lacks`, () => {
    const cjk = readCmap(readFileSync(files[weight][0])), latin = readCmap(readFileSync(files[weight][1]));
    for (const ch of ['Ł', 'ő', 'ş', 'Ж', 'Ω']) {
      assert.ok(latin.has(ch.codePointAt(0)!), `${ch} missing in the Latin ${weight} font`);
    }
    assert.not.ok(cjk.has('Ł'.codePointAt(0)!), 'if the CJK font gained Ł, the fallback may no longer be needed');
  });
}

test('loaded fonts report characters they cannot draw, and only those', () => {
  const fonts = loadFonts();
  assert.equal(fonts.missing('刘䶮 张喆 王堃 Zoë O’Brien Łukasz Dvořák Erdoğan Ж'), []);
  assert.equal(fonts.missing('\ue000a\ue000'), ['\ue000']);
  assert.not.equal(fonts.regular, fonts.bold);
});

test('loading the same files twice registers them once', () => {
  assert.is(loadFonts(), loadFonts());
});

const dir = mkdtempSync(path.join(tmpdir(), 'foyer-fonts-'));
const notAFont = path.join(dir, 'broken.otf');
writeFileSync(notAFont, 'this is not a font');
const badCases: Array<[string, FontFiles, RegExp]> = [
  ['a missing CJK file', { regular: [path.join(dir, 'nope.otf'), files.regular[1]], bold: files.bold }, /badge font not found: .*nope\.otf/],
  ['a missing fallback file', { regular: files.regular, bold: [files.bold[0], path.join(dir, 'gone.ttf')] }, /badge font not found: .*gone\.ttf/],
  ['a file that is not a font', { regular: [notAFont], bold: files.bold }, /broken\.otf is not a usable/],
  ['a font without CJK glyphs', { regular: [files.regular[1]], bold: files.bold }, /have no glyph for 访 客/],
  ['no font at all', { regular: [], bold: files.bold }, /no regular badge font/],
];
for (const [name, given, message] of badCases) {
  test(`${name} is a FontError naming the problem`, () => {
    try {
      loadFonts(given);
      assert.unreachable('should have thrown');
    } catch (e) {
      assert.instance(e, FontError);
      assert.match((e as Error).message, message);
    }
  });
}

test.run();
