// Store in memory for unit tests: the lowdb store's rules without files, handing out copies only.
import type { LogEvent } from '../server/protocol.ts';
import type { Directory, DirectoryKind, SiteSecrets, Store, VisitRecord } from './store.ts';
import {
  byArrival, byTime, checkDay, copy, checkNext, checkNotClosed, checkVisit, eventDay, inRange, isOpen,
  toRange,
} from './rules.ts';

type Tables = { [K in DirectoryKind]: Map<string, Directory[K]> };

export function createMemoryStore(): Store {
  const tables: Tables = {
    users: new Map(), hosts: new Map(), kiosks: new Map(), appointments: new Map(), watchlist: new Map(),
  };
  const visits = new Map<string, VisitRecord>();
  const log: LogEvent[] = [];
  let secrets: SiteSecrets | undefined;
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

    async getVisit(id) {
      live();
      return copy(visits.get(id));
    },
    async putVisit(visit) {
      live();
      checkVisit(visit);
      visits.set(visit.id, copy(visit));
    },
    async openVisits() {
      live();
      return [...visits.values()].filter(isOpen).sort(byArrival).map(copy);
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
    async lastEvent() {
      live();
      return copy(log.at(-1));
    },
    async events(from, to) {
      live();
      const range = toRange(from, to);
      return log.filter((e) => inRange(e, range)).sort(byTime).map(copy);
    },

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
