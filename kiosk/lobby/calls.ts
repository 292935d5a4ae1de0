// The lobby kiosk's calls to the server, with the device token it was given when paired.
import { io } from 'socket.io-client';
import type { HostSummary, InviteSummary, Kiosk, Movement, PublicSettings, RegisterVisitBody, SiteInfo, Visit } from '../../server/protocol.ts';
import { keepToken, openSocket, readToken, request, type Caller } from '../api.ts';

let onUnpaired = () => {};
const KIOSK: Caller = {
  tokenKey: 'foyer.kiosk.token',
  onTokenGone: () => onUnpaired(),
  probe: '/api/hosts?q=',
  timeoutMs: 15_000, // a server that accepted the connection but never answers must not hold a visitor (or the next one) forever
};

const SITE_KEY = 'foyer.kiosk.site';

/** The site's rules as last heard from the server, kept so that an offline kiosk still shows them; null before any answer. */
export function lastSite(): SiteInfo | null {
  try {
    const site = JSON.parse(localStorage.getItem(SITE_KEY) ?? 'null') as SiteInfo | null;
    return site && Number.isInteger(site.retentionDays) ? site : null;
  } catch {
    return null; // a damaged copy is as good as none: the next answer replaces it
  }
}

/** The site's rules from the server (retention for the privacy notice), kept for when it cannot be reached. */
export async function readSite(): Promise<SiteInfo> {
  const { site, now } = await request<{ site: SiteInfo; now?: string }>(KIOSK, 'GET', '/api/site', undefined, { signedIn: false });
  heardServerTime(now, true); // reception hours are the server's, by its clock
  keepSite(site);
  return site;
}

const settingsHeard = new Set<(settings: PublicSettings) => void>();
/** Calls back with the site's public settings each time they are heard (an answer, or an admin's change, live). */
export function onSiteSettings(listener: (settings: PublicSettings) => void): () => void {
  settingsHeard.add(listener);
  return () => settingsHeard.delete(listener);
}
function keepSite(site: SiteInfo): void {
  localStorage.setItem(SITE_KEY, JSON.stringify(site));
  if (site.settings) settingsHeard.forEach((listener) => listener(site.settings));
}

/** Called when the server no longer knows this device's token (the kiosk was paired again elsewhere). */
export function whenUnpaired(handler: () => void) {
  onUnpaired = handler;
}

export const isPaired = () => readToken(KIOSK) !== null;

export async function pair(pairingCode: string): Promise<Kiosk> {
  const { token, kiosk } = await request<{ token: string; kiosk: Kiosk }>(KIOSK, 'POST', '/api/kiosks/pair', { pairingCode });
  keepToken(KIOSK, token);
  return kiosk;
}

/** The silent alarm (突发事件: security is told at once, with this kiosk's name); nothing on the screen says so. */
export async function raisePanic(): Promise<void> {
  await request(KIOSK, 'POST', '/api/panic', { where: '自助终端 Kiosk' });
}

export async function searchHosts(q: string, signal?: AbortSignal): Promise<HostSummary[]> {
  return (await request<{ hosts: HostSummary[] }>(KIOSK, 'GET', `/api/hosts?q=${encodeURIComponent(q)}`, undefined, { signal })).hosts;
}

export async function readInvite(code: string): Promise<InviteSummary> {
  return (await request<{ invite: InviteSummary }>(KIOSK, 'GET', `/api/invites/${encodeURIComponent(code)}`)).invite;
}

export async function registerVisit(body: RegisterVisitBody): Promise<Visit> {
  return (await request<{ visit: Visit }>(KIOSK, 'POST', '/api/visits', body)).visit;
}

export async function readVisit(id: string): Promise<Visit> {
  const { visit, now } = await request<{ visit: Visit; now?: string }>(KIOSK, 'GET', `/api/visits/${encodeURIComponent(id)}`);
  heardServerTime(now, true);
  return visit;
}

// The server's clock as this kiosk reckons it, for the host's countdown: a tablet's own clock may be minutes off.
let offsetMs: number | undefined;
export const serverNow = () => Date.now() + (offsetMs ?? 0);

/** An answer's `now` is fresh; a live event's may be a replay after a break, so one that looks late is ignored. */
function heardServerTime(now: string | undefined, fresh: boolean): void {
  const offset = Date.parse(now ?? '') - Date.now();
  if (!Number.isFinite(offset)) return;
  if (fresh || offsetMs === undefined || offset > offsetMs - 2_000) offsetMs = offset;
}

export function checkOut(code: string): Promise<{ visit: Visit; movement: Movement }> {
  return request(KIOSK, 'POST', '/api/scan', { code, direction: 'out' });
}

/** Live updates of this kiosk's visits; returns the function that closes the socket. */
export function connectLive({ onVisit, onConnected }: { onVisit: (visit: Visit) => void; onConnected: (connected: boolean) => void }): () => void {
  const { socket, close } = openSocket(io, KIOSK, onConnected);
  socket.on('visit:updated', ({ visit, now }) => { heardServerTime(now, false); onVisit(visit); });
  socket.on('settings:updated', ({ settings }) => { const site = lastSite(); if (site) keepSite({ ...site, settings }); else readSite().catch(() => {}); });
  return close;
}
