// Builds live side by side in kiosk/builds/<time>-<hash>/; kiosk/dist is a symlink to the one being served, swapped by rename(2).
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Kept beside the current build so that a page loaded before a switch still finds its lazy chunks. */
export const KEEP_PREVIOUS = 2;
/** Written into each build; a dot-file, which the static server never serves. */
export const STAMP = '.build.json';
const BUILD_NAME = /^[0-9a-z]{8}-[0-9a-z]+$/;
const UNFINISHED = /^\.tmp-/;
const HOUR = 3600_000;

export interface Stamp { inputs: string; builtAt: string }

export interface Builds {
  /** Where the build with these inputs is written before it is switched to (a dot-folder that pruning leaves alone). */
  scratch(inputs: string): { folder: string; name: string };
  /** The stamp of the build being served, if any. */
  current(): Stamp | undefined;
  /** Seals a finished scratch folder and points dist at it in one rename, so no request ever sees half a build. */
  switchTo(scratch: { folder: string; name: string }, stamp: Stamp): string;
  /** Deletes all but the current build and the KEEP_PREVIOUS newest others, and scratch folders left by builds that died. */
  prune(now?: number): string[];
}

export function openBuilds(kioskDir: string): Builds {
  const dist = path.join(kioskDir, 'dist');
  const builds = path.join(kioskDir, 'builds');
  const target = () => (isLink(dist) ? path.basename(readlinkSync(dist)) : undefined);

  return {
    scratch(inputs) {
      const name = `${timeName()}-${inputs.slice(0, 12)}`;
      return { name, folder: path.join(builds, `.tmp-${name}-${process.pid}`) };
    },
    current() {
      try { return JSON.parse(readFileSync(path.join(dist, STAMP), 'utf8')) as Stamp; } catch { return undefined; }
    },
    switchTo(scratch, stamp) {
      writeFileSync(path.join(scratch.folder, STAMP), `${JSON.stringify(stamp, null, 2)}\n`);
      renameSync(scratch.folder, path.join(builds, scratch.name));
      // A plain kiosk/dist folder from before builds were switched: kept aside (pruned later), since rename cannot replace it.
      if (existsSync(dist) && !isLink(dist)) renameSync(dist, path.join(builds, `${timeName()}-legacy`));
      const link = path.join(kioskDir, `.dist-${process.pid}`);
      rmSync(link, { force: true });
      symlinkSync(path.join('builds', scratch.name), link, 'dir');
      renameSync(link, dist);
      return scratch.name;
    },
    prune(now = Date.now()) {
      if (!existsSync(builds)) return [];
      const serving = target();
      const names = readdirSync(builds);
      const finished = names.filter((n) => BUILD_NAME.test(n) && n !== serving).sort().reverse();
      const stale = names.filter((n) => UNFINISHED.test(n) && now - lstatSync(path.join(builds, n)).mtimeMs > HOUR);
      const doomed = [...finished.slice(KEEP_PREVIOUS), ...stale];
      for (const name of doomed) rmSync(path.join(builds, name), { recursive: true, force: true });
      return doomed;
    },
  };
}

/** Names that sort by time: builds are kept and pruned newest first. */
const timeName = () => Date.now().toString(36).padStart(8, '0');

function isLink(file: string): boolean {
  try { return lstatSync(file).isSymbolicLink(); } catch { return false; }
}
