// The notifications page's calls: the site's e-mail, the hosts' and departments' channels, the last deliveries.
import type { Host } from '../../../server/protocol.ts';
import { request } from '../../api.ts';
import { STAFF, type ChannelTest } from '../calls.ts';

const call = <T>(method: string, path: string, body?: unknown) => request<T>(STAFF, method, path, body);

export interface MailStatus { configured: boolean; from?: string; server?: string; secure?: boolean; user?: string }
export interface DepartmentChannels { name: string; hosts: number; channels: NonNullable<Host['channels']>; updatedAt?: string }
export interface DeliveryRow {
  id: string; at: string; kind: string; visitId?: string;
  host?: string; hostName?: string; channel?: string; attempt?: number; error?: string; final?: boolean; appointment?: string;
}

/** A host and the channels they are told through: their own, their department's, or none (the console only). */
export interface HostReached { id: string; name: string; department: string; from: 'host' | 'department' | null; channels: NonNullable<Host['channels']> }

export const mailStatus = () => call<{ mail: MailStatus; publicUrl: string | null; hosts: HostReached[] }>('GET', '/api/notifications');
export const testMail = async (to: string) => (await call<{ result: { ok: boolean; status?: number; error?: string } }>('POST', '/api/notifications/test-mail', { to })).result;
export const listDeliveries = async (limit = 30) => (await call<{ deliveries: DeliveryRow[] }>('GET', `/api/notifications/deliveries?limit=${limit}`)).deliveries;
export const listDepartments = async () => (await call<{ departments: DepartmentChannels[] }>('GET', '/api/departments')).departments;
export const testDepartment = async (name: string) =>
  (await call<{ results: ChannelTest[] }>('POST', `/api/departments/${encodeURIComponent(name)}/test-message`)).results;
export const saveDepartment = async (name: string, channels: Array<{ kind: string; target: string; secret?: string }>) =>
  (await call<{ department: DepartmentChannels }>('PUT', `/api/departments/${encodeURIComponent(name)}/channels`, { channels })).department;
