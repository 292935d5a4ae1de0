// npm start: builds the front end only if its inputs changed since the build being served, then runs the server in this
// same process (one Node start-up fewer than running them one after the other).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentBuild, rebuild } from './rebuild.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const current = currentBuild(root);
if (current) {
  console.log(`front end: up to date (built ${current.builtAt} from inputs ${current.inputs.slice(0, 12)}); npm run build rebuilds it`);
} else {
  await rebuild({ root }).catch((error: Error) => {
    console.error(`front end: the build failed; the build being served stays in place. ${error.message}`);
    process.exit(1);
  });
}
await import('../../server/main.ts');
