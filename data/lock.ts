// One writer per data directory: foyer.lock holds the writer's PID; a dead or zombie writer does not block.
import { existsSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Lock files held by stores of this process: our own PID in a lock is only "ours" if listed here.
const held = new Set<string>();

/** Takes dir's lock or throws naming the PID that holds it; returns the release function. */
export function acquireLock(dir: string): () => void {
  const file = join(realpathSync(dir), 'foyer.lock'); // one key per directory, however it is spelled
  if (!create(file)) {
    const pid = readPid(file);
    if (pid !== undefined && isHeld(file, pid)) throw locked(dir, pid);
    rmSync(file, { force: true }); // its writer is gone
    if (!create(file)) throw locked(dir, readPid(file)); // another server took it over first
  }
  held.add(file);
  return () => release(file);
}

function create(file: string): boolean {
  try {
    writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

const locked = (dir: string, pid: number | undefined): Error =>
  new Error(
    `another Foyer server (PID ${pid ?? 'unknown'}) is using the data directory ${dir}; ` +
      `stop it first, or remove ${join(dir, 'foyer.lock')} if that process is not Foyer`,
  );

function readPid(file: string): number | undefined {
  try {
    const text = readFileSync(file, 'utf8').trim();
    return /^[1-9]\d*$/.test(text) ? Number(text) : undefined;
  } catch {
    return undefined;
  }
}

// After a container restart our PID may equal the one a killed predecessor wrote.
const isHeld = (file: string, pid: number): boolean =>
  pid === process.pid ? held.has(file) : isAlive(pid);

/** Whether pid runs; a zombie (state Z) has exited and only waits for its parent to reap it. */
export function isAlive(pid: number): boolean {
  if (!existsSync('/proc/self/stat')) return signalable(pid);
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
  const state = stat.slice(stat.lastIndexOf(')') + 2)[0]; // the command name may hold ") "
  return state !== 'Z' && state !== 'X';
}

// Without /proc (macOS): signal 0 tests existence; EPERM means it exists under another user.
function signalable(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function release(file: string): void {
  if (!held.delete(file)) return;
  if (readPid(file) === process.pid) rmSync(file, { force: true });
}
