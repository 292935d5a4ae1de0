// A tiny router: parse, authorise at the door, call the handler, answer in the contract's shapes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { DomainError, errorBody } from '../domain/errors.ts';
import type { Principal, Access } from '../auth.ts';
import { allows } from '../auth.ts';

export const MAX_BODY = 256 * 1024;
const HOSTILE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface Request {
  method: string;
  path: string;
  /** The route's pattern (/api/visits/:id): what logs may show, since a path can hold a secret. */
  route: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  who: Principal | undefined;
  ip: string;
  /** The body as sent, for a route added with { rawBody } (a file upload); the JSON body is then {}. */
  raw?: { data: Buffer; type: string };
  /** The request's headers (e.g. If-None-Match for a cached image). */
  headers?: IncomingMessage['headers'];
}

/** raw.filename makes the answer a download (content-disposition: attachment); keep it free of personal data. */
/** raw.headers are added to (or replace) the answer's, e.g. an ETag and a cache-control that allows revalidation. */
export interface Reply { status?: number; body?: unknown; raw?: { type: string; data: Buffer; filename?: string; headers?: Record<string, string> } }
export type Handler = (req: Request) => Promise<Reply> | Reply;
interface Route { method: string; pattern: string; parts: string[]; access: Access; handler: Handler; rawBody?: number }
/** rawBody: the route takes any content type, up to this many bytes, as req.raw. */
export interface RouteOptions { rawBody?: number }
export interface RouteInfo { method: string; pattern: string; access: Access }

/** trustProxy: hops of reverse proxies whose X-Forwarded-For is believed (config.trustProxy; 0 = none). */
export function createRouter(authenticate: (header: string | undefined) => Promise<Principal | undefined>, { trustProxy = 0 } = {}) {
  const routes: Route[] = [];
  const add = (method: string, pattern: string, access: Access, handler: Handler, options: RouteOptions = {}) => {
    routes.push({ method, pattern, parts: pattern.split('/').filter(Boolean), access, handler, rawBody: options.rawBody });
  };
  /** Every route, for the API reference check. */
  const list = (): RouteInfo[] => routes.map(({ method, pattern, access }) => ({ method, pattern, access }));
  /** The pattern a request matches, or undefined; never throws. */
  const patternOf = (method: string, url: string): string | undefined => {
    const found = match(routes, method === 'HEAD' ? 'GET' : method, new URL(url, 'http://x').pathname);
    return found ? found.route.pattern : undefined;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    // HEAD is GET without the body (node's response drops the body of a HEAD by itself).
    const method = req.method === 'HEAD' ? 'GET' : req.method ?? 'GET';
    const found = match(routes, method, url.pathname);
    if (!found) throw new DomainError(found === null ? 'method-not-allowed' : 'not-found', 'No such endpoint', 404);
    const who = await authenticate(req.headers.authorization);
    const denial = allows(found.route.access, who);
    if (denial) throw denial;
    const takesBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
    const raw = takesBody && found.route.rawBody ? { data: await readBody(req, found.route.rawBody), type: req.headers['content-type'] ?? '' } : undefined;
    const body = takesBody && !raw ? await readJson(req) : {};
    const reply = await found.route.handler({
      method, path: url.pathname, route: found.route.pattern, params: found.params, query: url.searchParams,
      body, who, ip: clientAddress(req, trustProxy), ...(raw ? { raw } : {}), headers: req.headers,
    });
    if (reply.raw) {
      const download = reply.raw.filename ? { 'content-disposition': `attachment; filename="${reply.raw.filename}"` } : {};
      res.writeHead(reply.status ?? 200, { 'content-type': reply.raw.type, 'cache-control': 'no-store', 'content-length': reply.raw.data.length, ...download, ...reply.raw.headers });
      res.end(reply.raw.data);
    } else send(res, reply.status ?? 200, reply.body ?? {});
  }
  return { add, handle, list, patternOf };
}

/**
 * The caller's address for rate limits. Behind N trusted proxies it is the N-th X-Forwarded-For entry from the right
 * (the last N were added by our proxies; anything left of them the client may have written). Without trusted proxies
 * the header is ignored, so rotating it cannot escape a per-address limit.
 */
export function clientAddress(req: IncomingMessage, trustProxy: number): string {
  const socketAddress = req.socket.remoteAddress ?? '';
  if (trustProxy < 1) return socketAddress;
  const header = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  const entry = entries[entries.length - trustProxy];
  return entry && isIP(entry) ? entry : socketAddress;
}

/** undefined = no path matched; null = the path exists for another method. */
function match(routes: Route[], method: string, pathname: string) {
  const parts = pathname.split('/').filter(Boolean).map(safeDecode);
  let pathSeen = false;
  for (const route of routes) {
    if (route.parts.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = route.parts.every((p, i) => (p.startsWith(':') ? ((params[p.slice(1)] = parts[i]), true) : p === parts[i]));
    if (!ok) continue;
    if (route.method === method) return { route, params };
    pathSeen = true;
  }
  return pathSeen ? null : undefined;
}

function safeDecode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

export function send(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  // The length lets a HEAD answer say how big the GET would be, and keeps the connection alive.
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(data) });
  res.end(data);
}

export function sendError(res: ServerResponse, err: unknown): number {
  // Anything but a DomainError is our bug: the client gets no detail, the log gets the stack.
  if (!(err instanceof DomainError)) {
    send(res, 500, { error: { code: 'internal', message: 'Something went wrong on the server' } });
    return 500;
  }
  send(res, err.status, { error: errorBody(err) });
  return err.status;
}

/** The raw body up to MAX_BODY. A client that goes away before sending it all is a 400 (its own doing), never a 500. */
function readBody(req: IncomingMessage, max = MAX_BODY): Promise<Buffer> {
  if (Number(req.headers['content-length']) > max) return Promise.reject(tooLarge(max)); // refused before a byte is read
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) reject(tooLarge(max)); // the rest still drains, so the 413 reaches the client
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    const gone = () => reject(new DomainError('body-incomplete', 'The connection closed before the whole body arrived', 400));
    req.on('error', gone);
    req.on('close', () => { if (!req.complete) gone(); });
  });
}

const tooLarge = (max: number) => new DomainError('body-too-large', `The body is larger than ${max / 1024} kB`, 413);

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  const text = (await readBody(req)).toString('utf8');
  if (text.trim() === '') return {};
  if (type && !/^application\/json\b/i.test(type)) {
    throw new DomainError('unsupported-content-type', 'Send the body as application/json', 400);
  }
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v) => {
      if (HOSTILE_KEYS.has(key)) throw new DomainError('invalid-input', `The key "${key}" is not allowed`, 400, key);
      return v;
    });
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw new DomainError('invalid-json', 'The body is not valid JSON', 400);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DomainError('invalid-body', 'The body must be a JSON object', 400);
  }
  return value as Record<string, unknown>;
}

export type Router = ReturnType<typeof createRouter>;
