// Mail as a host's mailbox gets it: a real SMTP server on loopback, and a small MIME reader written here (headers,
// RFC 2047 words, multipart, quoted-printable, base64), so tests read the bytes that were sent, not a library's view.
import net from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface Received { from: string; to: string[]; raw: string }

/** A real SMTP server on loopback (smtp-server) that keeps every message it receives, raw. */
export async function startSmtp(options: Partial<SMTPServerOptions> = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'], authOptional: true, allowInsecureAuth: true, logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const envelope = session.envelope;
        received.push({ from: envelope.mailFrom ? envelope.mailFrom.address : '', to: envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as net.AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** An SMTP refusal with its reply code, as an onRcptTo/onAuth handler gives it. */
export function smtpError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

// --- a small MIME reader: headers (unfolded, RFC 2047 decoded), and the leaf parts decoded to text ---

function encodedWordBytes(encoding: string, text: string): Buffer {
  if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64');
  return Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
}

/** RFC 2047: adjacent encoded words are joined as bytes first, since a character may be split across two of them. */
function decodeWords(value: string): string {
  const word = /=\?([^?]+)\?([bq])\?([^?]*)\?=/gi;
  return value.replace(/=\?[^?]+\?[bq]\?[^?]*\?=(?:\s+=\?[^?]+\?[bq]\?[^?]*\?=)*/gi, (run) => {
    const bytes = [...run.matchAll(word)].map(([, charset, enc, text]) => {
      if (charset.toLowerCase() !== 'utf-8') throw new Error(`an encoded word in ${charset}, not UTF-8`);
      return encodedWordBytes(enc, text);
    });
    return Buffer.concat(bytes).toString('utf8');
  });
}

function quotedPrintable(body: string): string {
  const soft = body.replace(/=\r?\n/g, '');
  return Buffer.from(soft.replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
}

export interface Part { type: string; text: string }
export interface Mail { rawHeaders: string; header(name: string): string | undefined; parts: Part[] }

function readEntity(raw: string): { rawHeaders: string; headers: Map<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const rawHeaders = raw.slice(0, end);
  const headers = new Map<string, string>();
  for (const line of rawHeaders.replace(/\r\n(?=[ \t])/g, '').split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { rawHeaders, headers, body: raw.slice(end + 4) };
}

function leafParts(raw: string): Part[] {
  const { headers, body } = readEntity(raw);
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) {
    return body.split(`--${boundary}`).slice(1).filter((p) => !p.startsWith('--')).flatMap((p) => leafParts(p.replace(/^\r\n/, '')));
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text = encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : encoding === 'quoted-printable' ? quotedPrintable(body) : body;
  return [{ type: type.split(';')[0].trim().toLowerCase(), text: text.replace(/\r\n/g, '\n') }];
}

/** A received message: headers (unfolded, RFC 2047 decoded) and its leaf parts decoded to text. */
export function readMail(raw: string): Mail {
  const { rawHeaders, headers } = readEntity(raw);
  return { rawHeaders, header: (name) => { const v = headers.get(name.toLowerCase()); return v === undefined ? v : decodeWords(v); }, parts: leafParts(raw) };
}

