// Builds the front end into a fresh folder and switches kiosk/dist to it; with `ifChanged`, only when its inputs changed.
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { PluginOption } from 'vite';
import { hashInputs } from './inputs.ts';
import { openBuilds } from './builds.ts';

export interface RebuildOptions {
  /** The repository's root folder. */
  root: string;
  /** Skip the build when the current one was made from the same inputs (npm start); npm run build always builds. */
  ifChanged?: boolean;
  /** Added to the config's plugins (tests add one that fails). */
  plugins?: PluginOption[];
  log?: (line: string) => void;
}

export interface Rebuilt { built: boolean; name?: string; pruned: string[] }

export async function rebuild({ root, ifChanged = false, plugins = [], log = console.log }: RebuildOptions): Promise<Rebuilt> {
  const kioskDir = path.join(root, 'kiosk');
  const builds = openBuilds(kioskDir);
  const { hash } = hashInputs(root);
  const current = builds.current();
  if (ifChanged && current?.inputs === hash) {
    log(`front end: up to date (built ${current.builtAt} from inputs ${hash.slice(0, 12)}); npm run build rebuilds it`);
    return { built: false, pruned: [] };
  }
  const started = Date.now();
  const scratch = builds.scratch(hash);
  try {
    const { build } = await import('vite'); // loading Vite takes longer than deciding there is nothing to build
    await build({ configFile: path.join(kioskDir, 'vite.config.ts'), build: { outDir: scratch.folder, emptyOutDir: true }, plugins });
  } catch (error) {
    rmSync(scratch.folder, { recursive: true, force: true });
    throw error; // the build being served stays in place
  }
  const name = builds.switchTo(scratch, { inputs: hash, builtAt: new Date().toISOString() });
  const pruned = builds.prune();
  log(`front end: built kiosk/builds/${name} in ${((Date.now() - started) / 1000).toFixed(1)} s; kiosk/dist points to it`);
  return { built: true, name, pruned };
}
