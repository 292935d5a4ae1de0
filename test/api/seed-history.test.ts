// store: lowdb only (the PostgreSQL pass of test/run.ts leaves this file out: it is about the data directory's files)
// A data directory seeded with two years of history (test/bench/seed-history.ts) is one a real server starts
// on and answers from as a client expects: the whole log verifies, a visitor is found by name over all time,
// an unused invitation works at a kiosk, every day is there, and no event names a visitor. A directory that
// already holds data is never seeded over.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { seedHistory, type SeedResult } from '../bench/seed-history.ts';
import { startServer } from '../helpers/server.ts';
import { siteDay } from '../../server/domain/sitetime.ts';
import { normalizeName } from '../../server/domain/watchlist.ts';
import type { VisitRecord } from '../../data/store.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foyer-seed-'));
const now = new Date();
const DAYS = 730;
let seeded: SeedResult;

/** Every line of the JSON-lines files of one folder of the data directory, oldest day first. */
const lines = (folder: string) => fs.readdirSync(path.join(dir, folder)).filter((f) => f.endsWith('.jsonl')).sort()
  .flatMap((f) => fs.readFileSync(path.join(dir, folder, f), 'utf8').split('\n').filter(Boolean));
const dayBefore = (day: string, n = 1) => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
const yesterday = dayBefore(siteDay(now, 'Asia/Shanghai'));

test.before(async () => { seeded = await seedHistory({ dir, visits: 3000, years: 2, hosts: 200, now }); });
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('seeds the visits, invitations and days asked for, ending yesterday, as the flows leave them', () => {
  assert.equal([seeded.visits, seeded.invitations, seeded.days], [3000, 300, DAYS]);
  const days = fs.readdirSync(path.join(dir, 'visits')).filter((f) => f.endsWith('.jsonl')).map((f) => f.slice(0, 10)).sort();
  assert.equal([days[0], days.at(-1)], [dayBefore(yesterday, DAYS - 1), yesterday], 'two years of site days, the last one yesterday');
  assert.ok(days.length > DAYS * 0.95, `most days hold visits (${days.length})`);
  const visits = lines('visits').map((l) => JSON.parse(l) as VisitRecord);
  assert.is(new Set(visits.map((v) => v.id)).size, 3000);
  const status = (s: string) => visits.filter((v) => v.status === s).length;
  assert.ok(status('checked-out') > 2700 && status('denied') > 0 && status('expired') > 0, 'mostly checked out, some denied or expired');
  assert.ok(visits.every((v) => v.id.startsWith(v.day.replaceAll('-', '')) && /^[A-G]-\d{4}$/.test(v.number)), 'ids and numbers as the server makes them');
  assert.ok(visits.every((v) => !('idNumber' in v.visitor) && v.visitor.idNumberMasked.includes('*') && /^[0-9a-f]{64}$/.test(v.idHash)), 'masked ID numbers and keyed hashes only');
  assert.ok(new Set(visits.map((v) => v.visitor.name)).size > 1000, 'varied names');
  assert.ok(visits.some((v) => /^[A-Z]/.test(v.visitor.name)) && visits.some((v) => /^\p{Script=Han}+$/u.test(v.visitor.name)), 'Chinese and Latin names');
  const invitations = new Map(lines('appointments').map((l) => JSON.parse(l)).filter((a) => a.inviteCode).map((a) => [a.id, a]));
  const invited = visits.filter((v) => v.appointmentId && v.status !== 'refused');
  assert.ok(invited.length > 50, `some came by invitation (${invited.length})`);
  assert.ok(invited.every((v) => invitations.get(v.appointmentId!)?.usedByVisitId === v.id), 'each used by its visit');
  assert.is(invitations.size, 300);
  assert.ok(seeded.events > 3000 * 4, `the log holds each visit's steps (${seeded.events} events)`);
});

test('no event names a visitor: no name or phone of a seeded visit is in events/', () => {
  const visits = lines('visits').map((l) => JSON.parse(l) as VisitRecord);
  const text = lines('events').join('\n');
  assert.not.match(text, /\p{Script=Han}/u, 'events hold ids, never Chinese text');
  for (const name of new Set(visits.flatMap((v) => [v.visitor.name, ...(v.companionNames ?? [])]))) assert.not.ok(text.includes(name), name);
  const phones = new Set(visits.flatMap((v) => (v.visitor.phone ? [v.visitor.phone] : [])));
  for (const phone of phones) assert.not.ok(text.includes(phone), phone);
  // A phone inside a longer run of digits (a job id's timestamp) is not a phone.
  for (const run of text.match(/(?<!\d)\d{11}(?!\d)/g) ?? []) assert.not.ok(phones.has(run), run);
});

test('a server started on the seeded directory: the log verifies, names are found over all time, an invitation works at a kiosk', async () => {
  // Retention would start erasing visits older than 180 days at once; this test reads them.
  const s = await startServer({ dataDir: dir, env: { FOYER_RETENTION_DAYS: '36500' } });
  try {
    const security = await s.makeUser('security');
    const get = (p: string, token = security.token) => s.api('GET', p, undefined, token);

    const verify = await get('/api/log/verify');
    assert.is(verify.status, 200, JSON.stringify(verify.body));
    assert.is(verify.body.chain.ok, true, JSON.stringify(verify.body.chain));
    assert.ok(verify.body.chain.count >= seeded.events && verify.body.head.seq === verify.body.chain.count, 'from genesis to the head');

    const first = dayBefore(yesterday, DAYS - 1).replaceAll('-', '');
    for (const [i, name] of seeded.sample.names.entries()) {
      const found = await get(`/api/log?q=${encodeURIComponent(name)}`);
      assert.is(found.status, 200, JSON.stringify(found.body));
      const ids = [...new Set<string>(found.body.events.map((e: { visitId: string }) => e.visitId))];
      assert.ok(ids.length > 0, name);
      if (i === 0) assert.ok(ids.some((id) => id.startsWith(first)), `${name}: the first day's visit, two years back`);
      for (const id of ids.slice(0, 3)) {
        const visit = await get(`/api/visits/${id}`);
        assert.ok(normalizeName(visit.body.visit.visitor.name).includes(normalizeName(name)), `${id} is ${name}'s`);
      }
    }
    assert.ok(seeded.sample.names.some((n) => /^[A-Z]/.test(n)), 'a Latin name among those sampled');

    const kiosk = await s.pairKiosk('Seeded lobby');
    const invite = await get(`/api/invites/${seeded.sample.inviteCodes[0]}`, kiosk.token);
    assert.is(invite.status, 200, JSON.stringify(invite.body));
    assert.ok(invite.body.invite.visitor.name && invite.body.invite.host.name, 'the form is filled in');

    for (const day of [dayBefore(yesterday, DAYS - 1), yesterday]) {
      const visits = await get(`/api/visits?day=${day}`);
      assert.ok(visits.status === 200 && visits.body.visits.length > 0, `visits of ${day}`);
    }
    const hosts = await get(`/api/hosts?q=${encodeURIComponent('研发部')}`, kiosk.token);
    assert.ok(hosts.body.hosts.length > 0, 'the kiosk finds the seeded hosts');
  } finally {
    await s.close();
  }
});

test('refuses a directory that already holds data, leaving it as it was', async () => {
  const head = fs.readFileSync(path.join(dir, 'log-head.json'), 'utf8');
  try {
    await seedHistory({ dir, visits: 10 });
    assert.unreachable('seeded over data');
  } catch (e) {
    assert.match((e as Error).message, /already holds data/);
  }
  const cli = spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/seed-history.ts', '--visits', '10', '--dir', dir], { cwd: root, encoding: 'utf8' });
  assert.equal([cli.status, /already holds data/.test(cli.stderr)], [1, true], cli.stderr);
  assert.is(fs.readFileSync(path.join(dir, 'log-head.json'), 'utf8'), head);
});

test.run();
