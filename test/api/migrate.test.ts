// store: lowdb only (the PostgreSQL pass of test/run.ts leaves this file out: it moves sites between the stores itself)
// npm run migrate moves a whole site between stores. A site built through the API on lowdb is migrated into a new
// PostgreSQL database and back into a new data directory by the CLI; servers started on each copy answer a client
// as the original did: the admin signs in, tokens minted before still work (the site's keys came along), the
// visits, the invitation and the erasure are there, the log verifies to the same head, and the next registration
// gets the next visit number. A target that holds anything, a source a server still runs on, and a wrong command
// line are refused, and nothing is written.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ADMIN, residentId, startServer, type TestServer } from '../helpers/server.ts';
import { freshDatabase, postgresTests } from '../helpers/postgres.ts';
import { openLowdbStore } from '../../data/lowdb-store.ts';
import { makeSiteSecrets } from '../../server/app.ts';
import { visitSequence } from '../../data/rules.ts';
import type { Store } from '../../data/store.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dirs: string[] = [];
const tempDir = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'foyer-migrate-')); dirs.push(d); return d; };
const databases: Array<() => Promise<void>> = [];
async function database() {
  const db = await freshDatabase();
  databases.push(db.drop);
  return db;
}
test.after(async () => {
  for (const drop of databases) await drop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

interface Run { code: number; stdout: string; stderr: string; ms: number }
/** The command as npm runs it, in a child process (this one may hold a server meanwhile). */
function migrate(...args: string[]): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(root, 'server/tools/migrate.ts'), ...args], { cwd: root },
      (e, stdout, stderr) => resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, stdout, stderr, ms: Date.now() - started }));
  });
}

const SUMMARY = /^migrate: (\d+) users?, (\d+) hosts?, (\d+) visits? on (\d+) days?, ([\d,]+) events?; log verified to #(\d+) \(hash ([0-9a-f]{16})…\) in (\d+\.\d) s$/m;
function summaryOf(run: Run) {
  assert.is(run.code, 0, run.stdout + run.stderr);
  const m = SUMMARY.exec(run.stdout);
  assert.ok(m, run.stdout);
  const [users, hosts, visits, days, events, seq] = m.slice(1, 7).map((n) => Number(n.replace(/,/g, '')));
  return { users, hosts, visits, days, events, seq, hash: m[7], seconds: Number(m[8]) };
}

/** Refused: exit 1 and one line on stderr, "migrate: …". */
function assertRefused(run: Run, message: RegExp): void {
  assert.is(run.code, 1, run.stdout + run.stderr);
  assert.is(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, /^migrate: /);
  assert.match(run.stderr, message);
}

const visitor = (name: string, seq: string) => ({ name, idType: 'cn-resident', idNumber: residentId('19880808', seq) });
const WATCHED = visitor('黑名单', '901');

/** What a client of the site saw before the move, and the tokens it holds. */
interface Site {
  dir: string;
  day: string;
  admin: string; security: string; reception: string; kiosk: string;
  hostId: string; inviteCode: string; invited: string;
  onSiteBadge: string;
  visits: any[];
  head: { seq: number; hash: string };
  watchedStatus: string;
}

/** A small site on lowdb built as clients build one: hosts, a kiosk, visits approved, checked out, denied, erased,
 *  a watchlist entry by ID number, an invitation, an admin's session; then its server is stopped. */
async function buildSite(): Promise<Site> {
  const dir = path.join(tempDir(), 'site');
  const s = await startServer({ dataDir: dir });
  try {
    const host = await s.makeHost('王医生', '内科');
    await s.makeHost('李护士', '外科');
    const reception = await s.makeUser('reception');
    const security = await s.makeUser('security');
    const kiosk = await s.pairKiosk();
    const register = async (who: object) => {
      const r = await s.api('POST', '/api/visits', { visitor: who, purpose: '会诊', hostId: host.host.id }, kiosk.token);
      assert.is(r.status, 201, JSON.stringify(r.body));
      return r.body.visit;
    };
    const decide = (id: string, decision: string) => s.api('POST', `/api/visits/${id}/decision`, { decision }, host.token);
    const [left, staying, denied] = [await register(visitor('张三', '101')), await register(visitor('李四', '102')), await register(visitor('王五', '103'))];
    for (const v of [left, staying]) assert.is((await decide(v.id, 'approve')).status, 200);
    assert.is((await decide(denied.id, 'deny')).status, 200);
    assert.is((await s.api('POST', `/api/visits/${left.id}/checkout`, { reason: '走了' }, reception.token)).status, 200);
    const erased = await s.api('POST', '/api/people/erase', visitor('张三', '101'), security.token);
    assert.equal(erased.body.erased, { visits: 1, appointments: 0, calls: 0, cases: 0 }, JSON.stringify(erased.body));

    assert.is((await s.api('POST', '/api/watchlist', { idType: WATCHED.idType, idNumber: WATCHED.idNumber, reason: '闹事' }, security.token)).status, 201);
    const watched = await register(WATCHED);
    const start = new Date(Date.now() - 60_000);
    const invitation = await s.api('POST', '/api/appointments', { visitor: { name: '赵六' }, purpose: '复诊', start: start.toISOString(), end: new Date(start.getTime() + 4 * 3600_000).toISOString() }, host.token);
    assert.is(invitation.status, 201, JSON.stringify(invitation.body));

    const onSite = (await s.api('GET', `/api/visits/${staying.id}`, undefined, reception.token)).body.visit;
    assert.ok(onSite.badge?.code, JSON.stringify(onSite));
    const visits = (await s.api('GET', `/api/visits?day=${left.day}`, undefined, reception.token)).body.visits;
    const verify = await s.api('GET', '/api/log/verify', undefined, security.token);
    assert.is(verify.body.chain.ok, true);
    return {
      dir, day: left.day, admin: s.admin.token, security: security.token, reception: reception.token, kiosk: kiosk.token,
      hostId: host.host.id, inviteCode: invitation.body.appointment.inviteCode, invited: '赵六', onSiteBadge: onSite.badge.code,
      visits, head: { seq: verify.body.head.seq, hash: verify.body.head.hash }, watchedStatus: watched.status,
    };
  } finally {
    await s.close();
  }
}

let site: Site | undefined;
const theSite = async () => (site ??= await buildSite());

/** Checks, as a client, that a server on a migrated copy is the site that was moved. */
async function assertSameSite(s: TestServer, before: Site): Promise<void> {
  // Sessions minted before the move still work: the session records and the token key came along.
  const reception = before.reception;
  assert.is((await s.api('GET', '/api/users', undefined, before.admin)).status, 200, 'the admin\'s token from before');
  assert.ok(await s.login(ADMIN.username, ADMIN.password), 'the admin signs in with the same password');

  // The same chain through the old head (the server's own sign-ins since have added to it), whole.
  const verify = await s.api('GET', `/api/log/verify?seq=${before.head.seq}&hash=${before.head.hash}`, undefined, before.security);
  assert.is(verify.body.chain.ok, true, JSON.stringify(verify.body));
  assert.equal(verify.body.anchor, { ...before.head, found: true, matches: true });
  assert.ok(verify.body.head.seq > before.head.seq, 'the sign-ins since were logged after the copied head');

  const visits = (await s.api('GET', `/api/visits?day=${before.day}`, undefined, reception)).body.visits;
  assert.equal(visits, before.visits, 'every visit of the day as stored, in order, the erased one still erased');
  assert.ok(visits.some((v: any) => v.erasedAt && v.visitor.name === ''), 'the erasure stays');

  // The kiosk's device token and a printed badge still work: the keys that signed them came along.
  const out = await s.api('POST', '/api/scan', { code: before.onSiteBadge, direction: 'out' }, before.kiosk);
  assert.is(out.status, 200, JSON.stringify(out.body));
  const invite = await s.api('GET', `/api/invites/${before.inviteCode}`, undefined, before.kiosk);
  assert.is(invite.status, 200, JSON.stringify(invite.body));
  assert.is(invite.body.invite.visitor.name, before.invited);

  // The next registration (by the invitation) continues the day's numbers; the ID hash key matches the watchlist.
  const last = Math.max(...before.visits.map((v: any) => visitSequence(v.number)));
  const invited = await s.api('POST', '/api/visits', { visitor: visitor(before.invited, '104'), purpose: '复诊', inviteCode: before.inviteCode }, before.kiosk);
  assert.is(invited.status, 201, JSON.stringify(invited.body));
  assert.is(invited.body.visit.status, 'approved', 'the invitation approves its visitor');
  if (invited.body.visit.day === before.day) assert.is(visitSequence(invited.body.visit.number), last + 1, 'the next number, none reused');
  const watched = await s.api('POST', '/api/visits', { visitor: WATCHED, purpose: '会诊', hostId: before.hostId }, before.kiosk);
  assert.is(watched.body.visit.status, before.watchedStatus, 'the watchlist entry by ID number still matches');
}

// ---- PostgreSQL: lowdb → PostgreSQL → lowdb ----

/** Tests that need PostgreSQL: skipped, saying so, where none answers; under CI a failure. */
const pgTest = await postgresTests(test, 'the migrations to and from PostgreSQL');

let moved: { url: string; summary: ReturnType<typeof summaryOf> } | undefined;
/** The data directory the PostgreSQL copy was migrated back into, untouched since. */
let roundTrip: string | undefined;

pgTest('lowdb → PostgreSQL: the summary counts the site, and a server on the database is the same site', async () => {
  const before = await theSite();
  const db = await database();
  const run = await migrate('--from', before.dir, '--to', db.url);
  const summary = summaryOf(run);
  console.log(`measured: migrate lowdb → PostgreSQL of ${summary.visits} visits and ${summary.events} events: ${summary.seconds.toFixed(1)} s in the command, ${run.ms} ms wall time (tsx start included)`);
  assert.equal([summary.users, summary.hosts, summary.visits, summary.days], [5, 2, 4, 1], run.stdout);
  assert.equal([summary.seq, summary.events], [before.head.seq, before.head.seq]);
  assert.ok(before.head.hash.startsWith(summary.hash));
  assert.match(run.stdout, /^migrate: from lowdb under .* to PostgreSQL at 127\.0\.0\.1:\d+\/foyer_test_\w+$/m);
  moved = { url: db.url, summary };

  // Back again before anything changes there: the round trip is checked below, against the original.
  const back = path.join(tempDir(), 'back');
  const returned = summaryOf(await migrate('--from', db.url, '--to', back));
  assert.equal(returned, { ...summary, seconds: returned.seconds });
  roundTrip = back;

  const s = await startServer({ env: { FOYER_DATABASE_URL: db.url } });
  try {
    await assertSameSite(s, before);
  } finally {
    await s.close();
  }
});

/** Everything a store holds, read through the Store interface: what a round trip must give back unchanged. */
async function contentsOf(dir: string) {
  const store: Store = await openLowdbStore(dir);
  try {
    const kinds = ['users', 'sessions', 'hosts', 'kiosks', 'appointments', 'watchlist', 'marks'] as const;
    const directory = Object.fromEntries(await Promise.all(kinds.map(async (k) => [k, await store.list(k)])));
    const visits = await Promise.all((await store.visitDays()).map((d) => store.visitsOfDay(d)));
    const events = (await store.events('2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z'));
    const secrets = await store.secrets(() => { throw new Error('no secrets'); });
    return { directory, visits, events, secrets, head: await store.anchoredHead() };
  } finally {
    await store.close();
  }
}

pgTest('PostgreSQL → lowdb: the round trip gives back every record, visit, event and key as stored, and serves', async () => {
  assert.ok(roundTrip, 'the migration to PostgreSQL ran');
  const before = await theSite();
  const [original, returned] = [await contentsOf(before.dir), await contentsOf(roundTrip!)];
  assert.equal(returned, original);
  assert.ok(original.visits.flat().some((v) => v.erasedAt), 'an erased visit went there and back');
  assert.ok(original.directory.sessions.length > 0 && original.directory.appointments.length === 1);

  const s = await startServer({ dataDir: roundTrip! });
  try {
    await assertSameSite(s, before);
  } finally {
    await s.close();
  }
});

pgTest('a target database that holds a site is refused and left as it was', async () => {
  assert.ok(moved, 'the migration to PostgreSQL ran');
  const s = await startServer({ env: { FOYER_DATABASE_URL: moved!.url } });
  const head = async () => (await s.api('GET', '/api/log/verify', undefined, s.admin.token)).body.head;
  const users = async () => (await s.api('GET', '/api/users', undefined, s.admin.token)).body.users;
  try {
    const [headBefore, usersBefore] = [await head(), await users()];
    const other = path.join(tempDir(), 'other');
    const o = await startServer({ dataDir: other });
    await o.makeHost('陈主任', '骨科');
    await o.close();
    assertRefused(await migrate('--from', other, '--to', moved!.url), /the target is not empty \(it holds users: \d+, .*days of events: \d+\): migrate into a new, empty store; nothing was written/);
    assert.equal([await head(), await users()], [headBefore, usersBefore]);
  } finally {
    await s.close();
  }
});

// ---- Without PostgreSQL: lowdb → lowdb, refusals ----

/** Every file of a folder and its content's hash, to show that nothing was written there. */
const filesOf = (dir: string): Record<string, string> => Object.fromEntries(
  (fs.readdirSync(dir, { recursive: true }) as string[]).sort().filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => [f, createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex')]));

test('lowdb → lowdb: a new data directory gets the whole site', async () => {
  const before = await theSite();
  const copy = path.join(tempDir(), 'copy');
  const summary = summaryOf(await migrate('--from', before.dir, '--to', copy));
  assert.equal([summary.visits, summary.seq], [4, before.head.seq]);
  assert.equal(await contentsOf(copy), await contentsOf(before.dir));
});

test('a source whose log was edited is copied, and then the check of the copy fails, naming the event', async () => {
  const before = await theSite();
  const tampered = path.join(tempDir(), 'tampered');
  fs.cpSync(before.dir, tampered, { recursive: true });
  // One event's id changed by a character, its stored hash kept: what an edit by hand leaves behind.
  const folder = path.join(tampered, 'events');
  const file = path.join(folder, fs.readdirSync(folder).find((f) => f.endsWith('.jsonl'))!);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.includes('"kind":"kiosk-paired"'));
  const seq = JSON.parse(lines[at]).seq;
  lines[at] = lines[at].replace(/"id":"e-([0-9a-f]*)[0-9a-f]"/, (_, keep) => `"id":"e-${keep}x"`);
  fs.writeFileSync(file, lines.join('\n'));

  const run = await migrate('--from', tampered, '--to', path.join(tempDir(), 'copy'));
  assertRefused(run, new RegExp(`the copied log chain is broken at event #${seq} \\(edited\\); the target holds an incomplete or unverified copy`));
});

test('a target data directory that holds a site, or keys of its own, is refused and left as it was', async () => {
  const before = await theSite();
  const used = path.join(tempDir(), 'used');
  const s = await startServer({ dataDir: used });
  await s.close();
  const files = filesOf(used);
  assertRefused(await migrate('--from', before.dir, '--to', used), /the target is not empty \(it holds users: 1.*\): migrate into a new, empty store/);
  assert.equal(filesOf(used), files);

  // A store opened once, with keys made but nothing else: its own keys would be kept, so it is no target either.
  const keyed = path.join(tempDir(), 'keyed');
  const store = await openLowdbStore(keyed);
  await store.secrets(makeSiteSecrets);
  await store.close();
  const keyedFiles = filesOf(keyed);
  assertRefused(await migrate('--from', before.dir, '--to', keyed), /the target already has site secrets of its own/);
  assert.equal(filesOf(keyed), keyedFiles);
});

test('a source a server still runs on is refused: the server must be stopped first', async () => {
  const s = await startServer();
  try {
    const target = path.join(tempDir(), 'target');
    const run = await migrate('--from', s.dataDir, '--to', target);
    assertRefused(run, new RegExp(`the source \\(lowdb under ${s.dataDir}\\) cannot be opened: another Foyer server \\(PID ${process.pid}\\) is using the data directory .*; stop it first`));
    assert.not.ok(fs.existsSync(target), 'the target was not even created');
  } finally {
    await s.close();
  }
});

test('a missing or garbage argument gives the usage', async () => {
  const usage = /usage: npm run migrate -- --from \(DATA_DIR \| postgres:\/\/URL\) --to \(DATA_DIR \| postgres:\/\/URL\)/;
  const dir = tempDir();
  const cases: Array<[string[], RegExp]> = [
    [[], /--from and --to are both needed/],
    [['--from', dir], /--from and --to are both needed/],
    [['--from', dir, '--to'], /argument missing/],
    [['--from', dir, '--to', path.join(dir, 'x'), '--force'], /Unknown option '--force'/],
    [['--from', dir, '--to', path.join(dir, 'x'), 'please'], /Unexpected argument 'please'/],
    [['--from', 'mysql://db/site', '--to', path.join(dir, 'x')], /--from mysql:\/\/db\/site is neither a data directory nor a postgres:\/\/ URL/],
    [['--from', dir, '--to', 'postgres://'], /--to postgres:\/\/ is not a valid PostgreSQL URL/],
  ];
  for (const [args, message] of cases) {
    const run = await migrate(...args);
    assertRefused(run, message);
    assert.match(run.stderr, usage, args.join(' '));
  }
  assertRefused(await migrate('--from', path.join(dir, 'nowhere'), '--to', path.join(dir, 'x')), /--from .*nowhere: there is no data directory at /);
  assertRefused(await migrate('--from', dir, '--to', dir), /--from and --to name the same store/);
  assert.equal(fs.readdirSync(dir), [], 'nothing was created');
});

test.run();
