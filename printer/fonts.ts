// The bundled fonts (CJK, then Latin/Greek/Cyrillic): found in node_modules, registered with skia, checked before the first badge.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { GlobalFonts } from '@napi-rs/canvas';

export interface Fonts {
  /** CSS family lists (bundled fonts only, in fallback order) to put in a canvas font string. */
  regular: string;
  bold: string;
  /** Characters of text that no bundled font has a glyph for (they would print as boxes). */
  missing(text: string): string[];
}

/** Font files per weight, in fallback order: CJK first, then a Latin/Greek/Cyrillic font for what it lacks. */
export interface FontFiles { regular: string[]; bold: string[] }

/** Must render: the badge's own words and rare name characters (喆 堃 䶮), and Latin names beyond ASCII. */
export const REQUIRED_GLYPHS = '访客需陪同单位被访人事由日期有效至喆堃䶮 VISITOR 0123456789:-.ŁłŐőŞşČčĞğ';

export class FontError extends Error {}

export function bundledFontFiles(): FontFiles {
  const require = createRequire(import.meta.url);
  // Noto Sans Hans (OFL): OTF, full CJK Ext A. The package exports only its index; the fonts sit beside it.
  const cjk = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  // Noto Sans (OFL): Latin Extended, Greek, Cyrillic, which the CJK font mostly lacks (Ł, ő, ş…).
  const latin = path.dirname(require.resolve('@expo-google-fonts/noto-sans'));
  return {
    regular: [path.join(cjk, 'NotoSansHans-Regular.otf'), path.join(latin, '400Regular', 'NotoSans_400Regular.ttf')],
    bold: [path.join(cjk, 'NotoSansHans-Bold.otf'), path.join(latin, '700Bold', 'NotoSans_700Bold.ttf')],
  };
}

const loaded = new Map<string, Fonts>();

function register(file: string, family: string): Cmap {
  if (!existsSync(file)) throw new FontError(`badge font not found: ${file} (npm install brings it)`);
  let table: Cmap;
  try {
    table = readCmap(readFileSync(file));
  } catch (e) {
    throw new FontError(`badge font ${file} is not a usable TrueType/OpenType font: ${(e as Error).message}`);
  }
  if (!GlobalFonts.registerFromPath(file, family) || !GlobalFonts.has(family)) {
    throw new FontError(`badge font ${file} could not be loaded by the canvas library`);
  }
  return table;
}

/** Registers and checks the fonts; throws FontError naming the file when one is missing or unusable. */
export function loadFonts(files: FontFiles = bundledFontFiles()): Fonts {
  const key = JSON.stringify(files);
  const cached = loaded.get(key);
  if (cached) return cached;
  const weight = (list: string[], w: string) => {
    if (!list.length) throw new FontError(`no ${w} badge font given`);
    const families = list.map((_, i) => `Foyer ${loaded.size} ${w} ${i}`);
    const tables = list.map((file, i) => register(file, families[i]));
    const has = (ch: string) => tables.some((t) => t.has(ch.codePointAt(0)!));
    const lacking = [...REQUIRED_GLYPHS].filter((ch) => !has(ch));
    if (lacking.length) throw new FontError(`badge fonts ${list.join(', ')} have no glyph for ${lacking.join(' ')}`);
    return { css: families.map((f) => `"${f}"`).join(', '), has };
  };
  const regular = weight(files.regular, 'regular'), bold = weight(files.bold, 'bold');
  const fonts: Fonts = {
    regular: regular.css,
    bold: bold.css,
    missing: (text) => [...new Set(text)].filter((ch) => !/\s/.test(ch) && !regular.has(ch)),
  };
  loaded.set(key, fonts);
  return fonts;
}

interface Cmap { has(codePoint: number): boolean }

/** The font's Unicode cmap (format 12 or 4): asks the font itself, so system fonts cannot hide a gap. */
export function readCmap(font: Buffer): Cmap {
  let base = 0;
  if (font.toString('latin1', 0, 4) === 'ttcf') base = font.readUInt32BE(12);
  const tables = font.readUInt16BE(base + 4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const rec = base + 12 + i * 16;
    if (font.toString('latin1', rec, rec + 4) === 'cmap') cmap = font.readUInt32BE(rec + 8);
  }
  if (cmap < 0) throw new Error('no cmap table');
  let f12 = -1, f4 = -1;
  for (let i = 0, n = font.readUInt16BE(cmap + 2); i < n; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = font.readUInt16BE(rec), sub = cmap + font.readUInt32BE(rec + 4);
    if (platform !== 0 && platform !== 3) continue;
    const format = font.readUInt16BE(sub);
    if (format === 12) f12 = sub;
    if (format === 4) f4 = sub;
  }
  const ranges: Array<[number, number]> = [];
  if (f12 >= 0) {
    for (let i = 0, n = font.readUInt32BE(f12 + 12); i < n; i++) {
      ranges.push([font.readUInt32BE(f12 + 16 + i * 12), font.readUInt32BE(f12 + 20 + i * 12)]);
    }
  } else if (f4 >= 0) {
    const segs = font.readUInt16BE(f4 + 6) / 2;
    for (let i = 0; i < segs; i++) {
      const end = font.readUInt16BE(f4 + 14 + i * 2), start = font.readUInt16BE(f4 + 16 + segs * 2 + i * 2);
      if (start !== 0xffff) ranges.push([start, end]); // Format 4 ranges can still map to glyph 0; close enough for a coverage check.
    }
  } else throw new Error('no Unicode cmap subtable');
  return {
    has(cp) {
      let lo = 0, hi = ranges.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (cp < ranges[mid][0]) hi = mid - 1;
        else if (cp > ranges[mid][1]) lo = mid + 1;
        else return true;
      }
      return false;
    },
  };
}
