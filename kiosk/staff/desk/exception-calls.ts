// The desk's exceptions (see server/API.md): a lost badge, the panic button.
import type { PrintJobView, Visit } from '../../../server/protocol.ts';
import { request } from '../../api.ts';
import { STAFF } from '../calls.ts';

export const reportLostBadge = (id: string) =>
  request<{ job: PrintJobView; visit: Visit }>(STAFF, 'POST', `/api/visits/${encodeURIComponent(id)}/lost-badge`);
export const pressPanic = (where: string) => request<{ at: string }>(STAFF, 'POST', '/api/panic', { where });
