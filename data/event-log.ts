// The log's events, one journal per UTC day of event.at (events never run backwards, so the newest
// file ends with the newest event). An append costs one line; a read loads only the days it asks for,
// and the newest days stay parsed in memory, growing with each append instead of being read again.
import { join } from 'node:path';
import { DayFiles } from './day-files.ts';
import type { LogEvent } from '../server/protocol.ts';
import { Journal, readJournal, readLastLine } from './journal.ts';
import { EventIndex } from './event-index.ts';
import type { FileOps } from './durable-file.ts';
import { isRecord } from './json-doc.ts';

const SLICE_MS = 4;
const PARSED_DAYS = 3;

export const isEvent = (x: unknown): x is LogEvent =>
  isRecord(x) && typeof x.id === 'string' && typeof x.seq === 'number' && typeof x.at === 'string' &&
  typeof x.kind === 'string' && typeof x.prevHash === 'string' && typeof x.hash === 'string';

export class EventLog {
  readonly #days: DayFiles;
  readonly #journals = new Map<string, Journal>();
  readonly #parsed = new Map<string, Promise<LogEvent[]>>();
  readonly #index: EventIndex;
  #last: LogEvent | undefined;

  private constructor(readonly folder: string, readonly files?: FileOps) {
    this.#days = new DayFiles(folder);
    this.#index = new EventIndex(files);
  }

  static async open(folder: string, files?: FileOps): Promise<EventLog> {
    const log = new EventLog(folder, files);
    const newest = log.#days.newest;
    log.#last = newest ? await readLastLine(log.#fileOf(newest), 'event', isEvent) : undefined;
    return log;
  }

  get last(): LogEvent | undefined {
    return this.#last;
  }

  known(): readonly string[] {
    return this.#days.sorted();
  }

  /** Before the first event of a new day: the finished day gets its index of where each visit's events are. */
  async startDay(day: string): Promise<void> {
    const finished = this.#days.newest;
    if (!finished || finished >= day) return;
    await this.#journals.get(finished)?.flushed();
    // The index is derived: if it cannot be written now, a search makes it later; the event must not wait on it.
    await this.#index.write(this.#fileOf(finished), this.#indexOf(finished)).catch(() => undefined);
  }

  /** Appends the event (the caller checked it follows the last one); resolves once it is durable. */
  append(event: LogEvent, day: string): Promise<void> {
    this.#last = event;
    this.#days.add(day);
    let journal = this.#journals.get(day);
    if (!journal) {
      this.#journals.set(day, (journal = new Journal(this.#fileOf(day), this.files)));
      for (const [older, j] of this.#journals) if (older < day && !j.busy) void j.close().then(() => this.#journals.delete(older));
    }
    // A parsed day grows with the file; the read may already hold the event, so only newer ones are added.
    void this.#parsed.get(day)?.then((events) => { if (!events.length || events.at(-1)!.seq < event.seq) events.push(event); });
    return journal.append(event);
  }

  /** The day's events in order; the newest few days stay parsed. */
  async day(day: string): Promise<LogEvent[]> {
    if (!this.#days.has(day)) return [];
    let events = this.#parsed.get(day);
    if (!events) {
      // The read waits for appends on their way, so it holds every event appended before the call.
      const journal = this.#journals.get(day);
      events = (journal?.flushed() ?? Promise.resolve()).then(() => readJournal(this.#fileOf(day), 'event', isEvent));
      this.#parsed.set(day, events);
      events.catch(() => this.#parsed.delete(day));
      const newest = [...this.#parsed.keys()].sort().slice(-PARSED_DAYS);
      for (const d of this.#parsed.keys()) if (!newest.includes(d)) this.#parsed.delete(d);
    }
    return events;
  }

  /** The events of the visits given for each day, from the day's index (the newest day: from memory). */
  async ofVisits(byDay: ReadonlyMap<string, ReadonlySet<string>>): Promise<LogEvent[]> {
    const newest = this.#days.newest;
    const wanted = [...byDay.keys()].filter((d) => this.#days.has(d)).sort();
    const ofDay = async (day: string) => {
      const visitIds = byDay.get(day)!;
      return day === newest
        ? (await this.day(day)).filter((e) => e.visitId && visitIds.has(e.visitId))
        : this.#index.read(this.#fileOf(day), this.#indexOf(day), visitIds, isEvent);
    };
    // One day after another, yielding every few milliseconds: a search over years never holds up a check-in for long.
    const found: LogEvent[][] = [];
    let slice = performance.now();
    for (const day of wanted) {
      found.push(await ofDay(day));
      if (performance.now() - slice > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
    }
    return found.flat();
  }

  async close(): Promise<void> {
    await Promise.all([...this.#journals.values()].map((j) => j.close()));
  }

  #fileOf(day: string): string {
    return join(this.folder, `${day}.jsonl`);
  }

  #indexOf(day: string): string {
    return join(this.folder, `${day}.idx`);
  }
}
