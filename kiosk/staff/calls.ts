// The staff pages' calls to the server, with the token of the person signed in.
import type {
  Appointment, Host, HostSummary, InviteSummary, Kiosk, LogEvent, PrintJobView, RegisterVisitBody, Role, User, Visit, WatchlistEntry,
} from '../../server/protocol.ts';
import { forgetToken, keepToken, readToken, request, RequestError, type Caller } from '../api.ts';

export const STAFF: Caller = { tokenKey: 'foyer.staffToken', onTokenGone: () => location.assign('/login/?expired=1'), probe: '/api/me' };

const call = <T>(method: string, path: string, body?: unknown, signal?: AbortSignal) => request<T>(STAFF, method, path, body, { signal });

export const isSignedIn = () => readToken(STAFF) !== null;

/** Fetches an export (CSV, Excel) and saves it under the server's file name (content-disposition), else fallback.
 *  A refusal is thrown as the server's error (code, message, field), as request() does. */
export async function downloadExport(path: string, fallback: string): Promise<void> {
  const token = readToken(STAFF);
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} })
    .catch((error) => { throw new RequestError(0, 'network', String(error)); });
  if (!response.ok) {
    const error = ((await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string; field?: string } }).error;
    throw new RequestError(response.status, error?.code ?? 'export', error?.message ?? 'The export failed', error?.field);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallback;
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(await response.blob()), download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** The token is gone or expired: back to sign-in, which says the session ended and sends each role to its page. */
export function toLogin(): void {
  forgetToken(STAFF);
  STAFF.onTokenGone();
}

/** Not signed in at all: to sign-in, with nothing to explain. */
export function toSignIn(): void {
  location.assign('/login/');
}

/** Ends this session on the server (its sockets close), forgets the token, and goes to sign-in. */
export async function signOut(): Promise<void> {
  const token = readToken(STAFF);
  if (token) await fetch('/api/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(() => {});
  forgetToken(STAFF);
  location.assign('/login/');
}

/** Every session of mine ends on the server; this page goes on with the new token it answers with. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<User> {
  const { token, user } = await call<{ token: string; user: User }>('POST', '/api/me/password', { currentPassword, newPassword });
  keepToken(STAFF, token);
  return user;
}

/** Where a signed-in person works. */
export const homeOf = (role: Role) => (role === 'admin' ? '/admin/' : role === 'host' ? '/host/' : '/desk/');

async function signIn(path: string, body: unknown): Promise<User> {
  const { token, user } = await request<{ token: string; user: User }>(STAFF, 'POST', path, body, { signedIn: false });
  keepToken(STAFF, token);
  return user;
}
export const setupLinkWorks = async (setupToken: string) =>
  (await request<{ valid: boolean }>(STAFF, 'POST', '/api/setup/check', { setupToken }, { signedIn: false })).valid;
export const setup = (body: { setupToken: string; username: string; password: string; name: string }) => signIn('/api/setup', body);
export const login = (username: string, password: string) => signIn('/api/login', { username, password });
export const me = async () => (await call<{ user: User }>('GET', '/api/me')).user;

export const searchHosts = async (q: string, signal?: AbortSignal) =>
  (await call<{ hosts: HostSummary[] }>('GET', `/api/hosts?q=${encodeURIComponent(q)}`, undefined, signal)).hosts;

export interface NewHost { name: string; department: string; email?: string; phone?: string; delegateId?: string }
export const addHost = async (body: NewHost) => (await call<{ host: Host }>('POST', '/api/hosts', body)).host;

/** A channel as the admin form holds it: an empty secret keeps the one the server has (secretSet). */
export interface ChannelDraft { kind: 'email' | 'wecom' | 'dingtalk' | 'feishu' | 'slack' | 'webhook'; target: string; secret: string; secretSet?: boolean }
export interface ChannelTest { kind: ChannelDraft['kind']; target: string; ok: boolean; error?: string }
const hostPath = (id: string, rest = '') => `/api/hosts/${encodeURIComponent(id)}${rest}`;
export const getHost = async (id: string) => (await call<{ host: Host }>('GET', hostPath(id))).host;
export const saveChannels = async (id: string, channels: ChannelDraft[]) => (await call<{ host: Host }>('PATCH', hostPath(id), {
  channels: channels.map(({ kind, target, secret }) => ({ kind, target: target.trim(), ...(secret ? { secret } : {}) })),
})).host;
export const testChannels = async (id: string) => (await call<{ results: ChannelTest[] }>('POST', hostPath(id, '/test-message'))).results;

export interface NewUser { username: string; password: string; name: string; role: Role; hostId?: string }
export const addUser = async (body: NewUser) => (await call<{ user: User }>('POST', '/api/users', body)).user;
export const listUsers = async () => (await call<{ users: User[] }>('GET', '/api/users')).users;
const userPath = (id: string, action: string) => `/api/users/${encodeURIComponent(id)}/${action}`;
export const disableUser = async (id: string) => (await call<{ user: User }>('POST', userPath(id, 'disable'))).user;
export const enableUser = async (id: string) => (await call<{ user: User }>('POST', userPath(id, 'enable'))).user;
export const resetPassword = async (id: string, password: string) => (await call<{ user: User }>('POST', userPath(id, 'password'), { password })).user;

export interface Pairing { kiosk: Kiosk; pairingCode: string; expiresAt?: string }
export const addKiosk = (body: { name: string; location?: string }) => call<Pairing>('POST', '/api/kiosks', body);
export const newPairing = (kioskId: string) => call<Pairing>('POST', `/api/kiosks/${encodeURIComponent(kioskId)}/pairing`);
export const listKiosks = async () => (await call<{ kiosks: Kiosk[] }>('GET', '/api/kiosks')).kiosks;
export const revokeKiosk = async (id: string) => (await call<{ kiosk: Kiosk }>('POST', `/api/kiosks/${encodeURIComponent(id)}/revoke`)).kiosk;
export const removeKiosk = (id: string) => call<unknown>('DELETE', `/api/kiosks/${encodeURIComponent(id)}`);

/** Open visits; a host gets only the visits they may decide. With `day`, that day's visits. */
export const listVisits = async (day?: string) => (await call<{ visits: Visit[] }>('GET', `/api/visits${day ? `?day=${day}` : ''}`)).visits;
export const listOnsite = async () => (await call<{ visits: Visit[] }>('GET', '/api/onsite')).visits;

/** Reception registers a visitor at the desk; the same requestId again answers with the visit already registered. */
export const registerVisit = async (body: RegisterVisitBody) => (await call<{ visit: Visit }>('POST', '/api/visits', body)).visit;
export const readInvite = async (code: string) => (await call<{ invite: InviteSummary }>('GET', `/api/invites/${encodeURIComponent(code)}`)).invite;

export const decideVisit = async (id: string, decision: 'approve' | 'deny', message?: string) =>
  (await call<{ visit: Visit }>('POST', `/api/visits/${encodeURIComponent(id)}/decision`, { decision, ...(message ? { message } : {}) })).visit;
export const reprintBadge = async (id: string) => (await call<{ job: PrintJobView }>('POST', `/api/visits/${encodeURIComponent(id)}/badge`)).job;
/** Reception or security checks a visitor out by hand (they left without scanning), with an optional reason. */
export const checkOutVisit = async (id: string, reason?: string) =>
  (await call<{ visit: Visit }>('POST', `/api/visits/${encodeURIComponent(id)}/checkout`, reason ? { reason } : {})).visit;
/** `count` visitors on the printed list; `people` counts their companions too (older servers leave it out). */
export const printMuster = () => call<{ job: PrintJobView; count: number; people?: number }>('POST', '/api/muster');

export type Chain = { ok: true; count: number } | { ok: false; at: number; seq: number; reason: string };
/** Events, display names of their actors (`user:…`, `kiosk:…` → "张伟 (host)"), and whether the hash chain holds. */
export interface Log { events: LogEvent[]; actors: Record<string, string>; chain: Chain }
export const readLog = (from: string) => call<Log>('GET', `/api/log?from=${encodeURIComponent(from)}`);

export interface LogHead { seq: number; at: string; hash: string }
/** A head written down earlier, looked up again: still there (`found`) with the same hash (`matches`)? */
export interface Anchor { seq: number; hash: string; found: boolean; matches: boolean }
export interface LogCheck { chain: Chain; head: LogHead | null; anchor?: Anchor }
/** The whole chain checked, and its last entry: the head security writes down elsewhere. */
export const readLogHead = () => call<LogCheck>('GET', '/api/log/verify');
/** The same, and whether entry `seq` still has `hash` (the whole hash or its first 16 hex characters). */
export const checkAnchor = (seq: number, hash: string) => call<LogCheck>('GET', `/api/log/verify?seq=${seq}&hash=${encodeURIComponent(hash)}`);

export interface NewWatch { idType?: string; idNumber?: string; name?: string; phone?: string; reason: string }
export const addWatch = async (body: NewWatch) => (await call<{ entry: WatchlistEntry }>('POST', '/api/watchlist', body)).entry;

export interface NewInvite { visitor: { name: string; phone?: string; company?: string; email?: string }; start: string; end: string; purpose: string }
/** mail: 'sending' when the invitation is being e-mailed to the visitor, 'off' when the site sends no e-mail. */
export const invite = (body: NewInvite) => call<{ appointment: Appointment; mail?: 'sending' | 'off' }>('POST', '/api/appointments', body);
