// Transactions and advisory locks for the PostgreSQL store: each check-then-write runs in one of these.
import type { Pool, PoolClient } from 'pg';

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
const FOYER = 0x466f7965;
export const LOCKS = { migrations: 1, events: 2 } as const;

/** Holds the lock until the transaction ends, across every server on the database. */
export async function lockUntilCommit(db: PoolClient, what: number): Promise<void> {
  await db.query('select pg_advisory_xact_lock($1, $2)', [FOYER, what]);
}

/** Calls with one key run one after another, in call order: of rivals from one server the first called
 *  lands (as in the other stores), and a hot record holds one connection, not the whole pool. */
export function turns(): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, work) => {
    const run = (tails.get(key) ?? Promise.resolve()).then(work);
    const settled = run.catch(() => undefined);
    tails.set(key, settled);
    void settled.then(() => { if (tails.get(key) === settled) tails.delete(key); });
    return run;
  };
}

/** The distinct days of a table with a day column, by skipping from one to the next in its index, not by reading every row. */
export const distinctDays = (table: 'events' | 'visits') => `with recursive d(day) as (
    (select day from ${table} order by day limit 1)
    union all
    select (select t.day from ${table} t where t.day > d.day order by t.day limit 1) from d where d.day is not null)
  select day from d where day is not null`;
