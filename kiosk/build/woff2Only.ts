// Every browser a kiosk runs reads WOFF2: drop fontsource's WOFF fallbacks so they are not shipped too.
import type { Plugin } from 'vite';

export function woff2Only(): Plugin {
  return {
    name: 'foyer-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/@fontsource\/.*\.css$/.test(id)) return null;
      return { code: code.replace(/,\s*url\([^)]+\.woff\)\s*format\('woff'\)/g, ''), map: null };
    },
  };
}
