// Visits in PostgreSQL: one row per visit, found by id, day, status or request; searched as the other stores search.
import type { Pool } from 'pg';
import { OPEN_STATUSES, type Store, type VisitRecord } from './store.ts';
import { daysOf, recordsOf, transaction, turns } from './postgres-tx.ts';
import { searchSummary, summaryOf } from './visit-summaries.ts';
import { normalizeName } from '../server/domain/watchlist.ts';
import { applyChange, byArrival, checkDay, checkVisit, visitSequence } from './rules.ts';

type VisitPart = Pick<Store, 'getVisit' | 'putVisit' | 'updateVisit' | 'nextVisitNumber' | 'visitDays' | 'visitByRequest' |
  'forgetOldVersions' | 'openVisits' | 'visitsOfDay' | 'findVisits'>;

// Word for word the predicate of the visits_open index, so that the planner uses it.
const OPEN = `status in (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

const UPSERT = `insert into visits (id, day, status, seq, name_key, host_id, created_by, request_id, data)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
  on conflict (id) do update set day = excluded.day, status = excluded.status, seq = excluded.seq, name_key = excluded.name_key,
    host_id = excluded.host_id, created_by = excluded.created_by, request_id = excluded.request_id, data = excluded.data`;

const valuesOf = (v: VisitRecord) => [v.id, v.day, v.status, visitSequence(v.number), normalizeName(v.visitor.name), v.hostId ?? null,
  v.createdBy, v.requestId ?? null, JSON.stringify(v)];

// Above the last number handed out and above every stored visit's, also one stored since.
const NEXT_NUMBER = `insert into visit_numbers as n (day, last)
  values ($1, (select coalesce(max(seq), 0) from visits where day = $1) + 1)
  on conflict (day) do update set last = greatest(n.last, (select coalesce(max(seq), 0) from visits where day = $1)) + 1
  returning last`;


export function visitPart(pool: Pool): VisitPart {
  const inTurn = turns();
  const visitsOf = (sql: string, values: unknown[]) => recordsOf<VisitRecord>(pool, sql, values);

  return {
    async getVisit(id) {
      return (await visitsOf('select data from visits where id = $1', [id]))[0];
    },
    async putVisit(visit) {
      checkVisit(visit);
      await pool.query(UPSERT, valuesOf(visit));
    },
    updateVisit(id, change) {
      return inTurn(id, () => transaction(pool, async (db) => {
        const { rows } = await db.query<{ data: VisitRecord }>('select data from visits where id = $1 for update', [id]);
        const current = rows[0]?.data;
        if (!current) return undefined;
        const next = applyChange(current, id, change);
        if (!next) return current;
        checkVisit(next);
        await db.query(UPSERT, valuesOf(next));
        return next;
      }));
    },
    async nextVisitNumber(day) {
      checkDay(day);
      return Number((await pool.query<{ last: string }>(NEXT_NUMBER, [day])).rows[0].last);
    },
    async visitDays() {
      return daysOf(pool, 'visits');
    },
    async visitByRequest(day, createdBy, requestId) {
      checkDay(day);
      const sql = 'select data from visits where day = $1 and created_by = $2 and request_id = $3';
      return (await visitsOf(sql, [day, createdBy, requestId]))[0];
    },
    async forgetOldVersions(kind) {
      // A changed row leaves its old version in the table until a vacuum removes it (of the whole table, not just these ids).
      await pool.query(kind === 'visits' ? 'vacuum visits' : 'vacuum appointments');
    },
    async openVisits(pick) {
      const open = await visitsOf(`select data from visits where ${OPEN}`, []);
      return open.filter((v) => !pick || pick(v)).sort(byArrival);
    },
    async visitsOfDay(day) {
      return visitsOf('select data from visits where day = $1 order by pos', [checkDay(day)]);
    },
    async findVisits(fromDay, toDay, query) {
      // SQL keeps the visits that could match (a superset); the summary search of the other stores decides.
      const text = query.text?.trim();
      const values: unknown[] = [fromDay, toDay];
      let where = 'day between $1 and $2';
      if (query.hostId) where += ` and host_id = $${values.push(query.hostId)}`;
      if (text) {
        const [name, upper] = [values.push(normalizeName(text)), values.push(text.toUpperCase())];
        where += ` and (strpos(name_key, $${name}) > 0 or strpos(data->>'number', $${upper}) > 0 or strpos(id, $${upper}) > 0)`;
      }
      const sql = `select id, data->>'number' as number, host_id, data->'visitor'->>'name' as name from visits where ${where} order by day, pos`;
      const { rows } = await pool.query<{ id: string; number: string; host_id: string | null; name: string }>(sql, values);
      const found = rows.map((r) => ({ id: r.id, number: r.number, hostId: r.host_id ?? undefined, visitor: { name: r.name } }) as VisitRecord);
      return searchSummary(summaryOf(found), query);
    },
  };
}
