// Calls and cases for store tests; no uvu here, so the crash test's child process can import it too.
import type { CallKind, CallRecord, CaseDraft } from '../../data/matters.ts';

const compact = (day: string) => day.replaceAll('-', '');
const time = (day: string, n: number) => `${day}T${String(8 + Math.floor(n / 60) % 12).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00.000Z`;

export function call(day: string, n: number, kind: CallKind = 'call'): CallRecord {
  const at = time(day, n);
  return {
    id: `${compact(day)}-K${String(n).padStart(4, '0')}`, day, at,
    caller: { name: `Caller ${n}`, phone: `138-0000-${String(n).padStart(4, '0')}`, organisation: `Org ${n}` },
    subject: `Subject ${n}`, category: 'inquiry', importance: 'normal', forHostId: 'h1', kind,
    ...(kind === 'message' ? { message: { text: `Please call back ${n}` } } : {}),
    ...(kind === 'transfer' ? { transfer: {} } : {}),
    by: 'u-desk', createdAt: at, updatedAt: at,
  };
}

export function caseDraft(day: string, n: number, over: Partial<CaseDraft> = {}): CaseDraft {
  const at = time(day, n);
  return {
    id: `${compact(day)}-S${String(n).padStart(4, '0')}`, day, category: 'complaint', importance: 'normal',
    subject: `Noise ${n}`, contact: { name: `Contact ${n}`, phone: `139 1111 ${String(n).padStart(4, '0')}` },
    status: 'open', dueAt: new Date(Date.parse(at) + 86_400_000).toISOString(),
    steps: [{ kind: 'created', at, by: 'u-desk' }], createdBy: 'u-desk', createdAt: at, updatedAt: at,
    ...over,
  };
}
