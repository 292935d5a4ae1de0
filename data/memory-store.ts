// Store in memory for unit tests: the lowdb store's rules without files, handing out copies only.
import type { Appointment, LogEvent } from '../server/protocol.ts';
import type { Directory, DirectoryKind, SiteSecrets, Store, VisitRecord } from './store.ts';
import { searchSummary, summaryOf } from './visit-summaries.ts';
import { bookAttempts } from './attempt-book.ts';
import { memoryMatters } from './matters-memory.ts';
import {
  applyChange, byArrival, codeKey, dayOfVisitId, eventDaysOfVisit, byTime, checkDay, copy, checkNext, checkNotClosed, checkVisit, eventDay, inRange, isOpen,
  toRange, utcDay, visitSequence,
} from './rules.ts';

type Tables = { [K in DirectoryKind]: Map<string, Directory[K]> };

export function createMemoryStore(): Store {
  const tables: Tables = {
    users: new Map(), sessions: new Map(), hosts: new Map(), kiosks: new Map(), appointments: new Map(), watchlist: new Map(),
    marks: new Map(), departments: new Map(), pushSubscriptions: new Map(), settings: new Map(), alerts: new Map(), printers: new Map(),
  };
  const visits = new Map<string, VisitRecord>();
  const log: LogEvent[] = [];
  const lastNumber = new Map<string, number>();
  let secrets: SiteSecrets | undefined;
  const appointmentOfCode = (code: string) => [...tables.appointments.values()].find((a) => codeKey(a.inviteCode) === codeKey(code));
  let closed = false;
  const live = () => checkNotClosed(closed);

  return {
    async get(kind, id) {
      live();
      return copy(tables[kind].get(id));
    },
    async list(kind) {
      live();
      return [...tables[kind].values()].map(copy);
    },
    async put(kind, record) {
      live();
      tables[kind].set(record.id, copy(record));
    },
    async remove(kind, id) {
      live();
      tables[kind].delete(id);
    },
    async update(kind, id, change, rule) {
      live();
      const table = tables[kind];
      const next = applyChange(table.get(id), id, change);
      if (next && rule) rule(copy(next), [...table.values()].filter((r) => r.id !== id).map(copy) as never);
      if (next) table.set(id, next);
      return copy(table.get(id));
    },
    async insert(kind, record, clashes) {
      live();
      const table = tables[kind];
      if (table.has(record.id) || (clashes && [...table.values()].some((r) => clashes(copy(r))))) return false;
      if (kind === 'appointments' && appointmentOfCode((record as Appointment).inviteCode)) return false;
      table.set(record.id, copy(record));
      return true;
    },

    async appointmentsStarting(fromDay, toDay) {
      live();
      const inDays = (a: Appointment) => { const d = utcDay(Date.parse(a.start)); return d >= fromDay && d <= toDay; };
      return [...tables.appointments.values()].filter(inDays).map(copy);
    },
    async appointmentByCode(code) {
      live();
      return copy(appointmentOfCode(code));
    },

    async getVisit(id) {
      live();
      return copy(visits.get(id));
    },
    async putVisit(visit) {
      live();
      checkVisit(visit);
      visits.set(visit.id, copy(visit));
    },
    async updateVisit(id, change) {
      live();
      const current = visits.get(id);
      if (!current) return undefined;
      const next = applyChange(current, id, change);
      if (next) {
        checkVisit(next);
        visits.set(id, next);
      }
      return copy(visits.get(id));
    },
    async nextVisitNumber(day) {
      live();
      checkDay(day);
      const last = lastNumber.get(day) ?? Math.max(0, ...[...visits.values()].filter((v) => v.day === day).map((v) => visitSequence(v.number)));
      const n = last + 1;
      lastNumber.set(day, n);
      return n;
    },
    async forgetOldVersions() {
      live(); // one version per record is all memory ever holds
    },
    async visitByRequest(day, createdBy, requestId) {
      live();
      return copy([...visits.values()].find((v) => v.day === day && v.createdBy === createdBy && v.requestId === requestId));
    },
    async visitDays() {
      live();
      return [...new Set([...visits.values()].map((v) => v.day))].sort();
    },
    async openVisits(pick) {
      live();
      return [...visits.values()].filter((v) => isOpen(v) && (!pick || pick(v))).sort(byArrival).map(copy);
    },
    async visitsOfDay(day) {
      live();
      checkDay(day);
      return [...visits.values()].filter((v) => v.day === day).map(copy);
    },

    async appendEvent(event) {
      live();
      eventDay(event);
      checkNext(log.at(-1), event);
      log.push(copy(event));
    },
    async eventDays() {
      live();
      return [...new Set(log.map(eventDay))].sort();
    },
    async findVisits(fromDay, toDay, query) {
      live();
      const inDays = [...visits.values()].filter((v) => v.day >= fromDay && v.day <= toDay);
      return searchSummary(summaryOf(inDays), query);
    },
    async eventsOfVisits(ids, from, to) {
      live();
      const range = toRange(from, to);
      const wanted = new Map(ids.map((id) => [id, new Set(eventDaysOfVisit(dayOfVisitId(id) ?? '1970-01-01'))]));
      return log.filter((e) => e.visitId && wanted.get(e.visitId)?.has(eventDay(e)) && inRange(e, range)).sort(byTime).map(copy);
    },
    async lastEvent() {
      live();
      return copy(log.at(-1));
    },
    async anchoredHead() {
      live();
      const last = log.at(-1);
      return last && { seq: last.seq, hash: last.hash, at: last.at };
    },
    async events(from, to) {
      live();
      const range = toRange(from, to);
      return log.filter((e) => inRange(e, range)).sort(byTime).map(copy);
    },

    ...bookAttempts(live),
    ...memoryMatters(live),

    async secrets(make) {
      live();
      secrets ??= copy(make());
      return copy(secrets);
    },
    async close() {
      closed = true;
    },
  };
}
