// npm run backup -- --to FILE [--dir D | --database URL]: a consistent backup of a site while its servers keep
// serving (no lock is taken). As the server chooses its store: --database, else --dir, else FOYER_DATABASE_URL
// (a pg_dump of that database), else FOYER_DATA_DIR or data/db (the lowdb data directory).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeBackup, type BackupSummary } from '../../data/backup.ts';
import { writePostgresBackup } from '../../data/postgres-backup.ts';
import { dataDirOf } from '../config.ts';

const usage = 'usage: npm run backup -- --to FILE [--dir DATA_DIR | --database URL]';
const mb = (bytes: number) => (bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`);
try {
  const { values } = parseArgs({ options: { to: { type: 'string' }, dir: { type: 'string' }, database: { type: 'string' } } });
  if (!values.to) throw new Error(`--to is missing; ${usage}`);
  if (values.dir && values.database) throw new Error(`give --dir or --database, not both; ${usage}`);
  const url = values.database ?? (values.dir ? undefined : process.env.FOYER_DATABASE_URL || undefined);
  const to = path.resolve(values.to);
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (url) {
    const done = await writePostgresBackup(url, to);
    console.log(`backup: pg_dump of PostgreSQL ${done.database} (${mb(done.bytes)}) written to ${done.file} in ${seconds()}`);
  } else {
    const dir = values.dir ? path.resolve(values.dir) : dataDirOf(process.env);
    const done: BackupSummary = await writeBackup(dir, to);
    console.log(`backup: ${done.files} files (${mb(done.bytes)} before compression) of ${dir} written to ${done.file} in ${seconds()}`);
  }
} catch (e) {
  console.error(`backup: ${(e as Error).message}`);
  process.exit(1);
}
