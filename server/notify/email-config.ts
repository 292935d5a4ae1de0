// FOYER_SMTP_URL and FOYER_MAIL_FROM → the e-mail channel's options. Errors name the variable and never the password,
// because start-up errors end up in service logs that more people read than the SMTP account's owner.

export interface MailConfig { smtpUrl: string; from: string }

/** What nodemailer needs from the URL; the password decoded (a `%40` in the URL is an `@` in the password). */
export interface SmtpServer { host: string; port?: number; secure: boolean; user?: string; pass?: string }

/** The URL as it may be shown: the password replaced by ***. */
export function hidePassword(value: string): string {
  // Cut at the last @ and the first colon before it, not by URL rules: a mistyped URL (an unencoded @ or /, no scheme)
  // must not show its password either, and hiding too much is harmless.
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0] ?? '';
  const rest = value.slice(scheme.length);
  const at = rest.lastIndexOf('@');
  const colon = rest.indexOf(':');
  if (at < 0 || colon < 0 || colon > at) return value;
  return `${scheme}${rest.slice(0, colon)}:***${rest.slice(at)}`;
}

function invalid(name: string, shown: string, expected: string): Error {
  return new Error(`${name}=${JSON.stringify(shown)} is not valid: expected ${expected}`);
}

export function parseSmtpUrl(value: string, name = 'FOYER_SMTP_URL'): SmtpServer {
  const expected = 'smtp://[user:password@]host[:port] or smtps://… (user and password percent-encoded)';
  let url: URL;
  try { url = new URL(value); } catch { throw invalid(name, hidePassword(value), expected); }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw invalid(name, hidePassword(value), expected);
  // URL parses "smtp://:587" as no host; the brackets of an IPv6 literal are not part of the host name.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw invalid(name, hidePassword(value), `${expected}: the host is missing`);
  let user: string | undefined;
  let pass: string | undefined;
  try {
    user = url.username ? decodeURIComponent(url.username) : undefined;
    pass = url.password ? decodeURIComponent(url.password) : undefined;
  } catch { throw invalid(name, hidePassword(value), `${expected}: bad percent-encoding in the user or password`); }
  if (pass !== undefined && user === undefined) throw invalid(name, hidePassword(value), `${expected}: a password without a user`);
  return { host, port: url.port ? Number(url.port) : undefined, secure: url.protocol === 'smtps:', user, pass };
}

// A bare address or `Display Name <address>`; anything that could smuggle a second header line is refused.
/** An e-mail address as Foyer accepts one anywhere (hosts, channels, the sender): no spaces, brackets or quotes. */
export const MAIL_ADDRESS = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;

export function isMailAddress(value: string): boolean {
  return MAIL_ADDRESS.test(value);
}

export function parseMailFrom(value: string, name = 'FOYER_MAIL_FROM'): string {
  const expected = 'an address, optionally with a display name: "Foyer 前台 <foyer@example.com>"';
  const trimmed = value.trim();
  if (/[\r\n\0]/.test(trimmed)) throw invalid(name, value, expected);
  const named = /^(.*?)\s*<([^<>]+)>$/.exec(trimmed);
  const address = named ? named[2] : trimmed;
  if (!isMailAddress(address)) throw invalid(name, value, expected);
  return trimmed;
}

/** Unset FOYER_SMTP_URL → undefined: the site has no e-mail channel. Half a configuration is an error, not a silent off. */
export function parseMailConfig(env: Record<string, string | undefined>): MailConfig | undefined {
  const smtpUrl = env.FOYER_SMTP_URL?.trim();
  const from = env.FOYER_MAIL_FROM?.trim();
  if (!smtpUrl) {
    if (from) throw new Error('FOYER_MAIL_FROM is set but FOYER_SMTP_URL is not: set both to send e-mail, or neither');
    return undefined;
  }
  parseSmtpUrl(smtpUrl);
  if (!from) throw new Error(`FOYER_MAIL_FROM is not set: e-mail through ${hidePassword(smtpUrl)} needs a sender address`);
  return { smtpUrl, from: parseMailFrom(from) };
}
