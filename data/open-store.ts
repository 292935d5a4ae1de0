// Which store a server opens: PostgreSQL when a database URL is given (FOYER_DATABASE_URL), else lowdb in the
// data directory, the embedded default.
import type { Store } from './store.ts';
import { openLowdbStore } from './lowdb-store.ts';
import { openPostgresStore } from './postgres-store.ts';

export interface StoreChoice {
  dataDir: string;
  databaseUrl?: string;
  acceptNewSecrets?: boolean;
  log?: (line: string) => void;
}

export function openStore(choice: StoreChoice): Promise<Store> {
  const { log, acceptNewSecrets } = choice;
  return choice.databaseUrl ? openPostgresStore(choice.databaseUrl, { log }) : openLowdbStore(choice.dataDir, { log, acceptNewSecrets });
}

/** Where the store is, for a start-up line: the database without its password, or the directory. */
export function describeStore(choice: StoreChoice): string {
  if (!choice.databaseUrl) return `lowdb under ${choice.dataDir}`;
  const url = new URL(choice.databaseUrl);
  return `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}
