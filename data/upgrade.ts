// A data directory written by the first version (whole-day JSON files, invitations in directory.json)
// is upgraded in place on first start: the old files are first copied beside the directory
// (<dir>.v1-backup-<time>), then each day becomes a journal, invitations move to appointments/, and
// the old day files go last, so a start interrupted half-way simply upgrades again.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Appointment } from '../server/protocol.ts';
import { writeDurably } from './durable-file.ts';
import { CorruptFileError, isRecord, isRecordList } from './json-doc.ts';
import { codeKey } from './rules.ts';

const V1_DAY = /^(\d{4}-\d{2}-\d{2})\.json$/;

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CorruptFileError(file, `cannot be upgraded: it is not valid JSON (${(e as Error).message})`);
  }
}

const lines = (records: unknown[]) => records.map((r) => `${JSON.stringify(r)}\n`).join('');

/** v1 day files of a folder, with their day, oldest first. */
function dayFiles(folder: string): Array<{ day: string; file: string }> {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const m = V1_DAY.exec(name);
    return m ? [{ day: m[1], file: join(folder, name) }] : [];
  }).sort((a, b) => a.day.localeCompare(b.day));
}

export async function upgradeDataDir(dir: string, log: (line: string) => void): Promise<void> {
  const visitDays = dayFiles(join(dir, 'visits'));
  const eventDays = dayFiles(join(dir, 'events'));
  const directoryFile = join(dir, 'directory.json');
  const directory = existsSync(directoryFile) ? readJson(directoryFile) : undefined;
  const indexFile = join(dir, 'open-index.json');
  const index = existsSync(indexFile) ? readJson(indexFile) : undefined;
  const invitations = isRecord(directory) && Array.isArray(directory.appointments) ? directory.appointments : undefined;
  const oldIndex = isRecord(index) && !('day' in index) && Array.isArray(index.open);
  if (!visitDays.length && !eventDays.length && !invitations && !oldIndex) return;

  const backup = `${join(dirname(dir), basename(dir))}.v1-backup-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  cpSync(dir, backup, { recursive: true, filter: (src) => !src.endsWith('foyer.lock') && !src.includes(`${join(dir, 'prints')}`) });

  for (const [folder, key, days] of [['visits', 'visits', visitDays], ['events', 'events', eventDays]] as const) {
    for (const { day, file } of days) {
      const doc = readJson(file);
      if (!isRecord(doc) || !isRecordList(doc[key])) throw new CorruptFileError(file, `cannot be upgraded: it is not a Foyer ${key} file`);
      await writeDurably(join(dir, folder, `${day}.jsonl`), lines(doc[key] as unknown[]));
    }
  }
  if (invitations) {
    mkdirSync(join(dir, 'appointments'), { recursive: true, mode: 0o700 });
    await moveInvitations(dir, invitations as Appointment[]);
  }
  if (oldIndex) {
    await writeDurably(indexFile, JSON.stringify({ day: visitDays.at(-1)?.day ?? '', open: (index as { open: string[] }).open }, null, 2));
  }
  if (invitations) {
    const { appointments: _moved, ...rest } = directory as Record<string, unknown>;
    await writeDurably(directoryFile, JSON.stringify(rest, null, 2));
  }
  for (const { file } of [...visitDays, ...eventDays]) rmSync(file);
  log(`store: upgraded ${dir} to day journals (${visitDays.length} visit days, ${eventDays.length} event days, ` +
    `${invitations?.length ?? 0} invitations); the old files are kept in ${backup}`);
}

async function moveInvitations(dir: string, invitations: Appointment[]): Promise<void> {
  const byDay = new Map<string, Appointment[]>();
  const dayOf = (a: Appointment) => (Number.isNaN(Date.parse(a.start)) ? '0000-01-01' : new Date(Date.parse(a.start)).toISOString().slice(0, 10));
  for (const a of invitations) byDay.set(dayOf(a), [...(byDay.get(dayOf(a)) ?? []), a]);
  for (const [day, list] of byDay) await writeDurably(join(dir, 'appointments', `${day}.jsonl`), lines(list));
  await writeDurably(join(dir, 'appointments', 'index.jsonl'), lines(invitations.map((a) => ({ id: a.id, day: dayOf(a), code: codeKey(a.inviteCode) }))));
}
