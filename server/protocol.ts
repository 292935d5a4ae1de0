// Payloads and events of the Foyer contract (DESIGN.md). kiosk/ imports this file type-only.
import type { PhraseKey } from './phrases.ts';
import type { CallRecord } from '../data/matters.ts';
import type { CaseRecord } from '../data/matters.ts';

export type Role = 'admin' | 'reception' | 'security' | 'supervisor' | 'host';
export const ROLES: readonly Role[] = ['admin', 'reception', 'security', 'supervisor', 'host'];
export type IdType = 'cn-resident' | 'passport' | 'other';
export const ID_TYPES: readonly IdType[] = ['cn-resident', 'passport', 'other'];

export type VisitStatus =
  | 'awaiting-host' | 'approved' | 'on-site' | 'checked-out'
  | 'denied' | 'refused' | 'expired' | 'cancelled';

/** Who is being asked to decide: the host, then the delegate, then reception. */
export type EscalationLevel = 'host' | 'delegate' | 'reception';

export interface User {
  id: string;
  username: string;
  name: string;
  role: Role;
  hostId?: string;
  /** A disabled account cannot sign in; its sessions ended when it was disabled. */
  disabled?: boolean;
}

export interface Host {
  id: string;
  name: string;
  department: string;
  email?: string;
  phone?: string;
  delegateId?: string;
  /** false: turned off by an admin (left, on leave): not found by search, not chosen for new visits; absent = active. */
  active?: boolean;
  /** From the company's HR directory: with email, what an import matches a row by. */
  employeeNo?: string;
  /** The host's user ids in the company's WeCom, DingTalk and Feishu (from a directory import). */
  wecomUserId?: string;
  dingtalkUserId?: string;
  feishuUserId?: string;
  /** Where the host is told of a visitor besides the console (admins only; secrets never read back, see http/host-channels.ts). */
  channels?: Array<{ kind: 'email' | 'wecom' | 'dingtalk' | 'feishu' | 'slack' | 'webhook'; target: string; secret?: string; secretSet?: boolean }>;
}

/** What the kiosk may see of a host: never email, phone or the whole directory. */
/** active: false only where an admin lists an inactive host (no one else is shown one). */
export interface HostSummary { id: string; name: string; department: string; active?: boolean }

export interface Kiosk {
  id: string;
  name: string;
  location?: string;
  pairedAt?: string;
  /** Set when an admin revoked the kiosk: its device token stopped working then. */
  revokedAt?: string;
  /** false: turned off by an admin; its token is refused until turned on again (no re-pairing). Absent = active. */
  active?: boolean;
  /** The printers its badges go to (GET /api/printers): the first, then fallbacks in order; none: the configured ones. */
  printerIds?: string[];
}

export interface Appointment {
  id: string;
  inviteCode: string;
  visitor: { name: string; phone?: string; company?: string };
  hostId: string;
  start: string;
  end: string;
  purpose: string;
  createdBy: string;
  createdAt: string;
  usedByVisitId?: string;
  /** Set when the visitor's name, phone and company were erased (retention or a person's request). */
  erasedAt?: string;
}

/** What a kiosk learns from an invite code: enough to fill the form, no phone. */
export interface InviteSummary {
  visitor: { name: string; company?: string };
  host: HostSummary;
  purpose: string;
  start: string;
  end: string;
}

export interface VisitorView {
  name: string;
  idType: IdType;
  idNumberMasked: string;
  phone?: string;
  company?: string;
}

export interface BadgeInfo {
  code: string;
  validUntil: string;
  jobId?: string;
  print: 'pending' | 'printed' | 'failed';
  /** 0 for the first badge, then one more for each reprint: only the newest code is accepted. */
  serial?: number;
  /** Reprints asked for at a kiosk (one is allowed; then reception). */
  kioskReprints?: number;
}

export interface Visit {
  id: string;
  /** Short number printed on the badge and said at the desk. */
  number: string;
  day: string;
  status: VisitStatus;
  visitor: VisitorView;
  purpose: string;
  hostId?: string;
  host?: HostSummary;
  kioskId?: string;
  appointmentId?: string;
  /** The invitation's name when the visitor gave another: the host decides, the code alone let nobody in. */
  invitedAs?: string;
  /** People with the visitor (not counting them); every list and the muster count them. */
  companions: number;
  /** Their names, when given (at most `companions` of them). */
  companionNames?: string[];
  items: string[];
  plate?: string;
  escortRequired: boolean;
  /** The host's words to the visitor, e.g. 请稍等，我马上下来. */
  hostMessage?: string;
  /** A quick phrase (server/phrases.ts), shown in the visitor's language; with or without hostMessage. */
  hostPhrase?: PhraseKey;
  /** "Coming in N minutes": `until` is the server's clock; the kiosk counts down against the payload's `now`. */
  hostComing?: { minutes: number; until: string };
  escalation: { level: EscalationLevel; since: string };
  createdAt: string;
  createdBy: string;
  decidedAt?: string;
  decidedBy?: string;
  /** A purpose with secondApproval (server/flows/second-approval.ts): the approvals given so far, the host's step
   *  (host, delegate or reception) first. decidedAt/decidedBy are the last decision's. */
  approvals?: Approval[];
  /** 'second': the host's step agreed; the visit stays awaiting-host (expires, is cancelled, is never escalated) until
   *  one of secondApprover.asked approves (then approved, badge) or denies (denied). */
  awaiting?: 'second';
  /** The department giving the second approval (settings' secondApprover when the host's step agreed), the ids of its
   *  hosts asked then (any one but the first approver decides), and whether any of them could be told at once
   *  (false: reception and security were alerted; reception cannot stand in). */
  secondApprover?: { department: string; asked: string[]; reached: boolean };
  checkedInAt?: string;
  checkedOutAt?: string;
  /** Why staff checked the visitor out by hand (left the badge behind, another door, …). */
  checkoutReason?: string;
  overstay?: boolean;
  badge?: BadgeInfo;
  /** The last badge scan; a second scan in without a scan out is refused. */
  lastMovement?: Movement;
  /** Set when the visit's personal data was erased (retention or a person's request). */
  erasedAt?: string;
  /** The agreement the visitor signed at the kiosk (their purpose required it). */
  agreement?: SignedAgreement;
  /** A group registered at the desk in one go: each visitor their own visit and badge, the host told once. */
  group?: VisitGroup;
}

/** The visits of one group (in the order given; refused and held ones too); lead: the one the host was told of. */
export interface VisitGroup {
  id: string; visitIds: string[]; lead: string;
  /** A member a watchlist match refused or holds: not decided with the group (reception decides a held one alone). */
  alone?: boolean;
}

/** People on site: each visitor plus their companions (what an evacuation counts). */
export const peopleOf = (visits: ReadonlyArray<Pick<Visit, 'companions'>>): number =>
  visits.reduce((sum, v) => sum + 1 + v.companions, 0);

/** One step of a two-step approval. by: the actor as the log has it (user:…, link:<host id>); hostId: the approving
 *  host's, which makes two accounts or a link of one person the same approver; name: shown on the cards. */
export interface Approval { step: 'host' | 'second'; by: string; role: Role; at: string; hostId?: string; name?: string }

export interface Movement { visitId: string; direction: 'in' | 'out'; at: string; by: string }

export interface WatchlistEntry {
  id: string;
  idType?: IdType;
  idHash?: string;
  idNumberMasked?: string;
  name?: string;
  phone?: string;
  reason: string;
  createdAt: string;
  createdBy: string;
  /** From this moment on the entry no longer matches anyone at registration (it stays listed). */
  expiresAt?: string;
  updatedAt?: string;
  updatedBy?: string;
  /** Set in the same atomic step that claims a removal: a removed entry matches nobody and cannot be edited. */
  removedAt?: string;
}

/** One entry of the append-only log. Never holds a visitor's name, phone or ID number. */
export interface LogEvent {
  id: string;
  seq: number;
  at: string;
  kind: string;
  visitId?: string;
  actor?: string;
  data?: Record<string, string | number | boolean | null>;
  prevHash: string;
  hash: string;
}

export interface PrintJobView {
  id: string;
  kind: 'badge' | 'muster' | 'test';
  visitId?: string;
  status: 'queued' | 'printing' | 'printed' | 'failed';
  printer?: string;
  attempts: number;
  reprint: boolean;
  by: string;
  createdAt: string;
  printedAt?: string;
  error?: string;
}

/** A printer's state as last asked; 'off': an admin turned it off, so nobody asks it. */
export type PrinterStatus = 'ok' | 'paper-out' | 'cover-open' | 'offline' | 'off';

/** A stored printer as the admin sees it (GET /api/printers). */
export interface PrinterView {
  id: string;
  name: string;
  /** 'virtual' or tcp://host:port. */
  address: string;
  paper: 80 | 58;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  status: PrinterStatus;
}

export interface Alert {
  /** Kept alerts have an id (GET /api/alerts, POST /api/alerts/:id/ack). */
  id?: string;
  kind: 'watchlist-hit' | 'printer' | 'escalation' | 'overstay' | 'channel' | 'panic' | 'transfer-returned' | 'case-major' | 'case-overdue' | 'callback-overdue';
  at: string;
  ackedAt?: string;
  ackedBy?: string;
  visitId?: string;
  message: string;
  data?: Record<string, string | number | boolean | null>;
}

/** The site's rules as the kiosk's privacy notice and the consoles show them (GET /api/site). */
export interface SiteInfo {
  /** Days after a visit ends before its personal data is erased (FOYER_RETENTION_DAYS). */
  retentionDays: number;
  timeZone: string;
  /** HH:MM in the site's time zone; absent when the site never closes. */
  closingTime?: string;
  /** A badge's longest validity in hours. */
  badgeHours: number;
  /** What screens show and follow (welcome text, purposes, idle timeout): see GET /api/settings. */
  settings: PublicSettings;
}

/** A visit purpose the kiosk offers: whether the host must approve, and whether an escort is named at approval. */
export interface VisitPurpose { zh: string; en: string; approval: boolean; escort: boolean; /** The agreement a visitor with this purpose reads and signs at the kiosk. */ agreementId?: string }
/** Also the secondApprover's department must agree (server/flows/second-approval.ts); stored only when true. */
export interface VisitPurpose { secondApproval?: boolean }

/** A text the visitor reads and signs at the kiosk (an NDA, safety rules), in both languages. */
export interface Agreement { id: string; title: { zh: string; en: string }; text: { zh: string; en: string } }

/** What a visit keeps of the agreement signed: version is a hash of the text as shown (the signature is kept apart). */
export interface SignedAgreement { id: string; title: { zh: string; en: string }; version: string; signedAt: string }

/** The site's settings as in force: what an admin stored over the defaults (server/config.ts, today's behaviour). */
export interface SiteSettings {
  siteName: string;
  /** The kiosk's welcome line; '' keeps the kiosk's own. */
  welcome: { zh: string; en: string };
  defaultLang: 'zh-CN' | 'en';
  /** HH:MM to HH:MM site time; absent: always open. */
  receptionHours?: { open: string; close: string };
  /** HH:MM site time when badges end; absent: no closing time (a badge lasts its badgeHours). */
  closingTime?: string;
  /** Seconds without a touch before the kiosk returns to its welcome screen. */
  idleSeconds: number;
  retentionDays: number;
  badgeHours: number;
  /** Empty: any purpose typed is accepted and needs the host's approval. */
  purposes: VisitPurpose[];
  /** The department whose hosts give the second approval of purposes with secondApproval (e.g. 保密管理部门); admin only. */
  secondApprover?: { department: string };
  /** Texts a purpose may require the visitor to sign; absent: none. */
  agreements?: Agreement[];
  /** Changes with each logo uploaded (GET /api/settings/logo); absent: no logo. */
  logoVersion?: string;
  /** The cases' (事务) working calendar, admin only; absent: 09:00–18:00, Monday to Friday, no holidays. */
  workingHours?: { open: string; close: string };
  /** ISO weekdays that work (1 Monday … 7 Sunday). */
  workdays?: number[];
  /** Days off (YYYY-MM-DD) and days that work although their weekday does not (调休). */
  holidays?: string[];
  makeUpWorkdays?: string[];
  /** A paid service's own hours (and weekdays); absent: the working hours. */
  paidServiceHours?: { open: string; close: string; workdays?: number[] };
  /** The department every complaint is copied to (品质管理部). */
  qualityDepartment?: string;
  /** The standard phrases (规范用语) the desk is prompted with; absent: the regulations' (server/domain/desk-phrases.ts). */
  deskPhrases?: DeskPhrase[];
  /** The standard texts (标准短信) sent to a caller after a call; absent: the regulations'. */
  smsTemplates?: SmsTemplate[];
  /** The site's SMS bridge (admin only; read back with its token masked and secretSet instead of the secret). */
  smsWebhook?: SmsWebhook;
}

/** A standard phrase in both languages; {site} stands for the site's name. */
export interface DeskPhrase { key: string; zh: string; en: string }
/** A standard text; {name} {site} {subject} {staff} are filled in when it is sent. */
export interface SmsTemplate { id: string; zh: string; en: string }
export interface SmsWebhook { url: string; secret?: string; secretSet?: boolean }

/** What a kiosk (and anyone) may read of the settings: nothing about retention or staff. */
export type PublicSettings = Pick<SiteSettings, 'siteName' | 'welcome' | 'defaultLang' | 'receptionHours' | 'closingTime' | 'idleSeconds' | 'purposes' | 'agreements' | 'logoVersion'>;

export interface ApiError {
  /** characters: with `unprintable`, what the badge printer cannot print. */
  /** kind: with 409 in-use, what still refers to the record (visits, appointments, users, hosts). */
  error: { code: string; message: string; field?: string; characters?: string[]; kind?: string };
}

export type Ack<T = object> = ({ ok: true } & T) | { ok: false; error: ApiError['error'] };

export interface ServerToClient {
  'visit:arrived': (p: { visit: Visit }) => void;
  /** `now`: the server's clock when sent, so a kiosk counts down hostComing without trusting its own. */
  'visit:updated': (p: { visit: Visit; now?: string }) => void;
  'log:event': (p: { event: LogEvent }) => void;
  alert: (p: { alert: Alert }) => void;
  /** An alert was acknowledged (security, reception, admin): the list drops it from the open ones. */
  'alert:acked': (p: { alert: Alert }) => void;
  /** A printer's state changed (admin, security, reception): id and name of the stored printer, else its address. */
  'printer:status': (p: { printer: { id: string; name: string; status: PrinterStatus; address: string; at: string } }) => void;
  /** The site's public settings changed (an admin saved them): to every socket, kiosks included. */
  'settings:updated': (p: { settings: PublicSettings }) => void;
  /** A roll call started, was marked or ended (security, reception, admin). */
  'rollcall:updated': (p: { rollcall: RollCall }) => void;
  /** A message (留言) taken for the host, or for their department (its hosts); again once when it is reminded. */
  'call:message': (p: { call: Call }) => void;
  /** A call handed on (转接) to the host, or to their department (its hosts), to acknowledge. */
  'call:transfer': (p: { call: Call }) => void;
  /** A call was logged or took a step (read, reminded, acknowledged, come back to the desk): reception, supervisor,
   *  admin, and the hosts it is for. */
  'call:updated': (p: { call: Call }) => void;
  /** A case (事务) was created or took a step (reception, supervisor, admin, and its assignee's host rooms). */
  'case:updated': (p: { case: CaseRecord }) => void;
  /** The daily digest of open cases (supervisors): counts and the overdue case numbers. */
  'cases:digest': (p: { digest: CaseDigest }) => void;
}

export interface CaseDigest {
  day: string;
  open: number;
  byStatus: Record<string, number>;
  overdue: string[];
  callbackOverdue: string[];
}

/** A call (来电) as the desk wrote it down: a message (留言) or a transfer (转接) too (data/matters.ts). */
export type Call = CallRecord;

/** One visit on a roll call: the visitor, their companions and the responsible host; marked as one. */
export interface RollCallEntry {
  visitId: string;
  /** The visit's number as the badge shows it. */
  number: string;
  name: string;
  hostName?: string;
  companions: number;
  companionNames?: string[];
  accounted: boolean;
  /** Who marked it last and when (a marshal's user id). */
  by?: string;
  at?: string;
}

/** An evacuation roll call: everyone on site when it started; counts are people (visitors and companions). */
export interface RollCall {
  id: string;
  startedAt: string;
  startedBy: string;
  endedAt?: string;
  endedBy?: string;
  entries: RollCallEntry[];
  counts: { people: number; accounted: number; missing: number };
  /** Goes up with every change: of two copies, the higher is the newer (answers and live events can cross). */
  version: number;
}

export interface ClientToServer {
  'visit:decide': (
    p: { visitId: string; decision: 'approve' | 'deny'; message?: string; escortRequired?: boolean } & HostWords,
    ack: (r: Ack<{ visit: Visit }>) => void,
  ) => void;
  'visit:message': (p: { visitId: string } & HostWords, ack: (r: Ack<{ visit: Visit; now: string }>) => void) => void;
}

/** What a host may say to a waiting visitor besides free text (`message`). */
export interface HostWords { message?: string; phrase?: PhraseKey; comingInMinutes?: number }

export interface RegisterVisitBody {
  visitor: { name: string; idType: IdType; idNumber: string; phone?: string; company?: string };
  purpose: string;
  hostId?: string;
  inviteCode?: string;
  companions?: number;
  companionNames?: string[];
  items?: string[];
  plate?: string;
  escortRequired?: boolean;
  /** Chosen by the kiosk per visitor; the same id again returns the visit already registered. */
  requestId?: string;
  /** Register even though some characters cannot be printed on the badge (the visitor was told: 400 unprintable). */
  printAnyway?: boolean;
  /** The agreement the purpose requires, signed: a PNG data URL of the visitor's signature. */
  agreement?: { id: string; signature: string };
}

/** POST /api/visits/group: several visitors for one host at once (reception), 2 to 50, one visit and badge each. */
export interface RegisterGroupBody {
  hostId: string;
  purpose: string;
  company?: string;
  visitors: Array<{ name: string; idType: IdType; idNumber: string; phone?: string }>;
  requestId?: string;
  printAnyway?: boolean;
}
