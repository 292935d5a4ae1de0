// The one rule for choosing a host for a new visit or invitation: known, and not turned off by an admin.
import type { Ctx } from '../context.ts';
import type { Host } from '../protocol.ts';
import { invalid } from '../domain/errors.ts';

/** A host the kiosk, reception and hosts may choose: known and not turned off. */
export async function activeHost(ctx: Ctx, hostId: string): Promise<Host> {
  const host = await ctx.store.get('hosts', hostId);
  if (!host) throw invalid('hostId', 'No host has this id', 'unknown-host');
  if (host.active === false) throw invalid('hostId', 'This host is inactive and receives no visitors: choose another host', 'host-inactive');
  return host;
}
