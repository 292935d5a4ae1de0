// Records for store tests; no uvu here, so the crash test's child process can import it too.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Host, LogEvent, VisitStatus } from '../../server/protocol.ts';
import type { VisitRecord } from '../../data/store.ts';
import { ZERO_HASH } from '../../data/rules.ts';

export function visit(day: string, n: number, status: VisitStatus = 'awaiting-host'): VisitRecord {
  const minute = String(n % 60).padStart(2, '0');
  return {
    id: `${day.replaceAll('-', '')}-${String(n).padStart(4, '0')}`,
    number: String(n),
    day,
    status,
    visitor: { name: `Visitor ${n}`, idType: 'passport', idNumberMasked: 'E1****78' },
    purpose: 'meeting',
    hostId: 'h1',
    companions: 0,
    items: [],
    escortRequired: false,
    escalation: { level: 'host', since: `${day}T09:${minute}:00.000Z` },
    createdAt: `${day}T09:${minute}:00.000Z`,
    createdBy: 'kiosk-1',
    idHash: `hash-${n}`,
  };
}

export const host = (n: number): Host => ({ id: `h${n}`, name: `Host ${n}`, department: 'Sales' });

/** Events at the given times, each chained to the one before (after `after`, or the start). */
export function chain(ats: string[], after?: LogEvent): LogEvent[] {
  const made: LogEvent[] = [];
  let prev = after;
  for (const at of ats) {
    const seq = (prev?.seq ?? 0) + 1;
    const prevHash = prev?.hash ?? ZERO_HASH;
    const hash = createHash('sha256').update(`${prevHash}|${seq}|${at}`).digest('hex');
    prev = { id: `e${seq}`, seq, at, kind: 'visit.created', prevHash, hash };
    made.push(prev);
  }
  return made;
}

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'foyer-store-'));
export const removeDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });

/** Every .json and .jsonl file under dir, recursively, with whether it parses (a journal: every line, and it ends with one). */
export function jsonFiles(dir: string): { file: string; valid: boolean }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((file) => /\.jsonl?$/.test(file) && statSync(file).isFile())
    .map((file) => {
      const text = readFileSync(file, 'utf8');
      const valid = file.endsWith('.jsonl')
        ? text === '' || (text.endsWith('\n') && text.slice(0, -1).split('\n').every(parses))
        : parses(text);
      return { file, valid };
    });
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The error a call rejects with; throws if it resolves. */
export async function failure(call: Promise<unknown>): Promise<Error> {
  try {
    await call;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to reject');
}
