// The admin's calls that change or remove what they created (hosts, accounts, kiosks).
import type { Host, Kiosk, Role, User } from '../../../server/protocol.ts';
import { request } from '../../api.ts';
import { STAFF } from '../calls.ts';

const call = <T>(method: string, path: string, body?: unknown) => request<T>(STAFF, method, path, body);
const at = (kind: 'hosts' | 'users' | 'kiosks', id: string) => `/api/${kind}/${encodeURIComponent(id)}`;

export interface HostEdit { name?: string; department?: string; email?: string; phone?: string; active?: boolean }
export const editHost = async (id: string, change: HostEdit) => (await call<{ host: Host }>('PATCH', at('hosts', id), change)).host;
export const removeHost = (id: string) => call<void>('DELETE', at('hosts', id));

export interface UserEdit { username?: string; name?: string; role?: Role; hostId?: string }
export const editUser = async (id: string, change: UserEdit) => (await call<{ user: User }>('PATCH', at('users', id), change)).user;
export const removeUser = (id: string) => call<void>('DELETE', at('users', id));

export interface KioskEdit { name?: string; location?: string; active?: boolean; printerIds?: string[] }
export const editKiosk = async (id: string, change: KioskEdit) => (await call<{ kiosk: Kiosk }>('PATCH', at('kiosks', id), change)).kiosk;
