// A site for the bench: staff, hosts with signed-in sessions and a paired kiosk written through the store
// (signing in a thousand hosts over HTTP would be a bench of scrypt), then the real server as its own process.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../../data/open-store.ts';
import { makeSiteSecrets } from '../../../server/app.ts';
import { signToken } from '../../../server/domain/tokens.ts';
import { stopChild } from './children.ts';
import { SERVER_NODE_FLAGS } from '../../../server/node-flags.ts';
import { wallMs } from './stats.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DEPARTMENTS = ['研发部', '法务部', '财务部', '市场部', '人力资源部', 'Engineering', 'Sales'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '勇'];

export interface SiteTokens { hosts: Array<{ hostId: string; token: string }>; kiosk: string; security: string }

/** Makes sure the site has `hosts` hosts, each with a host account signed in, plus security and a kiosk; in the
 *  lowdb directory dir, or in the PostgreSQL database at databaseUrl. */
export async function prepareSite(dir: string, hosts: number, databaseUrl?: string): Promise<SiteTokens> {
  const store = await openStore({ dataDir: dir, databaseUrl });
  try {
    const { tokenKey } = await store.secrets(makeSiteSecrets);
    const nowMs = Date.now();
    const exp = Math.floor(nowMs / 1000) + 2 * 86400;
    const createdAt = new Date(nowMs).toISOString();
    const tag = randomBytes(3).toString('hex');
    const signIn = async (userId: string, role: 'host' | 'security') => {
      const sid = `s-bench-${tag}-${userId}`;
      await store.put('sessions', { id: sid, userId, createdAt, expiresAt: new Date(exp * 1000).toISOString() });
      return signToken(tokenKey, { sub: userId, kind: 'user', role, sid, exp });
    };
    const known = await store.list('hosts');
    for (let i = known.length; i < hosts; i++) {
      const host = { id: `h-bench-${i}`, name: SURNAMES[i % 10] + GIVEN[Math.floor(i / 10) % 10], department: DEPARTMENTS[i % DEPARTMENTS.length] };
      await store.put('hosts', host);
      known.push(host);
    }
    const out: SiteTokens = { hosts: [], kiosk: '', security: '' };
    for (const host of known.slice(0, hosts)) {
      const userId = `u-bench-${tag}-${host.id}`;
      await store.put('users', { id: userId, username: `b${tag}${out.hosts.length}`, name: host.name, role: 'host', hostId: host.id, passwordHash: 'bench:no-password', createdAt });
      out.hosts.push({ hostId: host.id, token: await signIn(userId, 'host') });
    }
    const securityId = `u-bench-${tag}-security`;
    await store.put('users', { id: securityId, username: `b${tag}sec`, name: 'Security', role: 'security', passwordHash: 'bench:no-password', createdAt });
    out.security = await signIn(securityId, 'security');
    const kiosk = { id: `k-bench-${tag}`, name: 'Bench lobby', pairedAt: createdAt, tokenVersion: 1, createdAt };
    await store.put('kiosks', kiosk);
    out.kiosk = signToken(tokenKey, { sub: kiosk.id, kind: 'kiosk', ver: 1, exp: Math.floor(nowMs / 1000) + 86400 });
    return out;
  } finally {
    await store.close();
  }
}

// A bench that fails half-way must not leave servers behind: whatever still runs goes when the bench exits.
const running = new Set<ChildProcess>();
process.once('exit', () => { for (const child of running) child.kill('SIGKILL'); });

export interface ServerProcess {
  url: string; pid: number; startupS: number; readyRssMb: number; rssMb(): number; stop(): Promise<void>;
  /** Seconds from start until the server printed a line matching re (waiting at most timeoutMs; NaN if it never did). */
  printed(re: RegExp, timeoutMs: number): Promise<number>;
}

/** Starts `script` (server/main.ts unless given) as its own process; resolves when it prints "listening on". */
export function startServerProcess(env: Record<string, string>, script = 'server/main.ts', nodeArgs: string[] = []): Promise<ServerProcess> {
  const started = wallMs();
  const extra = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []; // e.g. --trace-gc, to see where a slow visit went
  const child: ChildProcess = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...extra, ...nodeArgs, '--import', 'tsx', path.join(ROOT, script)], {
    cwd: ROOT, env: { ...process.env, FOYER_PORT: '0', FOYER_HOST: '127.0.0.1', FOYER_TZ: 'Asia/Shanghai', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (!m) return;
      child.stdout!.off('data', onData);
      // Every later line is kept with the time it came, for printed().
      const lines: Array<{ text: string; atMs: number }> = output.split('\n').map((text) => ({ text, atMs: wallMs() }));
      const waiting = new Set<() => void>();
      child.stdout!.on('data', (d: Buffer) => {
        for (const text of String(d).split('\n')) lines.push({ text, atMs: wallMs() });
        for (const wake of waiting) wake();
      });
      if (process.env.BENCH_SERVER_LOG) {
        const file = createWriteStream(process.env.BENCH_SERVER_LOG, { flags: 'a' });
        file.write(`${script} started at ${new Date(started).toISOString()}\n`);
        child.stdout!.pipe(file);
      }
      const printed = (re: RegExp, timeoutMs: number) => new Promise<number>((done) => {
        const check = () => {
          const hit = lines.find((l) => re.test(l.text));
          if (!hit) return false;
          finish((hit.atMs - started) / 1000);
          return true;
        };
        const finish = (s: number) => { waiting.delete(wake); clearTimeout(timer); done(s); };
        const wake = () => void check();
        const timer = setTimeout(() => finish(Number.NaN), timeoutMs);
        if (!check()) waiting.add(wake);
      });
      resolve({
        printed,
        url: m[1], pid: child.pid!, startupS: (wallMs() - started) / 1000, readyRssMb: rssMbOf(child.pid!),
        rssMb: () => rssMbOf(child.pid!),
        stop: () => stopChild(child, 10_000),
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d) => { output += d; });
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before listening:\n${output.slice(-2000)}`)));
  });
}

/** Resident set size of a process, from /proc. */
export function rssMbOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}
