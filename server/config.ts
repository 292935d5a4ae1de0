// Parses the environment once; a bad value stops start-up with a message that names the variable.
import path from 'node:path';
import { isStrongPassword } from './domain/strength.ts';
import { parseMailConfig, type MailConfig } from './notify/email-config.ts';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** FOYER_DATABASE_URL: the site lives in this PostgreSQL database (several servers may share it); unset: lowdb under dataDir. */
  databaseUrl?: string;
  /** FOYER_PUBLIC_URL: the address hosts reach this site at, the base of every link in a message (http(s)://host[:port]). */
  publicUrl?: string;
  /** FOYER_NOTIFY_PHONE=yes: messages to hosts include the visitor's phone (off by default: a phone is personal data). */
  notifyPhone: boolean;
  /** FOYER_SMTP_URL and FOYER_MAIL_FROM: hosts can be told by e-mail. */
  mail?: MailConfig;
  printers: string[];
  paper: 80 | 58;
  bootstrapAdmin?: { username: string; password: string };
  hostTimeoutS: number;
  timeZone: string;
  /** Days after a visit ends before its personal data is erased. */
  retentionDays: number;
  /** The site's closing time (HH:MM, site time): badges end there. Undefined: always open. */
  closingTime?: string;
  /** How long a badge is valid after it is issued, at most (closing time may end it sooner). */
  badgeHours: number;
  /** Hops of reverse proxies whose X-Forwarded-For is believed: 0 = none (the default). */
  trustProxy: number;
  /** FOYER_MESSAGE_REMIND_MIN: an unread message (留言) is reminded once after this many minutes (default 30). */
  messageRemindMin?: number;
  /** FOYER_TRANSFER_RETURN_MIN: a transfer (转接) nobody acknowledged comes back to the desk after this many minutes (default 10). */
  transferReturnMin?: number;
  /** Make new site keys for a data directory that lost secrets.json (FOYER_ACCEPT_NEW_SECRETS=yes). */
  acceptNewSecrets: boolean;
  /** HTTPS: FOYER_TLS_CERT + FOYER_TLS_KEY (PEM files), or FOYER_TLS=self-signed (server/tls.ts reads or makes them). */
  tls?: { kind: 'files'; certFile: string; keyFile: string } | { kind: 'self-signed' };
  /** FOYER_HTTP_PORT: with HTTPS, the plain-HTTP port that only redirects to it; undefined = none (off, or no HTTPS). */
  redirectPort?: number;
  /** FOYER_DIGEST_TIME: when supervisors get the daily digest of open cases (HH:MM, site time; default 08:30). */
  digestTime?: string;
}

export class ConfigError extends Error {}

const fail = (name: string, value: string, expected: string): never => {
  throw new ConfigError(`${name}=${JSON.stringify(value)} is not valid: expected ${expected}`);
};

function parsePort(v: string): number {
  const n = Number(v);
  return /^\d+$/.test(v) && n <= 65535 ? n : fail('FOYER_PORT', v, 'a port number 0-65535 (0 = any free port)');
}

function parsePrinters(v: string): string[] {
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (list.length === 0) fail('FOYER_PRINTER', v, '"virtual" or tcp://host:port, comma-separated');
  for (const p of list) {
    if (p === 'virtual') continue;
    const m = /^tcp:\/\/([^:/\s]+):(\d{1,5})$/.exec(p);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) fail('FOYER_PRINTER', v, '"virtual" or tcp://host:port, comma-separated');
  }
  return list;
}

function parseBootstrap(v: string): Config['bootstrapAdmin'] {
  const i = v.indexOf(':');
  const username = v.slice(0, i), password = v.slice(i + 1);
  if (i < 1 || !/^[a-z0-9._-]{2,32}$/i.test(username)) fail('FOYER_BOOTSTRAP_ADMIN', '<hidden>', 'username:password with a username of 2-32 letters, digits, . _ -');
  if (password.length < 10) fail('FOYER_BOOTSTRAP_ADMIN', '<hidden>', 'a password of at least 10 characters');
  if (!isStrongPassword(password, [username, 'Administrator'])) {
    fail('FOYER_BOOTSTRAP_ADMIN', '<hidden>', 'a password that is hard to guess (this one is too common or too simple: use a longer one, e.g. several unrelated words)');
  }
  return { username, password };
}

function parseDatabaseUrl(v: string): string | undefined {
  if (v === '') return undefined;
  let url: URL | undefined;
  try { url = new URL(v); } catch { /* reported below */ }
  return url && /^postgres(ql)?:$/.test(url.protocol) && url.hostname ? v : fail('FOYER_DATABASE_URL', '<hidden>', 'postgres://user:password@host:5432/database');
}

function parsePublicUrl(v: string): string | undefined {
  if (v === '') return undefined;
  let url: URL | undefined;
  try { url = new URL(v); } catch { /* reported below */ }
  return url && /^https?:$/.test(url.protocol) && url.hostname && !url.search && !url.hash ? url.origin + url.pathname.replace(/\/+$/, '') : fail('FOYER_PUBLIC_URL', v, 'the address hosts open the site at, e.g. https://foyer.example.com');
}

function mailOf(env: Record<string, string | undefined>): MailConfig | undefined {
  try {
    return parseMailConfig(env);
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
}

function parseTimeZone(v: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: v });
    return v;
  } catch {
    return fail('FOYER_TZ', v, 'an IANA time zone such as Asia/Shanghai');
  }
}

function parseWhole(name: string, v: string, min: number, max: number, expected: string): number {
  const n = Number(v);
  return /^\d+$/.test(v) && n >= min && n <= max ? n : fail(name, v, expected);
}

function parseYes(name: string, v: string): boolean {
  if (/^(|0|no|false|off)$/i.test(v)) return false;
  return /^(1|yes|true|on)$/i.test(v) ? true : fail(name, v, 'yes or no');
}

function parseTrustProxy(v: string): number {
  if (/^(|0|off|false|no)$/i.test(v)) return 0;
  if (/^(on|true|yes)$/i.test(v)) return 1;
  return parseWhole('FOYER_TRUST_PROXY', v, 0, 10, 'off, on, or the number of proxy hops (0-10)');
}

function parseClosingTime(v: string): string | undefined {
  if (v === '') return undefined;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(v);
  return m ? v : fail('FOYER_CLOSING_TIME', v, 'a time of day HH:MM (24-hour), or empty for always open');
}

function parseTls(env: Record<string, string | undefined>, cwd: string): Config['tls'] {
  const mode = env.FOYER_TLS ?? '', cert = env.FOYER_TLS_CERT ?? '', key = env.FOYER_TLS_KEY ?? '';
  if (!/^(|off|self-signed)$/.test(mode)) fail('FOYER_TLS', mode, '"self-signed" (or unset, with FOYER_TLS_CERT and FOYER_TLS_KEY for your own certificate)');
  if (cert && !key) throw new ConfigError('FOYER_TLS_KEY is not set: FOYER_TLS_CERT needs its private key (a PEM file)');
  if (key && !cert) throw new ConfigError('FOYER_TLS_CERT is not set: FOYER_TLS_KEY needs its certificate (a PEM file)');
  if (mode === 'self-signed' && cert) fail('FOYER_TLS', mode, 'unset when FOYER_TLS_CERT and FOYER_TLS_KEY are given (one certificate or the other)');
  if (cert) return { kind: 'files', certFile: path.resolve(cwd, cert), keyFile: path.resolve(cwd, key) };
  return mode === 'self-signed' ? { kind: 'self-signed' } : undefined;
}

/** The redirect listener's port: FOYER_HTTP_PORT (off = none); by default 80 beside 443, any free port beside 0, else 3080. */
function parseRedirectPort(v: string | undefined, port: number): number | undefined {
  if (v === undefined || v === '') return port === 443 ? 80 : port === 0 ? 0 : 3080;
  if (/^(off|no|false)$/i.test(v)) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535) fail('FOYER_HTTP_PORT', v, 'a port number 0-65535 for the plain-HTTP redirect, or off');
  if (n !== 0 && n === port) fail('FOYER_HTTP_PORT', v, `a port other than FOYER_PORT (${port}), which serves HTTPS`);
  return n;
}

/** The data directory: FOYER_DATA_DIR, else data/db (the server's and the backup command's one default). */
export const dataDirOf = (env: Record<string, string | undefined>, cwd = process.cwd()): string => path.resolve(cwd, env.FOYER_DATA_DIR || 'data/db');

export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const timeout = env.FOYER_HOST_TIMEOUT_S ?? '120';
  const hostTimeoutS = Number(timeout);
  if (!/^\d+(\.\d+)?$/.test(timeout) || hostTimeoutS <= 0 || hostTimeoutS > 86400) {
    fail('FOYER_HOST_TIMEOUT_S', timeout, 'seconds, more than 0 and at most 86400');
  }
  const paper = env.FOYER_PAPER ?? '80';
  if (paper !== '80' && paper !== '58') fail('FOYER_PAPER', paper, '80 or 58 (mm)');
  const host = env.FOYER_HOST ?? '127.0.0.1';
  if (!/^[\w.:-]+$/.test(host)) fail('FOYER_HOST', host, 'a host name or IP address');
  const port = parsePort(env.FOYER_PORT ?? '3000');
  const tls = parseTls(env, cwd);
  return {
    port,
    host,
    dataDir: dataDirOf(env, cwd),
    databaseUrl: parseDatabaseUrl(env.FOYER_DATABASE_URL ?? ''),
    publicUrl: parsePublicUrl(env.FOYER_PUBLIC_URL ?? ''),
    mail: mailOf(env),
    notifyPhone: parseYes('FOYER_NOTIFY_PHONE', env.FOYER_NOTIFY_PHONE ?? ''),
    printers: parsePrinters(env.FOYER_PRINTER ?? 'virtual'),
    paper: paper === '58' ? 58 : 80,
    bootstrapAdmin: env.FOYER_BOOTSTRAP_ADMIN ? parseBootstrap(env.FOYER_BOOTSTRAP_ADMIN) : undefined,
    hostTimeoutS,
    timeZone: parseTimeZone(env.FOYER_TZ || Intl.DateTimeFormat().resolvedOptions().timeZone),
    retentionDays: parseWhole('FOYER_RETENTION_DAYS', env.FOYER_RETENTION_DAYS ?? '180', 1, 36500, 'a whole number of days, 1-36500'),
    closingTime: parseClosingTime(env.FOYER_CLOSING_TIME ?? ''),
    badgeHours: parseWhole('FOYER_BADGE_HOURS', env.FOYER_BADGE_HOURS ?? '12', 1, 72, 'a whole number of hours, 1-72'),
    trustProxy: parseTrustProxy(env.FOYER_TRUST_PROXY ?? ''),
    messageRemindMin: parseWhole('FOYER_MESSAGE_REMIND_MIN', env.FOYER_MESSAGE_REMIND_MIN || '30', 1, 1440, 'a whole number of minutes, 1-1440'),
    transferReturnMin: parseWhole('FOYER_TRANSFER_RETURN_MIN', env.FOYER_TRANSFER_RETURN_MIN || '10', 1, 1440, 'a whole number of minutes, 1-1440'),
    acceptNewSecrets: parseYes('FOYER_ACCEPT_NEW_SECRETS', env.FOYER_ACCEPT_NEW_SECRETS ?? ''),
    digestTime: /^([01]\d|2[0-3]):[0-5]\d$/.test(env.FOYER_DIGEST_TIME || '08:30') ? env.FOYER_DIGEST_TIME || '08:30' : fail('FOYER_DIGEST_TIME', env.FOYER_DIGEST_TIME ?? '', 'a time of day HH:MM (24-hour)'),
    ...(tls ? { tls, redirectPort: parseRedirectPort(env.FOYER_HTTP_PORT, port) } : {}),
  };
}
