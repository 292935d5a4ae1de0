// A person's data request over HTTP. POST only, so ID numbers never sit in URLs or access logs.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { Appointment } from '../protocol.ts';
import { actorOf } from '../auth.ts';
import { criteriaUsed } from '../domain/people.ts';
import { toCsv } from '../domain/csv.ts';
import { visitView } from '../notify.ts';
import { record } from '../events.ts';
import { erasePerson, findPerson, parsePerson, parseReason, type PersonRecords } from '../flows/people.ts';
import { publicEntry } from './security.ts';
import { oneOf } from './validate.ts';

const WHO = ['security', 'admin'] as const;

export function peopleRoutes(ctx: Ctx, r: Router): void {
  r.add('POST', '/api/people/search', WHO, async ({ body, who }) => {
    const { criteria } = parsePerson(ctx, body);
    const found = await findPerson(ctx, criteria);
    await record(ctx, { kind: 'person-searched', actor: actorOf(who), data: { using: criteriaUsed(criteria), ...counts(found) } });
    return { body: views(found) };
  });

  r.add('POST', '/api/people/export', WHO, async ({ body, who }) => {
    const { criteria } = parsePerson(ctx, body);
    const format = oneOf(body, 'format', ['json', 'csv'] as const)!;
    const found = await findPerson(ctx, criteria);
    await record(ctx, { kind: 'person-exported', actor: actorOf(who), data: { using: criteriaUsed(criteria), format, ...counts(found) } });
    const at = ctx.clock().toISOString();
    const filename = `foyer-person-${at.slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.${format}`;
    const data = format === 'csv'
      ? Buffer.from(toCsv(CSV_HEADER, rows(found, await hostNames(ctx))), 'utf8')
      : Buffer.from(JSON.stringify({ exportedAt: at, ...views(found) }, null, 2), 'utf8');
    return { raw: { type: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8', data, filename } };
  });

  r.add('POST', '/api/people/erase', WHO, async ({ body, who }) => {
    const query = parsePerson(ctx, body);
    const reason = parseReason(body, query);
    const erased = await erasePerson(ctx, query.criteria);
    await record(ctx, {
      kind: 'person-erased', actor: actorOf(who),
      data: { using: criteriaUsed(query.criteria), visits: erased.visits, appointments: erased.appointments, prints: erased.prints, watchlistKept: erased.watchlist, calls: erased.calls, cases: erased.cases, reason: reason ?? null },
    });
    return { body: { erased: { visits: erased.visits, appointments: erased.appointments, calls: erased.calls, cases: erased.cases }, kept: { watchlist: erased.watchlist } } };
  });
}

const counts = (f: PersonRecords) => ({ visits: f.visits.length, appointments: f.appointments.length, watchlist: f.watchlist.length, calls: f.calls.length, cases: f.cases.length });

/** The invite code is a live secret, not the person's data: it stays out. */
const appointmentView = ({ inviteCode: _c, ...a }: Appointment) => a;

const views = (f: PersonRecords) => ({
  visits: f.visits.map(visitView), appointments: f.appointments.map(appointmentView), watchlist: f.watchlist.map(publicEntry), calls: f.calls, cases: f.cases,
});

const CSV_HEADER = [
  'type', 'id', 'day', 'number', 'status', 'name', 'idType', 'idNumberMasked', 'phone', 'company', 'host', 'purpose',
  'from', 'to', 'plate', 'companions', 'companionNames', 'items', 'reason', 'createdAt',
] as const;

async function hostNames(ctx: Ctx): Promise<Map<string, string>> {
  return new Map((await ctx.store.list('hosts')).map((h) => [h.id, h.name]));
}

function rows(f: PersonRecords, hosts: Map<string, string>): Record<string, unknown>[] {
  return [
    ...f.visits.map((v) => ({
      type: 'visit', id: v.id, day: v.day, number: v.number, status: v.status, ...v.visitor, host: v.host?.name,
      purpose: v.purpose, from: v.checkedInAt ?? v.createdAt, to: v.checkedOutAt, plate: v.plate, companions: v.companions,
      companionNames: v.companionNames?.join('; '), items: v.items.join('; '), createdAt: v.createdAt,
    })),
    ...f.appointments.map((a) => ({
      type: 'appointment', id: a.id, ...a.visitor, host: hosts.get(a.hostId) ?? a.hostId, purpose: a.purpose, from: a.start, to: a.end, createdAt: a.createdAt,
    })),
    ...f.watchlist.map((e) => ({
      type: 'watchlist', id: e.id, name: e.name, idType: e.idType, idNumberMasked: e.idNumberMasked, phone: e.phone,
      reason: e.reason, createdAt: e.createdAt,
    })),
  ];
}
