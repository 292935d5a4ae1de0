// Crockford base32: no I, L, O or U, so a code read aloud or typed from paper survives.
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The first `length` characters of `random` read as base32, 5 bits per character. */
export function encodeCrockford(random: Buffer, length: number): string {
  // Callers pass random bytes; too few would silently repeat characters, so refuse.
  if (random.length * 8 < length * 5) {
    throw new RangeError(`need ${Math.ceil((length * 5) / 8)} random bytes for ${length} characters`);
  }
  let out = '';
  for (let i = 0; i < length; i++) {
    const bit = i * 5;
    const byte = bit >> 3;
    const pair = (random[byte] << 8) | (random[byte + 1] ?? 0);
    out += CROCKFORD[(pair >> (11 - (bit & 7))) & 31];
  }
  return out;
}

/** Reads what a person typed: case-insensitive, O as 0, I and L as 1; undefined if not base32. */
export function decodeCrockfordText(s: string): string | undefined {
  const mapped = s.toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]*$/.test(mapped) ? mapped : undefined;
}
