// open-index.json tells start-up where the open visits are without reading every day: `day` is the
// newest day, whose journal (with any newer) is always replayed, and `open` lists visits on earlier days
// that may still be open (a superset: an id leaves only after its visit is closed on disk). It is
// written only when the day rolls over or a visit of an earlier day opens or closes, never per check-in.
import type { Low } from 'lowdb';
import { isRecord, openDoc } from './json-doc.ts';
import type { FileOps } from './durable-file.ts';

interface IndexData {
  day: string;
  open: string[];
}

const isIndex = (x: unknown): x is IndexData =>
  isRecord(x) && typeof x.day === 'string' && Array.isArray(x.open) && x.open.every((id) => typeof id === 'string');

export class OpenIndex {
  private constructor(readonly low: Low<IndexData>) {}

  static async open(file: string, files?: FileOps): Promise<OpenIndex> {
    return new OpenIndex(await openDoc(file, 'open-index', isIndex, () => ({ day: '', open: [] }), files));
  }

  get day(): string {
    return this.low.data.day;
  }

  /** Ids listed as maybe open on days before `day`. */
  get earlier(): string[] {
    return this.low.data.open;
  }

  /** Resolves once the index says: replay from day on, and these earlier visits may be open. */
  set(day: string, earlier: Iterable<string>): Promise<void> {
    this.low.data = { day, open: [...new Set(earlier)].sort() };
    return this.low.write();
  }
}
