// npm run build: always builds the front end, into a fresh folder that kiosk/dist is then switched to.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rebuild } from './rebuild.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
try {
  await rebuild({ root });
} catch (error) {
  console.error(`front end: the build failed; the build being served stays in place. ${(error as Error).message}`);
  process.exit(1);
}
