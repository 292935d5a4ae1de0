// open-index.json lists the ids of visits that may be open, so start-up reads only the days they are in.
// It is kept a superset of the truth: an id is written here before its visit's day file, and dropped
// only after the day file says the visit is closed; start-up forgets ids whose visit is not open.
import type { Low } from 'lowdb';
import { isRecord, openDoc } from './json-doc.ts';
import type { FileOps } from './durable-file.ts';
import { dayOfVisitId } from './rules.ts';

interface IndexData {
  open: string[];
}

const isIndex = (x: unknown): x is IndexData =>
  isRecord(x) && Array.isArray(x.open) && x.open.every((id) => typeof id === 'string');

export class OpenIndex {
  readonly ids: Set<string>;

  private constructor(readonly low: Low<IndexData>) {
    this.ids = new Set(low.data.open);
  }

  static async open(file: string, files?: FileOps): Promise<OpenIndex> {
    return new OpenIndex(await openDoc(file, 'open-index', isIndex, () => ({ open: [] }), files));
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Days holding visits that may be open: they stay loaded. */
  days(): Set<string> {
    return new Set([...this.ids].flatMap((id) => dayOfVisitId(id) ?? []));
  }

  /** Resolves once id is on disk. */
  async add(id: string): Promise<void> {
    if (this.ids.has(id)) return;
    this.ids.add(id);
    try {
      await this.#save();
    } catch (e) {
      this.ids.delete(id);
      throw e;
    }
  }

  async drop(id: string): Promise<void> {
    if (this.ids.delete(id)) await this.#save();
  }

  /** Replaces the ids with those found by reading the day files (the index was lost), and saves. */
  async rebuild(ids: Iterable<string>): Promise<void> {
    this.ids.clear();
    for (const id of ids) this.ids.add(id);
    await this.#save();
  }

  /** Forgets a stale id in memory only; the next save leaves it out. */
  forget(id: string): void {
    this.ids.delete(id);
  }

  #save(): Promise<void> {
    this.low.data = { open: [...this.ids] };
    return this.low.write();
  }
}
