// What the servers of one site share besides the store. On lowdb there is one server and nothing to share.
// On PostgreSQL, several: Socket.IO's PostgreSQL adapter carries every room's events to the sockets held by
// the other servers (a kiosk on one, its host on another), and the jobs the clock runs (escalation, the
// day-end retention) are run by one server at a time, the holder of an advisory lock: when it stops, its
// connection closes, the lock is freed, and the next server to ask takes it over within one tick.
import pg from 'pg';
import type { Server as IoServer } from 'socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import { FOYER, LOCKS } from '../data/postgres-tx.ts';

export interface Cluster {
  /** Joins this server's Socket.IO to the others (before any socket connects). */
  join(io: IoServer<any, any>): void;
  /** Whether this server runs the clock's jobs now; false costs nothing and is asked again on the next tick. */
  runsTimers(): Promise<boolean>;
  close(): Promise<void>;
}

/** One server alone: it runs everything. */
export const singleServer: Cluster = { join: () => undefined, runsTimers: async () => true, close: async () => undefined };

/** How often a held timer lock is checked to still be held (its connection may have died unseen). */
const RECHECK_MS = 1000;

export function postgresCluster(url: string, log: (line: string) => void): Cluster {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', (e) => log(`cluster: a PostgreSQL connection failed: ${e.message}`));
  let lease: pg.Client | undefined;
  let held = false;
  let checkedAt = 0;
  let asking: Promise<boolean> | undefined;
  let closed = false;

  const drop = () => {
    held = false;
    lease?.end().catch(() => undefined);
    lease = undefined;
  };
  async function ask(): Promise<boolean> {
    const before = held;
    try {
      if (!lease) {
        const client = new pg.Client({ connectionString: url });
        client.on('error', (e) => { if (lease === client) { log(`cluster: the timer lock's connection failed: ${e.message}`); drop(); } });
        await client.connect();
        lease = client;
      }
      if (held) await lease.query('select 1'); // still connected, so still holding
      else held = (await lease.query<{ ok: boolean }>('select pg_try_advisory_lock($1, $2) as ok', [FOYER, LOCKS.timers])).rows[0].ok;
      checkedAt = Date.now();
    } catch (e) {
      if (!closed) log(`cluster: cannot ask for the timer lock: ${(e as Error).message}`);
      drop();
    }
    if (held !== before) log(held ? 'cluster: this server runs the timers (escalation, retention)' : 'cluster: this server no longer runs the timers');
    return held;
  }

  return {
    join(io) {
      io.adapter(createAdapter(pool, { errorHandler: (e: Error) => log(`cluster: ${e.message}`) }));
    },
    async runsTimers() {
      if (closed) return false;
      if (held && Date.now() - checkedAt < RECHECK_MS) return true;
      asking ??= ask().finally(() => (asking = undefined));
      return asking;
    },
    async close() {
      closed = true;
      await asking;
      drop();
      await pool.end();
    },
  };
}
