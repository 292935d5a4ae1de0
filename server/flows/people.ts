// A person's data request: find every record about them, hand it out, or erase it (security, admin).
import type { Ctx } from '../context.ts';
import type { VisitRecord } from '../../data/store.ts';
import type { Appointment, IdType, WatchlistEntry } from '../protocol.ts';
import { ID_TYPES } from '../protocol.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { checkIdNumber, hashIdNumber, normalizeIdNumber } from '../domain/ids.ts';
import { normalizeName, normalizePhone } from '../domain/watchlist.ts';
import { appointmentMatches, visitMatches, watchlistMatches, type PersonCriteria } from '../domain/people.ts';
import { erasability } from '../domain/erasure.ts';
import { oneOf, PHONE, text } from '../http/validate.ts';
import { countAll, eraseAppointment, erasePrinted, eraseVisit, forgetErased, printJobsOf } from './erase.ts';
import { isOpenCase, phoneKey, type CallRecord, type CaseRecord } from '../../data/matters.ts';

/** The criteria, normalised; `typed` keeps what was typed (normalised) only to keep it out of the reason. */
export interface PersonQuery { criteria: PersonCriteria; typed: string[] }

export interface PersonRecords { visits: VisitRecord[]; appointments: Appointment[]; watchlist: WatchlistEntry[]; calls: CallRecord[]; cases: CaseRecord[] }

export function parsePerson(ctx: Ctx, body: Record<string, unknown>): PersonQuery {
  const idNumber = text(body, 'idNumber', { max: 40 });
  const idType = oneOf<IdType>(body, 'idType', ID_TYPES, Boolean(idNumber));
  if (idType && !idNumber) throw invalid('idNumber', 'idNumber is required with idType', 'missing-field');
  const phone = text(body, 'phone', { max: 24, pattern: PHONE, hint: 'phone must be a phone number: digits, optionally starting with +' });
  const name = text(body, 'name', { max: 64 });
  if (!idNumber && !phone && !name) {
    throw invalid('idNumber', 'Give at least one of: idType and idNumber, phone, name', 'missing-field');
  }
  const criteria: PersonCriteria = {};
  const typed: string[] = [];
  if (idNumber && idType) {
    const id = checkIdNumber(idType, idNumber, ctx.clock());
    if (!id.ok) throw invalid('idNumber', id.message, id.code);
    criteria.idHash = hashIdNumber(ctx.secrets.idHashKey, idType, id.normalized);
    typed.push(id.normalized);
  }
  if (phone) typed.push((criteria.phone = normalizePhone(phone)));
  if (name) {
    criteria.name = normalizeName(name);
    if (!criteria.name) throw invalid('name', 'name has no letters to match');
    typed.push(criteria.name);
  }
  return { criteria, typed };
}

/** Walks every day's visits (no index yet: the next issue adds one for sites with a million visits). */
export async function findPerson(ctx: Ctx, c: PersonCriteria): Promise<PersonRecords> {
  const visits: VisitRecord[] = [];
  for (const day of await ctx.store.visitDays()) {
    for (const v of await ctx.store.visitsOfDay(day)) if (visitMatches(v, c)) visits.push(v);
  }
  const ids = new Set(visits.map((v) => v.id));
  const appointments = (await ctx.store.list('appointments')).filter((a) => !a.erasedAt && appointmentMatches(a, c, ids));
  const watchlist = (await ctx.store.list('watchlist')).filter((e) => watchlistMatches(e, c));
  return { visits, appointments, watchlist, ...await mattersOfPerson(ctx, c) };
}

/** Calls and cases (事务) naming the person: by name and phone as given (both must match when both are given);
 *  they hold no ID number, so an ID alone finds none. */
async function mattersOfPerson(ctx: Ctx, c: PersonCriteria): Promise<{ calls: CallRecord[]; cases: CaseRecord[] }> {
  if (!c.name && !c.phone) return { calls: [], cases: [] };
  const found = await ctx.store.mattersOf({ ...(c.name ? { name: c.name } : {}), ...(c.phone ? { phone: c.phone } : {}) });
  const both = (who: { name: string; phone?: string }) =>
    (!c.name || normalizeName(who.name) === c.name) && (!c.phone || (phoneKey(who.phone) !== '' && phoneKey(who.phone) === phoneKey(c.phone)));
  return { calls: found.calls.filter((x) => !x.erasedAt && both(x.caller)), cases: found.cases.filter((x) => !x.erasedAt && both(x.contact)) };
}

/** The log keeps the reason forever, so it may not name the person it is about. */
export function parseReason(body: Record<string, unknown>, q: PersonQuery): string | undefined {
  const reason = text(body, 'reason', { max: 200 });
  if (!reason) return undefined;
  const forms = [normalizeName(reason), reason.replace(/\D+/g, ''), normalizeIdNumber(reason)];
  if (q.typed.some((t) => forms.some((f) => f.includes(t.toLowerCase()) || f.includes(t)))) {
    throw invalid('reason', 'The reason is kept in the log: leave out the person\'s name, phone and ID number', 'reason-personal');
  }
  return reason;
}

export interface PersonErasure { visits: number; appointments: number; prints: number; watchlist: number; calls: number; cases: number }

/** Erases every closed visit and every invitation of the person; refused while one of their visits is open. */
export async function erasePerson(ctx: Ctx, c: PersonCriteria): Promise<PersonErasure> {
  const found = await findPerson(ctx, c);
  const open = found.visits.filter((v) => erasability(v) === 'open');
  if (open.length > 0) {
    throw new DomainError('visit-open', `Still open: visit ${open.map((v) => v.number).join(', ')}. Check out or close it first; nothing was erased`, 409);
  }
  const openCases = found.cases.filter(isOpenCase);
  if (openCases.length > 0) {
    throw new DomainError('case-open', `Still open: case ${openCases.map((x) => x.number).join(', ')}. Close it first; nothing was erased`, 409);
  }
  const jobs = await printJobsOf(ctx, found.visits);
  const visits = await countAll(found.visits, async (v) => (await eraseVisit(ctx, v.id)) === 'erased');
  const appointments = await countAll(found.appointments, (a) => eraseAppointment(ctx, a.id));
  await forgetErased(ctx, found.visits.map((v) => v.id), found.appointments.map((a) => a.id));
  const prints = jobs.size > 0 ? await erasePrinted(ctx, (p) => jobs.has(p.id)) : 0;
  const matters = found.calls.length || found.cases.length
    ? await ctx.store.eraseMatters({ calls: found.calls.map((x) => x.id), cases: found.cases.map((x) => x.id) }, ctx.clock().toISOString())
    : { calls: [], cases: [] };
  return { visits, appointments, prints, watchlist: found.watchlist.length, calls: matters.calls.length, cases: matters.cases.length };
}
