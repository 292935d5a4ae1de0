// Invitations for the lowdb store: one journal per day of their start (appointments/YYYY-MM-DD.jsonl),
// and appointments/index.jsonl with one line per invitation (id, day, code), so start-up knows every
// code and where each invitation lives without reading the invitations themselves. Writes run inside
// the store's turn, like visits.
import { join } from 'node:path';
import type { Appointment } from '../server/protocol.ts';
import { DayLog } from './day-log.ts';
import { Journal, readJournal } from './journal.ts';
import type { FileOps } from './durable-file.ts';
import { isRecord } from './json-doc.ts';
import { codeKey } from './rules.ts';

interface IndexLine { id: string; day: string; code: string }
interface Removal { removed: string }
const isIndexLine = (x: unknown): x is IndexLine | Removal =>
  isRecord(x) && (typeof x.removed === 'string' || (typeof x.id === 'string' && typeof x.day === 'string' && typeof x.code === 'string'));
const isAppointment = (x: unknown): x is Appointment =>
  isRecord(x) && typeof x.id === 'string' && typeof x.inviteCode === 'string' && typeof x.start === 'string';


/** The day an invitation is filed under: its start's UTC date, or an undated bucket for an unreadable start. */
const dayOf = (a: Appointment): string => (Number.isNaN(Date.parse(a.start)) ? '0000-01-01' : new Date(Date.parse(a.start)).toISOString().slice(0, 10));

export class AppointmentDays {
  readonly #dayOf = new Map<string, string>();
  readonly #byCode = new Map<string, string>();

  private constructor(readonly days: DayLog<Appointment>, readonly index: Journal) {}

  static async open(dir: string, files?: FileOps): Promise<AppointmentDays> {
    const folder = join(dir, 'appointments');
    const file = join(folder, 'index.jsonl');
    const store = new AppointmentDays(new DayLog(folder, 'appointment', isAppointment, files), new Journal(file, files));
    for (const line of await readJournal(file, 'appointment index', isIndexLine)) {
      if ('removed' in line) store.#forget(line.removed);
      else {
        store.#dayOf.set(line.id, line.day);
        store.#byCode.set(line.code, line.id);
      }
    }
    return store;
  }

  #forget(id: string): void {
    this.#dayOf.delete(id);
    for (const [code, owner] of this.#byCode) if (owner === id) this.#byCode.delete(code);
  }

  get count(): number {
    return this.#dayOf.size;
  }

  async get(id: string): Promise<Appointment | undefined> {
    const name = this.#dayOf.get(id);
    return name ? (await this.days.load(name)).records.get(id) : undefined;
  }

  idOfCode(code: string): string | undefined {
    return this.#byCode.get(codeKey(code));
  }

  /** An id or an invite code already taken. */
  clashes(record: Appointment): boolean {
    return this.#dayOf.has(record.id) || this.#byCode.has(codeKey(record.inviteCode));
  }

  /** Stores a new version (the index line first for a new invitation); returns its durable write, not awaited. */
  async stage(record: Appointment): Promise<[Promise<void>]> {
    let name = this.#dayOf.get(record.id);
    const writes: Promise<void>[] = [];
    if (!name) {
      name = dayOf(record);
      this.#dayOf.set(record.id, name);
      this.#byCode.set(codeKey(record.inviteCode), record.id);
      writes.push(this.index.append({ id: record.id, day: name, code: codeKey(record.inviteCode) }));
    }
    writes.push(this.days.write(await this.days.load(name), name, record));
    return [Promise.all(writes).then(() => undefined)];
  }

  async stageRemoval(id: string): Promise<[Promise<void>]> {
    const name = this.#dayOf.get(id);
    if (!name) return [Promise.resolve()];
    const removed = this.days.remove(await this.days.load(name), name, id);
    this.#forget(id);
    return [Promise.all([removed, this.index.append({ removed: id })]).then(() => undefined)];
  }

  /** Rewrites the days of these invitations to one line per invitation (after an erasure). */
  async compactDaysOf(ids: string[]): Promise<void> {
    for (const name of new Set(ids.map((id) => this.#dayOf.get(id) ?? '').filter(Boolean))) await this.days.compact(name);
  }

  /** Invitations filed on days fromDay..toDay. */
  async between(fromDay: string, toDay: string): Promise<Appointment[]> {
    const found: Appointment[] = [];
    for (const name of this.days.known().filter((d) => d >= fromDay && d <= toDay)) {
      found.push(...(await this.days.load(name)).records.values());
      this.days.trim(3, () => false);
    }
    return found;
  }

  /** Every invitation, day by day (a rare, slow read: retention and a person's request). */
  all(): Promise<Appointment[]> {
    return this.between('', '9999-12-31');
  }

  /** Keeps at most max idle days of invitations in memory; call inside the store's turn. */
  trim(max: number): void {
    this.days.trim(max, () => false);
  }

  async close(): Promise<void> {
    await this.days.close();
    await this.index.close();
  }
}
