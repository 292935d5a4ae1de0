// The staff pages' calls to the server: the same fetch style as kiosk/api.ts, with the staff token.
import type {
  ApiError, Appointment, Host, HostSummary, Kiosk, LogEvent, PrintJobView, Role, User, Visit, WatchlistEntry,
} from '../../server/protocol.ts';

const TOKEN_KEY = 'foyer.staffToken';

/** A failed call: `status` 0 and code `network` when the server could not be reached. */
export class StaffError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

export const readToken = () => localStorage.getItem(TOKEN_KEY);

function keep(token: string, user: User): User {
  localStorage.setItem(TOKEN_KEY, token);
  return user;
}

export function signOut(): void {
  localStorage.removeItem(TOKEN_KEY);
  location.assign('/login/');
}

/** Where a signed-in person works. */
export const homeOf = (role: Role) => (role === 'admin' ? '/admin/' : role === 'host' ? '/host/' : '/desk/');

/** A 401 means the token is gone or expired: back to sign-in, which sends each role to its page. */
export function toLogin(): void {
  localStorage.removeItem(TOKEN_KEY);
  location.assign('/login/?expired=1');
}

async function request<T>(method: string, path: string, body?: unknown, signedIn = true): Promise<T> {
  const headers: Record<string, string> = {};
  const token = signedIn ? readToken() : null;
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new StaffError(0, 'network', String(error));
  }
  const data = await response.json().catch(() => ({}));
  if (response.ok) return data as T;
  const error = (data as Partial<ApiError>).error;
  if (response.status === 401 && token) toLogin();
  throw new StaffError(response.status, error?.code ?? `http-${response.status}`, error?.message ?? response.statusText, error?.field);
}

export async function setup(body: { setupToken: string; username: string; password: string; name: string }): Promise<User> {
  const { token, user } = await request<{ token: string; user: User }>('POST', '/api/setup', body, false);
  return keep(token, user);
}

export async function login(username: string, password: string): Promise<User> {
  const { token, user } = await request<{ token: string; user: User }>('POST', '/api/login', { username, password }, false);
  return keep(token, user);
}

export async function me(): Promise<User> {
  const { user } = await request<{ user: User }>('GET', '/api/me');
  return user;
}

export async function searchHosts(q: string): Promise<HostSummary[]> {
  return (await request<{ hosts: HostSummary[] }>('GET', `/api/hosts?q=${encodeURIComponent(q)}`)).hosts;
}

export interface NewHost { name: string; department: string; email?: string; phone?: string; delegateId?: string }
export async function addHost(body: NewHost): Promise<Host> {
  return (await request<{ host: Host }>('POST', '/api/hosts', body)).host;
}

export interface NewUser { username: string; password: string; name: string; role: Role; hostId?: string }
export async function addUser(body: NewUser): Promise<User> {
  return (await request<{ user: User }>('POST', '/api/users', body)).user;
}

export async function listUsers(): Promise<User[]> {
  return (await request<{ users: User[] }>('GET', '/api/users')).users;
}

export interface Pairing { kiosk: Kiosk; pairingCode: string; expiresAt?: string }
export const addKiosk = (body: { name: string; location?: string }) => request<Pairing>('POST', '/api/kiosks', body);
export const newPairing = (kioskId: string) => request<Pairing>('POST', `/api/kiosks/${encodeURIComponent(kioskId)}/pairing`);
export async function listKiosks(): Promise<Kiosk[]> {
  return (await request<{ kiosks: Kiosk[] }>('GET', '/api/kiosks')).kiosks;
}

/** Open visits; a host gets only the visits they may decide. With `day`, that day's visits. */
export async function listVisits(day?: string): Promise<Visit[]> {
  return (await request<{ visits: Visit[] }>('GET', `/api/visits${day ? `?day=${day}` : ''}`)).visits;
}

export async function listOnsite(): Promise<Visit[]> {
  return (await request<{ visits: Visit[] }>('GET', '/api/onsite')).visits;
}

export async function decideVisit(id: string, decision: 'approve' | 'deny', message?: string): Promise<Visit> {
  return (await request<{ visit: Visit }>('POST', `/api/visits/${encodeURIComponent(id)}/decision`, { decision, ...(message ? { message } : {}) })).visit;
}

export async function reprintBadge(id: string): Promise<PrintJobView> {
  return (await request<{ job: PrintJobView }>('POST', `/api/visits/${encodeURIComponent(id)}/badge`)).job;
}

export const printMuster = () => request<{ job: PrintJobView; count: number }>('POST', '/api/muster');

export type Chain = { ok: true; count: number } | { ok: false; at: number; seq: number; reason: string };
export const readLog = (from: string) => request<{ events: LogEvent[]; chain: Chain }>('GET', `/api/log?from=${encodeURIComponent(from)}`);

export interface NewWatch { idType?: string; idNumber?: string; name?: string; phone?: string; reason: string }
export async function addWatch(body: NewWatch): Promise<WatchlistEntry> {
  return (await request<{ entry: WatchlistEntry }>('POST', '/api/watchlist', body)).entry;
}

export interface NewInvite { visitor: { name: string; phone?: string; company?: string }; start: string; end: string; purpose: string }
export async function invite(body: NewInvite): Promise<Appointment> {
  return (await request<{ appointment: Appointment }>('POST', '/api/appointments', body)).appointment;
}
