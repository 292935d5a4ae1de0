// What every flow and transport handler is given: dependencies passed in, never imported.
import type { Server as IoServer } from 'socket.io';
import type { Store, SiteSecrets } from '../data/store.ts';
import type { PrintQueue } from '../printer/printer.ts';
import type { Config } from './config.ts';
import type { Auth } from './auth.ts';
import type { Cluster } from './cluster.ts';
import type { Deliveries } from './notify/deliver.ts';
import type { ClientToServer, ServerToClient } from './protocol.ts';
import type { AttemptLimiter } from './domain/appointments.ts';
import type { SignInLimits } from './domain/signin-limits.ts';

export interface VirtualPrints {
  prints(limit?: number): Array<{ id: string; at: string; png: string; bytes: number }>;
  /** Deletes saved prints that match: badges show names (retention, a person's erasure). */
  erase?(match: (print: { id: string; at: string }) => boolean): Promise<number>;
}

export interface Deps {
  store: Store;
  queue: PrintQueue;
  config: Config;
  clock?: () => Date;
  log?: (line: string) => void;
  virtualPrints?: VirtualPrints;
  /** The other servers of the site, on PostgreSQL (server/cluster.ts); absent: this server is alone. */
  cluster?: Cluster;
  /** Waits before each try of a host message (server/notify/deliver.ts RETRY_DELAYS_MS); tests shorten them. */
  notifyRetryDelaysMs?: number[];
}

export interface Ctx {
  store: Store;
  queue: PrintQueue;
  config: Config;
  clock: () => Date;
  log: (line: string) => void;
  virtualPrints?: VirtualPrints;
  secrets: SiteSecrets;
  auth: Auth;
  io: IoServer<ClientToServer, ServerToClient>;
  limits: { invite: AttemptLimiter; pairing: AttemptLimiter; login: SignInLimits };
  /** Telling hosts through their channels (server/notify/deliver.ts). */
  deliveries: Deliveries;
  /** Set while no user exists and no bootstrap admin was given: the one-time setup secret. */
  setupToken?: string;
}

export const nowIso = (ctx: Pick<Ctx, 'clock'>) => ctx.clock().toISOString();
