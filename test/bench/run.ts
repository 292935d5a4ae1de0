// npm run bench [-- --quick]: the scenarios of issue 8 against the real server as its own process, load from
// separate client processes over loopback. Prints a table, then (last line) one JSON object with every figure.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startClient, type Client } from './lib/children.ts';
import { prepareSite, startServerProcess, type ServerProcess, type SiteTokens } from './lib/site.ts';
import { pct, round, sleep } from './lib/stats.ts';
import { approveToPrint, renderTimes } from './badge.ts';
import { seedHistory } from './seed-history.ts';
import { freshDatabase, postgresReachable, TEST_DATABASE_SERVER } from '../helpers/postgres.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const quick = process.argv.includes('--quick');
const tenth = (n: number) => (quick ? Math.round(n / 10) : n);
const SIZE = {
  sockets: 1000, rate: 20, rushS: quick ? 10 : 30, // a p99 needs a few hundred samples
  busyDay: tenth(10_000), history: tenth(1_000_000), invitations: tenth(100_000),
  searches: quick ? 20 : 100, invites: quick ? 100 : 500, badges: quick ? 50 : 200, approvals: quick ? 10 : 50, floodConcurrency: 16,
};
const SERVER_ENV = { FOYER_HOST_TIMEOUT_S: '86400', FOYER_RETENTION_DAYS: '36500', FOYER_PRINTER: 'virtual' };
const figures: Record<string, number> = {};
const say = (line: string) => console.log(line);

/** Host sockets over two client processes, the kiosk in a third; with two servers, each host process and the
 *  kiosk's on its own server (the kiosk's on the first: half the hosts hear of it across servers). */
async function clientsFor(url: string, hostTokens: string[], kioskToken: string, second = url) {
  const half = Math.ceil(hostTokens.length / 2);
  const hosts = await Promise.all([startClient('hosts', { url, tokens: hostTokens.slice(0, half) }), startClient('hosts', { url: second, tokens: hostTokens.slice(half) })]);
  const kiosk = await startClient('kiosk', { url, kioskToken });
  return {
    hosts, kiosk,
    async close() { await Promise.all([...hosts, kiosk].map((c: Client) => c.close())); },
  };
}
type Clients = Awaited<ReturnType<typeof clientsFor>>;

/** SIZE.rate registrations a second for `seconds`: kiosk request → the host's visit:arrived, per visit. */
async function rush(clients: Clients, hostIds: string[], seconds = SIZE.rushS) {
  await Promise.all(clients.hosts.map((h) => h.call('take')));
  const sent: Array<{ id?: string; sentAt: number; status: number }> = await clients.kiosk.call('rate', { perSecond: SIZE.rate, seconds, hostIds });
  const arrived = new Map<string, number>();
  for (let waited = 0; waited < 10_000; waited += 100) {
    for (const h of clients.hosts) for (const [id, at] of await h.call<Array<[string, number]>>('take')) if (!arrived.has(id)) arrived.set(id, at);
    if (sent.every((s) => !s.id || arrived.has(s.id))) break;
    await sleep(100);
  }
  const ms = sent.filter((s) => s.id && arrived.has(s.id)).map((s) => arrived.get(s.id!)! - s.sentAt);
  const failed = sent.filter((s) => s.status !== 201).length, lost = sent.filter((s) => s.id && !arrived.has(s.id)).length;
  if (failed || lost) say(`  rush: ${failed} registrations refused, ${lost} never reached their host`);
  if (process.env.BENCH_VERBOSE) {
    const slow = sent.filter((s) => s.id && arrived.has(s.id)).map((s) => [arrived.get(s.id!)! - s.sentAt, s.sentAt] as const).sort((a, b) => b[0] - a[0]).slice(0, 8);
    say(`  slowest: ${slow.map(([m, at]) => `${m.toFixed(0)} (sent ${new Date(at).toISOString().slice(11, 23)})`).join(', ')} of ${ms.length}`);
  }
  return { p50: pct(ms, 50), p99: pct(ms, 99), count: ms.length, failed, lost };
}

async function baseline(): Promise<void> {
  say('baseline: a bare Socket.IO server relaying to one of 1,000 sockets');
  const server = await startServerProcess({}, 'test/bench/baseline-server.ts');
  const ids = Array.from({ length: SIZE.sockets }, (_, i) => `h-${i}`);
  const clients = await clientsFor(server.url, ids, 'none');
  try {
    await rush(clients, ids, 2); // warm-up
    const r = await rush(clients, ids);
    Object.assign(figures, { baseline_p50_ms: round(r.p50), baseline_p99_ms: round(r.p99) });
  } finally {
    await clients.close();
    await server.stop();
  }
}

async function withSite<T>(dir: string, run: (server: ServerProcess, tokens: SiteTokens, clients: Clients) => Promise<T>): Promise<T> {
  const tokens = await prepareSite(dir, SIZE.sockets);
  execFileSync('sync'); // what earlier steps wrote is on disk before the server starts, not flushed mid-rush
  const server = await startServerProcess({ FOYER_DATA_DIR: dir, ...SERVER_ENV });
  const clients = await clientsFor(server.url, tokens.hosts.map((h) => h.token), tokens.kiosk);
  try {
    await rush(clients, tokens.hosts.map((h) => h.hostId), 2); // warm-up
    return await run(server, tokens, clients);
  } finally {
    await clients.close();
    await server.stop();
  }
}

async function rushAndBusyDay(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'foyer-bench-day-'));
  try {
    await withSite(dir, async (server, tokens, clients) => {
      const hostIds = tokens.hosts.map((h) => h.hostId);
      say(`rush: ${SIZE.rate}/s for ${SIZE.rushS} s, ${SIZE.sockets} host sockets, empty day`);
      const before = await rush(clients, hostIds);
      Object.assign(figures, { rush_p50_ms: round(before.p50), rush_p99_ms: round(before.p99) });
      say(`busy day: ${SIZE.busyDay} registrations as fast as the server takes them (${SIZE.floodConcurrency} in flight)`);
      const flood = await clients.kiosk.call('flood', { total: SIZE.busyDay, concurrency: SIZE.floodConcurrency, hostIds });
      if (flood.failed) say(`  busy day: ${flood.failed} registrations refused`);
      await Promise.all(clients.hosts.map((h) => h.call('take')));
      say('rush again, after the busy day');
      const after = await rush(clients, hostIds);
      Object.assign(figures, {
        busy_day_reg_per_s: round(flood.total / flood.seconds), busy_day_reg_p99_ms: round(pct(flood.ms, 99)),
        busy_day_p50_ms: round(after.p50), busy_day_p99_ms: round(after.p99), busy_day_ratio: round(after.p99 / before.p99, 2),
        busy_day_rss_mb: round(server.rssMb()),
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A seeded history, made once per size, store version and day, and copied for each run. */
async function seededHistory(): Promise<{ dir: string; sample: { names: string[]; inviteCodes: string[] } }> {
  const sources = ['data', 'server/domain'].flatMap((d) => readdirSync(path.join(ROOT, d)).filter((f) => f.endsWith('.ts')).map((f) => path.join(ROOT, d, f)));
  const hash = createHash('sha256');
  for (const f of [...sources, path.join(ROOT, 'test/bench/seed-history.ts')]) hash.update(readFileSync(f));
  const key = `${SIZE.history}-${new Date().toISOString().slice(0, 10)}-${hash.digest('hex').slice(0, 12)}`;
  const cache = path.join(os.tmpdir(), 'foyer-bench-cache');
  const seeded = path.join(cache, key), sampleFile = `${seeded}.sample.json`;
  if (!existsSync(sampleFile)) {
    rmSync(cache, { recursive: true, force: true }); // older seeds are of no use any more
    say(`seeding ${SIZE.history} past visits and ${SIZE.invitations} invitations (kept in ${cache} for the next run)`);
    const partial = `${seeded}.partial`;
    const result = await seedHistory({ dir: partial, visits: SIZE.history, invitations: SIZE.invitations, log: (l) => say(`  ${l}`) });
    renameSync(partial, seeded);
    writeFileSync(sampleFile, JSON.stringify(result.sample));
    figures.seed_visits_per_s = round(result.visits / result.seconds, 0);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'foyer-bench-years-'));
  execFileSync('cp', ['-a', `${seeded}/.`, dir]);
  // A site's files are on disk when it restarts: without this, the kernel writes the copy's gigabyte back
  // about 30 s later (dirty_expire), in the middle of the rush, and every fsync waits behind it.
  execFileSync('sync');
  return { dir, sample: JSON.parse(readFileSync(sampleFile, 'utf8')) };
}

/** Seconds until the process uses under a tenth of a core over a second (at most a minute). */
async function settled(pid: number): Promise<number> {
  const cpu = () => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ').slice(11, 13).reduce((s, n) => s + Number(n), 0);
  const start = Date.now();
  for (let before = cpu(); Date.now() - start < 60_000;) {
    await sleep(1000);
    const now = cpu();
    if (now - before < 10) break; // clock ticks: 100 a second
    before = now;
  }
  return (Date.now() - start) / 1000;
}

async function years(): Promise<void> {
  const { dir, sample } = await seededHistory();
  try {
    await withSite(dir, async (server, tokens, clients) => {
      Object.assign(figures, { startup_1m_s: round(server.startupS, 2), startup_1m_rss_mb: round(server.readyRssMb) });
      // After start-up the server reads years of search summaries in the background and says when it is done; a
      // site restarts rarely, so the rush is measured once that is done (how long it took is a figure of its own).
      const warmS = await server.printed(/^store: \d+ days of visit summaries read/, 120_000);
      if (Number.isNaN(warmS)) say('  years: the server never said its summaries were read (waited 2 min)');
      figures.settle_1m_s = round(Number.isNaN(warmS) ? server.startupS + await settled(server.pid) : Math.max(warmS, server.startupS), 1);
      await settled(server.pid); // and whatever else it does after start-up (a second, when nothing)
      figures.settled_1m_rss_mb = round(server.rssMb());
      say(`years: the rush with ${SIZE.history} past visits`);
      const r = await rush(clients, tokens.hosts.map((h) => h.hostId));
      Object.assign(figures, { rush_1m_p50_ms: round(r.p50), rush_1m_p99_ms: round(r.p99), rush_ratio_1m: round(r.p99 / figures.rush_p99_ms, 2) });

      say(`log search: ${SIZE.searches} searches by name over 30 days and over all time`);
      const now = Date.now();
      const window = `from=${new Date(now - 30 * 86400_000).toISOString()}&to=${new Date(now).toISOString()}`;
      const names = sample.names.slice(0, 20).map(encodeURIComponent);
      const month = await clients.kiosk.call<Array<{ ms: number; status: number }>>('gets', { paths: names.map((n) => `/api/log?${window}&q=${n}`), count: SIZE.searches, token: tokens.security });
      const ever = await clients.kiosk.call<Array<{ ms: number; status: number }>>('gets', { paths: names.map((n) => `/api/log?q=${n}`), count: SIZE.searches, token: tokens.security });
      const bad = [...month, ...ever].filter((g) => g.status !== 200).length;
      if (bad) say(`  log search: ${bad} searches failed`);
      const [p95Month, p95Ever] = [pct(month.map((g) => g.ms), 95), pct(ever.map((g) => g.ms), 95)];
      Object.assign(figures, { log_search_30d_p95_ms: round(p95Month), log_search_all_p95_ms: round(p95Ever), log_search_p95_ms: round(Math.max(p95Month, p95Ever)) });

      say(`invite lookup: ${SIZE.invites} codes among ${SIZE.invitations} invitations`);
      const codes = sample.inviteCodes.map((c) => `/api/invites/${encodeURIComponent(c)}`);
      const looked = await clients.kiosk.call<Array<{ ms: number; status: number }>>('gets', { paths: codes, count: SIZE.invites, token: tokens.kiosk });
      const notFound = looked.filter((g) => g.status === 404 || g.status >= 500).length;
      if (notFound) say(`  invite lookup: ${notFound} seeded codes not found`);
      figures.invite_lookup_p99_ms = round(pct(looked.map((g) => g.ms), 99));
      figures.years_rss_mb = round(server.rssMb());
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function badges(): Promise<void> {
  say(`badges: render + encode ${SIZE.badges} per paper, ${SIZE.approvals} approvals to a loopback printer`);
  const [wide, narrow] = [renderTimes(80, SIZE.badges), renderTimes(58, SIZE.badges)];
  const approvals = await approveToPrint(SIZE.approvals);
  Object.assign(figures, {
    badge_p50_ms: round(wide.p50), badge_p99_ms: round(wide.p99), badge_58_p99_ms: round(narrow.p99),
    approve_to_print_p50_ms: round(approvals.p50), approve_to_print_ms: round(approvals.p99),
  });
}

/** The empty-day rush on PostgreSQL, with one server and with two on the one database (Socket.IO's PostgreSQL
 *  adapter carrying each arrival to the server its host is connected to). */
async function cluster(): Promise<void> {
  const reachable = await postgresReachable();
  if (!reachable.ok) { say(`postgres: not reachable at ${TEST_DATABASE_SERVER}; the PostgreSQL rushes are skipped`); return; }
  for (const nodes of [1, 2] as const) {
    const database = await freshDatabase();
    const dirs = [0, 1].map(() => mkdtempSync(path.join(os.tmpdir(), 'foyer-bench-pg-')));
    const servers: ServerProcess[] = [];
    let clients: Clients | undefined;
    try {
      const tokens = await prepareSite(dirs[0], SIZE.sockets, database.url);
      for (let i = 0; i < nodes; i++) servers.push(await startServerProcess({ FOYER_DATA_DIR: dirs[i], FOYER_DATABASE_URL: database.url, ...SERVER_ENV }));
      clients = await clientsFor(servers[0].url, tokens.hosts.map((h) => h.token), tokens.kiosk, servers.at(-1)!.url);
      const hostIds = tokens.hosts.map((h) => h.hostId);
      await rush(clients, hostIds, 2); // warm-up
      say(`rush on PostgreSQL, ${nodes === 1 ? 'one server' : 'two servers (kiosk on one, half the hosts on the other)'}: ${SIZE.rate}/s for ${SIZE.rushS} s`);
      const r = await rush(clients, hostIds);
      const key = nodes === 1 ? 'rush_pg' : 'rush_2nodes';
      Object.assign(figures, { [`${key}_p50_ms`]: round(r.p50), [`${key}_p99_ms`]: round(r.p99) });
    } finally {
      await clients?.close();
      for (const server of servers) await server.stop();
      await database.drop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  }
}

function lobbyJs(): void {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'kiosk/build/cli.ts'], { cwd: ROOT, encoding: 'utf8' });
  const m = /lobby JS \(gzip\): ([\d.]+) KB at first load/.exec(out);
  figures.lobby_js_gzip_kb = m ? Number(m[1]) : Number.NaN;
}

const TARGETS: Array<[string, string, (v: number) => boolean]> = [
  ['baseline_p99_ms', '(the floor)', () => true],
  ['rush_p50_ms', '', () => true],
  ['rush_p99_ms', '≤ 50', (v) => v <= 50],
  ['rush_over_baseline', '≤ 10', (v) => v <= 10],
  ['rush_pg_p99_ms', '(PostgreSQL)', () => true],
  ['rush_2nodes_p99_ms', '(2 servers)', () => true],
  ['busy_day_reg_per_s', '≥ 200', (v) => v >= 200],
  ['busy_day_p99_ms', '', () => true],
  ['busy_day_ratio', '≤ 1.3', (v) => v <= 1.3],
  ['busy_day_rss_mb', '≤ 300', (v) => v <= 300],
  ['startup_1m_s', '≤ 3', (v) => v <= 3],
  ['startup_1m_rss_mb', '≤ 400', (v) => v <= 400],
  ['rush_1m_p99_ms', '', () => true],
  ['rush_ratio_1m', '≤ 1.3', (v) => v <= 1.3],
  ['settle_1m_s', '', () => true],
  ['settled_1m_rss_mb', '≤ 400', (v) => v <= 400],
  ['years_rss_mb', '≤ 400', (v) => v <= 400],
  ['log_search_30d_p95_ms', '≤ 150', (v) => v <= 150],
  ['log_search_all_p95_ms', '≤ 150', (v) => v <= 150],
  ['log_search_p95_ms', '≤ 150', (v) => v <= 150],
  ['invite_lookup_p99_ms', '≤ 20', (v) => v <= 20],
  ['badge_p99_ms', '≤ 30', (v) => v <= 30],
  ['badge_58_p99_ms', '≤ 30', (v) => v <= 30],
  ['approve_to_print_ms', '≤ 300', (v) => v <= 300],
  ['lobby_js_gzip_kb', '≤ 80', (v) => v <= 80],
];

const started = Date.now();
say(`foyer bench${quick ? ' --quick (a tenth of the size)' : ''}: ${os.cpus().length} cores, node ${process.version}`);
// --only day,years (names below) runs some scenarios, for working on one; the figures of the others are then missing.
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const wanted = (name: string) => !only || only.includes(name);
if (wanted('js')) lobbyJs();
if (wanted('badges')) await badges(); // first, in a fresh process: seeding leaves this one's heap large
if (wanted('baseline')) await baseline();
if (wanted('day')) await rushAndBusyDay();
if (figures.rush_p99_ms && figures.baseline_p99_ms) figures.rush_over_baseline = round(figures.rush_p99_ms / figures.baseline_p99_ms, 2);
if (wanted('years')) await years();
if (wanted('cluster')) await cluster();
say('');
say(`${'figure'.padEnd(24)} ${'value'.padStart(10)}  target`);
for (const [key, target, ok] of TARGETS) {
  const v = figures[key];
  if (v === undefined || Number.isNaN(v)) { say(`${key.padEnd(24)} ${'—'.padStart(10)}  ${target} (not run)`); continue; }
  say(`${key.padEnd(24)} ${String(v).padStart(10)}  ${target}${target && !ok(v) ? '  MISS' : ''}`);
}
figures.bench_s = round((Date.now() - started) / 1000, 0);
say(`(${figures.bench_s} s; sizes: ${JSON.stringify(SIZE)})`);
console.log(JSON.stringify({ quick, ...figures }));
process.exit(0);
