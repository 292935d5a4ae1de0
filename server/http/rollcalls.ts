// Roll call on screen (evacuation): start, mark from phones, end; printed as the muster list or exported as CSV.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { RollCall } from '../protocol.ts';
import { invalid } from '../domain/errors.ts';
import { siteTime } from '../domain/visits.ts';
import { toCsv } from '../domain/csv.ts';
import { actorOf } from '../auth.ts';
import { record } from '../events.ts';
import { bool, text } from './validate.ts';
import { endRollCall, getRollCall, listRollCalls, markRollCall, startRollCall } from '../flows/rollcall.ts';
import { deskRoute } from '../flows/printers.ts';

const STAFF = ['security', 'reception', 'admin'] as const;
const CSV_HEADER = ['number', 'name', 'companions', 'companionNames', 'host', 'accounted', 'markedAt'] as const;

export function rollCallRoutes(ctx: Ctx, r: Router): void {
  r.add('POST', '/api/rollcalls', STAFF, async ({ who }) => ({ status: 201, body: { rollcall: await startRollCall(ctx, actorOf(who)) } }));

  r.add('GET', '/api/rollcalls', STAFF, async () => ({ body: { rollcalls: await listRollCalls(ctx) } }));

  r.add('GET', '/api/rollcalls/:id', STAFF, async ({ params }) => ({ body: { rollcall: await getRollCall(ctx, params.id) } }));

  r.add('POST', '/api/rollcalls/:id/mark', STAFF, async ({ params, body, who }) => {
    const visitId = text(body, 'visitId', { max: 64, required: true })!;
    const accounted = bool(body, 'accounted');
    if (accounted === undefined) throw invalid('accounted', 'accounted is required (true or false)', 'missing-field');
    return { body: { rollcall: await markRollCall(ctx, params.id, visitId, accounted, actorOf(who)) } };
  });

  r.add('POST', '/api/rollcalls/:id/end', STAFF, async ({ params, who }) => ({ body: { rollcall: await endRollCall(ctx, params.id, actorOf(who)) } }));

  r.add('POST', '/api/rollcalls/:id/print', STAFF, async ({ params, who }) => {
    const rc = await getRollCall(ctx, params.id);
    const job = await ctx.queue.printMuster(rc.entries.map((e) => ({
      number: e.number, name: e.name, hostName: e.hostName, since: e.accounted ? `✓ ${e.at ? siteTime(e.at, ctx.config.timeZone) : ''}` : '',
      companions: e.companions, companionNames: e.companionNames,
    })), { by: actorOf(who), title: `疏散点名 Roll call ${siteTime(rc.startedAt, ctx.config.timeZone)}`, footer: countsLine(rc), route: await deskRoute(ctx) });
    await record(ctx, { kind: 'rollcall-printed', actor: actorOf(who), data: { rollcall: rc.id, job: job.id, ...rc.counts } });
    return { body: { job } };
  });

  r.add('GET', '/api/rollcalls/:id/export', STAFF, async ({ params, who }) => {
    const rc = await getRollCall(ctx, params.id);
    const rows = rc.entries.map((e) => ({
      number: e.number, name: e.name, companions: e.companions, companionNames: (e.companionNames ?? []).join('; '),
      host: e.hostName ?? '', accounted: e.accounted ? 'yes' : 'no', markedAt: e.at ? siteTime(e.at, ctx.config.timeZone) : '',
    }));
    await record(ctx, { kind: 'rollcall-exported', actor: actorOf(who), data: { rollcall: rc.id, ...rc.counts } });
    const day = rc.startedAt.slice(0, 10);
    return { raw: { type: 'text/csv; charset=utf-8', data: Buffer.from(toCsv(CSV_HEADER, rows), 'utf8'), filename: `rollcall-${day}-${rc.id}.csv` } };
  });
}

const countsLine = (rc: RollCall) =>
  `已确认 Accounted ${rc.counts.accounted} / ${rc.counts.people} · 未确认 Missing ${rc.counts.missing}${rc.endedAt ? '' : ' (进行中 open)'}`;
