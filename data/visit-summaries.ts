// What security searches visits by, kept small beside each day (visits/YYYY-MM-DD.idx): one line per
// visit, "id<TAB>name key<TAB>number<TAB>host id". A finished day's summary is written when the next
// day starts (or after a compaction), read on first use and kept in memory: a name over all time is a
// text search through a few bytes per visit, not a read of every visit. The newest day is searched in memory.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { VisitQuery, VisitRecord } from './store.ts';
import { writeDurably, type FileOps } from './durable-file.ts';
import { normalizeName } from '../server/domain/watchlist.ts';

const summaryLine = (v: VisitRecord) => `${v.id}\t${normalizeName(v.visitor.name)}\t${v.number}\t${v.hostId ?? ''}\n`;

function summaryText(visits: Iterable<VisitRecord>): string {
  let text = '';
  for (const v of visits) text += summaryLine(v);
  return text;
}

/** A day's summary as UTF-8 bytes: kept outside the JavaScript heap, so years of them cost the collector nothing. */
export const summaryOf = (visits: Iterable<VisitRecord>): Buffer => Buffer.from(summaryText(visits), 'utf8');

/** The ids in a summary whose line matches the query. */
export function searchSummary(summary: Buffer, query: VisitQuery): string[] {
  const text = query.text?.trim();
  const name = text ? normalizeName(text) : '';
  const upper = text?.toUpperCase() ?? '';
  const matches = (line: string) => {
    const [id, key, number, host] = line.split('\t');
    if (query.hostId && host !== query.hostId) return undefined;
    if (text && !((name && key.includes(name)) || number.includes(upper) || id.includes(upper))) return undefined;
    return id;
  };
  if (!text || !name) return summary.toString('utf8').split('\n').flatMap((line) => (line ? matches(line) ?? [] : []));
  // A name search jumps from hit to hit in the bytes (UTF-8 finds a text only where it is) instead of splitting every line.
  const found = new Set<string>();
  // Visit numbers and ids hold digits: a text without one is only looked for among the names.
  for (const needle of new Set(/\d/.test(upper) ? [name, upper] : [name])) {
    const bytes = Buffer.from(needle, 'utf8');
    for (let at = summary.indexOf(bytes); at >= 0; at = summary.indexOf(bytes, at + 1)) {
      const start = at === 0 ? 0 : summary.lastIndexOf(10, at - 1) + 1;
      const end = summary.indexOf(10, at);
      const id = matches(summary.toString('utf8', start, end < 0 ? summary.length : end));
      if (id) found.add(id);
      at = end < 0 ? summary.length : end;
    }
  }
  return [...found];
}

export class VisitSummaries {
  readonly #loaded = new Map<string, Promise<Buffer>>();

  constructor(readonly folder: string, readonly files?: FileOps) {}

  fileOf(day: string): string {
    return join(this.folder, `${day}.idx`);
  }

  /** Writes a finished day's summary (called in the store's turn, with the day's visits as they are now). */
  async write(day: string, visits: Iterable<VisitRecord>): Promise<void> {
    const text = summaryText(visits);
    await writeDurably(this.fileOf(day), text, this.files);
    this.#loaded.set(day, Promise.resolve(Buffer.from(text, 'utf8')));
  }

  /** A finished day got a visit it did not have (the clock stepped back): its summary is made again when next needed. */
  async forget(day: string): Promise<void> {
    this.#loaded.delete(day);
    await rm(this.fileOf(day), { force: true });
  }

  /** The day's summary: from memory, its file, or else made from the visits (and kept). */
  get(day: string, visits: () => Promise<Iterable<VisitRecord>>): Promise<Buffer> {
    let text = this.#loaded.get(day);
    if (!text) {
      text = readFile(this.fileOf(day)).catch(async (e) => {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        const made = summaryText(await visits());
        await writeDurably(this.fileOf(day), made, this.files);
        return Buffer.from(made, 'utf8');
      });
      this.#loaded.set(day, text);
      text.catch(() => this.#loaded.delete(day));
    }
    return text;
  }
}
