// Reads a backup file (see backup.ts) as a stream and hands each file to a callback once its bytes
// match their sha256 (or streams it to a sink, for a dump too big for memory); anything wrong (not gzip, cut short, a changed byte, no trailer) is a BackupError
// naming what is wrong, so a damaged backup is never taken for a good one.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { BACKUP_FORMAT, BACKUP_VERSION, safeRelative, type BackupEntry, type BackupHeader } from './backup.ts';
import { isRecord } from './json-doc.ts';

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const MAX_LINE = 64 * 1024;

/** Lines and byte runs from a stream of chunks. */
class ByteStream {
  #pending: Buffer[] = [];
  #length = 0;
  constructor(readonly chunks: AsyncIterator<Buffer>) {}

  async #more(): Promise<boolean> {
    const next = await this.chunks.next();
    if (next.done) return false;
    this.#pending.push(next.value);
    this.#length += next.value.length;
    return true;
  }

  #take(n: number): Buffer {
    const all = this.#pending.length === 1 ? this.#pending[0] : Buffer.concat(this.#pending);
    this.#pending = n < all.length ? [all.subarray(n)] : [];
    this.#length -= n;
    return all.subarray(0, n);
  }

  /** The next line without its "\n"; undefined at the very end; 'cut' when the data ends inside a line. */
  async line(): Promise<Buffer | 'cut' | undefined> {
    for (let searched = 0; ;) {
      const joined = this.#pending.length > 1 ? Buffer.concat(this.#pending) : this.#pending[0];
      if (joined) this.#pending = [joined];
      const at = joined ? joined.indexOf(10, searched) : -1;
      if (at >= 0) return this.#take(at + 1).subarray(0, at);
      searched = this.#length;
      if (this.#length > MAX_LINE) throw new BackupError('a line is far too long for a backup');
      if (!(await this.#more())) return this.#length ? 'cut' : undefined;
    }
  }

  /** What has arrived, up to max bytes (at least one); undefined at the end of the data. */
  async piece(max: number): Promise<Buffer | undefined> {
    if (this.#length === 0 && !(await this.#more())) return undefined;
    return this.#take(Math.min(max, this.#length));
  }

  /** Exactly n bytes, or undefined when the data ends first. */
  async bytes(n: number): Promise<Buffer | undefined> {
    while (this.#length < n) if (!(await this.#more())) return undefined;
    return this.#take(n);
  }
}

const parseLine = (line: Buffer): unknown => {
  try {
    return JSON.parse(line.toString('utf8'));
  } catch {
    return undefined;
  }
};

const isEntry = (x: unknown): x is BackupEntry =>
  isRecord(x) && typeof x.path === 'string' && Number.isSafeInteger(x.size) && (x.size as number) >= 0 && typeof x.sha256 === 'string';
const isTrailer = (x: unknown): x is { files: number; sha256: string } =>
  isRecord(x) && !('path' in x) && Number.isInteger(x.files) && typeof x.sha256 === 'string';

/** What gunzip's errors mean for a backup. */
function gzipProblem(e: NodeJS.ErrnoException): string {
  if (/incorrect header check|unknown compression method/.test(e.message)) return 'is not a gzip file, so not a Foyer backup';
  if (e.code === 'Z_BUF_ERROR' || /unexpected end/.test(e.message)) return 'is truncated: its gzip stream ends early';
  return `is damaged: its gzip data is corrupt (${e.message})`;
}

/** Where one entry's bytes go as they are read; end() is called only once they match their sha256. */
export interface EntrySink {
  write(chunk: Buffer): Promise<void>;
  end(): Promise<void>;
}

export interface ReadHandlers {
  /** Sees the header before any entry is read; a throw (a backup of the wrong kind) stops the reading. */
  header?: (header: BackupHeader) => void;
  /** Where the entry rel (size bytes) goes. */
  entry: (rel: string, size: number) => EntrySink | Promise<EntrySink>;
}

/** Reads the backup at path entry by entry, streaming each into its sink. A sink may see bytes that its
 *  sha256 or the trailer then refuses: act on what was written only once this resolves. */
export async function readBackupEntries(path: string, handlers: ReadHandlers): Promise<{ header: BackupHeader; files: number }> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw new BackupError(`${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (size === 0) throw new BackupError(`${path} is empty, so not a Foyer backup`);
  const gunzip = createReadStream(path).pipe(createGunzip());
  const fail = (why: string) => new BackupError(`${path} ${why}`);
  try {
    const stream = new ByteStream(gunzip[Symbol.asyncIterator]());
    const whole = createHash('sha256');
    const next = async (what: string) => {
      const line = await stream.line();
      if (line === undefined || line === 'cut') throw fail(line ? `is truncated: it ends inside ${what}` : `is truncated: it ends before ${what} (no trailer)`);
      return line;
    };
    const first = await next('the header');
    const header = parseLine(first);
    if (!isRecord(header) || header.format !== BACKUP_FORMAT) throw fail('is not a Foyer backup (no foyer-backup header)');
    if (header.version !== BACKUP_VERSION) throw fail(`is a backup of version ${String(header.version)}; this Foyer reads version ${BACKUP_VERSION}`);
    handlers.header?.(header as unknown as BackupHeader);
    whole.update(first).update('\n');
    let files = 0;
    for (;;) {
      const line = await next('the trailer');
      const value = parseLine(line);
      if (isTrailer(value)) {
        if (value.sha256 !== whole.digest('hex')) throw fail('is damaged: its sha256 does not match its trailer');
        if (value.files !== files) throw fail(`is damaged: its trailer counts ${value.files} files, it holds ${files}`);
        if ((await stream.bytes(1)) !== undefined) throw fail('is damaged: there is data after its trailer');
        return { header: header as unknown as BackupHeader, files };
      }
      if (!isEntry(value)) throw fail(`is damaged: after file ${files} comes neither a file nor the trailer`);
      const rel = safeRelative(value.path);
      if (!rel) throw fail(`is damaged or unsafe: file path ${JSON.stringify(value.path)} is not a plain relative path`);
      whole.update(line).update('\n');
      const sink = await handlers.entry(rel, value.size);
      const own = createHash('sha256');
      for (let left = value.size; left > 0;) {
        const piece = await stream.piece(left);
        if (!piece) throw fail(`is truncated: it ends inside ${value.path}`);
        own.update(piece);
        whole.update(piece);
        left -= piece.length;
        await sink.write(piece);
      }
      if (own.digest('hex') !== value.sha256) throw fail(`is damaged: ${value.path} does not match its sha256`);
      await sink.end();
      files++;
    }
  } catch (e) {
    if (e instanceof BackupError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code?.startsWith('Z_')) throw fail(gzipProblem(err));
    throw e;
  } finally {
    gunzip.destroy();
  }
}

/** Reads every file of the backup at path, calling onFile with each one once its bytes are checked; returns the header and the file count. */
export function readBackup(path: string, onFile: (rel: string, data: Buffer) => Promise<void>, header?: ReadHandlers['header']): Promise<{ header: BackupHeader; files: number }> {
  return readBackupEntries(path, {
    header,
    entry(rel) {
      const chunks: Buffer[] = [];
      return { write: async (chunk) => void chunks.push(chunk), end: () => onFile(rel, Buffer.concat(chunks)) };
    },
  });
}
