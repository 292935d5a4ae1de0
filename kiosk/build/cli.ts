// npm run build (always builds) and npm start (`--if-changed`: builds only when the front end's inputs changed).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rebuild } from './rebuild.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
try {
  await rebuild({ root, ifChanged: process.argv.includes('--if-changed') });
} catch (error) {
  console.error(`front end: the build failed; the current build stays in place. ${(error as Error).message}`);
  process.exit(1);
}
