// The desk's exceptions (see server/API.md): a lost badge, the panic button.
import type { PrintJobView, Visit, VisitStatus } from '../../../server/protocol.ts';
import { request } from '../../api.ts';
import { STAFF } from '../calls.ts';

export const reportLostBadge = (id: string) =>
  request<{ job: PrintJobView; visit: Visit }>(STAFF, 'POST', `/api/visits/${encodeURIComponent(id)}/lost-badge`);
export const pressPanic = (where: string) => request<{ at: string }>(STAFF, 'POST', '/api/panic', { where });

export interface Expected {
  id: string;
  visitor: { name: string; company?: string };
  host?: { id: string; name: string; department: string };
  start: string;
  end: string;
  purpose: string;
  status: VisitStatus | 'expected' | 'missed';
  visitId?: string;
  number?: string;
}
export const expectedToday = async () => (await request<{ appointments: Expected[] }>(STAFF, 'GET', '/api/appointments/today')).appointments;
