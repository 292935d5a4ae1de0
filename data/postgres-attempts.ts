// Store.attempt() in PostgreSQL: brute-force counts shared by every server on the database and kept across
// restarts. A key's count-then-insert runs in one transaction holding an advisory lock on the key, so of rivals
// on any servers exactly max land; calls with one key from this server take turns first, so a burst of guesses
// holds one connection rather than the pool.
import type { Pool, PoolClient } from 'pg';
import type { Store } from './store.ts';
import { transaction, turns } from './postgres-tx.ts';
import { checkAttempt } from './attempt-book.ts';

type AttemptPart = Pick<Store, 'attempt' | 'forgetAttempt' | 'clearAttempts'>;

// Advisory locks on attempt keys have their own class ("FoyA" in ASCII), apart from postgres-tx.ts's LOCKS:
// hashtext(key) may be any 32-bit number.
const ATTEMPTS = 0x466f7941;
/** Every SWEEP_EVERY attempts, this server deletes up to SWEEP_ROWS expired rows of any key. */
const SWEEP_EVERY = 64;
const SWEEP_ROWS = 1000;

export function attemptPart(pool: Pool, log: (line: string) => void = () => undefined): AttemptPart {
  const inTurn = turns();
  let calls = 0;

  // Skips rows a key's attempt is deleting: the sweep never waits on one, so the two cannot deadlock.
  async function sweep(nowMs: number): Promise<void> {
    await pool.query(`delete from attempts where id in (
      select id from attempts where expires_at <= $1 order by expires_at limit ${SWEEP_ROWS} for update skip locked)`, [nowMs]);
  }
  const lockKey = (db: PoolClient, key: string) => db.query('select pg_advisory_xact_lock($1, hashtext($2))', [ATTEMPTS, key]);

  return {
    async attempt(key, nowMs, windowMs, max) {
      checkAttempt(key, nowMs, windowMs, max);
      const id = await inTurn(`attempt:${key}`, () => transaction(pool, async (db) => {
        await lockKey(db, key);
        // The lock is taken in its own statement: this one's snapshot then sees every rival that committed before.
        const { rows } = await db.query<{ id: string }>(`
          with expired as (delete from attempts where key = $1 and at <= $2::bigint - $3::bigint)
          insert into attempts (key, at, expires_at)
            select $1, $2::bigint, $2::bigint + $3::bigint
            where (select count(*) from attempts where key = $1 and at > $2::bigint - $3::bigint) < $4
          returning id::text as id`, [key, nowMs, windowMs, max]);
        return rows[0]?.id;
      }));
      // Housekeeping: a failed sweep costs nothing but rows, and is tried again later.
      if (calls++ % SWEEP_EVERY === 0) await sweep(nowMs).catch((e: Error) => log(`store: expired attempts not swept: ${e.message}`));
      return id;
    },
    async forgetAttempt(key, id) {
      if (!/^[1-9]\d{0,17}$/.test(id)) return;
      // One row: waits at most for the key's attempt in progress, holding nothing meanwhile.
      await pool.query('delete from attempts where key = $1 and id = $2', [key, id]);
    },
    async clearAttempts(key) {
      // Many rows: under the key's lock, so as not to take them in another order than an attempt deleting expired ones.
      await transaction(pool, async (db) => {
        await lockKey(db, key);
        await db.query('delete from attempts where key = $1', [key]);
      });
    },
  };
}
