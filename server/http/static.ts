// Serves the built front end (kiosk/dist): files by extension, pages by their folder's index.html.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.woff': 'font/woff', '.json': 'application/json',
  '.ico': 'image/x-icon', '.webmanifest': 'application/manifest+json', '.ttf': 'font/ttf', '.otf': 'font/otf',
};

export function createStatic(root: string) {
  return async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    let rel: string;
    try { rel = decodeURIComponent(url.pathname); } catch { rel = '/'; }
    const file = path.join(root, path.normalize(rel).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(root)) return notFound(res);
    const target = path.extname(file) ? file : await pageFor(root, file);
    if (!target) return notFound(res);
    try {
      const data = await readFile(target);
      const hashed = /[-.][A-Za-z0-9_-]{8,}\.(js|css|woff2?)$/.test(target);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream',
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      res.end(data);
    } catch {
      notFound(res);
    }
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

const exists = (f: string) => stat(f).then((s) => s.isFile(), () => false);

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Not found. If this is a fresh checkout, run npm run build (npm start does it for you).');
}
