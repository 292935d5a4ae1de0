// The bundled CJK font: found in node_modules, registered with skia, and checked before the first badge.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { GlobalFonts } from '@napi-rs/canvas';

export interface Fonts {
  /** Family names to put in a canvas font string. */
  regular: string;
  bold: string;
  /** Characters of text that the bundled font has no glyph for (they would print as boxes). */
  missing(text: string): string[];
}

export interface FontFiles { regular: string; bold: string }

/** Must render: the badge's own words and rare name characters (喆 堃 䶮). */
export const REQUIRED_GLYPHS = '访客需陪同单位被访人事由日期有效至喆堃䶮 VISITOR 0123456789:-.';

export class FontError extends Error {}

/** Noto Sans Hans (OFL) from @embedpdf/fonts-sc: OTF files, full CJK Ext A, no system font needed. */
export function bundledFontFiles(): FontFiles {
  // The package exports only its index, so its fonts are found next to the resolved entry point.
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  const dir = path.join(path.dirname(entry), '..', 'fonts');
  return { regular: path.join(dir, 'NotoSansHans-Regular.otf'), bold: path.join(dir, 'NotoSansHans-Bold.otf') };
}

const loaded = new Map<string, Fonts>();

/** Registers and checks the fonts; throws FontError naming the file when one is missing or unusable. */
export function loadFonts(files: FontFiles = bundledFontFiles()): Fonts {
  const key = `${files.regular}\n${files.bold}`;
  const cached = loaded.get(key);
  if (cached) return cached;
  const [regular, bold] = [files.regular, files.bold].map((file, i) => {
    if (!existsSync(file)) throw new FontError(`badge font not found: ${file} (run npm install; @embedpdf/fonts-sc ships it)`);
    let table: Cmap;
    try {
      table = readCmap(readFileSync(file));
    } catch (e) {
      throw new FontError(`badge font ${file} is not a usable TrueType/OpenType font: ${(e as Error).message}`);
    }
    const lacking = [...REQUIRED_GLYPHS].filter((ch) => !table.has(ch.codePointAt(0)!));
    if (lacking.length) throw new FontError(`badge font ${file} has no glyph for ${lacking.join(' ')}`);
    const family = `Foyer Badge ${loaded.size}-${i}`;
    if (!GlobalFonts.registerFromPath(file, family) || !GlobalFonts.has(family)) {
      throw new FontError(`badge font ${file} could not be loaded by the canvas library`);
    }
    return { family, table };
  });
  const fonts: Fonts = {
    regular: regular.family,
    bold: bold.family,
    missing: (text) => [...new Set(text)].filter((ch) => !/\s/.test(ch) && !regular.table.has(ch.codePointAt(0)!)),
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
