// What the front-end bundle is made from, hashed: a start-up skips the build when this hash is the current build's.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Folders under kiosk/ that hold build output, not sources. */
export const OUTPUT_FOLDERS = new Set(['dist', 'builds']);
/** Files outside kiosk/ that change what the bundle holds or how it is made (dependency versions, compiler options). */
const ALWAYS = ['package-lock.json', 'tsconfig.json'];
// Relative imports, type-only ones included: `from '…'`, `import '…'`, `import('…')`, CSS `@import '…'`.
const RELATIVE_IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;
const SOURCE = /\.(tsx?|jsx?|mjs|css)$/;

export interface Inputs { hash: string; files: string[] }

/** The hash of every file under kiosk/ (but its build output), every file outside it those import, and ALWAYS. */
export function hashInputs(root: string, kioskDir = 'kiosk'): Inputs {
  const own = listTree(root, kioskDir);
  const files = [...new Set([...own, ...importedFrom(root, own), ...ALWAYS.filter((f) => existsSync(path.join(root, f)))])].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return { hash: hash.digest('hex'), files };
}

/** Files under `dir` (relative to root, with forward slashes), skipping build output and dot-files. */
function listTree(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.name.startsWith('.') || (dir.split('/').length === 1 && OUTPUT_FOLDERS.has(entry.name))) return [];
    if (entry.isDirectory()) return listTree(root, rel);
    return entry.isFile() ? [rel] : [];
  });
}

/** Files outside the starting set that its sources import, followed from file to file (server/protocol.ts and what it imports). */
function importedFrom(root: string, start: string[]): string[] {
  const seen = new Set(start);
  const found: string[] = [];
  const queue = start.filter((f) => SOURCE.test(f));
  for (let file = queue.pop(); file; file = queue.pop()) {
    const text = readFileSync(path.join(root, file), 'utf8');
    for (const [, spec] of text.matchAll(RELATIVE_IMPORT)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec.split('?')[0]));
      if (seen.has(target) || target.startsWith('../') || !existsSync(path.join(root, target))) continue;
      seen.add(target);
      found.push(target);
      if (SOURCE.test(target)) queue.push(target);
    }
  }
  return found;
}
