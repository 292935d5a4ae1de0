// Builds the front end into a fresh folder and switches kiosk/dist to it; tells whether the build served is up to date.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PluginOption } from 'vite';
import { hashInputs } from './inputs.ts';
import { openBuilds, type Stamp } from './builds.ts';

/** The stamp of the build being served if it was made from the sources as they are now, else undefined. */
export function currentBuild(root: string): Stamp | undefined {
  const current = openBuilds(path.join(root, 'kiosk')).current();
  return current?.inputs === hashInputs(root).hash ? current : undefined;
}

export interface RebuildOptions {
  /** The repository's root folder. */
  root: string;
  /**
   * Added to the config's plugins (tests add one that fails). They need Vite in this process; without them Vite runs in a
   * process of its own, which loads faster (no TypeScript hooks on its modules) and takes its hundreds of MB away with it.
   */
  plugins?: PluginOption[];
  log?: (line: string) => void;
}

export interface Rebuilt { name: string; pruned: string[] }

export async function rebuild({ root, plugins, log = console.log }: RebuildOptions): Promise<Rebuilt> {
  const kioskDir = path.join(root, 'kiosk');
  const builds = openBuilds(kioskDir);
  const { hash } = hashInputs(root); // before building: a source saved during the build makes the next start build again
  const started = Date.now();
  const scratch = builds.scratch(hash);
  const configFile = path.join(kioskDir, 'vite.config.ts');
  try {
    if (plugins) {
      const { build } = await import('vite');
      await build({ configFile, build: { outDir: scratch.folder, emptyOutDir: true }, plugins });
    } else await viteApart(root, configFile, scratch.folder);
  } catch (error) {
    rmSync(scratch.folder, { recursive: true, force: true });
    throw error; // the build being served stays in place
  }
  const name = builds.switchTo(scratch, { inputs: hash, builtAt: new Date().toISOString() });
  const pruned = builds.prune();
  log(`front end: built kiosk/builds/${name} in ${((Date.now() - started) / 1000).toFixed(1)} s; kiosk/dist points to it`);
  return { name, pruned };
}

/** `vite build` as its own process, into `outDir`. */
function viteApart(root: string, configFile: string, outDir: string): Promise<void> {
  const manifest = createRequire(import.meta.url).resolve('vite/package.json');
  const vite = path.join(path.dirname(manifest), 'bin/vite.js');
  const child = spawn(process.execPath, [vite, 'build', '--config', configFile, '--outDir', outDir, '--emptyOutDir'], { cwd: root, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`vite build ended with ${code}`))));
  });
}
