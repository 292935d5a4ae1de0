// The only module that talks to the server: HTTP for commands, Socket.IO for live status.
import { io, type Socket } from 'socket.io-client';
import type {
  ApiError, ClientToServer, HostSummary, InviteSummary, Kiosk, Movement, RegisterVisitBody,
  ServerToClient, Visit,
} from '../server/protocol.ts';

const TOKEN_KEY = 'foyer.kiosk.token';
const REQUEST_TIMEOUT_MS = 15_000;

/** A failed call: `status` 0 and code `network` when the server could not be reached. */
export class RequestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

let onUnauthorized = () => {};
/** Called when the server no longer knows this device's token (the kiosk was unpaired). */
export function whenUnpaired(handler: () => void) {
  onUnauthorized = handler;
}

export const readToken = () => localStorage.getItem(TOKEN_KEY);
export const forgetToken = () => localStorage.removeItem(TOKEN_KEY);

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = {};
  const token = readToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  // A server that accepted the connection but never answers must not hold a visitor (or the next one) forever.
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new RequestError(0, 'network', String(error));
  }
  const data = await response.json().catch(() => ({}));
  if (response.ok) return data as T;
  const error = (data as Partial<ApiError>).error;
  if (response.status === 401 && token) onUnauthorized();
  throw new RequestError(response.status, error?.code ?? `http-${response.status}`, error?.message ?? response.statusText, error?.field);
}

export async function pair(pairingCode: string): Promise<Kiosk> {
  const { token, kiosk } = await request<{ token: string; kiosk: Kiosk }>('POST', '/api/kiosks/pair', { pairingCode });
  localStorage.setItem(TOKEN_KEY, token);
  return kiosk;
}

export async function searchHosts(q: string, signal?: AbortSignal): Promise<HostSummary[]> {
  const { hosts } = await request<{ hosts: HostSummary[] }>('GET', `/api/hosts?q=${encodeURIComponent(q)}`, undefined, signal);
  return hosts;
}

export async function readInvite(code: string): Promise<InviteSummary> {
  const { invite } = await request<{ invite: InviteSummary }>('GET', `/api/invites/${encodeURIComponent(code)}`);
  return invite;
}

export async function registerVisit(body: RegisterVisitBody): Promise<Visit> {
  const { visit } = await request<{ visit: Visit }>('POST', '/api/visits', body);
  return visit;
}

export async function readVisit(id: string): Promise<Visit> {
  const { visit } = await request<{ visit: Visit }>('GET', `/api/visits/${encodeURIComponent(id)}`);
  return visit;
}

export function checkOut(code: string): Promise<{ visit: Visit; movement: Movement }> {
  return request('POST', '/api/scan', { code, direction: 'out' });
}

export interface LiveHandlers {
  onVisit: (visit: Visit) => void;
  onConnected: (connected: boolean) => void;
}

/** Live visit updates for this kiosk; reconnects by itself until closed. */
export function connectLive({ onVisit, onConnected }: LiveHandlers): () => void {
  const socket: Socket<ServerToClient, ClientToServer> = io({
    auth: (cb) => cb({ token: readToken() }),
    transports: ['websocket'], // no long-polling: the lobby is on the LAN, and the server's static handler also answers /socket.io/ polls
    reconnectionDelay: 500,
    reconnectionDelayMax: 2000,
  });
  let retry: ReturnType<typeof setTimeout> | undefined;
  socket.on('connect', () => onConnected(true));
  socket.on('disconnect', (reason) => {
    onConnected(false);
    // A server shutting down closes its sockets itself, and socket.io then leaves reconnecting to us.
    if (reason === 'io server disconnect') retry = setTimeout(() => socket.connect(), 1000);
  });
  socket.on('visit:updated', ({ visit }) => onVisit(visit));
  socket.on('connect_error', () => {
    onConnected(false);
    if (socket.active) return; // a transport error: socket.io retries by itself
    // Refused by the server: find out over HTTP whether the token is gone (→ pairing) or the server was busy.
    request('GET', '/api/hosts?q=').catch(() => {});
    retry = setTimeout(() => socket.connect(), 2000);
  });
  return () => {
    clearTimeout(retry);
    socket.close();
  };
}
