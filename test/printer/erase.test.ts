// Saved prints show visitors' names: erasure deletes them by job id or age, with or without the printer running.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { erasePrints, startVirtualPrinter } from '../../printer/virtual.ts';
import { sweepLeftovers } from '../../server/flows/leftovers.ts';

function printsDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'foyer-prints-'));
  const save = (name: string, at: string) => {
    writeFileSync(path.join(dir, name), 'x');
    utimesSync(path.join(dir, name), new Date(at), new Date(at));
  };
  save('job-old.bin', '2026-01-01T00:00:00Z');
  save('job-old.png', '2026-01-01T00:00:00Z');
  save('job-new.bin', '2026-06-01T00:00:00Z');
  save('job-new.png', '2026-06-01T00:00:00Z');
  save('job-orphan.png', '2026-01-02T00:00:00Z'); // its raw file is gone: still a badge with a name
  save('notes.txt', '2026-01-01T00:00:00Z');
  return dir;
}

test('erasePrints deletes PNG and raw bytes of the prints that match, orphans included, nothing else', async () => {
  const dir = printsDir();
  try {
    assert.equal((await erasePrints(dir, (p) => p.at < '2026-03-01')).sort(), ['job-old', 'job-orphan']);
    assert.equal(readdirSync(dir).sort(), ['job-new.bin', 'job-new.png', 'notes.txt']);
    assert.equal(await erasePrints(dir, (p) => p.id === 'job-new'), ['job-new']);
    assert.equal(readdirSync(dir), ['notes.txt']);
    assert.equal(await erasePrints(path.join(dir, 'missing'), () => true), [], 'no prints folder: nothing to do');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the running virtual printer forgets the prints it erased', async () => {
  const dir = printsDir();
  const v = await startVirtualPrinter({ dir });
  try {
    assert.equal(v.prints().map((p) => p.id).sort(), ['job-new', 'job-old']);
    assert.is(await v.erase((p) => p.id === 'job-old' || p.id === 'job-orphan'), 2);
    assert.equal(v.prints().map((p) => p.id), ['job-new']);
    assert.equal(readdirSync(dir).sort(), ['job-new.bin', 'job-new.png', 'notes.txt']);
  } finally {
    await v.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sweepLeftovers deletes old temp files anywhere in the data directory, never young ones or data', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'foyer-data-'));
  try {
    mkdirSync(path.join(dir, 'visits'));
    const put = (name: string, ageMs: number) => {
      const file = path.join(dir, name);
      writeFileSync(file, '{"visits":[{"visitor":{"name":"王芳"}}]}');
      const t = new Date(Date.now() - ageMs);
      utimesSync(file, t, t);
    };
    put('visits/.2026-01-01.json.tmp', 7200_000);
    put('.directory.json.tmp', 7200_000);
    put('visits/.2026-01-02.json.tmp', 1000); // a write in progress
    put('visits/2026-01-01.json', 7200_000);
    assert.is(await sweepLeftovers(dir, Date.now() - 3600_000), 2);
    assert.equal(readdirSync(dir, { recursive: true }).map(String).sort(), ['visits', 'visits/.2026-01-02.json.tmp', 'visits/2026-01-01.json']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
