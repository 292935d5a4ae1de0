// Runs server/main.ts as a real process, the way npm start does, and waits for its listening line.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess { child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> }

/** `script`: what npm start runs (kiosk/build/start.ts) to include its front-end check. */
export function spawnServer(env: Record<string, string>, timeoutMs = 20_000, script = 'server/main.ts'): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root, env: { ...process.env, FOYER_PORT: '0', FOYER_HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no listening line within ${timeoutMs} ms:\n${out}`)); }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1], output: () => out, exited }); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => { out += d; });
    void exited.then((code) => { clearTimeout(timer); if (!/listening on/.test(out)) reject(Object.assign(new Error(`exited ${code}:\n${out}`), { output: out, code })); });
  });
}
