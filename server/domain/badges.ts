// Badge QR codes: short ASCII, Ed25519-signed, so a gate can verify them offline with the public key.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { DomainError } from './errors.ts';

/** serial counts reprints: each printed badge of a visit has its own code, so a replaced one can be refused. */
export interface BadgeClaim { visitId: string; exp: number; serial?: number }

const PREFIX = 'FY1';
const MAX_LENGTH = 160; // node-thermal-printer's printQR counts characters, and small QR codes scan better.
const keys = new Map<string, KeyObject>();

/** Parsing a PEM on every scan is wasted work; keys are few, so they are kept. */
function keyOf(pem: string, kind: 'private' | 'public'): KeyObject {
  let key = keys.get(pem);
  if (!key) {
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
    keys.set(pem, key);
  }
  return key;
}

export function signBadge(privateKeyPem: string, claim: BadgeClaim): string {
  if (!/^[A-Za-z0-9_-]+$/.test(claim.visitId)) throw new RangeError('visitId must be ASCII letters, digits, - or _');
  if (!Number.isSafeInteger(claim.exp) || claim.exp <= 0) throw new RangeError('exp must be a positive integer');
  const serial = claim.serial ?? 0;
  if (!Number.isSafeInteger(serial) || serial < 0) throw new RangeError('serial must be a whole number');
  // The first badge keeps the short form FY1.<visit>.<exp>; reprints add .<serial> before the signature.
  const body = `${PREFIX}.${claim.visitId}.${claim.exp.toString(36)}${serial ? `.${serial.toString(36)}` : ''}`;
  const signature = sign(null, Buffer.from(body), keyOf(privateKeyPem, 'private')).toString('base64url');
  const code = `${body}.${signature}`;
  // The printer and the QR size depend on this; a long visit id must fail here, not at the printer.
  if (code.length > MAX_LENGTH || !/^[\x21-\x7e]+$/.test(code)) {
    throw new RangeError(`badge code must be printable ASCII of at most ${MAX_LENGTH} characters`);
  }
  return code;
}

const invalidBadge = (message: string) => new DomainError('badge-invalid', message, 400, 'code');

/** allowExpired: a visitor leaving with a badge past its time is still let out (and logged). */
export function verifyBadge(publicKeyPem: string, code: string, nowMs: number, options: { allowExpired?: boolean } = {}): BadgeClaim {
  const text = code.trim(); // Scanners often append a newline.
  const parts = text.split('.');
  if (text.length > MAX_LENGTH || (parts.length !== 4 && parts.length !== 5) || parts[0] !== PREFIX) {
    throw invalidBadge('This is not a Foyer badge.');
  }
  const [, visitId, exp36] = parts;
  const serial36 = parts.length === 5 ? parts[3] : undefined;
  const signature = parts.at(-1)!;
  if (!/^[A-Za-z0-9_-]+$/.test(visitId) || !/^[0-9a-z]{1,11}$/.test(exp36) || !/^[A-Za-z0-9_-]{86}$/.test(signature) ||
    (serial36 !== undefined && !/^[1-9a-z][0-9a-z]{0,5}$/.test(serial36))) {
    throw invalidBadge('This is not a Foyer badge.');
  }
  const body = parts.slice(0, -1).join('.');
  const sig = Buffer.from(signature, 'base64url');
  // The last base64 character has spare bits; only the canonical spelling is accepted, so one badge has one code.
  if (sig.toString('base64url') !== signature || !verify(null, Buffer.from(body), keyOf(publicKeyPem, 'public'), sig)) {
    throw invalidBadge('The badge signature is not valid: it was altered or not issued here.');
  }
  const exp = parseInt(exp36, 36);
  if (exp * 1000 <= nowMs && !options.allowExpired) throw new DomainError('badge-expired', 'This badge has expired.', 409, 'code');
  return { visitId, exp, ...(serial36 ? { serial: parseInt(serial36, 36) } : {}) };
}

/** A new Ed25519 key pair: PKCS#8 and SPKI PEM, as SiteSecrets keeps them. */
export function makeBadgeKeys(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
}

/** The 32 raw public-key bytes in base64, for /api/badge-key and gates that are not Node. */
export function publicKeyRaw(publicKeyPem: string): string {
  const jwk = createPublicKey(publicKeyPem).export({ format: 'jwk' });
  return Buffer.from(jwk.x ?? '', 'base64url').toString('base64');
}
