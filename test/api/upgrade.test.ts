// store: lowdb only (the PostgreSQL pass of test/run.ts leaves this file out: it is about the data directory's files)
// A data directory written by the first version (whole-day JSON files) opens in this one: upgraded in
// place once, the old files kept beside it, every visit, invitation and account still there, the log verified.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../helpers/server.ts';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const site = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'v1-site.json'), 'utf8'));
const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'foyer-upgrade-'));
const dir = path.join(parent, 'db');
test.after(() => fs.rmSync(parent, { recursive: true, force: true }));

const now = Date.parse('2026-11-29T10:00:00+08:00');
const files = (root: string) => fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).sort();

test('a v1 data directory is upgraded on first start: backup beside it, visits, invitations, accounts and the log intact', async () => {
  fs.cpSync(path.join(FIXTURE, 'v1-site'), dir, { recursive: true });
  const before = files(dir);
  const s = await startServer({ dataDir: dir, clock: () => new Date(now) });
  try {
    const upgraded = s.logs.find((l) => l.startsWith('store: upgraded'));
    assert.ok(upgraded, s.logs.join('\n'));
    const backup = fs.readdirSync(parent).find((n) => n.startsWith('db.v1-backup-'));
    assert.ok(backup, 'the old files are kept beside the directory');
    assert.equal(files(path.join(parent, backup!)), before, 'the backup holds every old file');
    assert.match(upgraded!, backup!);
    const now = files(dir);
    assert.not.ok(now.some((f) => /^(visits|events)\/.*\.json$/.test(f)), 'no v1 day file left');
    assert.ok(now.includes('visits/2026-11-27.jsonl') && now.includes('events/2026-11-27.jsonl'));
    assert.not.ok('appointments' in JSON.parse(fs.readFileSync(path.join(dir, 'directory.json'), 'utf8')));

    const admin = await s.login('admin', site.adminPassword);
    const verify = (await s.api('GET', '/api/log/verify', undefined, admin)).body;
    assert.ok(verify.chain.ok, JSON.stringify(verify.chain));
    assert.ok(verify.chain.count > 20);
    const read = async (id: string) => (await s.api('GET', `/api/visits/${id}`, undefined, admin)).body.visit;
    assert.equal([(await read(site.ids['张三'])).status, (await read(site.ids['Maria Gómez'])).status, (await read(site.ids['赵六'])).status],
      ['checked-out', 'on-site', 'awaiting-host']);
    const onsite = (await s.api('GET', '/api/onsite', undefined, admin)).body;
    assert.ok(onsite.visits.some((v: any) => v.id === site.ids['Maria Gómez']));
    assert.is(onsite.people, 4, 'Maria Gómez with two companions, and the invited guest with none');
    const waiting = (await s.api('GET', '/api/visits', undefined, admin)).body.visits.map((v: any) => v.id);
    assert.ok(waiting.includes(site.ids['赵六']), 'open visits of earlier days are still listed');

    const kiosk = await s.pairKiosk('After the upgrade');
    const invite = await s.api('GET', `/api/invites/${site.inviteCode}`, undefined, kiosk.token);
    assert.is(invite.status, 200, JSON.stringify(invite.body));
    assert.is(invite.body.invite.visitor.name, 'Invited Guest');
    assert.is((await s.api('GET', `/api/invites/${site.usedInviteCode}`, undefined, kiosk.token)).body.error.code, 'invite-used');
    const hosts = (await s.api('GET', `/api/hosts?q=${encodeURIComponent('王伟')}`, undefined, admin)).body.hosts;
    assert.is(hosts[0].id, site.hostId);
    const next = await s.api('POST', '/api/visits', { visitor: { name: 'New Visitor', idType: 'passport', idNumber: 'E7777777' }, purpose: 'x', hostId: site.hostId }, kiosk.token);
    assert.is(next.status, 201);
    const watch = await s.api('POST', '/api/visits', { visitor: { name: '钱坤', idType: 'passport', idNumber: 'E8888888' }, purpose: 'x', hostId: site.hostId }, kiosk.token);
    assert.is(watch.body.visit.status, 'awaiting-host', 'the watchlist entry came along (a name-only likeness is held)');

    await s.restart();
    assert.is(s.logs.filter((l) => l.startsWith('store: upgraded')).length, 1, 'upgraded once');
    const again = await s.login('admin', site.adminPassword);
    assert.ok((await s.api('GET', '/api/log/verify', undefined, again)).body.chain.ok);
  } finally {
    await s.close();
  }
});

test.run();
