// Rebuilding the front end under a running server: no request ever sees half a build, and a failed build changes nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Plugin } from 'vite';
import { startServer, type TestServer } from '../helpers/server.ts';
import { rebuild } from '../../kiosk/build/rebuild.ts';
import { STAMP } from '../../kiosk/build/builds.ts';
import { spawnServer } from '../helpers/process.ts';
import { ensureBuilt } from './kiosk.ts';
import { assetsOf, PAGES } from '../helpers/http.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILDS = path.join(ROOT, 'kiosk/builds');
const serving = () => readlinkSync(path.join(ROOT, 'kiosk/dist'));
const quiet = () => {};

let s: TestServer;
test.before(async () => {
  ensureBuilt();
  s = await startServer();
});
test.after(async () => {
  await rebuild({ root: ROOT, log: quiet }); // leave a build made from the sources alone, for the tests after this file
  await s.close();
});

/** Every file of every finished build, by its path in the build: what a complete answer must equal. */
function builtFiles(): Map<string, Buffer[]> {
  const files = new Map<string, Buffer[]>();
  for (const build of readdirSync(BUILDS).filter((n) => !n.startsWith('.'))) {
    for (const file of readdirSync(path.join(BUILDS, build), { recursive: true, encoding: 'utf8' })) {
      if (!/\.(html|js|css)$/.test(file)) continue;
      const key = `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
      files.set(key, [...(files.get(key) ?? []), readFileSync(path.join(BUILDS, build, file))]);
    }
  }
  return files;
}

test('while the front end is rebuilt, every page and every asset it names is answered in full', async () => {
  const before = serving();
  const build = spawn(process.execPath, ['--import', 'tsx', 'kiosk/build/cli.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  build.stdout.on('data', (d) => { output += d; });
  build.stderr.on('data', (d) => { output += d; });
  const done = new Promise<number | null>((resolve) => build.on('close', resolve));
  let finished = false;
  void done.then(() => { finished = true; });

  const answers: Array<{ url: string; status: number; body: Buffer }> = [];
  let rounds = 0;
  while (!finished || rounds === 0) {
    for (const page of PAGES) {
      const html = await fetch(s.url + page);
      const text = await html.text();
      answers.push({ url: page, status: html.status, body: Buffer.from(text) });
      for (const asset of assetsOf(text)) {
        const r = await fetch(s.url + asset);
        answers.push({ url: asset, status: r.status, body: Buffer.from(await r.arrayBuffer()) });
      }
    }
    rounds++;
  }
  assert.is(await done, 0, output);
  assert.is.not(serving(), before, 'the new build is served');
  assert.ok(rounds >= 2, `polled ${rounds} times during the build`);
  console.log(`rebuild under load: ${rounds} rounds, ${answers.length} answers, all whole`);
  const complete = builtFiles();
  for (const { url, status, body } of answers) {
    assert.is(status, 200, url);
    assert.ok(complete.get(url)?.some((file) => file.equals(body)), `${url}: ${body.length} bytes, not a whole file of any build`);
  }
  assert.match(answers.find((a) => a.url === '/')!.body.toString(), /<\/html>\s*$/);
});

/** Changes what the lobby's entry holds, so this build's lobby script gets a new hashed name. */
const markLobby = (mark: string): Plugin => ({
  name: 'test-mark-lobby',
  transform(code, id) { return id.endsWith('kiosk/lobby/main.tsx') ? `${code}\nconsole.debug(${JSON.stringify(mark)});\n` : null; },
});

test('a page loaded before a rebuild still gets its scripts afterwards, from the build kept beside the new one', async () => {
  const oldHtml = await (await fetch(`${s.url}/`)).text();
  const oldScript = assetsOf(oldHtml).find((a) => /\/lobby-.*\.js$/.test(a))!;
  const oldBytes = Buffer.from(await (await fetch(s.url + oldScript)).arrayBuffer());
  await rebuild({ root: ROOT, plugins: [markLobby(`rebuilt ${Date.now()}`)], log: quiet });
  const newHtml = await (await fetch(`${s.url}/`)).text();
  assert.is.not(assetsOf(newHtml).find((a) => /\/lobby-.*\.js$/.test(a)), oldScript, 'the new build names another lobby script');
  const late = await fetch(s.url + oldScript);
  assert.is(late.status, 200);
  assert.ok(Buffer.from(await late.arrayBuffer()).equals(oldBytes));
  assert.is((await fetch(`${s.url}/assets/lobby-NotEverBuilt.js`)).status, 404, 'a name no kept build has is still a 404');
});

test('a failed build leaves the build being served in place and no half-written folder', async () => {
  const before = serving();
  const page = await (await fetch(`${s.url}/`)).text();
  const failing: Plugin = { name: 'test-fail', generateBundle() { this.error('a build that fails half-way'); } };
  let failed = false;
  await rebuild({ root: ROOT, plugins: [failing], log: quiet }).catch(() => { failed = true; });
  assert.ok(failed, 'the build failed');
  assert.is(serving(), before);
  assert.equal(readdirSync(BUILDS).filter((n) => n.startsWith('.')), [], 'its scratch folder is gone');
  assert.is(await (await fetch(`${s.url}/`)).text(), page);
});

/** npm start's own command, as a real process: its output up to the listening line, then stopped. */
async function npmStart(): Promise<string> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'foyer-start-'));
  const server = await spawnServer({ FOYER_DATA_DIR: dataDir }, 120_000, 'kiosk/build/start.ts');
  server.child.kill('SIGTERM');
  await server.exited;
  rmSync(dataDir, { recursive: true, force: true });
  return server.output();
}

test('npm start skips the build when the inputs are those of the build served, saying so in one line', async () => {
  await rebuild({ root: ROOT, log: quiet });
  const before = serving();
  const output = await npmStart();
  assert.is(output.match(/^front end: .*$/gm)?.length, 1, output);
  assert.match(output, /^front end: up to date \(built .* from inputs [0-9a-f]{12}\)/m);
  assert.is(serving(), before, 'no new build');
});

test('npm start builds first when the build served was made from other inputs', async () => {
  const stampFile = path.join(ROOT, 'kiosk/dist', STAMP);
  const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  writeFileSync(stampFile, JSON.stringify({ ...stamp, inputs: '0'.repeat(64) }));
  const before = serving();
  const output = await npmStart();
  assert.match(output, /^front end: built kiosk\/builds\/\S+ in [\d.]+ s/m);
  assert.ok(output.indexOf('front end: built') < output.indexOf('listening on'), 'built before listening');
  assert.is.not(serving(), before);
});

test.run();
