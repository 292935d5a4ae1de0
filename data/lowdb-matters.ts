// Calls and cases of the lowdb store (MatterStore): journals per day under calls/ and cases/ (matter-days.ts).
// Every change is one turn of the store's queue (read, change, stage: two rivals never both see the old record)
// and costs one appended line, whatever the folders already hold. Range reads take one turn per day, so a long
// read never holds writes back for more than a day's worth of records.
import { join } from 'node:path';
import type { FileOps } from './durable-file.ts';
import { isRecord } from './json-doc.ts';
import { MatterDays } from './matter-days.ts';
import {
  byCreation, callErasable, callMatches, caseErasable, caseMatches, checkMatter, dayOfMatterId, erasedCall, erasedCase,
  formatCaseNumber, isOpenCase, isPendingCall, namesPerson, pageOfDays, type CallRecord, type CaseDraft, type CaseRecord, type ErasedMatters,
  type MatterStore, type PageQuery,
} from './matters.ts';
import type { Change } from './store.ts';
import { applyChange, checkDay, copy, visitSequence } from './rules.ts';

const isCall = (x: unknown): x is CallRecord =>
  isRecord(x) && typeof x.id === 'string' && typeof x.day === 'string' && typeof x.kind === 'string' && isRecord(x.caller);
const isCase = (x: unknown): x is CaseRecord =>
  isRecord(x) && typeof x.id === 'string' && typeof x.day === 'string' && typeof x.number === 'string' && typeof x.status === 'string';

export interface MatterTurns {
  /** The store's queue: one change at a time, in call order. */
  inTurn: <R>(work: () => Promise<R>) => Promise<R>;
  track: <R>(operation: Promise<R>) => Promise<R>;
  live: () => void;
  files?: FileOps;
  log: (line: string) => void;
  cacheDays: number;
}

export interface LowdbMatters {
  methods: MatterStore;
  holdsData(): boolean;
  close(): Promise<void>;
}

export async function openLowdbMatters(dir: string, turns: MatterTurns): Promise<LowdbMatters> {
  const { inTurn, track, live, files, log, cacheDays } = turns;
  const calls = await MatterDays.open(join(dir, 'calls'), 'call', isCall, isPendingCall, files, log);
  const cases = await MatterDays.open(join(dir, 'cases'), 'case', isCase, isOpenCase, files, log);
  const lastNumber = new Map<string, number>();
  const trim = () => {
    calls.trim(cacheDays);
    cases.trim(cacheDays);
  };

  async function change<T extends { id: string; day: string }>(kept: MatterDays<T>, what: 'call' | 'case', id: string, next: Change<T, T>): Promise<T | undefined> {
    const [saved, stored] = await inTurn(async (): Promise<[Promise<void> | undefined, T | undefined]> => {
      trim();
      const current = await kept.get(id);
      if (!current) return [undefined, undefined];
      const changed = applyChange(current, id, next);
      if (!changed) return [undefined, current];
      checkMatter(changed, what);
      const [save] = await kept.stage(changed);
      return [save, changed];
    });
    await saved;
    return copy(stored);
  }

  // One turn per day: writes go on between days; the records handed out are copies.
  function page<T extends { id: string; day: string }>(kept: MatterDays<T>, fromDay: string, toDay: string, matches: (r: T) => boolean, query: PageQuery) {
    checkDay(fromDay);
    checkDay(toDay);
    const days = kept.days.known().filter((d) => d >= fromDay && d <= toDay);
    const load = (d: string) => inTurn(async () => {
      const records = await kept.ofDay(d);
      trim();
      return records;
    });
    return pageOfDays(days, load, matches, query).then((p) => ({ ...p, items: p.items.map(copy) }));
  }

  // The day's next number, or the one the draft carries (later numbers then follow it).
  async function numberOf(draft: CaseDraft & { number?: string }): Promise<string> {
    const last = lastNumber.get(draft.day) ?? (await cases.ofDay(draft.day)).reduce((max, c) => Math.max(max, visitSequence(c.number)), 0);
    const seq = draft.number ? Math.max(last, visitSequence(draft.number)) : last + 1;
    lastNumber.set(draft.day, seq);
    return draft.number ?? formatCaseNumber(draft.day, seq);
  }

  // Erases inside one turn per day, then rewrites those days so no earlier version stays on disk.
  async function erase<T extends { id: string; day: string }>(kept: MatterDays<T>, ids: (d: string) => Promise<T[]>, days: readonly string[],
    erasable: (r: T) => boolean, erased: (r: T) => T, done: string[], held: string[]) {
    for (const name of days) {
      const [saved] = await inTurn(async () => {
        const writes: Promise<void>[] = [];
        for (const r of await ids(name)) {
          if (!erasable(r)) {
            held.push(r.id);
            continue;
          }
          writes.push((await kept.stage(erased(r)))[0]);
          done.push(r.id);
        }
        return [Promise.all(writes)];
      });
      await saved;
    }
    const touched = new Set(done.map((id) => dayOfMatterId(id) ?? '').filter((d) => days.includes(d)));
    await inTurn(() => kept.compact(touched));
  }

  const methods: MatterStore = {
    async insertCall(call) {
      live();
      checkMatter(call, 'call');
      const [saved] = await inTurn(async () => {
        trim();
        return (await calls.get(call.id)) ? [undefined] : calls.stage(copy(call));
      });
      if (!saved) return false;
      await track(saved);
      return true;
    },
    async getCall(id) {
      live();
      return copy(await inTurn(async () => calls.get(id)));
    },
    async updateCall(id, next) {
      live();
      return track(change(calls, 'call', id, next));
    },
    async callsBetween(fromDay, toDay, query = {}) {
      live();
      return track(page(calls, fromDay, toDay, (c) => callMatches(c, query), query));
    },
    async pendingCalls() {
      live();
      return (await track(inTurn(() => calls.openRecords()))).sort(byCreation).map(copy);
    },

    async insertCase(draft) {
      live();
      checkMatter(draft, 'case');
      const [saved, stored] = await inTurn(async (): Promise<[Promise<void> | undefined, CaseRecord | undefined]> => {
        trim();
        if (await cases.get(draft.id)) return [undefined, undefined];
        const record: CaseRecord = { ...copy(draft), number: await numberOf(draft) };
        const [save] = await cases.stage(record);
        return [save, record];
      });
      await track(saved ?? Promise.resolve());
      return copy(stored);
    },
    async getCase(id) {
      live();
      return copy(await inTurn(async () => cases.get(id)));
    },
    async updateCase(id, next) {
      live();
      return track(change(cases, 'case', id, next));
    },
    async casesBetween(fromDay, toDay, filter = {}) {
      live();
      return track(page(cases, fromDay, toDay, (c) => caseMatches(c, filter), filter));
    },
    async openCases() {
      live();
      return (await track(inTurn(() => cases.openRecords()))).sort(byCreation).map(copy);
    },

    async mattersOf(person) {
      live();
      // Page by page through every day: a rare request, which holds no more than a day in memory at once.
      async function all<T extends { id: string; day: string }>(kept: MatterDays<T>, matches: (r: T) => boolean): Promise<T[]> {
        const found: T[] = [];
        for (let after: string | undefined; ;) {
          const p = await page(kept, '0000-01-01', '9999-12-31', matches, { limit: 500, after });
          found.push(...p.items);
          if (!(after = p.next)) return found;
        }
      }
      return {
        calls: await track(all(calls, (c) => namesPerson(c.caller, person))),
        cases: await track(all(cases, (c) => namesPerson(c.contact, person))),
      };
    },
    async eraseMatters(target, at) {
      live();
      const done: ErasedMatters = { calls: [], cases: [], kept: [] };
      if ('calls' in target) {
        const named = <T extends { id: string }>(kept: MatterDays<T & { day: string }>, ids: string[]) => async (d: string) =>
          (await kept.ofDay(d)).filter((r) => ids.includes(r.id));
        const daysOf = (ids: string[]) => [...new Set(ids.map((id) => dayOfMatterId(id) ?? '').filter(Boolean))].sort();
        await track(erase(calls, named(calls, target.calls), daysOf(target.calls), () => true, (c) => erasedCall(c, at), done.calls, done.kept));
        await track(erase(cases, named(cases, target.cases), daysOf(target.cases), () => true, (c) => erasedCase(c, at), done.cases, done.kept));
        return done;
      }
      const inRange = (known: readonly string[]) => known.filter((d) => d >= target.fromDay && d <= target.toDay);
      const unerased = <T extends { erasedAt?: string; day: string; id: string }>(kept: MatterDays<T>) => async (d: string) =>
        (await kept.ofDay(d)).filter((r) => !r.erasedAt);
      await track(erase(calls, unerased(calls), inRange(calls.days.known()), callErasable, (c) => erasedCall(c, at), done.calls, done.kept));
      await track(erase(cases, unerased(cases), inRange(cases.days.known()), caseErasable, (c) => erasedCase(c, at), done.cases, done.kept));
      return done;
    },
  };
  return {
    methods,
    holdsData: () => calls.days.known().length > 0 || cases.days.known().length > 0,
    close: async () => void (await Promise.all([calls.close(), cases.close()])),
  };
}
