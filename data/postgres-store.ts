// The Store in PostgreSQL (FOYER_DATABASE_URL), for sites that outgrow one machine: several servers may
// share the database. Every check-then-write is one transaction, row lock, advisory lock or unique
// constraint, never a read in one query and a write in a later one. Start-up brings the schema up to
// date (data/migrations/postgres/). Records are stored whole as JSON, so every read is a fresh copy.
import { Pool } from 'pg';
import type { SiteSecrets, Store } from './store.ts';
import { migrate } from './postgres-migrate.ts';
import { directoryPart } from './postgres-directory.ts';
import { visitPart } from './postgres-visits.ts';
import { eventPart } from './postgres-events.ts';
import { attemptPart } from './postgres-attempts.ts';
import { matterPart } from './postgres-matters.ts';
import { checkNotClosed, copy, InFlight } from './rules.ts';

export interface PostgresOptions {
  /** Connections the store keeps open at most (pg's default: 10). */
  poolSize?: number;
  /** Where the store reports the migrations it applied and connections it lost. */
  log?: (line: string) => void;
}

export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<Store> {
  const { log = () => undefined } = options;
  const pool = new Pool({ connectionString: url, max: options.poolSize });
  // An idle connection that fails (the server restarted) is replaced on next use; unheard, it would end the process.
  pool.on('error', (e) => log(`store: a PostgreSQL connection failed: ${e.message}`));
  try {
    await migrate(pool, log);
  } catch (e) {
    await pool.end();
    throw e;
  }

  let closed = false;
  let ending: Promise<void> | undefined;
  // close() waits for every operation still in flight before it ends the pool.
  const inFlight = new InFlight();

  // Made once per site: a rival start's secrets, stored first, win; make() runs once per store.
  let secrets: Promise<SiteSecrets> | undefined;
  async function readOrMakeSecrets(make: () => SiteSecrets): Promise<SiteSecrets> {
    const read = async () => (await pool.query<{ data: SiteSecrets }>('select data from secrets')).rows[0]?.data;
    const found = await read();
    if (found) return found;
    await pool.query('insert into secrets (data) values ($1) on conflict (one) do nothing', [JSON.stringify(make())]);
    return (await read())!;
  }

  const parts: Omit<Store, 'close'> = {
    ...directoryPart(pool),
    ...visitPart(pool),
    ...eventPart(pool),
    ...attemptPart(pool, log),
    ...matterPart(pool),
    async secrets(make) {
      secrets ??= readOrMakeSecrets(make);
      secrets.catch(() => (secrets = undefined));
      return copy(await secrets);
    },
  };

  // Every call is refused once the store is closed, and tracked until it settles.
  const guarded = Object.fromEntries(Object.entries(parts).map(([name, method]) => [name,
    async (...args: unknown[]) => {
      checkNotClosed(closed);
      return inFlight.track((method as (...a: unknown[]) => Promise<unknown>)(...args));
    }])) as unknown as Omit<Store, 'close'>;

  return {
    ...guarded,
    close() {
      closed = true;
      ending ??= (async () => {
        await inFlight.settled();
        await pool.end();
      })();
      return ending;
    },
  };
}
