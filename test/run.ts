// Runs every test file in its own process (a crash in one cannot hide the others) and ends with
// the line "N passed, N failed". The API suite runs twice: on lowdb, then on PostgreSQL (a database per
// server, made and dropped by test/helpers/server.ts), but for files marked "store: lowdb only".
// Usage: npm test [-- filter]
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresReachable, TEST_DATABASE_SERVER } from './helpers/postgres.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2];
const ORDER = ['unit', 'printer', 'api', 'browser'];

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'helpers' ? [] : findTests(full);
    return name.endsWith('.test.ts') ? [full] : [];
  });
}

const rank = (f: string) => { const i = ORDER.indexOf(path.relative(path.join(root, 'test'), f).split(path.sep)[0]); return i < 0 ? ORDER.length : i; };
const files = findTests(path.join(root, 'test'))
  .filter((f) => !filter || f.includes(filter))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

interface Outcome { file: string; passed: number; failed: number; skipped: number; output: string; code: number | null }
/** A file to run, and on which store when it is a second pass. */
interface Run { file: string; store?: 'postgres' }

function runFile({ file, store }: Run): Promise<Outcome> {
  return new Promise((resolve) => {
    const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...(store ? { FOYER_TEST_STORE: store } : {}) };
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: root, env });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    const timer = setTimeout(() => { output += '\n[run] timed out after 300 s\n'; child.kill('SIGKILL'); }, 300_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const clean = output.replace(/\x1b\[[0-9;]*m/g, '');
      const num = (label: string) => [...clean.matchAll(new RegExp(`${label}:\\s+(\\d+)`, 'g'))].reduce((s, m) => s + Number(m[1]), 0);
      const total = num('Total'), passed = num('Passed'), skipped = num('Skipped');
      let failed = total - passed - skipped;
      // A file that crashed, or exited non-zero with everything "passed", still counts as a failure.
      if (code !== 0 && failed === 0) failed = 1;
      resolve({ file, passed, failed, skipped, output: clean, code });
    });
  });
}

async function buildFrontEnd(): Promise<boolean> {
  if (!existsSync(path.join(root, 'kiosk/vite.config.ts'))) return true;
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('close', (code) => resolve(code === 0));
  });
}

/** The types are the protocol: a renamed field must fail the tests, not the lobby. */
function typecheck(): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'], { cwd: root });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('close', (code) => resolve({ file: 'typecheck', passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0, output, code }));
  });
}

let built = false;
const outcomes: Outcome[] = [];
const queue: Run[] = files.map((file) => ({ file }));
async function worker(): Promise<void> {
  for (let run = queue.shift(); run; run = queue.shift()) {
    const { file } = run;
    const rel = path.relative(root, file) + (run.store ? ` [${run.store}]` : '');
    if (rel.startsWith(`test${path.sep}browser`) && !built) {
      built = true;
      if (!(await buildFrontEnd())) { outcomes.push({ file, passed: 0, failed: 1, skipped: 0, output: 'front-end build failed', code: 1 }); continue; }
    }
    const o = await runFile(run);
    outcomes.push(o);
    const status = o.failed ? 'FAIL' : 'ok  ';
    process.stdout.write(`${status} ${rel}  (${o.passed} passed${o.failed ? `, ${o.failed} failed` : ''}${o.skipped ? `, ${o.skipped} skipped` : ''})\n`);
    if (o.failed || process.env.VERBOSE) process.stdout.write(o.output.split('\n').map((l) => `     ${l}`).join('\n') + '\n');
    else for (const line of o.output.split('\n').filter((l) => /skipp/i.test(l) && !/^\s*Skipped:/.test(l))) process.stdout.write(`     ${line.trim()}\n`);
  }
}

if (!filter) {
  const t = await typecheck();
  outcomes.push(t);
  process.stdout.write(`${t.failed ? 'FAIL' : 'ok  '} typecheck (tsc --noEmit)\n${t.failed ? t.output : ''}`);
}

// The API suite's second pass, on PostgreSQL: skipped, saying so, where none answers; under CI a failure.
const onBothStores = files.filter((f) => f.includes(`${path.sep}api${path.sep}`) && !/^\/\/ store: (lowdb only|its own)/m.test(readFileSync(f, 'utf8')));
if (onBothStores.length > 0) {
  const reachable = await postgresReachable();
  if (reachable.ok) queue.push(...onBothStores.map((file) => ({ file, store: 'postgres' as const })));
  else if (process.env.CI === 'true') {
    outcomes.push({ file: 'postgres', passed: 0, failed: 1, skipped: 0, output: reachable.why, code: 1 });
    process.stdout.write(`FAIL API suite on PostgreSQL: not reachable at ${TEST_DATABASE_SERVER} (${reachable.why}); CI requires it\n`);
  } else process.stdout.write(`skip API suite on PostgreSQL: not reachable at ${TEST_DATABASE_SERVER} (${reachable.why})\n`);
}

// Browser tests share one machine's two cores badly with the rest: they run after, one at a time.
const isBrowser = (r: Run) => r.file.includes(`${path.sep}browser${path.sep}`);
const nonBrowser = queue.filter((r) => !isBrowser(r));
const browser = queue.filter(isBrowser);
queue.splice(0, queue.length, ...nonBrowser);
await Promise.all([worker(), worker()]);
queue.push(...browser);
await worker();

const passed = outcomes.reduce((s, o) => s + o.passed, 0);
const failed = outcomes.reduce((s, o) => s + o.failed, 0);
const skipped = outcomes.reduce((s, o) => s + o.skipped, 0);
if (files.length === 0) console.log('no test files matched');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || files.length === 0 ? 1 : 0);
