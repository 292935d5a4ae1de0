// Temp files a crash can leave in the data directory (".name.tmp", written then renamed): old copies of data.
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

const TEMP = /(^|\/)\.[^/]+\.tmp$/;

/** Deletes temp files last written before `before` (ms); a write in progress is younger and stays. */
export async function sweepLeftovers(dataDir: string, before: number): Promise<number> {
  const names = await readdir(dataDir, { recursive: true }).catch(() => [] as string[]);
  let swept = 0;
  for (const name of names.filter((n) => TEMP.test(n.split(path.sep).join('/')))) {
    const file = path.join(dataDir, name);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile() || info.mtimeMs >= before) continue;
    await rm(file, { force: true });
    swept++;
  }
  return swept;
}
