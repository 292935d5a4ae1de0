// Calls and cases in memory for unit tests: the lowdb store's rules without files, handing out copies only.
import {
  byCreation, callErasable, callMatches, caseErasable, caseMatches, checkMatter, erasedCall, erasedCase, formatCaseNumber, isOpenCase,
  isPendingCall, namesPerson, pageOfDays, type CallRecord, type CaseRecord, type ErasedMatters, type MatterStore,
} from './matters.ts';
import { applyChange, checkDay, copy, visitSequence } from './rules.ts';

const byDay = <T extends { day: string }>(records: Map<string, T>): Map<string, T[]> => {
  const days = new Map<string, T[]>();
  for (const r of records.values()) days.set(r.day, [...(days.get(r.day) ?? []), r]);
  return days;
};

export function memoryMatters(live: () => void): MatterStore {
  const calls = new Map<string, CallRecord>();
  const cases = new Map<string, CaseRecord>();
  const lastNumber = new Map<string, number>();

  function page<T extends { day: string }>(records: Map<string, T>, fromDay: string, toDay: string, matches: (r: T) => boolean, after?: string, limit?: number) {
    checkDay(fromDay);
    checkDay(toDay);
    const days = byDay(records);
    const names = [...days.keys()].filter((d) => d >= fromDay && d <= toDay).sort();
    return pageOfDays(names, async (d) => days.get(d)!, matches, { after, limit }).then((p) => ({ ...p, items: p.items.map(copy) }));
  }

  function change<T extends { id: string }>(table: Map<string, T>, id: string, check: (r: T) => void, next: (r: T) => T | undefined): T | undefined {
    const current = table.get(id);
    if (!current) return undefined;
    const changed = applyChange(current, id, next);
    if (changed) {
      check(changed);
      table.set(id, changed);
    }
    return copy(table.get(id));
  }

  return {
    async insertCall(call) {
      live();
      checkMatter(call, 'call');
      if (calls.has(call.id)) return false;
      calls.set(call.id, copy(call));
      return true;
    },
    async getCall(id) {
      live();
      return copy(calls.get(id));
    },
    async updateCall(id, next) {
      live();
      return change(calls, id, (c) => checkMatter(c, 'call'), next);
    },
    async callsBetween(fromDay, toDay, query = {}) {
      live();
      return page(calls, fromDay, toDay, (c) => callMatches(c, query), query.after, query.limit);
    },
    async pendingCalls() {
      live();
      return [...calls.values()].filter(isPendingCall).sort(byCreation).map(copy);
    },

    async insertCase(draft) {
      live();
      checkMatter(draft, 'case');
      if (cases.has(draft.id)) return undefined;
      const last = lastNumber.get(draft.day) ?? Math.max(0, ...[...cases.values()].filter((c) => c.day === draft.day).map((c) => visitSequence(c.number)));
      const seq = draft.number ? Math.max(last, visitSequence(draft.number)) : last + 1;
      lastNumber.set(draft.day, seq);
      const record: CaseRecord = { ...copy(draft), number: draft.number ?? formatCaseNumber(draft.day, seq) };
      cases.set(record.id, record);
      return copy(record);
    },
    async getCase(id) {
      live();
      return copy(cases.get(id));
    },
    async updateCase(id, next) {
      live();
      return change(cases, id, (c) => checkMatter(c, 'case'), next);
    },
    async casesBetween(fromDay, toDay, filter = {}) {
      live();
      return page(cases, fromDay, toDay, (c) => caseMatches(c, filter), filter.after, filter.limit);
    },
    async openCases() {
      live();
      return [...cases.values()].filter(isOpenCase).sort(byCreation).map(copy);
    },

    async mattersOf(person) {
      live();
      return {
        calls: [...calls.values()].filter((c) => namesPerson(c.caller, person)).map(copy),
        cases: [...cases.values()].filter((c) => namesPerson(c.contact, person)).map(copy),
      };
    },
    async eraseMatters(target, at) {
      live();
      const done: ErasedMatters = { calls: [], cases: [], kept: [] };
      const byIds = 'calls' in target;
      const inRange = (r: { day: string }) => !byIds && r.day >= target.fromDay && r.day <= target.toDay;
      for (const c of calls.values()) {
        if (byIds ? !target.calls.includes(c.id) : !inRange(c) || c.erasedAt) continue;
        if (byIds || callErasable(c)) calls.set(c.id, erasedCall(c, at)), done.calls.push(c.id);
        else done.kept.push(c.id);
      }
      for (const c of cases.values()) {
        if (byIds ? !target.cases.includes(c.id) : !inRange(c) || c.erasedAt) continue;
        if (byIds || caseErasable(c)) cases.set(c.id, erasedCase(c, at)), done.cases.push(c.id);
        else done.kept.push(c.id);
      }
      return done;
    },
  };
}
