// The only module that talks to the server: fetch for commands, Socket.IO for live updates, one error type, and the
// token each caller carries. The calls are small functions per caller (lobby/calls.ts with the kiosk's device token,
// staff/calls.ts and staff/live.ts with a signed-in person's), kept apart so that each page bundles only its own.
import type { io as connect, Socket } from 'socket.io-client';
import type { ApiError, ClientToServer, ServerToClient } from '../server/protocol.ts';

const RETRY_MS = 2000;

/** A failed call: `status` 0 and code `network` when the server could not be reached. */
export class RequestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string, readonly characters?: string[], readonly kind?: string) {
    super(message);
  }
}

/** Who is calling: where its token is kept, and what happens when the server no longer knows it. */
export interface Caller {
  tokenKey: string;
  /** After a 401 on a call that carried the token, which is forgotten by then. */
  onTokenGone: () => void;
  /** A call that answers 401 when the token is gone, to tell that apart from a busy server. */
  probe: string;
  /** The longest wait for an answer, if any. */
  timeoutMs?: number;
}

export const readToken = (caller: Caller) => localStorage.getItem(caller.tokenKey);
export const keepToken = (caller: Caller, token: string) => localStorage.setItem(caller.tokenKey, token);
export const forgetToken = (caller: Caller) => localStorage.removeItem(caller.tokenKey);

export interface RequestOptions { signal?: AbortSignal; signedIn?: boolean }

export async function request<T>(
  caller: Caller, method: string, path: string, body?: unknown, { signal, signedIn = true }: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  const token = signedIn ? readToken(caller) : null;
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const timeout = caller.timeoutMs ? AbortSignal.timeout(caller.timeoutMs) : undefined;
  let response: Response;
  try {
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      signal: signal && timeout ? AbortSignal.any([signal, timeout]) : signal ?? timeout,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new RequestError(0, 'network', String(error));
  }
  const data = await response.json().catch(() => ({}));
  if (response.ok) return data as T;
  const error = (data as Partial<ApiError>).error;
  // Only when the token refused is still the one kept: a page that just got a new one (a password change) goes on.
  if (response.status === 401 && token && readToken(caller) === token) {
    forgetToken(caller);
    caller.onTokenGone();
  }
  throw new RequestError(response.status, error?.code ?? `http-${response.status}`, error?.message ?? response.statusText, error?.field, error?.characters, error?.kind);
}

export type LiveSocket = Socket<ServerToClient, ClientToServer>;

/**
 * A socket with the caller's token that reconnects by itself until closed. socket.io-client's `io` is passed in by the
 * pages that want live updates, so that the others (sign-in, setup, admin) do not load it.
 */
export function openSocket(io: typeof connect, caller: Caller, onConnected: (connected: boolean) => void): { socket: LiveSocket; close: () => void } {
  const socket: LiveSocket = io({
    auth: (cb) => cb({ token: readToken(caller) }),
    transports: ['websocket'], // no long-polling: the server's static handler also answers /socket.io/ polls
    reconnectionDelay: 500,
    reconnectionDelayMax: RETRY_MS,
  });
  let retry: ReturnType<typeof setTimeout> | undefined;
  socket.on('connect', () => onConnected(true));
  socket.on('disconnect', (reason) => {
    onConnected(false);
    // A server shutting down closes its sockets itself, and socket.io then leaves reconnecting to us.
    if (reason === 'io server disconnect') retry = setTimeout(() => socket.connect(), 1000);
  });
  socket.on('connect_error', () => {
    onConnected(false);
    if (socket.active) return; // a transport error: socket.io retries by itself
    // Refused by the server: find out over HTTP whether the token is gone (its 401 says so) or the server was busy.
    request(caller, 'GET', caller.probe).catch(() => {});
    retry = setTimeout(() => socket.connect(), RETRY_MS);
  });
  return { socket, close: () => { clearTimeout(retry); socket.close(); } };
}
