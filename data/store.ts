// The one storage boundary: lowdb (embedded default), memory (unit tests) and PostgreSQL implement it.
import type { Alert, Appointment, Host, Kiosk, LogEvent, SiteSettings, User, Visit, WatchlistEntry } from '../server/protocol.ts';
import type { MatterStore } from './matters.ts';

/** A user as stored: the password only as an scrypt hash. */
export interface UserRecord extends User {
  passwordHash: string;
  createdAt: string;
  disabled?: boolean;
}

/** A kiosk as stored: the pairing code only as a hash, single use, expiring. */
export interface KioskRecord extends Kiosk {
  pairingCodeHash?: string;
  pairingExpiresAt?: string;
  /** Bumped when a kiosk is re-paired or revoked: older device tokens stop working. */
  tokenVersion: number;
  createdAt: string;
}

/** A visit as stored: the full ID number never, only masked and as a keyed hash. */
export interface VisitRecord extends Visit {
  idHash: string;
  /** Why a visit was refused; for security only, never sent to the kiosk. */
  refusalReason?: string;
  /** The watchlist entry that refused or held the visit; a held visit is decided by reception only. */
  watchlistEntryId?: string;
  /** The registering client's idempotency key (see RegisterVisitBody.requestId). */
  requestId?: string;
  /** The visitor's signature of visit.agreement (a PNG data URL): personal, never sent out, gone on erasure. */
  agreementSignature?: string;
}

/** Per-site secrets, created once on first start and kept in the data directory. */
export interface SiteSecrets {
  /** Ed25519 private key, PKCS#8 PEM, signs badges. */
  badgePrivateKey: string;
  /** Ed25519 public key, SPKI PEM, verifies badges offline. */
  badgePublicKey: string;
  /** HMAC key (base64) for ID-number hashes. */
  idHashKey: string;
  /** HMAC key (base64) for session and device tokens. */
  tokenKey: string;
}

/** A signed-in session: a user token names it, and ends with it (sign-out, disabling, password reset). */
export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

/** A small named value the server keeps for itself, e.g. how far the retention job has got. */
export interface MarkRecord {
  id: string;
  value: string;
  at: string;
}

/** A department's channels (id: the department's name as hosts carry it): used for its hosts who have none of their own. */
export interface DepartmentRecord {
  id: string;
  channels: NonNullable<Host['channels']>;
  updatedAt: string;
}

/** A host's browser registered for Web Push (id: a hash of the endpoint, so the same browser registers once). */
export interface PushSubscriptionRecord {
  id: string;
  userId: string;
  hostId: string;
  /** The push service's URL for this browser (https). */
  endpoint: string;
  /** The browser's P-256 public key and auth secret (base64url), which encrypt what is pushed to it. */
  keys: { p256dh: string; auth: string };
  /** The session that registered it: pushes go to a browser only while it is signed in (sign-out, expiry and a
   *  disabled account stop them). */
  sessionId: string;
  createdAt: string;
}

/** The site's settings (one record, id "site"): only what an admin set; null = back to the default. */
export interface SettingsRecord extends Partial<Omit<SiteSettings, 'receptionHours' | 'closingTime'>> {
  id: string;
  /** null: always open (stored over nothing, it is the default anyway). */
  receptionHours?: SiteSettings['receptionHours'] | null;
  /** '' : no closing time, even where FOYER_CLOSING_TIME sets one. */
  closingTime?: string;
  /** Only on the record id "logo" (server/flows/logo.ts): the image, kept apart so reading the settings stays cheap. */
  logo?: { type: 'image/png' | 'image/jpeg'; base64: string; etag: string };
  updatedAt: string;
}

/** An alert as kept for the security list (server/flows/alerts.ts): acknowledged once, by one person. */
export interface AlertRecord extends Alert {
  id: string;
  /** The roles it was sent to. */
  roles: string[];
  ackedAt?: string;
  ackedBy?: string;
}

/** A receipt printer an admin added (server/flows/printers.ts): kiosks and the desk print on them by id. */
export interface PrinterRecord {
  id: string;
  name: string;
  /** 'virtual' or tcp://host:port, as validated (lower-case host, port always written). */
  address: string;
  paper: 80 | 58;
  /** false: turned off; jobs skip it. Absent = active. */
  active?: boolean;
  /** Set while a removal checks that nothing prints on it: no new assignment takes it meanwhile. */
  removing?: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Directory {
  users: UserRecord;
  sessions: SessionRecord;
  hosts: Host;
  kiosks: KioskRecord;
  appointments: Appointment;
  watchlist: WatchlistEntry;
  marks: MarkRecord;
  departments: DepartmentRecord;
  pushSubscriptions: PushSubscriptionRecord;
  settings: SettingsRecord;
  alerts: AlertRecord;
  printers: PrinterRecord;
}
export type DirectoryKind = keyof Directory;

/** Calls, messages and cases (data/matters.ts) are kept per day like visits, with their own methods. */
export interface Store extends MatterStore {
  /** Small, always-loaded collections (staff, kiosks, appointments, watchlist). */
  get<K extends DirectoryKind>(kind: K, id: string): Promise<Directory[K] | undefined>;
  list<K extends DirectoryKind>(kind: K): Promise<Directory[K][]>;
  put<K extends DirectoryKind>(kind: K, record: Directory[K]): Promise<void>;
  remove<K extends DirectoryKind>(kind: K, id: string): Promise<void>;
  /** One atomic read-change-write: change gets the stored record (undefined when there is none) and
   *  returns the record to store, or undefined to leave it; a throw stores nothing and rejects.
   *  Resolves with the record as stored afterwards. change is synchronous and never calls the store. */
  update<K extends DirectoryKind>(kind: K, id: string, change: Change<Directory[K] | undefined, Directory[K]>, rule?: KindRule<Directory[K]>): Promise<Directory[K] | undefined>;
  /** Stores a new record unless a stored one has its id or clashes with it (a unique rule); false when
   *  it clashed. One atomic step: of two rivals, one lands. */
  insert<K extends DirectoryKind>(kind: K, record: Directory[K], clashes?: (stored: Directory[K]) => boolean): Promise<boolean>;
  /** Invitations also clash on their invite code (compared without separators, in any case): the store
   *  keeps codes unique itself, and finds one by its code in constant time. */
  appointmentByCode(code: string): Promise<Appointment | undefined>;
  /** Invitations whose start falls on UTC days fromDay..toDay, reading only those days. */
  appointmentsStarting(fromDay: string, toDay: string): Promise<Appointment[]>;

  /** Visits are kept per day (visit.day, YYYY-MM-DD); open visits are indexed in memory.
   *  A visit id starts with its day as YYYYMMDD then "-", so getVisit finds the file. */
  getVisit(id: string): Promise<VisitRecord | undefined>;
  putVisit(visit: VisitRecord): Promise<void>;
  /** update() for a visit; undefined when there is no such visit (change is then not called). */
  updateVisit(id: string, change: Change<VisitRecord, VisitRecord>): Promise<VisitRecord | undefined>;
  /** The next number of a day's visit sequence (1, 2, …): never handed out twice for one day,
   *  also after a restart (numbers of stored visits are above it). */
  nextVisitNumber(day: string): Promise<number>;
  /** Days that hold visits, oldest first. */
  visitDays(): Promise<string[]>;
  /** The visit of that day registered by createdBy with this requestId (an idempotent retry), in constant time. */
  visitByRequest(day: string, createdBy: string, requestId: string): Promise<VisitRecord | undefined>;
  /** Keeps only the current version of these records on disk (and of those stored beside them): after
   *  an erasure, nothing erased may stay behind in an older version. */
  forgetOldVersions(kind: 'visits' | 'appointments', ids: string[]): Promise<void>;
  /** Visits not yet closed: awaiting-host, approved, on-site; with pick, only those it chooses (it sees the
   *  stored record, must not change it, and spares copying the rest: the clock asks every few seconds). */
  openVisits(pick?: (visit: Readonly<VisitRecord>) => boolean): Promise<VisitRecord[]>;
  visitsOfDay(day: string): Promise<VisitRecord[]>;

  /** The append-only log. append() rejects an event whose prevHash is not the last hash. */
  appendEvent(event: LogEvent): Promise<void>;
  lastEvent(): Promise<LogEvent | undefined>;
  /** Events with from <= at < to (ISO strings), oldest first. */
  events(from: string, to: string): Promise<LogEvent[]>;
  /** UTC days that hold events, oldest first. */
  eventDays(): Promise<string[]>;
  /** Ids of the visits of site days fromDay..toDay matching the query, found through small per-day
   *  summaries (lowdb) rather than the visits themselves. */
  findVisits(fromDay: string, toDay: string, query: VisitQuery): Promise<string[]>;
  /** The events of these visits with from <= at < to that are filed on the days of the visit (its site
   *  day, give or take a day for the time zone), oldest first; a later event, such as a staff read days
   *  on, is found by reading its day. */
  eventsOfVisits(ids: string[], from: string, to: string): Promise<LogEvent[]>;
  /** The log's head as kept apart from the events (lowdb: log-head.json), so that a cut-off tail shows
   *  at start-up; undefined when none was kept yet. */
  anchoredHead(): Promise<LogHead | undefined>;

  /** Brute-force limits (AttemptLimiter, SignInLimits), one sliding window per key, in one atomic step across every
   *  server on the store: forgets the key's hits at or before nowMs - windowMs, then, if fewer than max remain,
   *  records a hit at nowMs and resolves with its id (unique within the store); else resolves undefined, counting
   *  nothing. Hits stamped after nowMs (a clock set back) still count, until they too leave the window. One key
   *  is always asked with one window. The part of a key before its first ":" is its kind (e.g. "login-address"):
   *  a store that bounds the keys it keeps bounds each kind apart, so a flood of one kind never pushes out another. */
  attempt(key: string, nowMs: number, windowMs: number, max: number): Promise<string | undefined>;
  /** Takes back one hit (e.g. the right code after all); an unknown or forgotten id is no error. */
  forgetAttempt(key: string, id: string): Promise<void>;
  /** Forgets every hit of the key (e.g. an admin set a new password). */
  clearAttempts(key: string): Promise<void>;

  /** Returns the site's secrets, creating them with make() on first start. */
  secrets(make: () => SiteSecrets): Promise<SiteSecrets>;

  close(): Promise<void>;
}

/** What security searches visits by. */
export interface VisitQuery {
  /** Matches the visitor's name (case, spaces and tone marks ignored), the visit number or the visit id. */
  text?: string;
  hostId?: string;
}

/** The newest event of the log, as kept apart from it and as printed for security. */
export interface LogHead { seq: number; hash: string; at: string }

/** What update() applies: the next record, or undefined for no change. */
export type Change<In, Out> = (current: In) => Out | undefined;

/** A rule over a whole kind that update() checks in the same atomic step, across servers too: it gets the changed
 *  record and every other record of the kind, and throws to store nothing (a unique username, at least one admin).
 *  Updates with a rule take turns with each other and with inserts of the kind. Small kinds only. */
export type KindRule<R> = (next: R, others: R[]) => void;

export const OPEN_STATUSES = ['awaiting-host', 'approved', 'on-site'] as const;
