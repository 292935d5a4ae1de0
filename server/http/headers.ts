// Security headers on every answer: pages, assets, the API, and Socket.IO's own.
import type { ServerResponse } from 'node:http';

// Everything the pages load comes from the site itself; the browser test of every page (test/browser/csp.test.ts) proves it
// suffices. No inline script or style and no eval. 'self' covers the site's own ws:// for Socket.IO in current browsers.
const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // The lobby reads QR codes with the camera; nothing else needs a device, and no other origin gets one.
  'permissions-policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Sets them before the answer's own headers are written (writeHead keeps what setHeader set). */
export function secure(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}
