// What every Foyer HTTP answer must carry, checked the same way by the API and the static-file tests.
import * as assert from 'uvu/assert';

/** The Content-Security-Policy as directive → sources. */
export function parseCsp(header: string | null): Map<string, string[]> {
  return new Map((header ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...sources]) => [name, sources]));
}

export function expectSecurityHeaders(headers: Headers, what: string): void {
  const csp = parseCsp(headers.get('content-security-policy'));
  assert.equal(csp.get('default-src'), ["'self'"], `${what}: default-src`);
  assert.equal(csp.get('script-src'), ["'self'"], `${what}: scripts only from the site, none inline, no eval`);
  assert.not.ok([...csp.values()].flat().some((s) => s === "'unsafe-eval'"), `${what}: no unsafe-eval`);
  assert.equal(csp.get('object-src'), ["'none'"], `${what}: object-src`);
  assert.equal(csp.get('base-uri'), ["'none'"], `${what}: base-uri`);
  assert.equal(csp.get('frame-ancestors'), ["'none'"], `${what}: frame-ancestors`);
  assert.equal(csp.get('form-action'), ["'self'"], `${what}: form-action`);
  assert.is(headers.get('x-frame-options'), 'DENY', `${what}: x-frame-options`);
  assert.is(headers.get('x-content-type-options'), 'nosniff', `${what}: x-content-type-options`);
  assert.is(headers.get('referrer-policy'), 'no-referrer', `${what}: referrer-policy`);
  assert.match(headers.get('permissions-policy') ?? '', /(^|, )camera=\(self\)(,|$)/, `${what}: the camera for the site itself only`);
}

/** Every page of the front end. */
export const PAGES = ['/', '/setup/', '/login/', '/admin/', '/host/', '/desk/', '/rollcall/', '/security/', '/reports/', '/matters/'];

/** The scripts, style sheets and preloads a page's HTML names. */
export const assetsOf = (html: string) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);

// Framing and the clock, which HEAD and GET may rightly differ on.
const FRAMING = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** The headers an answer's meaning depends on, for comparing a HEAD with its GET. */
export function headersOf(response: Response): Record<string, string> {
  return Object.fromEntries([...response.headers].filter(([name]) => !FRAMING.has(name)));
}
