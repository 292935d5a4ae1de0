// The names behind the ids calls and cases carry (the host a call is for or a case is assigned to, the staff who took
// each step), sent with every list so the desk and the host read names, not ids. Only the ids in the answer are named.
import type { Ctx } from '../context.ts';
import type { CallRecord, CaseRecord } from '../../data/matters.ts';

export interface MatterNames {
  /** host id → name and department */
  hosts: Record<string, { name: string; department: string }>;
  /** actor ("user:…") → "name (role)" */
  actors: Record<string, string>;
}

export async function matterNames(ctx: Ctx, calls: readonly CallRecord[], cases: readonly CaseRecord[]): Promise<MatterNames> {
  const hostIds = new Set<string>();
  const actorIds = new Set<string>();
  for (const c of calls) {
    if (c.forHostId) hostIds.add(c.forHostId);
    for (const a of [c.by, c.message?.readBy, c.transfer?.acknowledgedBy]) if (a) actorIds.add(a);
  }
  for (const c of cases) {
    if (c.assignee?.hostId) hostIds.add(c.assignee.hostId);
    for (const s of c.steps) {
      actorIds.add(s.by);
      if (s.to?.hostId) hostIds.add(s.to.hostId);
    }
    actorIds.add(c.createdBy);
  }
  const names: MatterNames = { hosts: {}, actors: {} };
  if (hostIds.size) {
    for (const h of await ctx.store.list('hosts')) if (hostIds.has(h.id)) names.hosts[h.id] = { name: h.name, department: h.department };
  }
  if (actorIds.size) {
    for (const u of await ctx.store.list('users')) {
      const key = `user:${u.id}`;
      // Steps record the actor as user:<id>; a few older records hold the bare id.
      if (actorIds.has(key)) names.actors[key] = `${u.name} (${u.role})`;
      if (actorIds.has(u.id)) names.actors[u.id] = `${u.name} (${u.role})`;
    }
  }
  return names;
}
