// A department's channels stand in for a host who has none of their own: the host's own list wins, whole.
import type { Ctx } from '../context.ts';
import type { Host } from '../protocol.ts';

/** The host as their messages are sent: their own channels, or else their department's (none when neither has any). */
export async function withDepartmentChannels(ctx: Ctx, host: Host): Promise<Host> {
  if (host.channels && host.channels.length > 0) return host;
  const department = await ctx.store.get('departments', host.department);
  if (!department || department.channels.length === 0) return host;
  return { ...host, channels: department.channels };
}
