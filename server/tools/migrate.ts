// npm run migrate -- --from SRC --to DST: moves a whole site from one store to another, e.g. from the lowdb data
// directory to PostgreSQL (--from data/db --to postgres://…) or back. Each side is a data directory or a
// postgres:// URL. The target must be empty; the source is opened as a server opens it, so the lowdb lock
// keeps a running server's directory out (every server on the source must be stopped). After the copy the
// target's log chain is verified and every count compared with the source's (data/copy-site.ts).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { copySite, describeCopy } from '../../data/copy-site.ts';
import { describeStore, openStore, type StoreChoice } from '../../data/open-store.ts';
import type { Store } from '../../data/store.ts';

const usage = 'usage: npm run migrate -- --from (DATA_DIR | postgres://URL) --to (DATA_DIR | postgres://URL)';
type Role = 'source' | 'target';

/** A --from or --to value as a store choice: a postgres:// URL, else a data directory (any other URL is a mistake). */
function storeAt(value: string, flag: string): StoreChoice {
  if (/^postgres(ql)?:\/\//i.test(value)) {
    let url: URL | undefined;
    try { url = new URL(value); } catch { /* reported below */ }
    if (!url?.hostname) throw new Error(`${flag} ${value} is not a valid PostgreSQL URL (postgres://user:password@host:5432/database); ${usage}`);
    return { dataDir: '', databaseUrl: value };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw new Error(`${flag} ${value} is neither a data directory nor a postgres:// URL; ${usage}`);
  return { dataDir: path.resolve(value) };
}

function parse(): { from: StoreChoice; to: StoreChoice } {
  let values: { from?: string; to?: string };
  try {
    ({ values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } }));
  } catch (e) {
    throw new Error(`${(e as Error).message.split('\n')[0]}; ${usage}`); // parseArgs: unknown option, stray word, missing value
  }
  if (!values.from || !values.to) throw new Error(`--from and --to are both needed; ${usage}`);
  const [from, to] = [storeAt(values.from, '--from'), storeAt(values.to, '--to')];
  // A lowdb source that does not exist would be created empty by opening it: a mistyped path, not a site.
  if (!from.databaseUrl && !(existsSync(from.dataDir) && statSync(from.dataDir).isDirectory())) {
    throw new Error(`--from ${values.from}: there is no data directory at ${from.dataDir}`);
  }
  const same = from.databaseUrl || to.databaseUrl ? from.databaseUrl === to.databaseUrl : from.dataDir === to.dataDir;
  if (same) throw new Error('--from and --to name the same store');
  return { from, to };
}

async function open(choice: StoreChoice, role: Role): Promise<Store> {
  try {
    return await openStore({ ...choice, log: (line) => console.log(`migrate: ${role}: ${line}`) });
  } catch (e) {
    // The lowdb lock's message names the PID and says to stop that server first.
    throw new Error(`the ${role} (${describeStore(choice)}) cannot be opened: ${(e as Error).message}`);
  }
}

/** Opens both stores, copies, and closes whatever was opened, also when the copy fails. */
async function migrate(from: StoreChoice, to: StoreChoice): Promise<string> {
  const source = await open(from, 'source');
  let target: Store | undefined;
  try {
    target = await open(to, 'target');
    return describeCopy(await copySite(source, target));
  } finally {
    await Promise.allSettled([source.close(), target?.close()]);
  }
}

try {
  const { from, to } = parse();
  const started = Date.now();
  console.log(`migrate: from ${describeStore(from)} to ${describeStore(to)}`);
  const summary = await migrate(from, to);
  console.log(`migrate: ${summary} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (e) {
  console.error(`migrate: ${(e as Error).message}`);
  process.exit(1);
}
