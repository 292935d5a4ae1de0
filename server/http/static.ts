// Serves the built front end (kiosk/dist, a symlink to the current build): files by extension, pages by their folder's
// index.html. Every path goes through the symlink when it is opened, so a switch to a new build needs no restart.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.woff': 'font/woff', '.json': 'application/json',
  '.ico': 'image/x-icon', '.webmanifest': 'application/manifest+json', '.ttf': 'font/ttf', '.otf': 'font/otf',
};
// Vite's content-hashed names: the same name is always the same bytes.
const HASHED = /[-.][A-Za-z0-9_-]{8,}\.(js|css|woff2?)$/;

/** `keptBuilds`: the folder of earlier builds, whose hashed assets a page loaded before the last switch may still ask for. */
export function createStatic(root: string, keptBuilds?: string) {
  return async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Only GET and HEAD here.');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    let rel: string;
    try { rel = decodeURIComponent(url.pathname); } catch { rel = '/'; }
    // Dot-files (a build's stamp, an editor's leftovers) and any '..' are not the site's.
    if (rel.split(/[/\\]/).some((part) => part.startsWith('.'))) return notFound(res);
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root)) return notFound(res);
    const target = path.extname(file) ? file : await pageFor(root, file);
    if (!target) return notFound(res);
    const hashed = HASHED.test(target);
    const data = await readFile(target).catch(() => (hashed && keptBuilds ? fromKeptBuild(keptBuilds, path.relative(root, target)) : undefined));
    if (!data) return notFound(res);
    res.writeHead(200, {
      'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream',
      'content-length': data.length,
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(data); // node sends no body for a HEAD
  };
}

/** /host/anything → dist/host/index.html if that page exists, else the lobby's index.html. */
async function pageFor(root: string, file: string): Promise<string | undefined> {
  for (let dir = file; dir.startsWith(root); dir = path.dirname(dir)) {
    const index = path.join(dir, 'index.html');
    if (await exists(index)) return index;
    if (dir === root) break;
  }
  return undefined;
}

/** The same hashed file from the newest earlier build that has it (kiosk/build/builds.ts keeps a few). */
async function fromKeptBuild(keptBuilds: string, rel: string): Promise<Buffer | undefined> {
  const names = (await readdir(keptBuilds).catch(() => [])).filter((name) => !name.startsWith('.')).sort().reverse();
  for (const name of names) {
    const data = await readFile(path.join(keptBuilds, name, rel)).catch(() => undefined);
    if (data) return data;
  }
  return undefined;
}

const exists = (f: string) => stat(f).then((s) => s.isFile(), () => false);

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Not found. If this is a fresh checkout, run npm run build (npm start does it for you).');
}
