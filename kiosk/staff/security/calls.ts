// The security page's calls (see server/API.md: alerts, visit history, watchlist).
import type { Alert, Visit, WatchlistEntry } from '../../../server/protocol.ts';
import { request } from '../../api.ts';
import { STAFF } from '../calls.ts';

export type KeptAlert = Alert & { id: string };
export type ListedEntry = Omit<WatchlistEntry, 'idHash'> & { expired: boolean };
export interface HistoryFilter {
  from: string; to: string; q: string; hostId: string; status: string; company: string; department: string; kiosk: string; event: string;
}
/** Who did it, by name: the server's `actors` ({"user:u-…": "name (role)"}). */
export type Actors = Record<string, string>;
export interface FilterChoices { departments: string[]; kiosks: Array<{ id: string; name: string }>; events: string[] }

export const listAlerts = (open: boolean) => request<{ alerts: KeptAlert[]; actors?: Actors }>(STAFF, 'GET', `/api/alerts${open ? '?open=1' : ''}`);
export const ackAlert = async (id: string) => (await request<{ alert: KeptAlert }>(STAFF, 'POST', `/api/alerts/${encodeURIComponent(id)}/ack`)).alert;

/** The filter as a query string: empty fields left out. */
export const historyQuery = (f: HistoryFilter, cursor?: string) =>
  new URLSearchParams(Object.entries({ ...f, ...(cursor ? { cursor } : {}) }).filter(([, v]) => v)).toString();

export const visitHistory = (f: HistoryFilter, cursor?: string) =>
  request<{ visits: Visit[]; next?: string }>(STAFF, 'GET', `/api/visits?${historyQuery(f, cursor)}`);

export const visitFilters = () => request<FilterChoices>(STAFF, 'GET', '/api/visit-filters');

export const listWatchlist = (q: string) =>
  request<{ entries: ListedEntry[]; actors?: Actors }>(STAFF, 'GET', `/api/watchlist${q ? `?q=${encodeURIComponent(q)}` : ''}`);
export const changeEntry = async (id: string, change: Record<string, string | null>) =>
  (await request<{ entry: ListedEntry }>(STAFF, 'PATCH', `/api/watchlist/${encodeURIComponent(id)}`, change)).entry;
export const removeEntry = (id: string) => request<{ removed: string }>(STAFF, 'DELETE', `/api/watchlist/${encodeURIComponent(id)}`);

