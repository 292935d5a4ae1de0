// Reads every file under a directory byte by byte: where does a piece of personal data still sit?
import fs from 'node:fs';
import path from 'node:path';

/** The ways a string can sit in a file: UTF-8, JSON \u escapes, UTF-16 (LE). */
function spellings(s: string): Buffer[] {
  const escaped = JSON.stringify(s).slice(1, -1).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [Buffer.from(s, 'utf8'), Buffer.from(escaped, 'utf8'), Buffer.from(s, 'utf16le')];
}

export function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => fs.lstatSync(file).isFile());
}

/** The files (relative to dir) that hold needle in any spelling, hidden temp files included. */
export function filesHolding(dir: string, needle: string): string[] {
  const forms = spellings(needle);
  return allFiles(dir).filter((file) => {
    const bytes = fs.readFileSync(file);
    return forms.some((form) => bytes.includes(form));
  }).map((file) => path.relative(dir, file));
}
