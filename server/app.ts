// Builds the whole server from its dependencies; never listens (server/main.ts does).
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Server as IoServer } from 'socket.io';
import type { ClientToServer, ServerToClient } from './protocol.ts';
import type { Ctx, Deps } from './context.ts';
import type { SiteSecrets } from '../data/store.ts';
import { createAuth } from './auth.ts';
import { makeBadgeKeys } from './domain/badges.ts';
import { AttemptLimiter } from './domain/appointments.ts';
import { SignInLimits } from './domain/signin-limits.ts';
import { createRouter, sendError } from './http/router.ts';
import { createStatic } from './http/static.ts';
import { SECURITY_HEADERS, secure } from './http/headers.ts';
import { accountRoutes, createUser, SETUP_MARK } from './http/accounts.ts';
import { directoryRoutes } from './http/directory.ts';
import { manageRoutes } from './http/manage.ts';
import { hostImportRoutes } from './http/hosts-import.ts';
import { departmentRoutes } from './http/departments.ts';
import { notificationRoutes } from './http/notifications.ts';
import { visitRoutes } from './http/visits.ts';
import { appointmentRoutes } from './http/appointments.ts';
import { securityRoutes } from './http/security.ts';
import { printingRoutes } from './http/printing.ts';
import { siteRoutes } from './http/site.ts';
import { settingsRoutes } from './http/settings.ts';
import { logoRoutes } from './http/logo.ts';
import { rollCallRoutes } from './http/rollcalls.ts';
import { alertRoutes } from './http/alerts.ts';
import { visitHistoryRoutes } from './http/visit-history.ts';
import { reportRoutes } from './http/reports.ts';
import { exceptionRoutes } from './http/exceptions.ts';
import { printerRoutes } from './http/printers.ts';
import { deskPhraseRoutes } from './http/desk-phrases.ts';
import { callSmsRoutes } from './http/call-sms.ts';
import { callFormRoutes } from './http/call-form.ts';
import { callRoutes } from './http/calls.ts';
import { callTimers } from './flows/calls.ts';
import { caseRoutes } from './http/cases.ts';
import { caseTimers } from './flows/case-timers.ts';
import { watchPrinters } from './flows/printers.ts';
import { attachSockets } from './sockets/index.ts';
import { tick } from './flows/escalation.ts';
import { checkLogHead } from './flows/log-check.ts';
import { scheduleRetention } from './flows/retention.ts';
import { peopleRoutes } from './http/people.ts';
import { answerPage, isAnswerPath } from './http/answer.ts';
import { trustPage, isTrustPath } from './http/trust.ts';
import type { TlsMaterial } from './tls.ts';
import { createDeliveries, type Deliveries } from './notify/deliver.ts';
import { webhookChannels } from './notify/channels.ts';
import { createEmailChannel } from './notify/email.ts';
import { createPushChannel } from './notify/push.ts';
import { pushRoutes } from './http/push.ts';
import type { DomainError } from './domain/errors.ts';
import { singleServer } from './cluster.ts';

const KIOSK = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../kiosk');
const MINUTE = 60_000;

/** New keys for a new site: the badge signing pair, the ID-number hash key and the token key. */
export function makeSiteSecrets(): SiteSecrets {
  const keys = makeBadgeKeys();
  return { badgePrivateKey: keys.privateKey, badgePublicKey: keys.publicKey, idHashKey: randomBytes(32).toString('base64'), tokenKey: randomBytes(32).toString('base64') };
}

/** deps.tls: serve HTTPS with this certificate (server/tls.ts loadTls); without it, plain HTTP. */
export async function createApp(deps: Deps & { tls?: TlsMaterial }) {
  const clock = deps.clock ?? (() => new Date());
  const log = deps.log ?? ((line: string) => console.log(line));
  const secrets = await deps.store.secrets(makeSiteSecrets);
  const cluster = deps.cluster ?? singleServer;
  const server = deps.tls ? https.createServer({ cert: deps.tls.cert, key: deps.tls.key }) : http.createServer();
  const io = new IoServer<ClientToServer, ServerToClient>(server, {
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
    // Recovery restores rooms after a blip, but the token is checked again every time.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * MINUTE, skipMiddlewares: false },
  });
  cluster.join(io);
  const ctx: Ctx = {
    store: deps.store, queue: deps.queue, config: deps.config, clock, log, virtualPrints: deps.virtualPrints,
    secrets, auth: createAuth(deps.store, secrets.tokenKey, clock), io, deliveries: undefined as unknown as Deliveries, // set just below
    // Counted in the store: shared by every server of the site (and, on PostgreSQL, kept across restarts).
    limits: {
      invite: new AttemptLimiter(deps.store, 'invite', 10, 10 * MINUTE), pairing: new AttemptLimiter(deps.store, 'pairing', 10, 10 * MINUTE),
      login: new SignInLimits(deps.store),
    },
  };
  const email = deps.config.mail ? createEmailChannel(deps.config.mail) : undefined;
  ctx.deliveries = createDeliveries(ctx, { ...webhookChannels, ...(email ? { email } : {}) }, deps.notifyRetryDelaysMs, createPushChannel(ctx));

  const router = createRouter((header) => ctx.auth.fromHeader(header), { trustProxy: deps.config.trustProxy });
  router.add('GET', '/api/health', 'anyone', () => ({ body: { ok: true } }));
  // hostImportRoutes before directoryRoutes: /api/hosts/export is not a host's id.
  for (const routes of [siteRoutes, accountRoutes, hostImportRoutes, directoryRoutes, visitRoutes, appointmentRoutes, securityRoutes, printingRoutes]) routes(ctx, router);
  peopleRoutes(ctx, router);
  pushRoutes(ctx, router);
  departmentRoutes(ctx, router);
  manageRoutes(ctx, router);
  notificationRoutes(ctx, router);
  settingsRoutes(ctx, router);
  logoRoutes(ctx, router);
  rollCallRoutes(ctx, router);
  alertRoutes(ctx, router);
  visitHistoryRoutes(ctx, router);
  exceptionRoutes(ctx, router);
  printerRoutes(ctx, router);
  deskPhraseRoutes(ctx, router);
  callSmsRoutes(ctx, router);
  callFormRoutes(ctx, router);
  callRoutes(ctx, router);
  caseRoutes(ctx, router);
  reportRoutes(ctx, router);
  // kiosk/dist is a symlink to the current build; the builds kept beside it still serve the pages loaded before a switch.
  const serveStatic = createStatic(path.join(KIOSK, 'dist'), path.join(KIOSK, 'builds'));
  io.engine.on('initial_headers', (headers: Record<string, string>) => Object.assign(headers, SECURITY_HEADERS));
  io.engine.on('headers', (headers: Record<string, string>) => Object.assign(headers, SECURITY_HEADERS));

  server.on('request', (req, res) => {
    // Socket.IO answers its own paths (long-polling included); answering them too would crash.
    if ((req.url ?? '').startsWith('/socket.io/')) return;
    secure(res);
    const started = Date.now();
    const isApi = (req.url ?? '').startsWith('/api/') || req.url === '/api';
    const work = isApi ? router.handle(req, res) : isAnswerPath(req.url ?? '') ? answerPage(ctx, req, res)
      : isTrustPath(req.url ?? '') ? trustPage(deps.tls, req, res) : serveStatic(req, res);
    // Logs name the route's pattern, never the path: an invite code or a token can be part of a path.
    const where = () => `${req.method} ${isApi ? router.patternOf(req.method ?? 'GET', req.url ?? '/') ?? '(no route)' : 'static'}`;
    work.catch((err) => {
      const status = res.headersSent ? res.statusCode : sendError(res, err);
      if (status >= 500) log(`http: ${where()} failed: ${(err as Error)?.stack ?? err}`);
    }).finally(() => {
      if (isApi && res.statusCode >= 400) log(`http: ${where()} ${res.statusCode} ${Date.now() - started}ms`);
    });
  });
  const stopSockets = attachSockets(ctx, io);
  watchPrinters(ctx); // each printer's change of state: an alert and printer:status

  await checkLogHead(ctx);
  await ensureFirstAdmin(ctx);
  const tickMs = Math.max(200, Math.min(5000, (deps.config.hostTimeoutS * 1000) / 4));
  let ticking = false;
  const retention = scheduleRetention(ctx);
  // The clock's jobs run on one server of a site at a time (server/cluster.ts): retention at start-up and then
  // on the first tick of each new site day, escalation on every tick.
  const runTimers = async (escalate: boolean) => {
    const runsTimers = await cluster.runsTimers();
    retention.check(runsTimers);
    if (runsTimers && escalate) await tick(ctx).catch((e: Error) => log(`escalation: ${e.message}`));
    if (runsTimers && escalate) await callTimers(ctx).catch((e: Error) => log(`calls: ${e.message}`));
    if (runsTimers && escalate) await caseTimers(ctx).catch((e: Error) => log(`cases: ${e.message}`));
  };
  const timer = setInterval(() => {
    if (ticking) return;
    ticking = true;
    runTimers(true).finally(() => { ticking = false; });
  }, tickMs);
  ticking = true;
  runTimers(false).finally(() => { ticking = false; }); // retention at start-up; escalation from the first tick
  timer.unref();

  return {
    server, io, ctx,
    /** The one-time first-admin setup secret, when the install has no user yet. */
    setupToken: () => ctx.setupToken,
    /** Every HTTP route with who may call it (server/API.md is checked against this). */
    routes: () => router.list(),
    async close(): Promise<void> {
      clearInterval(timer);
      ctx.deliveries.close();
      email?.close();
      await retention.stop();
      stopSockets();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      server.closeAllConnections?.();
    },
  };
}
export type App = Awaited<ReturnType<typeof createApp>>;

async function ensureFirstAdmin(ctx: Ctx): Promise<void> {
  if ((await ctx.store.list('users')).length > 0) return;
  const boot = ctx.config.bootstrapAdmin;
  if (boot) {
    try {
      await createUser(ctx, { ...boot, name: 'Administrator', role: 'admin' }, 'bootstrap');
      ctx.log('setup: created the first admin from FOYER_BOOTSTRAP_ADMIN');
    } catch (e) {
      // Another server of the site, starting at the same moment, created it first.
      if ((e as DomainError).code !== 'username-taken') throw e;
    }
  } else {
    // Kept in the store, so that every server of a site prints the same link and any of them takes it (once).
    // A link a crash left half-used (claimed, no admin made) is replaced.
    const fresh = { id: SETUP_MARK, value: randomBytes(18).toString('base64url'), at: ctx.clock().toISOString() };
    ctx.setupToken = (await ctx.store.update('marks', SETUP_MARK, (m) => (m?.value ? undefined : fresh)))?.value;
  }
}
