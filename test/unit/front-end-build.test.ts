// The front end's build bookkeeping: what counts as its inputs, and how builds are switched and pruned.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hashInputs } from '../../kiosk/build/inputs.ts';
import { KEEP_PREVIOUS, openBuilds, STAMP } from '../../kiosk/build/builds.ts';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'foyer-build-'));
  for (const [file, text] of Object.entries(files)) write(root, file, text);
  return root;
}
function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

const REPO = {
  'kiosk/lobby/main.tsx': "import type { Visit } from '../../server/protocol.ts';\nimport('./lazy.ts');\n",
  'kiosk/lobby/lazy.ts': 'export {};\n',
  'kiosk/vite.config.ts': "import { jsBudget } from './build/jsBudget.ts';\n",
  'kiosk/build/jsBudget.ts': 'export {};\n',
  'server/protocol.ts': "export type { Visit } from './visit-types.ts';\n",
  'server/visit-types.ts': 'export interface Visit { id: string }\n',
  'server/app.ts': 'the server, which the bundle does not import\n',
  'package-lock.json': '{"lockfileVersion": 3}\n',
  'tsconfig.json': '{}\n',
  'kiosk/dist/index.html': 'a build\n',
  'kiosk/builds/abc/index.html': 'a build\n',
};

const CHANGES: Array<[string, (root: string) => void, boolean]> = [
  ['a lobby source edited', (r) => write(r, 'kiosk/lobby/lazy.ts', 'export const x = 1;\n'), true],
  ['a file added under kiosk/', (r) => write(r, 'kiosk/ui/new.css', 'a {}\n'), true],
  ['a build plugin edited', (r) => write(r, 'kiosk/build/jsBudget.ts', 'export const y = 2;\n'), true],
  ['server/protocol.ts edited', (r) => write(r, 'server/protocol.ts', 'export type Visit = { id: number };\n'), true],
  ['a file protocol.ts imports edited', (r) => write(r, 'server/visit-types.ts', 'export interface Visit { id: number }\n'), true],
  ['package-lock.json edited (a dependency moved)', (r) => write(r, 'package-lock.json', '{"lockfileVersion": 3, "x": 1}\n'), true],
  ['a server file the bundle does not import edited', (r) => write(r, 'server/app.ts', 'changed\n'), false],
  ['a new build written', (r) => write(r, 'kiosk/builds/def/index.html', 'another build\n'), false],
  ['the current build rewritten', (r) => write(r, 'kiosk/dist/index.html', 'rewritten\n'), false],
  ['a source touched without a change', (r) => utimesSync(path.join(r, 'kiosk/lobby/lazy.ts'), new Date(), new Date(Date.now() + 60_000)), false],
];

test('the inputs are kiosk/ without its builds, what its sources import from outside it, and the lock file', () => {
  const { files } = hashInputs(tree(REPO));
  assert.equal(files, ['kiosk/build/jsBudget.ts', 'kiosk/lobby/lazy.ts', 'kiosk/lobby/main.tsx', 'kiosk/vite.config.ts', 'package-lock.json', 'server/protocol.ts', 'server/visit-types.ts', 'tsconfig.json']);
});

test('the inputs hash changes exactly when what the bundle is made from changes', () => {
  for (const [what, change, changes] of CHANGES) {
    const root = tree(REPO);
    const before = hashInputs(root).hash;
    change(root);
    assert.is(hashInputs(root).hash !== before, changes, what);
  }
});

const stamp = (inputs: string) => ({ inputs, builtAt: new Date().toISOString() });
function finishedBuild(kiosk: string, inputs: string) {
  const builds = openBuilds(kiosk);
  const scratch = builds.scratch(inputs);
  mkdirSync(path.join(scratch.folder, 'assets'), { recursive: true });
  writeFileSync(path.join(scratch.folder, 'index.html'), inputs);
  return { builds, scratch };
}

test('a switch points kiosk/dist at the finished build in one rename and leaves no scratch behind', async () => {
  const kiosk = path.join(tree({ 'kiosk/index.html': 'source' }), 'kiosk');
  const { builds, scratch } = finishedBuild(kiosk, 'a'.repeat(64));
  assert.is(builds.current(), undefined, 'nothing built yet');
  const name = builds.switchTo(scratch, stamp('a'.repeat(64)));
  assert.ok(lstatSync(path.join(kiosk, 'dist')).isSymbolicLink());
  assert.is(readlinkSync(path.join(kiosk, 'dist')), path.join('builds', name), 'a relative link, so the checkout can move');
  assert.is(readFileSync(path.join(kiosk, 'dist/index.html'), 'utf8'), 'a'.repeat(64));
  assert.is(builds.current()?.inputs, 'a'.repeat(64));
  assert.ok(existsSync(path.join(kiosk, 'dist', STAMP)));
  assert.equal(readdirSync(path.join(kiosk, 'builds')), [name]);
  assert.equal(readdirSync(kiosk).sort(), ['builds', 'dist', 'index.html'], 'no temporary link left');
});

test('a kiosk/dist folder from before builds were switched is moved aside, not deleted, by the first switch', () => {
  const kiosk = path.join(tree({ 'kiosk/dist/index.html': 'old build' }), 'kiosk');
  const { builds, scratch } = finishedBuild(kiosk, 'b'.repeat(64));
  builds.switchTo(scratch, stamp('b'.repeat(64)));
  assert.ok(lstatSync(path.join(kiosk, 'dist')).isSymbolicLink());
  const aside = readdirSync(path.join(kiosk, 'builds')).find((n) => n.endsWith('-legacy'));
  assert.ok(aside);
  assert.is(readFileSync(path.join(kiosk, 'builds', aside!, 'index.html'), 'utf8'), 'old build');
});

test(`pruning keeps the current build and the ${KEEP_PREVIOUS} newest others, and clears scratch folders of builds that died`, async () => {
  const kiosk = path.join(tree({ 'kiosk/index.html': 'source' }), 'kiosk');
  const names: string[] = [];
  for (const letter of 'cdefg') {
    const { builds, scratch } = finishedBuild(kiosk, letter.repeat(64));
    names.push(builds.switchTo(scratch, stamp(letter.repeat(64))));
    await new Promise((resolve) => setTimeout(resolve, 5)); // names start with the time
  }
  const builds = openBuilds(kiosk);
  const dead = builds.scratch('h'.repeat(64));
  mkdirSync(dead.folder);
  utimesSync(dead.folder, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
  const running = builds.scratch('i'.repeat(64));
  mkdirSync(running.folder);
  const pruned = builds.prune();
  assert.equal(pruned.sort(), [...names.slice(0, 2), path.basename(dead.folder)].sort());
  assert.equal(readdirSync(path.join(kiosk, 'builds')).sort(), [path.basename(running.folder), ...names.slice(2)].sort());
  assert.is(builds.current()?.inputs, 'g'.repeat(64));
});

test.run();
