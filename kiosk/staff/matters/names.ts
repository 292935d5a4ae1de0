// The names behind the ids calls and cases carry: the server sends them with every list (`names`: hosts by id, staff
// by actor), and hosts picked in the search are learned too; kept for the tab's session.
import type { HostSummary } from '../../../server/protocol.ts';

const KEY = 'foyer.matters.names';
interface Known { hosts: Record<string, string>; actors: Record<string, string> }
const known: Known = (() => {
  try { return { hosts: {}, actors: {}, ...(JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Partial<Known>) }; } catch { return { hosts: {}, actors: {} }; }
})();
const keep = () => sessionStorage.setItem(KEY, JSON.stringify(known));

export function learnHost(host: Pick<HostSummary, 'id' | 'name'>): void {
  if (known.hosts[host.id] === host.name) return;
  known.hosts[host.id] = host.name;
  keep();
}

/** What an answer's `names` holds (server/http/matter-names.ts). */
export interface MatterNames { hosts?: Record<string, { name: string; department: string }>; actors?: Record<string, string> }
export function learnNames(names: MatterNames | undefined): void {
  if (!names) return;
  for (const [id, h] of Object.entries(names.hosts ?? {})) known.hosts[id] = h.name;
  Object.assign(known.actors, names.actors ?? {});
  keep();
}

export const hostName = (id: string) => known.hosts[id];
/** A step's actor ("user:…") by name and role, when the server named them. */
export const actorName = (actor: string) => known.actors[actor];
