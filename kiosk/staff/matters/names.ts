// Host names this page has learned (from the search, and from the host's own sign-in): calls and cases name a host by
// id only, so one picked here reads as a name afterwards.
import type { HostSummary } from '../../../server/protocol.ts';

const KEY = 'foyer.matters.hostNames';
const known = new Map<string, string>(Object.entries(JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Record<string, string>));

export function learnHost(host: Pick<HostSummary, 'id' | 'name'>): void {
  if (known.get(host.id) === host.name) return;
  known.set(host.id, host.name);
  sessionStorage.setItem(KEY, JSON.stringify(Object.fromEntries(known)));
}
export const hostName = (id: string) => known.get(id);
