// Load comes from separate client processes over loopback: each is a child with an IPC channel that
// answers one command at a time ({ id, cmd, ... } → { id, ok, result | error }).
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface Client {
  call<T = any>(cmd: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
  readonly pid: number;
}

/** Starts test/bench/clients/<name>.ts with args; resolves once it says it is ready. */
export async function startClient(name: string, args: Record<string, unknown>): Promise<Client> {
  const child: ChildProcess = fork(path.join(HERE, '../clients', `${name}.ts`), [], {
    execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let seq = 0;
  const waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  child.on('message', (m: any) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.ok) w.resolve(m.result);
    else w.reject(new Error(`${name}: ${m.error}`));
  });
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`${name} client exited (${code})`));
    waiting.clear();
  });
  const client: Client = {
    pid: child.pid!,
    call(cmd, rest = {}, timeoutMs = 30 * 60_000) {
      const id = ++seq;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => { waiting.delete(id); reject(new Error(`${name}: ${cmd} took over ${timeoutMs} ms`)); }, timeoutMs);
        waiting.set(id, { resolve: (v) => { clearTimeout(timer); resolve(v); }, reject: (e) => { clearTimeout(timer); reject(e); } });
        child.send({ id, cmd, ...rest });
      });
    },
    close: () => stopChild(child, 3000),
  };
  await client.call('ready', { args }, 120_000); // args by IPC: a thousand tokens are too long for a command line
  return client;
}

/** Asks a child process to stop (SIGTERM), and kills it if it has not gone within graceMs. */
export async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, graceMs))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** The child's side: handlers by command name; every answer goes back with the command's id. */
export function serveCommands(handlers: Record<string, (msg: any) => Promise<unknown> | unknown>): void {
  process.on('message', async (m: any) => {
    try {
      if (m.cmd === 'ready') received = m.args;
      const handler = handlers[m.cmd];
      if (!handler) throw new Error(`unknown command ${m.cmd}`);
      process.send!({ id: m.id, ok: true, result: await handler(m) });
    } catch (e) {
      process.send!({ id: m.id, ok: false, error: (e as Error).message });
    }
  });
  process.on('SIGTERM', () => process.exit(0));
  process.on('disconnect', () => process.exit(0));
}

let received: unknown;
/** What the parent started this client with (known from the 'ready' command on). */
export const argsOf = <T>(): T => received as T;
