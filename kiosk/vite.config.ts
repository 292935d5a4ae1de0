// Builds the kiosk front end, which the server serves at `/`. Run it through npm run build (kiosk/build/cli.ts): that
// builds into a fresh kiosk/builds/<time>-<hash>/ and then switches the kiosk/dist symlink to it.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { jsBudget } from './build/jsBudget.ts';
import { woff2Only } from './build/woff2Only.ts';
import { staffInputs, staffPagesAtRoot } from './staff/pages.ts';

const JS_BUDGET_KB = 80;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn', // the font alone is 200 files; jsBudget prints what matters
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [woff2Only(), jsBudget(JS_BUDGET_KB), staffPagesAtRoot()],
  build: {
    // kiosk/build/rebuild.ts sets a fresh folder; a bare `vite build` lands here, where nothing serves it.
    outDir: 'builds/unserved',
    emptyOutDir: true,
    target: 'es2022',
    // Fonts stay separate files: inlined into the CSS they would hold up the first screen.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
    reportCompressedSize: false,
    // The lobby, and the staff pages (kiosk/staff/*/index.html, served at /setup/, /login/, /admin/, /host/, /desk/).
    rolldownOptions: { input: { lobby: fileURLToPath(new URL('./index.html', import.meta.url)), ...staffInputs } },
  },
});
