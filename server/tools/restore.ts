// npm run restore -- --from FILE --dir D: restores a backup into a new (or empty) data directory, after
// checking every byte against the backup's hashes and the whole log chain against itself.
import { parseArgs } from 'node:util';
import { restoreBackup } from '../../data/restore.ts';

const usage = 'usage: npm run restore -- --from FILE --dir DATA_DIR';
try {
  const { values } = parseArgs({ options: { from: { type: 'string' }, dir: { type: 'string' } } });
  if (!values.from || !values.dir) throw new Error(`--from and --dir are both needed; ${usage}`);
  const done = await restoreBackup(values.from, values.dir, (line) => console.log(line));
  const head = done.head ? `#${done.head.seq} ${done.head.hash}` : 'none (an empty log)';
  console.log(`restore: ${done.files} files from the backup of ${done.createdAt} restored into ${done.dir}`);
  console.log(`restore: ${done.visitDays} day${done.visitDays === 1 ? '' : 's'} of visits, ${done.events} events, log chain ok, head ${head}`);
} catch (e) {
  console.error(`restore: ${(e as Error).message}`);
  process.exit(1);
}
