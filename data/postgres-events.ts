// The append-only log in PostgreSQL: appends take turns under an advisory lock, so of two built on the
// same last event one lands, also when they come from two servers; the head is written with each event.
import type { Pool } from 'pg';
import type { LogEvent } from '../server/protocol.ts';
import type { Store } from './store.ts';
import { daysOf, recordsOf, LOCKS, lockUntilCommit, transaction, turns } from './postgres-tx.ts';
import { checkNext, dayOfVisitId, eventDay, eventDaysOfVisit, toRange } from './rules.ts';

type EventPart = Pick<Store, 'appendEvent' | 'lastEvent' | 'events' | 'eventDays' | 'eventsOfVisits' | 'anchoredHead'>;

const LAST = 'select data from events order by seq desc limit 1';
const iso = (t: number) => new Date(t).toISOString();


export function eventPart(pool: Pool): EventPart {
  const inTurn = turns();
  const eventsOf = (sql: string, values: unknown[]) => recordsOf<LogEvent>(pool, sql, values);

  return {
    async appendEvent(event) {
      const day = eventDay(event);
      await inTurn('append', () => transaction(pool, async (db) => {
        await lockUntilCommit(db, LOCKS.events);
        const { rows } = await db.query<{ data: LogEvent }>(LAST);
        checkNext(rows[0]?.data, event);
        await db.query('insert into events (seq, at, day, visit_id, data) values ($1, $2, $3, $4, $5)',
          [event.seq, iso(Date.parse(event.at)), day, event.visitId ?? null, JSON.stringify(event)]);
        await db.query(`insert into log_head (seq, hash, at) values ($1, $2, $3)
          on conflict (one) do update set seq = excluded.seq, hash = excluded.hash, at = excluded.at`, [event.seq, event.hash, event.at]);
      }));
    },
    async lastEvent() {
      return (await eventsOf(LAST, []))[0];
    },
    async events(from, to) {
      const [start, end] = toRange(from, to);
      if (end <= start) return [];
      return eventsOf('select data from events where at >= $1 and at < $2 order by at, seq', [iso(start), iso(end)]);
    },
    async eventDays() {
      return daysOf(pool, 'events');
    },
    async eventsOfVisits(ids, from, to) {
      const [start, end] = toRange(from, to);
      if (ids.length === 0 || end <= start) return [];
      // Each visit's events are looked for on the UTC days the other stores file them under.
      const pairs = [...new Set(ids)].flatMap((id) => eventDaysOfVisit(dayOfVisitId(id) ?? '1970-01-01').map((day) => [id, day]));
      return eventsOf(`select e.data from events e join unnest($1::text[], $2::text[]) as w(visit_id, day)
          on e.visit_id = w.visit_id and e.day = w.day
        where e.at >= $3 and e.at < $4 order by e.at, e.seq`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1]), iso(start), iso(end)]);
    },
    async anchoredHead() {
      const { rows } = await pool.query<{ seq: string; hash: string; at: string }>('select seq, hash, at from log_head');
      return rows[0] && { seq: Number(rows[0].seq), hash: rows[0].hash, at: rows[0].at };
    },
  };
}
