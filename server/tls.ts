// HTTPS on the LAN: the certificate the site serves (the admin's files, or one Foyer makes for the site on first start
// and keeps in the data directory), its SHA-256 fingerprint, and the plain-HTTP listener that only redirects.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { X509Certificate, createPrivateKey, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { generate } from 'selfsigned';
import { ConfigError, type Config } from './config.ts';
import { secure } from './http/headers.ts';

export interface TlsMaterial {
  /** PEM: the served certificate (and any chain after it). */
  cert: string;
  /** PEM private key. */
  key: string;
  /** The served certificate, DER, for download. */
  der: Buffer;
  /** SHA-256 of the DER, AA:BB:… (upper case, as browsers and Windows show it). */
  fingerprint: string;
  /** DNS names and IP addresses it covers. */
  names: string[];
  validTo: Date;
  kind: 'files' | 'self-signed';
  /** Where the certificate is kept. */
  certFile: string;
}

/** How long a certificate Foyer makes is valid: Apple devices refuse server certificates valid for more than 825 days. */
export const SELF_SIGNED_DAYS = 825;
const DAY = 86_400_000;

const errorText = (e: unknown) => ((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : 'cannot be read');

function readNamed(name: string, file: string, expected: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${name}=${JSON.stringify(file)} is not valid: expected ${expected} (${errorText(e)})`);
  }
}

/** Parses and checks a certificate and its key; `names` say which variable (or file) to blame. */
function material(certPem: string, keyPem: string, kind: TlsMaterial['kind'], certFile: string, names: { cert: string; key: string }): TlsMaterial {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(certPem);
  } catch {
    throw new ConfigError(`${names.cert} is not valid: expected a PEM certificate (-----BEGIN CERTIFICATE-----)`);
  }
  let key;
  try {
    key = createPrivateKey(keyPem);
  } catch {
    // Never the key's text: it is a secret.
    throw new ConfigError(`${names.key} is not valid: expected an unencrypted PEM private key`);
  }
  if (!x509.checkPrivateKey(key)) throw new ConfigError(`${names.key} is not valid: the key does not match the certificate in ${names.cert}`);
  return {
    cert: certPem, key: keyPem, der: x509.raw, fingerprint: x509.fingerprint256, names: altNames(x509), validTo: new Date(x509.validTo), kind, certFile,
  };
}

function altNames(x509: X509Certificate): string[] {
  return (x509.subjectAltName ?? '').split(',').map((s) => s.trim().replace(/^(DNS|IP Address):/, '').replace(/^0:0:0:0:0:0:0:1$/, '::1')).filter(Boolean);
}

/** localhost, 127.0.0.1, ::1, the machine's host name and its LAN IPv4 addresses. */
export function siteNames(): { dns: string[]; ips: string[] } {
  const host = os.hostname().toLowerCase();
  const dns = ['localhost', ...(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host) && host !== 'localhost' ? [host] : [])];
  const lan = Object.values(os.networkInterfaces()).flat().filter((a) => a && a.family === 'IPv4' && !a.internal).map((a) => a!.address);
  return { dns: [...new Set(dns)], ips: [...new Set(['127.0.0.1', ...lan])].concat('::1') };
}

async function makeSelfSigned(): Promise<{ cert: string; key: string }> {
  const { dns, ips } = siteNames();
  const from = Date.now() - 5 * 60_000; // a tablet whose clock is a little behind still accepts it
  const pems = await generate([{ name: 'commonName', value: `Foyer ${dns[1] ?? 'localhost'}`.slice(0, 64) }, { name: 'organizationName', value: 'Foyer' }], {
    keyType: 'ec', curve: 'P-256', algorithm: 'sha256',
    notBeforeDate: new Date(from),
    notAfterDate: new Date(from + SELF_SIGNED_DAYS * DAY),
    extensions: [
      // Its own authority, so that an iPad offers "full trust" for it and Android installs it as a CA certificate.
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...dns.map((value) => ({ type: 2, value })), ...ips.map((ip) => ({ type: 7, ip }))] },
    ],
  } as Parameters<typeof generate>[1]);
  return { cert: pems.cert, key: pems.private };
}

/** Writes a file whole (temp + rename), 0600. */
function writePrivate(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}

/** The folder of the certificate Foyer makes: in the data directory (on PostgreSQL too: each server keeps its own). */
export const tlsDirOf = (dataDir: string) => path.join(dataDir, 'tls');

async function selfSigned(dataDir: string, log: (line: string) => void): Promise<TlsMaterial> {
  const dir = tlsDirOf(dataDir);
  const certFile = path.join(dir, 'foyer.crt'), keyFile = path.join(dir, 'foyer.key');
  const has = (f: string) => fs.existsSync(f);
  if (has(certFile) !== has(keyFile)) {
    // Half a pair is never replaced silently: devices may trust the certificate.
    throw new Error(`tls: ${has(certFile) ? keyFile : certFile} is missing (its pair ${has(certFile) ? certFile : keyFile} is there): restore it, or remove ${dir} to make a new certificate (every device must then trust the new one)`);
  }
  if (has(certFile)) {
    const found = material(fs.readFileSync(certFile, 'utf8'), fs.readFileSync(keyFile, 'utf8'), 'self-signed', certFile, { cert: certFile, key: keyFile });
    if (found.validTo.getTime() > Date.now()) return found;
    log(`tls: the certificate in ${certFile} expired on ${found.validTo.toISOString().slice(0, 10)}: making a new one (every device must trust the new one)`);
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const made = await makeSelfSigned();
  writePrivate(keyFile, made.key);
  writePrivate(certFile, made.cert);
  log(`tls: made a certificate for this site in ${certFile}`);
  return material(made.cert, made.key, 'self-signed', certFile, { cert: certFile, key: keyFile });
}

/** The certificate to serve, or undefined for plain HTTP. A file that is missing, unreadable or does not match stops start-up naming its variable. */
export async function loadTls(config: Pick<Config, 'tls' | 'dataDir'>, log: (line: string) => void = () => {}): Promise<TlsMaterial | undefined> {
  const tls = config.tls;
  if (!tls) return undefined;
  const found = tls.kind === 'files'
    ? material(readNamed('FOYER_TLS_CERT', tls.certFile, 'a readable PEM certificate file'), readNamed('FOYER_TLS_KEY', tls.keyFile, 'a readable PEM private key file'),
      'files', tls.certFile, { cert: `FOYER_TLS_CERT=${JSON.stringify(tls.certFile)}`, key: `FOYER_TLS_KEY=${JSON.stringify(tls.keyFile)}` })
    : await selfSigned(config.dataDir, log);
  const left = found.validTo.getTime() - Date.now();
  if (left <= 0) log(`tls: warning: the certificate in ${found.certFile} expired on ${found.validTo.toISOString().slice(0, 10)}: browsers will refuse it`);
  else if (left < 30 * DAY) log(`tls: warning: the certificate in ${found.certFile} expires on ${found.validTo.toISOString().slice(0, 10)}`);
  if (found.kind === 'self-signed') {
    const missing = siteNames().ips.filter((ip) => ip.includes('.') && !found.names.includes(ip)); // Node writes IPv6 names its own way
    if (missing.length) log(`tls: warning: the certificate does not cover ${missing.join(', ')} (the machine's addresses changed): remove ${path.dirname(found.certFile)} to make a new one`);
  }
  return found;
}

/** https://host[:port] as a browser would write it. */
export function originOf(scheme: 'http' | 'https', host: string, port: number): string {
  const name = isIP(host) === 6 ? `[${host}]` : host;
  const standard = (scheme === 'https' && port === 443) || (scheme === 'http' && port === 80);
  return `${scheme}://${name}${standard ? '' : `:${port}`}`;
}

/**
 * The plain-HTTP listener of an HTTPS site: every request, whatever its path (the API and Socket.IO included), is
 * answered with a redirect to the same path over HTTPS on the same host name, and nothing else. 301 for GET and HEAD,
 * 308 for the rest (the method and body are kept). No HSTS: a self-signed site must stay reachable when a device
 * does not trust its certificate yet.
 */
export function createRedirect(httpsPort: () => number): http.Server {
  return http.createServer((req, res) => {
    secure(res);
    req.resume();
    let hostname: string | undefined;
    try {
      const h = new URL(`http://${req.headers.host ?? ''}`).hostname;
      hostname = h && !/[^\w.\-[\]:]/.test(h) ? h.replace(/^\[|\]$/g, '') : undefined;
    } catch { /* answered below */ }
    if (!hostname) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('Open this site over https.\n');
      return;
    }
    const asked = new URL(req.url ?? '/', 'http://x');
    const location = `${originOf('https', hostname, httpsPort())}${asked.pathname}${asked.search}`;
    res.writeHead(req.method === 'GET' || req.method === 'HEAD' ? 301 : 308, { location, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`Moved to ${location}\n`);
  });
}
