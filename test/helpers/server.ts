// A real Foyer server on port 0 for tests: lowdb in a temp dir (or, in the suite's PostgreSQL pass, a database made
// for it and dropped at close), a printer, a bootstrapped admin.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { createApp, type App } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { openStore } from '../../data/open-store.ts';
import { postgresCluster, singleServer, type Cluster } from '../../server/cluster.ts';
import { freshDatabase, tablesHolding, testsOnPostgres } from './postgres.ts';
import { filesHolding } from './files.ts';
import { createPrinting } from '../../printer/index.ts';
import type { Store } from '../../data/store.ts';
import { computeIdCheckChar } from '../../server/domain/ids.ts';
import type { Host, Kiosk, User } from '../../server/protocol.ts';

export const ADMIN = { username: 'admin', password: 'correct-horse-battery' };

export interface StartOptions {
  hostTimeoutS?: number;
  env?: Record<string, string>;
  dataDir?: string;
  /** 'virtual' (default) or tcp://… URLs, comma-separated. */
  printer?: string;
  /** How often printers are asked for their state (default 0: only before each job). */
  statusPollMs?: number;
  clock?: () => Date;
  /** Waits before each try of a host message (default: the server's, up to a minute). */
  notifyRetryDelaysMs?: number[];
}

export interface ApiResult<T = any> { status: number; body: T; headers: Headers }

/** One JSON call to a Foyer server at url, as a client makes it; a non-JSON answer comes back as text. */
export async function callApi<T = any>(url: string, method: string, p: string, body?: unknown, token?: string, raw?: string): Promise<ApiResult<T>> {
  const res = await fetch(url + p, {
    method,
    headers: { ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await res.text();
  let parsed: any = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON: keep the text */ }
  return { status: res.status, body: parsed, headers: res.headers };
}

export async function startServer(opts: StartOptions = {}) {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'foyer-test-'));
  const database = testsOnPostgres() && !opts.env?.FOYER_DATABASE_URL ? await freshDatabase() : undefined;
  const config = parseConfig({
    FOYER_PORT: '0', FOYER_HOST: '127.0.0.1', FOYER_DATA_DIR: dataDir, FOYER_PRINTER: opts.printer ?? 'virtual',
    FOYER_BOOTSTRAP_ADMIN: `${ADMIN.username}:${ADMIN.password}`, FOYER_HOST_TIMEOUT_S: String(opts.hostTimeoutS ?? 120),
    FOYER_TZ: 'Asia/Shanghai', ...(database ? { FOYER_DATABASE_URL: database.url } : {}), ...opts.env,
  });
  const logs: string[] = [];
  let port = 0;
  let running: { app: App; store: Store; printing: Awaited<ReturnType<typeof createPrinting>>; cluster: Cluster };

  async function boot(): Promise<void> {
    const log = (line: string) => { logs.push(line); };
    const store = await openStore({ ...config, log });
    const printing = await createPrinting({ printers: config.printers, paper: config.paper, dataDir, log, statusPollMs: opts.statusPollMs ?? 0, retry: { attempts: 2, baseDelayMs: 50 } });
    const cluster = config.databaseUrl ? postgresCluster(config.databaseUrl, log) : singleServer;
    const app = await createApp({ store, queue: printing.queue, config, log, clock: opts.clock, virtualPrints: printing.virtual, cluster, notifyRetryDelaysMs: opts.notifyRetryDelaysMs });
    await new Promise<void>((resolve) => app.server.listen(port, '127.0.0.1', resolve));
    port = (app.server.address() as AddressInfo).port;
    running = { app, store, printing, cluster };
  }
  async function stop(): Promise<void> {
    await running.app.close();
    await running.cluster.close();
    await running.printing.queue.close();
    await running.printing.virtual?.close();
    await running.store.close();
  }
  await boot();
  const url = `http://127.0.0.1:${port}`;

  const api = <T = any>(method: string, p: string, body?: unknown, token?: string, raw?: string) => callApi<T>(url, method, p, body, token, raw);
  async function login(username: string, password: string): Promise<string> {
    const r = await api('POST', '/api/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token;
  }
  const admin = { token: await login(ADMIN.username, ADMIN.password) };
  let seq = 0;

  async function makeUser(role: 'reception' | 'security' | 'supervisor' | 'admin' | 'host', extra: Record<string, unknown> = {}) {
    const username = `${role}${++seq}`;
    const r = await api('POST', '/api/users', { username, password: 'a-long-password', name: `${role} ${seq}`, role, ...extra }, admin.token);
    if (r.status !== 201) throw new Error(`makeUser: ${r.status} ${JSON.stringify(r.body)}`);
    return { user: r.body.user as User, token: await login(username, 'a-long-password') };
  }
  async function makeHost(name: string, department: string, extra: Record<string, unknown> = {}) {
    const r = await api('POST', '/api/hosts', { name, department, ...extra }, admin.token);
    if (r.status !== 201) throw new Error(`makeHost: ${r.status} ${JSON.stringify(r.body)}`);
    const host = r.body.host as Host;
    return { host, ...(await makeUser('host', { hostId: host.id })) };
  }
  async function pairKiosk(name = 'Lobby') {
    const r = await api('POST', '/api/kiosks', { name }, admin.token);
    const pairingCode = r.body.pairingCode as string;
    const p = await api('POST', '/api/kiosks/pair', { pairingCode });
    if (p.status !== 200) throw new Error(`pair: ${p.status} ${JSON.stringify(p.body)}`);
    return { pairingCode, token: p.body.token as string, kiosk: p.body.kiosk as Kiosk };
  }
  const sockets: Socket[] = [];
  function socket(token: string): Promise<Socket> {
    const s = connect(url, { auth: { token }, transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 500 });
    sockets.push(s);
    return new Promise((resolve, reject) => {
      s.once('connect', () => resolve(s));
      s.once('connect_error', (e) => reject(e));
    });
  }

  return {
    url, dataDir, logs, database: database?.url, admin, api, login, makeUser, makeHost, pairKiosk, socket,
    hostSocket: socket,
    get port() { return port; },
    get printerPort() { return running.printing.virtual?.port; },
    get app() { return running.app; },
    get printing() { return running.printing; },
    async restart(): Promise<void> { await stop(); await boot(); },
    /** Where needle is kept at rest: the data directory's files (prints included) and, on PostgreSQL, the tables. */
    async holding(needle: string): Promise<string[]> {
      return [...filesHolding(dataDir, needle), ...(database ? await tablesHolding(database.url, needle) : [])];
    },
    async close(): Promise<void> {
      sockets.forEach((s) => s.close());
      await stop();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    },
  };
}
export type TestServer = Awaited<ReturnType<typeof startServer>>;

/** Resolves with the first event of this name whose payload passes the check. */
export function nextEvent<T = any>(s: Socket, name: string, check: (p: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { s.off(name, on); reject(new Error(`no ${name} within ${timeoutMs} ms`)); }, timeoutMs);
    const on = (p: T) => { if (check(p)) { clearTimeout(timer); s.off(name, on); resolve(p); } };
    s.on(name, on);
  });
}

/** A valid resident ID (GB 11643) built from a birth date and a sequence, for tests. */
export function residentId(birth = '19900307', seq = '123'): string {
  const body = `110105${birth}${seq}`;
  return body + computeIdCheckChar(body);
}
