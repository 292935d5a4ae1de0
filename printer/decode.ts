// A strict ESC/POS decoder for the subset Foyer sends: an unknown or malformed command is an error, never skipped.
import { stackBitmaps, type Bitmap } from './bitmap.ts';

export type Command =
  | { op: 'init' }
  | { op: 'text'; text: string }
  | { op: 'newline' }
  | { op: 'feed'; lines?: number; dots?: number }
  | { op: 'cut'; partial: boolean; feedDots?: number }
  | { op: 'raster'; image: Bitmap }
  | { op: 'status'; n: number };

export class DecodeError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} at byte ${offset}`);
  }
}

const hex = (b: Buffer, at: number, n: number) => [...b.subarray(at, at + n)].map((x) => `0x${x.toString(16).padStart(2, '0')}`).join(' ');

/** The command starting at `at`, or null when its bytes have not all arrived yet. */
export function readCommand(b: Buffer, at: number): { cmd: Command; end: number } | null {
  const need = (n: number) => at + n <= b.length;
  const c = b[at];
  if (c >= 0x20 && c <= 0x7e) {
    let end = at;
    while (end < b.length && b[end] >= 0x20 && b[end] <= 0x7e) end++;
    return { cmd: { op: 'text', text: b.toString('latin1', at, end) }, end };
  }
  if (c === 0x0a) return { cmd: { op: 'newline' }, end: at + 1 };
  if (c >= 0x80) throw new DecodeError(`non-ASCII byte 0x${c.toString(16)} sent as text`, at);
  if (!need(2)) return null;
  const d = b[at + 1];
  if (c === 0x1b) {
    if (d === 0x40) return { cmd: { op: 'init' }, end: at + 2 };
    if (d === 0x64 || d === 0x4a) {
      if (!need(3)) return null;
      return { cmd: d === 0x64 ? { op: 'feed', lines: b[at + 2] } : { op: 'feed', dots: b[at + 2] }, end: at + 3 };
    }
  }
  if (c === 0x10 && d === 0x04) {
    if (!need(3)) return null;
    const n = b[at + 2];
    if (n < 1 || n > 4) throw new DecodeError(`DLE EOT with unknown n=${n}`, at);
    return { cmd: { op: 'status', n }, end: at + 3 };
  }
  if (c === 0x1d && d === 0x56) {
    if (!need(3)) return null;
    const m = b[at + 2];
    if ([0, 1, 48, 49].includes(m)) return { cmd: { op: 'cut', partial: m % 2 === 1 }, end: at + 3 };
    if ([65, 66].includes(m)) {
      if (!need(4)) return null;
      return { cmd: { op: 'cut', partial: m === 66, feedDots: b[at + 3] }, end: at + 4 };
    }
    throw new DecodeError(`GS V with unknown mode ${m}`, at);
  }
  if (c === 0x1d && d === 0x76) {
    if (!need(8)) return null;
    if (b[at + 2] !== 0x30) throw new DecodeError(`GS v with unknown function 0x${b[at + 2].toString(16)}`, at);
    if (b[at + 3] !== 0) throw new DecodeError(`GS v 0 scaling mode ${b[at + 3]} is not supported`, at);
    const wb = b.readUInt16LE(at + 4), rows = b.readUInt16LE(at + 6);
    if (wb === 0 || rows === 0) throw new DecodeError(`GS v 0 with an empty ${wb}x${rows} image`, at);
    const end = at + 8 + wb * rows;
    if (end > b.length) return null;
    return { cmd: { op: 'raster', image: { width: wb * 8, height: rows, data: new Uint8Array(b.subarray(at + 8, end)) } }, end };
  }
  throw new DecodeError(`unknown command ${hex(b, at, 3)}`, at);
}

export interface DecodedJob {
  commands: Command[];
  /** Every GS v 0 band as sent, in order. */
  bands: Array<{ width: number; rows: number }>;
  /** All raster bands stacked as they come out of the printer; null if none. */
  image: Bitmap | null;
  cuts: number;
  text: string;
  statusQueries: number[];
}

/** Decodes a whole job; a command cut off at the end is an error too. */
export function decodeEscPos(bytes: Buffer): DecodedJob {
  const commands: Command[] = [];
  for (let at = 0; at < bytes.length;) {
    const next = readCommand(bytes, at);
    if (!next) throw new DecodeError(`truncated command ${hex(bytes, at, 3)}`, at);
    commands.push(next.cmd);
    at = next.end;
  }
  return summarize(commands);
}

export function summarize(commands: Command[]): DecodedJob {
  const rasters = commands.flatMap((c) => (c.op === 'raster' ? [c.image] : []));
  return {
    commands,
    bands: rasters.map((r) => ({ width: r.width, rows: r.height })),
    image: rasters.length ? stackBitmaps(rasters) : null,
    cuts: commands.filter((c) => c.op === 'cut').length,
    text: commands.map((c) => (c.op === 'text' ? c.text : '')).join(''),
    statusQueries: commands.flatMap((c) => (c.op === 'status' ? [c.n] : [])),
  };
}
