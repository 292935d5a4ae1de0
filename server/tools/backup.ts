// npm run backup -- --to FILE [--dir D]: a consistent backup of a data directory, while its server keeps
// serving (no lock is taken). D defaults to FOYER_DATA_DIR, else data/db, as the server's own default.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeBackup } from '../../data/backup.ts';
import { dataDirOf } from '../config.ts';

const usage = 'usage: npm run backup -- --to FILE [--dir DATA_DIR]';
try {
  const { values } = parseArgs({ options: { to: { type: 'string' }, dir: { type: 'string' } } });
  if (!values.to) throw new Error(`--to is missing; ${usage}`);
  const dir = values.dir ? path.resolve(values.dir) : dataDirOf(process.env);
  const started = Date.now();
  const done = await writeBackup(dir, path.resolve(values.to));
  console.log(`backup: ${done.files} files (${(done.bytes / 1e6).toFixed(1)} MB before compression) of ${dir} written to ${done.file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (e) {
  console.error(`backup: ${(e as Error).message}`);
  process.exit(1);
}
