// The staff pages as build inputs, served at /setup/, /login/, /admin/, /host/, /desk/, /rollcall/, /security/, /reports/ and /matters/ (not /staff/…).
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

export const STAFF_PAGES = ['setup', 'login', 'admin', 'host', 'desk', 'rollcall', 'security', 'reports', 'matters'] as const;

export const staffInputs: Record<string, string> = Object.fromEntries(
  STAFF_PAGES.map((page) => [page, fileURLToPath(new URL(`./${page}/index.html`, import.meta.url))]),
);

/** Vite writes each page where its HTML sits under the root (dist/staff/setup/); move it up a level. Assets are absolute (base '/'). */
export function staffPagesAtRoot(): Plugin {
  return {
    name: 'foyer-staff-pages-at-root',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        const page = /^staff\/([a-z]+)\/index\.html$/.exec(file.fileName)?.[1];
        if (!page || file.type !== 'asset') continue;
        delete bundle[file.fileName];
        this.emitFile({ type: 'asset', fileName: `${page}/index.html`, source: file.source });
      }
    },
  };
}
