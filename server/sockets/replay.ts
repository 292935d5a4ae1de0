// Connection-state recovery keeps every broadcast for its whole window (two minutes) to replay to a socket back
// from a blip. That is bounded by time, not size: a rush of 500 check-ins a second kept 44,000 visit packets
// (80 MB) alive. The buffer keeps the newest packets only; a socket away for longer than they cover connects
// afresh, and every console reloads its state on connect, so it misses nothing.
import type { Server as IoServer } from 'socket.io';

/** About a minute of a 20-a-second rush, four packets a visit; a few MB. */
export const REPLAY_PACKETS = 5_000;

interface ReplayBuffer { packets?: unknown[]; broadcast: (...args: never[]) => unknown }

/** Caps the default namespace's replay buffer at max packets (it is cut back to max once it holds a quarter more). */
export function keepNewestPackets(io: IoServer<any, any>, max = REPLAY_PACKETS): void {
  const adapter = io.of('/').adapter as unknown as ReplayBuffer;
  if (!Array.isArray(adapter.packets)) return; // recovery is off: nothing is kept
  const broadcast = adapter.broadcast.bind(adapter) as (...args: unknown[]) => unknown;
  adapter.broadcast = ((...args: unknown[]) => {
    const result = broadcast(...args);
    const packets = adapter.packets!;
    if (packets.length > max + Math.ceil(max / 4)) packets.splice(0, packets.length - max);
    return result;
  }) as ReplayBuffer['broadcast'];
}
