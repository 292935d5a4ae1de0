// Password hashes: scrypt with a random salt, stored as scrypt$N$r$p$salt$hash (base64).
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
// A stored hash is data: refuse parameters that would make a verify take seconds or gigabytes.
const MAX_MEMORY = 64 * 1024 * 1024;

/** NFC so the same password typed on different keyboards gives the same bytes. */
const bytesOf = (password: string) => Buffer.from(password.normalize('NFC'), 'utf8');

// The async form runs on libuv's thread pool: a sign-in never blocks the event loop for the ~50-100 ms a hash takes.
const derive = (password: Buffer, salt: Buffer, length: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scrypt(password, salt, length, options, (err, key) => (err ? reject(err) : resolve(key))));

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(bytesOf(password), salt, KEY_LENGTH, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  const sane = Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0 &&
    Number.isInteger(r) && r >= 1 && 128 * n * r <= MAX_MEMORY && Number.isInteger(p) && p >= 1 && p <= 16 &&
    salt.length > 0 && expected.length >= 16;
  if (!sane) return false;
  const actual = await derive(bytesOf(password), salt, expected.length, { N: n, r, p, maxmem: 2 * MAX_MEMORY });
  return timingSafeEqual(actual, expected);
}

/** A hash of a password nobody knows, with the same cost as a real one: an unknown username takes as long as a wrong password. */
export const DUMMY_HASH = `scrypt$${N}$${R}$${P}$${randomBytes(16).toString('base64')}$${randomBytes(KEY_LENGTH).toString('base64')}`;
