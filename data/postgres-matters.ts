// Calls and cases in PostgreSQL (009_matters.sql): one row each, by site day; the pending calls and the open cases
// are found through partial indexes. A change is one transaction holding the row's lock; a case's number comes
// from case_numbers in the same transaction as its insert, so rivals on any server get different numbers.
import type { Pool, PoolClient } from 'pg';
import {
  byCreation, callErasable, callMatches, caseErasable, caseMatches, checkMatter, erasedCall, erasedCase, formatCaseNumber,
  isPendingCall, namesPerson, pageLimit, phoneKey, readCursor, writeCursor, type CallRecord, type CaseRecord, type ErasedMatters,
  type MatterStore, type Page, type PageQuery,
} from './matters.ts';
import type { Change } from './store.ts';
import { recordsOf, transaction, turns } from './postgres-tx.ts';
import { normalizeName } from '../server/domain/watchlist.ts';
import { applyChange, checkDay, visitSequence } from './rules.ts';

type Table = 'calls' | 'cases';
type Row = CallRecord | CaseRecord;

const UPSERT: Record<Table, string> = {
  calls: `insert into calls (id, day, pending, name_key, phone_key, data) values ($1, $2, $3, $4, $5, $6)
    on conflict (id) do update set day = excluded.day, pending = excluded.pending, name_key = excluded.name_key,
      phone_key = excluded.phone_key, data = excluded.data`,
  cases: `insert into cases (id, day, status, seq, number, name_key, phone_key, data) values ($1, $2, $3, $4, $5, $6, $7, $8)
    on conflict (id) do update set day = excluded.day, status = excluded.status, seq = excluded.seq, number = excluded.number,
      name_key = excluded.name_key, phone_key = excluded.phone_key, data = excluded.data`,
};

const callValues = (c: CallRecord) =>
  [c.id, c.day, isPendingCall(c), normalizeName(c.caller.name), phoneKey(c.caller.phone), JSON.stringify(c)];

const caseValues = (c: CaseRecord, seq: number) =>
  [c.id, c.day, c.status, seq, c.number, normalizeName(c.contact.name), phoneKey(c.contact.phone), JSON.stringify(c)];

// Above the last number handed out and above every stored case's; the row stays locked until the insert commits.
const NEXT_NUMBER = `insert into case_numbers as n (day, last)
  values ($1, (select coalesce(max(seq), 0) from cases where day = $1) + 1)
  on conflict (day) do update set last = greatest(n.last, (select coalesce(max(seq), 0) from cases where day = $1)) + 1
  returning last`;

export function matterPart(pool: Pool): MatterStore {
  const inTurn = turns();

  async function write(db: Pool | PoolClient, table: Table, r: Row): Promise<void> {
    if (table === 'calls') await db.query(UPSERT.calls, callValues(r as CallRecord));
    else await db.query(UPSERT.cases, caseValues(r as CaseRecord, visitSequence((r as CaseRecord).number)));
  }

  function change<T extends Row>(table: Table, id: string, next: Change<T, T>): Promise<T | undefined> {
    return inTurn(`${table} ${id}`, () => transaction(pool, async (db) => {
      const current = (await recordsOf<T>(db, `select data from ${table} where id = $1 for update`, [id]))[0];
      if (!current) return undefined;
      const changed = applyChange(current, id, next);
      if (!changed) return current;
      checkMatter(changed, table === 'calls' ? 'call' : 'case');
      await write(db, table, changed);
      return changed;
    }));
  }

  // Rows in (day, pos) order after the cursor, a batch at a time; the stores' own matcher decides.
  async function page<T extends Row>(table: Table, fromDay: string, toDay: string, matches: (r: T) => boolean, query: PageQuery): Promise<Page<T>> {
    checkDay(fromDay);
    checkDay(toDay);
    const limit = pageLimit(query);
    let cursor = readCursor(query.after) ?? { day: '', at: 0 };
    const items: T[] = [];
    let next: string | undefined;
    for (;;) {
      const sql = `select data, day, pos from ${table} where day between $1 and $2 and (day, pos) > ($3, $4) order by day, pos limit 500`;
      const { rows } = await pool.query<{ data: T; day: string; pos: string }>(sql, [fromDay, toDay, cursor.day, cursor.at]);
      for (const row of rows) {
        if (!matches(row.data)) continue;
        if (items.length === limit) return { items, next };
        items.push(row.data);
        next = writeCursor(row.day, Number(row.pos));
      }
      if (rows.length < 500) return { items };
      cursor = { day: rows.at(-1)!.day, at: Number(rows.at(-1)!.pos) };
    }
  }

  // Each record in its own atomic change: a change racing the erasure sees the erased record, or is seen by it.
  async function erase<T extends Row>(table: Table, ids: string[], erasable: (r: T) => boolean, erased: (r: T) => T, done: string[], kept: string[]) {
    for (const id of ids) {
      let taken = false;
      const found = await change<T>(table, id, (r) => (erasable(r) ? ((taken = true), erased(r)) : undefined));
      if (found) (taken ? done : kept).push(id);
    }
    if (done.length) await pool.query(`vacuum ${table}`); // the old versions of the changed rows leave the table
  }

  const idsIn = async (table: Table, fromDay: string, toDay: string) =>
    (await pool.query<{ id: string }>(`select id from ${table} where day between $1 and $2 and not (data ? 'erasedAt') order by day, pos`, [checkDay(fromDay), checkDay(toDay)])).rows.map((r) => r.id);

  const ofPerson = async <T extends Row>(table: Table, name: string, phone: string) =>
    recordsOf<T>(pool, `select data from ${table} where (name_key = $1 and $1 <> '') or (phone_key = $2 and $2 <> '') order by day, pos`, [name, phone]);

  return {
    async insertCall(call) {
      checkMatter(call, 'call');
      const { rowCount } = await pool.query(UPSERT.calls.replace(/on conflict[\s\S]*$/, 'on conflict (id) do nothing'), callValues(call));
      return rowCount === 1;
    },
    async getCall(id) {
      return (await recordsOf<CallRecord>(pool, 'select data from calls where id = $1', [id]))[0];
    },
    updateCall(id, next) {
      return change('calls', id, next);
    },
    callsBetween(fromDay, toDay, query = {}) {
      return page<CallRecord>('calls', fromDay, toDay, (c) => callMatches(c, query), query);
    },
    async pendingCalls() {
      return (await recordsOf<CallRecord>(pool, 'select data from calls where pending')).sort(byCreation);
    },

    insertCase(draft) {
      checkMatter(draft, 'case');
      return transaction(pool, async (db) => {
        if ((await db.query('select 1 from cases where id = $1', [draft.id])).rowCount) return undefined;
        // A number the draft carries is kept: NEXT_NUMBER looks at the stored numbers too, so later ones follow it.
        const seq = draft.number ? visitSequence(draft.number) : Number((await db.query<{ last: string }>(NEXT_NUMBER, [draft.day])).rows[0].last);
        const record: CaseRecord = { ...draft, number: draft.number ?? formatCaseNumber(draft.day, seq) };
        const sql = UPSERT.cases.replace(/on conflict[\s\S]*$/, 'on conflict (id) do nothing');
        // An id inserted meanwhile by a rival: roll back, so that the number is not used up.
        if (!(await db.query(sql, caseValues(record, seq))).rowCount) throw new IdTaken();
        return record;
      }).catch((e) => {
        if (e instanceof IdTaken) return undefined;
        throw e;
      });
    },
    async getCase(id) {
      return (await recordsOf<CaseRecord>(pool, 'select data from cases where id = $1', [id]))[0];
    },
    updateCase(id, next) {
      return change('cases', id, next);
    },
    casesBetween(fromDay, toDay, filter = {}) {
      return page<CaseRecord>('cases', fromDay, toDay, (c) => caseMatches(c, filter), filter);
    },
    async openCases() {
      return (await recordsOf<CaseRecord>(pool, `select data from cases where status <> 'closed'`)).sort(byCreation);
    },

    async mattersOf(person) {
      const [name, phone] = [normalizeName(person.name ?? ''), phoneKey(person.phone)];
      return {
        calls: (await ofPerson<CallRecord>('calls', name, phone)).filter((c) => namesPerson(c.caller, person)),
        cases: (await ofPerson<CaseRecord>('cases', name, phone)).filter((c) => namesPerson(c.contact, person)),
      };
    },
    async eraseMatters(target, at) {
      const done: ErasedMatters = { calls: [], cases: [], kept: [] };
      const byIds = 'calls' in target;
      const [calls, cases] = byIds
        ? [target.calls, target.cases]
        : [await idsIn('calls', target.fromDay, target.toDay), await idsIn('cases', target.fromDay, target.toDay)];
      await erase<CallRecord>('calls', calls, byIds ? () => true : callErasable, (c) => erasedCall(c, at), done.calls, done.kept);
      await erase<CaseRecord>('cases', cases, byIds ? () => true : caseErasable, (c) => erasedCase(c, at), done.cases, done.kept);
      return done;
    },
  };
}

class IdTaken extends Error {}
