// Badges seen from outside: the public key for offline checks, recent prints, the muster list.
import { readFile } from 'node:fs/promises';
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import { DomainError } from '../domain/errors.ts';
import { publicKeyRaw } from '../domain/badges.ts';
import { siteTime } from '../domain/visits.ts';
import { actorOf } from '../auth.ts';
import { record } from '../events.ts';
import { peopleOf } from '../protocol.ts';
import { onSite } from './visits.ts';
import { deskRoute } from '../flows/printers.ts';

export function printingRoutes(ctx: Ctx, r: Router): void {
  r.add('GET', '/api/badge-key', 'anyone', () =>
    ({ body: { alg: 'Ed25519', publicKey: publicKeyRaw(ctx.secrets.badgePublicKey), pem: ctx.secrets.badgePublicKey } }));

  r.add('GET', '/api/print-jobs', ['reception', 'security', 'admin'], () => ({ body: { jobs: ctx.queue.jobs(50) } }));

  r.add('GET', '/api/prints', ['reception', 'security', 'admin'], () =>
    ({ body: { prints: (ctx.virtualPrints?.prints(50) ?? []).map(({ png: _p, ...p }) => p) } }));

  r.add('GET', '/api/prints/:file', ['reception', 'security', 'admin'], async ({ params }) => {
    const id = params.file.replace(/\.png$/, '');
    const print = ctx.virtualPrints?.prints(500).find((p) => p.id === id);
    if (!print) throw new DomainError('not-found', 'No print has this id', 404);
    return { raw: { type: 'image/png', data: await readFile(print.png) } };
  });

  r.add('POST', '/api/muster', ['security', 'reception', 'admin'], async ({ who }) => {
    const onsite = await onSite(ctx);
    const people = peopleOf(onsite);
    const head = await ctx.store.lastEvent();
    const job = await ctx.queue.printMuster(onsite.map((v) => ({
      number: v.number, name: v.visitor.name, hostName: v.host?.name, since: siteTime(v.checkedInAt ?? v.createdAt, ctx.config.timeZone),
      companions: v.companions, companionNames: v.companionNames,
    })), {
      by: actorOf(who), title: `Muster ${siteTime(ctx.clock().toISOString(), ctx.config.timeZone)}`,
      // The log's head on paper: kept by security, it shows later whether the newest events were cut off.
      footer: head ? `日志 Log #${head.seq} ${head.hash.slice(0, 16)}` : undefined,
      route: await deskRoute(ctx),
    });
    await record(ctx, { kind: 'muster-printed', actor: actorOf(who), data: { job: job.id, count: onsite.length, people } });
    return { body: { job, count: onsite.length, people, ...(head ? { logHead: { seq: head.seq, hash: head.hash } } : {}) } };
  });
}
