// Transactions and advisory locks for the PostgreSQL store: each check-then-write runs in one of these.
import type { Pool, PoolClient } from 'pg';
import { inTurn } from '../server/serial.ts';

/** Runs work in one transaction on one connection: committed when it resolves, rolled back when it throws. */
export async function transaction<T>(pool: Pool, work: (db: PoolClient) => Promise<T>): Promise<T> {
  const db = await pool.connect();
  let broken = false;
  try {
    await db.query('begin');
    const result = await work(db);
    await db.query('commit');
    return result;
  } catch (e) {
    // A connection that cannot even roll back is dropped rather than handed to the next caller.
    await db.query('rollback').catch(() => (broken = true));
    throw e;
  } finally {
    db.release(broken);
  }
}

// Advisory locks are keyed by two integers: Foyer's own class ("Foye" in ASCII) and what is locked.
export const FOYER = 0x466f7965;
export const LOCKS = { migrations: 1, events: 2, timers: 3 } as const;

/** Holds the lock until the transaction ends, across every server on the database. */
export async function lockUntilCommit(db: PoolClient, what: number): Promise<void> {
  await db.query('select pg_advisory_xact_lock($1, $2)', [FOYER, what]);
}

/** Calls with one key run one after another, in call order (server/serial.ts): of rivals from one server
 *  the first called lands (as in the other stores), and a hot record holds one connection, not the whole pool. */
export function turns(): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  const owner = {};
  return (key, work) => inTurn(owner, key, work);
}

/** The JSON records a query selects as `data`. */
export async function recordsOf<T>(db: Pool | PoolClient, sql: string, values: unknown[] = []): Promise<T[]> {
  return (await db.query<{ data: T }>(sql, values)).rows.map((r) => r.data);
}

/** The distinct days of a table with a day column, oldest first, by skipping from one to the next in its
 *  index, not by reading every row. */
export async function daysOf(pool: Pool, table: 'events' | 'visits'): Promise<string[]> {
  const sql = `with recursive d(day) as (
      (select day from ${table} order by day limit 1)
      union all
      select (select t.day from ${table} t where t.day > d.day order by t.day limit 1) from d where d.day is not null)
    select day from d where day is not null`;
  return (await pool.query<{ day: string }>(sql)).rows.map((r) => r.day);
}
