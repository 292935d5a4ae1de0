// npm run restore -- --from FILE (--dir D | --database URL): restores a backup into a new (or empty) data
// directory or PostgreSQL database, after checking every byte against the backup's hashes and the whole log
// chain against itself. A lowdb backup goes to --dir, a PostgreSQL one to --database; moving a site between
// the two is npm run migrate's work.
import { parseArgs } from 'node:util';
import { restoreBackup, type StoreCheck } from '../../data/restore.ts';
import { restorePostgresBackup } from '../../data/postgres-backup.ts';

const usage = 'usage: npm run restore -- --from FILE (--dir DATA_DIR | --database URL)';
const say = (line: string) => console.log(line);

function sayChecked(done: StoreCheck): void {
  const head = done.head ? `#${done.head.seq} ${done.head.hash}` : 'none (an empty log)';
  say(`restore: ${done.visitDays} day${done.visitDays === 1 ? '' : 's'} of visits, ${done.events} events, log chain ok, head ${head}`);
}

try {
  const { values } = parseArgs({ options: { from: { type: 'string' }, dir: { type: 'string' }, database: { type: 'string' } } });
  if (!values.from || (!values.dir && !values.database)) throw new Error(`--from and one of --dir or --database are needed; ${usage}`);
  if (values.dir && values.database) throw new Error(`give --dir or --database, not both; ${usage}`);
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (values.database) {
    const done = await restorePostgresBackup(values.from, values.database, say);
    say(`restore: pg_dump of ${(done.dumpBytes / 1e6).toFixed(1)} MB from the backup of ${done.createdAt} restored into PostgreSQL ${done.database} in ${seconds()}`);
    sayChecked(done);
  } else {
    const done = await restoreBackup(values.from, values.dir!, say);
    say(`restore: ${done.files} files from the backup of ${done.createdAt} restored into ${done.dir} in ${seconds()}`);
    sayChecked(done);
  }
} catch (e) {
  console.error(`restore: ${(e as Error).message}`);
  process.exit(1);
}
