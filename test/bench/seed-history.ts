// Fills a new Foyer data directory with years of realistic past visits, their log events, invitations,
// hosts, kiosks and a small watchlist, through the lowdb store's own code (openLowdbStore). Records and
// events are shaped as server/flows/* write them (events never name the visitor); days go oldest first.
// Fast: this thread plans each day (people, hashes, signatures, the event chain) while the store runs in a
// worker thread (its heap bounded), many writes in flight so they share the store's group commits, and
// with fsync skipped while seeding: every file is fsynced once at the end.
// Usage: node --import tsx test/bench/seed-history.ts --visits N --dir D [--invitations M] [--hosts H] [--years Y]
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { openLowdbStore } from '../../data/lowdb-store.ts';
import type { FileOps } from '../../data/durable-file.ts';
import type { KioskRecord, SiteSecrets, Store, VisitRecord } from '../../data/store.ts';
import type { Appointment, Host, IdType, LogEvent, WatchlistEntry } from '../../server/protocol.ts';
import { makeBadgeKeys, signBadge } from '../../server/domain/badges.ts';
import { chainEvent } from '../../server/domain/log.ts';
import { computeIdCheckChar, hashIdNumber, maskIdNumber } from '../../server/domain/ids.ts';
import { formatInviteCode, makeInviteCode } from '../../server/domain/appointments.ts';
import { makeVisitId } from '../../server/domain/visits.ts';
import { badgeValidUntil, formatVisitNumber, WAIT_LIMIT_MS } from '../../server/domain/visit-times.ts';
import { siteDay, siteInstant } from '../../server/domain/sitetime.ts';

export interface SeedOptions {
  dir: string; visits: number; invitations?: number; hosts?: number; years?: number; now?: Date; log?: (line: string) => void;
}
export interface SeedResult {
  visits: number; events: number; invitations: number; days: number; seconds: number;
  sample: { names: string[]; inviteCodes: string[]; hostIds: string[] };
}

/** The site's time zone (what test/helpers/server.ts starts servers with) and its defaults (server/config.ts). */
const TZ = 'Asia/Shanghai';
const HOURS = { timeZone: TZ, badgeHours: 12 };
const HOST_TIMEOUT_MS = 120_000;
const [SEC, MIN, HOUR, DAY] = [1000, 60_000, 3_600_000, 86_400_000];
/** Store calls in flight before the seeder waits for them: enough to fill the store's group commits. */
const IN_FLIGHT = 6000;

// Word lists: ~2M Chinese names (surname × one or two given characters), Latin names for foreign visitors.
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const COMPOUND = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '慕容', '令狐'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞文辉宇浩然子轩梓涵欣怡思雨晨博一诺佳琪俊嘉睿泽宁婷雪琳晓东建国志新海波斌云龙凯峰彬鑫亮健兰凤梅莉倩颖璐瑶蕾丹悦冰爽瑞阳帆航宏毅喆堃昊天逸晗彤淼昕钰珂岚'];
const FIRST = ['Anna', 'Lukas', 'Maria', 'John', 'Sarah', 'Łukasz', 'Zoë', 'José', 'François', 'Søren', 'Emma', 'Noah', 'Olivia', 'Liam', 'Sophie', 'Mateo', 'Ingrid', 'Pierre', 'Giulia', 'Hiroshi', 'Yuki', 'Min-jun', 'Priya', 'Arjun', 'Fatima', 'Omar', 'Elena', 'Ivan', 'Chloé', 'Björn'];
const LAST = ['Müller', 'Schmidt', 'Smith', 'García', 'Dvořák', 'Nowak', 'Rossi', 'Johansson', "O'Brien", 'Kim', 'Tanaka', 'Nguyen', 'Dubois', 'Jensen', 'Novák', 'Kowalski', 'Silva', 'Petrov', 'Brown', 'Wilson', 'Martin', 'Bernard', 'Fischer', 'Weber', 'Sato', 'Patel', 'Khan', 'Hansen', 'López', 'Van der Berg'];
const CITIES = ['北京', '上海', '深圳', '杭州', '广州', '成都', '南京', '苏州', '武汉', '西安', '天津', '厦门'];
const BRANDS = ['星河', '华信', '中科', '腾达', '远景', '博通', '金桥', '恒泰', '新辰', '云海', '天成', '嘉禾', '瑞丰', '启明', '同创', '鼎盛'];
const TRADES = ['科技', '信息技术', '物流', '建筑工程', '咨询', '贸易', '医疗器械', '文化传媒', '电子', '环保'];
const FOREIGN_COMPANIES = ['Siemens AG', 'Bosch GmbH', 'Maersk A/S', 'Acme Corp.', 'Nordic Design AB', 'Rossi & Figli S.r.l.', 'Tanaka Seiki K.K.'];
const PURPOSES = ['商务洽谈', '面试', '送货', '设备维修', '会议', '参观交流', '合同签订', '快递', '技术支持', '培训', '审计', '项目验收', 'Business meeting', 'Interview', 'Delivery', 'Maintenance'];
const DEPARTMENTS = ['研发部', '市场部', '销售部', '人力资源部', '财务部', '行政部', '法务部', '采购部', '客户服务部', '产品部', '技术支持部', '品质管理部', '总经理办公室', '战略发展部', '信息技术部', '物业管理处'];
const REGIONS = ['110105', '110108', '310104', '310115', '440305', '440106', '330106', '510107', '320102', '420106', '610113', '120101'];
const ITEMS = ['笔记本电脑', '样品', '工具箱', '文件资料', 'Laptop'];
const PLATES = [...'京沪粤浙苏川鄂陕津闽'];
const COMING_DOWN = ['请稍等，我马上下来', '请在大堂稍候', '请到三楼会议室'];
const NOT_TODAY = ['今天不方便，请改天再来', '请先电话预约'];
const BY_HAND = ['访客忘记刷卡离开', '胸卡遗失', '从侧门离开'];
const WATCH_REASONS = ['多次在大堂滋事', '冒用他人身份登记', '前员工，禁止入内', '推销人员，多次投诉'];
const PRINTERS = ['tcp://10.0.1.21:9100', 'tcp://10.0.1.22:9100'];

type Rng = () => number;
/** mulberry32: small, fast and seeded, so one person is the same person on every visit. */
function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const digits = (r: Rng, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
const chineseName = (r: Rng) =>
  (r() < 0.015 ? pick(r, COMPOUND) : SURNAMES[Math.floor(SURNAMES.length * r() ** 1.6)]) + pick(r, GIVEN) + (r() < 0.72 ? pick(r, GIVEN) : '');
const mobile = (r: Rng) => `1${pick(r, ['3', '5', '8', '7', '9'])}${digits(r, 9)}`;
const iso = (ms: number) => new Date(ms).toISOString();

/** Random bytes drawn from a pool: one randomBytes call per 64 KB instead of one per id. */
class Bytes {
  #pool = Buffer.alloc(0);
  #at = 0;
  take(n: number): Buffer {
    if (this.#at + n > this.#pool.length) [this.#pool, this.#at] = [randomBytes(65_536), 0];
    return this.#pool.subarray(this.#at, (this.#at += n));
  }
  hex(n: number): string {
    return this.take(n).toString('hex');
  }
}

interface Person { name: string; idType: IdType; idNumber: string; phone?: string; company?: string }

/** Visitor number i of the site's population: the same name, ID, phone and company every time. */
function personAt(i: number): Person {
  const r = rng(Math.imul(i + 1, 2654435761));
  if (r() < 0.86) {
    const body = `${pick(r, REGIONS)}${1955 + Math.floor(r() * 50)}${String(1 + Math.floor(r() * 12)).padStart(2, '0')}${String(1 + Math.floor(r() * 28)).padStart(2, '0')}${digits(r, 3)}`;
    return { name: chineseName(r), idType: 'cn-resident', idNumber: body + computeIdCheckChar(body), ...(r() < 0.92 ? { phone: mobile(r) } : {}), ...(r() < 0.85 ? { company: `${pick(r, CITIES)}${pick(r, BRANDS)}${pick(r, TRADES)}有限公司` } : {}) };
  }
  const other = r() < 0.2; // a Hong Kong or Macau permit rather than a passport
  return {
    name: `${pick(r, FIRST)} ${pick(r, LAST)}`, idType: other ? 'other' : 'passport', idNumber: `${other ? 'H' : pick(r, ['C', 'E', 'K', 'P'])}${digits(r, 8)}`,
    ...(r() < 0.6 ? { phone: r() < 0.5 ? `+49 151 ${digits(r, 7)}` : mobile(r) } : {}), ...(r() < 0.9 ? { company: pick(r, FOREIGN_COMPANIES) } : {}),
  };
}

/** The last `count` site days before today, oldest first. */
function pastDays(now: Date, count: number): string[] {
  const today = Date.parse(`${siteDay(now, TZ)}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => iso(today - (count - i) * DAY).slice(0, 10));
}

/** total split over the days exactly: weekdays busier than weekends, later years a little busier than earlier. */
function spread(total: number, days: string[]): number[] {
  const weights = days.map((d, i) => ([0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()) ? 0.3 : 1) * (0.8 + (0.4 * i) / days.length));
  const sum = weights.reduce((a, b) => a + b, 0);
  let acc = 0, given = 0;
  return weights.map((w) => {
    acc += w;
    const upTo = Math.round((total * acc) / sum);
    const n = upTo - given;
    given = upTo;
    return n;
  });
}

/** A log event before chaining: the day's events are sorted by time, then chained in that order. */
interface Stamp { at: number; kind: string; visitId?: string; actor: string; data?: LogEvent['data'] }
interface Invitation { appt: Appointment; person: number; used: boolean }

/** The site being seeded: its secrets, directory and people, and what each day adds. */
class Site {
  readonly r = rng(20240601);
  readonly bytes = new Bytes();
  readonly hosts: Host[] = [];
  readonly hostUsers = new Map<string, string>();
  readonly staff = { admin: '', reception: [] as string[], security: [] as string[] };
  readonly kiosks: KioskRecord[] = [];
  readonly watch = new Map<number, WatchlistEntry>();
  readonly codes = new Set<string>();
  readonly pending = new Map<string, Invitation[]>();
  readonly population: number;

  constructor(readonly secrets: SiteSecrets, visits: number) {
    this.population = Math.max(50, Math.round(visits * 0.45));
  }

  user = () => `user:u-${this.bytes.hex(6)}`;

  /** Hosts (by department, some with a delegate), kiosks, staff and watchlist, with the events an admin's set-up writes. */
  setUp(hostCount: number, firstDay: number): { events: Stamp[] } {
    const r = this.r, events: Stamp[] = [];
    this.staff.admin = this.user();
    this.staff.reception = [this.user(), this.user(), this.user()];
    this.staff.security = [this.user(), this.user()];
    let at = firstDay + 8 * HOUR; // 08:00 site time is 00:00 UTC: set-up events file under the first day too
    const admin = (kind: string, data: Stamp['data']) => events.push({ at: (at += 500), kind, actor: this.staff.admin, data });
    for (const [name, location] of [['大堂一号机', '一楼大堂'], ['大堂二号机', '一楼大堂'], ['北门闸机', '北门']]) {
      const kiosk: KioskRecord = { id: `k-${this.bytes.hex(6)}`, name, location, pairedAt: iso(at + 1000), tokenVersion: 1, createdAt: iso(at + 500) };
      this.kiosks.push(kiosk);
      admin('kiosk-created', { kiosk: kiosk.id });
      events.push({ at: (at += 500), kind: 'kiosk-paired', actor: `kiosk:${kiosk.id}`, data: { kiosk: kiosk.id } });
    }
    const lastOf = new Map<string, Host>();
    for (let i = 0; i < hostCount; i++) {
      const department = pick(r, DEPARTMENTS);
      const delegate = lastOf.get(department);
      const host: Host = {
        id: `h-${this.bytes.hex(6)}`, name: chineseName(r), department, email: `staff${i + 1}@corp.example.cn`,
        ...(r() < 0.5 ? { phone: `010-6552${digits(r, 4)}` } : {}), ...(delegate && r() < 0.2 ? { delegateId: delegate.id } : {}),
      };
      lastOf.set(department, host);
      this.hosts.push(host);
      this.hostUsers.set(host.id, this.user());
      admin('host-created', { host: host.id });
    }
    for (let n = Math.max(2, Math.min(40, Math.round(this.population / 5000))); n > 0; n--) {
      const i = Math.floor(r() * this.population), p = personAt(i);
      const entry: WatchlistEntry = {
        id: `w-${this.bytes.hex(6)}`, idType: p.idType, idHash: hashIdNumber(this.secrets.idHashKey, p.idType, p.idNumber), idNumberMasked: maskIdNumber(p.idNumber),
        name: p.name, reason: pick(r, WATCH_REASONS), createdAt: iso(at), createdBy: pick(r, this.staff.security),
      };
      this.watch.set(i, entry);
      events.push({ at: (at += 500), kind: 'watchlist-added', actor: entry.createdBy, data: { entry: entry.id } });
    }
    return { events };
  }

  /** Popular hosts get more visitors; regulars (2% of people: couriers, contractors) make 30% of visits. */
  pickHost = (): Host => this.hosts[Math.floor(this.hosts.length * this.r() ** 2)];
  pickPerson = (): number => Math.floor(this.population * (this.r() < 0.3 ? 0.02 : 1) * this.r());

  /** Invitations created today (09:00-18:00) for today or the next days; the ahead ones start after lastDay. */
  invite(day: number, count: number, ahead = false): { appts: Appointment[]; events: Stamp[] } {
    const r = this.r, appts: Appointment[] = [], events: Stamp[] = [];
    for (let i = 0; i < count; i++) {
      const host = this.pickHost();
      const createdAt = day + 9 * HOUR + Math.floor(r() * 9 * HOUR);
      const lead = ahead ? 1 + Math.floor(r() * 14) : pick(r, [0, 1, 1, 1, 2, 2, 3, 3, 4, 5, 7, 10]);
      let start = day + lead * DAY + (9 + Math.floor(r() * 14) / 2) * HOUR;
      if (start < createdAt + HOUR) start = Math.ceil((createdAt + HOUR) / (30 * MIN)) * 30 * MIN;
      const person = this.pickPerson(), p = personAt(person);
      const appt: Appointment = {
        id: `a-${this.bytes.hex(6)}`, inviteCode: this.newCode(),
        visitor: { name: p.name, ...(p.phone ? { phone: p.phone } : {}), ...(p.company ? { company: p.company } : {}) },
        hostId: host.id, start: iso(start), end: iso(start + (1 + Math.floor(r() * 8)) * HOUR), purpose: pick(r, PURPOSES),
        createdBy: r() < 0.8 ? this.hostUsers.get(host.id)! : pick(r, this.staff.reception), createdAt: iso(createdAt),
      };
      appts.push(appt);
      events.push({ at: createdAt, kind: 'appointment-created', actor: appt.createdBy, data: { appointment: appt.id, host: host.id } });
      const startDay = siteDay(new Date(start), TZ);
      this.pending.set(startDay, [...(this.pending.get(startDay) ?? []), { appt, person, used: !ahead && r() < 0.5 }]);
    }
    return { appts, events };
  }

  /** Invitations whose window is open now (a kiosk can look them up), made on the last day. */
  inviteNow(now: number, day: number, count: number): { appts: Appointment[]; events: Stamp[] } {
    const made = this.invite(day, count, true);
    for (const appt of made.appts) {
      appt.start = iso(Math.floor((now - 2 * HOUR) / (30 * MIN)) * 30 * MIN);
      appt.end = iso(now + 2 * DAY);
    }
    return made;
  }

  newCode(): string {
    let code: string;
    do code = formatInviteCode(makeInviteCode(this.bytes.take(5))); while (this.codes.has(code));
    this.codes.add(code);
    return code;
  }

  /** One visit as the flows leave it, with the events they write (register → decide → badge → scan). */
  visit(name: string, dayStart: number, number: number, at: number, personIndex: number, invite?: Appointment): { visit: VisitRecord; events: Stamp[] } {
    const r = this.r, p = personAt(personIndex);
    const host = invite ? this.hosts.find((h) => h.id === invite.hostId)! : this.pickHost();
    const desk = !invite && r() < 0.12;
    const kiosk = this.kiosks[r() < 0.6 ? 0 : 1];
    const createdBy = desk ? pick(r, this.staff.reception) : `kiosk:${kiosk.id}`;
    const companions = r() < 0.9 ? 0 : 1 + Math.floor(r() * 3);
    const companionNames = companions && r() < 0.5 ? Array.from({ length: companions }, () => chineseName(r)) : [];
    let v: VisitRecord = {
      id: makeVisitId(name, this.bytes.take(5)), number: formatVisitNumber(name, number), day: name, status: 'awaiting-host',
      visitor: { name: p.name, idType: p.idType, idNumberMasked: maskIdNumber(p.idNumber), ...(p.phone ? { phone: p.phone } : {}), ...(p.company ? { company: p.company } : {}) },
      purpose: invite?.purpose ?? pick(r, PURPOSES), hostId: host.id, host: { id: host.id, name: host.name, department: host.department },
      ...(desk ? {} : { kioskId: kiosk.id }), ...(invite ? { appointmentId: invite.id } : {}),
      companions, ...(companionNames.length ? { companionNames } : {}), items: r() < 0.85 ? [] : [pick(r, ITEMS)],
      ...(r() < 0.1 ? { plate: `${pick(r, PLATES)}${'ABCDEFGH'[Math.floor(r() * 8)]}${digits(r, 5)}` } : {}),
      escortRequired: r() < 0.03, escalation: { level: 'host', since: iso(at) }, createdAt: iso(at), createdBy,
      idHash: hashIdNumber(this.secrets.idHashKey, p.idType, p.idNumber), requestId: randomUUID(),
    };
    const events: Stamp[] = [];
    const log = (t: number, kind: string, actor: string, data?: Stamp['data']) => events.push({ at: t, kind, visitId: v.id, actor, ...(data ? { data } : {}) });

    const listed = this.watch.get(personIndex);
    if (listed) { // screening.ts refuse(): the only event is the refusal
      log(at, 'visit-refused', createdBy, { watchlistEntry: listed.id });
      return { visit: { ...v, status: 'refused', decidedAt: v.createdAt, decidedBy: 'watchlist', refusalReason: listed.reason, watchlistEntryId: listed.id }, events };
    }
    let t = at, decider = createdBy;
    if (invite) { // register.ts approveByInvite()
      log(t, 'visit-registered', createdBy, { appointment: invite.id });
      log((t += 30), 'visit-approved', createdBy, { by: 'appointment' });
      v = { ...v, status: 'approved', decidedAt: v.createdAt, decidedBy: `appointment:${invite.id}` };
    } else {
      log(t, 'visit-registered', createdBy, { host: host.id });
      log((t += 20), 'host-notified', 'system', { host: host.id, level: 'host' });
      let level: 'host' | 'delegate' | 'reception' = 'host';
      const answered = r() < 0.9;
      for (const next of answered ? [] : host.delegateId ? ['delegate', 'reception'] as const : ['reception'] as const) { // escalation.ts tick()
        t = Date.parse(v.escalation.since) + HOST_TIMEOUT_MS + Math.floor(r() * 5 * SEC);
        level = next;
        v = { ...v, escalation: { level, since: iso(t) } };
        log(t, 'visit-escalated', 'system', { level });
        if (r() < 0.5) break; // answered at this level
      }
      if (!answered && r() < 0.25) { // nobody answered: the clock lets the visitor go
        log(at + WAIT_LIMIT_MS + Math.floor(r() * 5 * SEC), 'visit-expired', 'system');
        return { visit: { ...v, status: 'expired' }, events };
      }
      decider = level === 'host' ? this.hostUsers.get(host.id)! : level === 'delegate' ? this.hostUsers.get(host.delegateId!)! : pick(r, this.staff.reception);
      t += answered ? 15 * SEC + Math.floor(r() * 100 * SEC) : 10 * SEC + Math.floor(r() * 5 * MIN);
      const approve = r() < 0.97;
      const message = r() < 0.2 ? pick(r, approve ? COMING_DOWN : NOT_TODAY) : undefined;
      log(t, approve ? 'visit-approved' : 'visit-denied', decider, { level });
      v = { ...v, status: approve ? 'approved' : 'denied', decidedAt: iso(t), decidedBy: decider, ...(message ? { hostMessage: message } : {}), escortRequired: v.escortRequired || (approve && r() < 0.05) };
      if (!approve) return { visit: v, events };
    }
    return this.printAndLeave(v, events, dayStart, t, decider, desk);
  }

  /** badge.ts issueBadge() (sometimes a failed print, then a reprint at the desk), scan.ts scan() in and out, or out by hand. */
  printAndLeave(v: VisitRecord, events: Stamp[], dayStart: number, decidedAt: number, decider: string, desk: boolean): { visit: VisitRecord; events: Stamp[] } {
    const r = this.r, printer = PRINTERS[desk ? 1 : 0];
    const log = (t: number, kind: string, actor: string, data?: Stamp['data']) => events.push({ at: t, kind, visitId: v.id, actor, ...(data ? { data } : {}) });
    let t = decidedAt + 1500 + Math.floor(r() * 4500);
    const validUntil = badgeValidUntil(new Date(t), HOURS).toISOString();
    const badge = (serial: number) => signBadge(this.secrets.badgePrivateKey, { visitId: v.id, exp: Math.floor(Date.parse(validUntil) / 1000), serial });
    let serial = 0, jobId = `job-${t - 800}-${this.bytes.hex(3)}`;
    if (r() < 0.01) {
      log(t, 'badge-failed', decider, { job: jobId, printer, serial });
      [t, serial, decider] = [t + MIN + Math.floor(r() * 4 * MIN), 1, pick(r, this.staff.reception)];
      jobId = `job-${t - 800}-${this.bytes.hex(3)}`;
      log(t, 'badge-reprinted', decider, { job: jobId, printer, serial });
    } else log(t, 'badge-printed', decider, { job: jobId, printer, serial });
    v = { ...v, status: 'on-site', checkedInAt: iso(t), badge: { code: badge(serial), validUntil, jobId, print: 'printed', serial } };
    const gate = `kiosk:${this.kiosks[2].id}`;
    if (r() < 0.3) {
      const at = t + MIN + Math.floor(r() * 5 * MIN);
      log(at, 'visit-scanned-in', gate, { direction: 'in' });
      v = { ...v, lastMovement: { visitId: v.id, direction: 'in', at: iso(at), by: gate } };
    }
    const out = Math.min(dayStart + 21.5 * HOUR, t + 15 * MIN + Math.floor(r() ** 2 * 5 * HOUR) + 7 * MIN);
    if (r() < 0.03) log(t + Math.floor(r() * (out - t)), 'visit-viewed', pick(r, [...this.staff.reception, ...this.staff.security]));
    const byHand = r() < 0.04;
    const by = byHand ? pick(r, [...this.staff.reception, ...this.staff.security]) : r() < 0.5 ? gate : `kiosk:${this.kiosks[0].id}`;
    log(out, 'visit-checked-out', by, byHand ? { direction: 'out', by: 'hand' } : { direction: 'out' });
    v = { ...v, status: 'checked-out', checkedOutAt: iso(out), lastMovement: { visitId: v.id, direction: 'out', at: iso(out), by }, ...(byHand ? { checkoutReason: pick(r, BY_HAND) } : {}) };
    return { visit: v, events };
  }
}

/** One site day as planned: what the store gets, in the order it gets it. */
interface DayPlan {
  day: string;
  directory?: { hosts: Host[]; kiosks: KioskRecord[]; watchlist: WatchlistEntry[] };
  appointments: Appointment[];
  visits: VisitRecord[];
  /** Invitations used today: [invitation id, its code, visit id]. */
  claims: Array<[string, string, string]>;
  events: LogEvent[];
}
interface PlanInput { secrets: SiteSecrets; visits: number; invitations: number; hosts: number; days: string[]; now: number }
type Sample = SeedResult['sample'];

/** Every day's records and chained events, planned one day per credit the store worker hands back. */
async function planDays(input: PlanInput, send: (plan: DayPlan) => void, credit: () => Promise<void>): Promise<Sample> {
  const { days, now } = input;
  const site = new Site(input.secrets, input.visits);
  const perDay = spread(input.visits, days);
  const ahead = input.invitations ? Math.min(input.invitations, Math.max(3, Math.round(input.invitations * 0.01))) : 0;
  const openNow = Math.min(ahead, Math.max(2, Math.ceil(ahead / 10)));
  const invitesPerDay = spread(input.invitations - ahead, days);
  const names: string[] = [];
  let prev: LogEvent | undefined;
  for (const [i, day] of days.entries()) {
    await credit();
    const dayStart = siteInstant(day, '00:00', TZ).getTime();
    const plan: DayPlan = { day, appointments: [], visits: [], claims: [], events: [] };
    const stamps: Stamp[] = [];
    if (i === 0) {
      stamps.push(...site.setUp(input.hosts, dayStart).events);
      plan.directory = { hosts: site.hosts, kiosks: site.kiosks, watchlist: [...site.watch.values()] };
    }
    const made = [site.invite(dayStart, invitesPerDay[i])];
    if (i === days.length - 1) made.push(site.inviteNow(now, dayStart, openNow), site.invite(dayStart, ahead - openNow, true));
    for (const { appts, events } of made) {
      stamps.push(...events);
      plan.appointments.push(...appts);
    }

    // Today's visitors: those who come by invitation (around its start), then walk-ins; numbered in order of arrival.
    const invited = (site.pending.get(day) ?? []).filter((x) => x.used).slice(0, perDay[i]);
    site.pending.delete(day);
    const arrivals = [
      ...invited.map((x) => ({ at: Math.min(Date.parse(x.appt.start) + (site.r() * 80 - 20) * MIN, Date.parse(x.appt.end)), person: x.person, invite: x.appt })),
      ...Array.from({ length: perDay[i] - invited.length }, () => ({ at: dayStart + (site.r() < 0.6 ? 8.5 + site.r() * 3.5 : 13 + site.r() * 4.5) * HOUR, person: site.pickPerson(), invite: undefined })),
    ].sort((a, b) => a.at - b.at);
    const ids = new Set<string>();
    for (const [n, a] of arrivals.entries()) {
      let seeded: ReturnType<Site['visit']>;
      do seeded = site.visit(day, dayStart, n + 1, Math.floor(a.at), a.person, a.invite); while (ids.has(seeded.visit.id));
      ids.add(seeded.visit.id);
      stamps.push(...seeded.events);
      plan.visits.push(seeded.visit);
      if (a.invite && seeded.visit.status !== 'refused') plan.claims.push([a.invite.id, a.invite.inviteCode, seeded.visit.id]);
      // A few names to search for: from the first, middle and last day, and a Latin one.
      if ((n === 0 && [0, days.length >> 1, days.length - 1].includes(i)) || (n === 1 && i === days.length - 1) ||
        (names.length < 6 && !names.some((x) => /^[A-Z]/.test(x)) && /^[A-Z]/.test(seeded.visit.visitor.name))) names.push(seeded.visit.visitor.name);
    }
    stamps.sort((a, b) => a.at - b.at);
    for (const s of stamps) {
      prev = chainEvent(prev, { id: `e-${site.bytes.hex(6)}`, at: iso(s.at), kind: s.kind, visitId: s.visitId, actor: s.actor, data: s.data });
      plan.events.push(prev);
    }
    send(plan);
  }
  const open = [...site.pending.values()].flat().map((x) => x.appt).filter((a) => Date.parse(a.end) >= now);
  return {
    names: [...new Set(names)],
    inviteCodes: open.sort((a, b) => a.start.localeCompare(b.start)).slice(0, 5).map((a) => a.inviteCode),
    hostIds: site.hosts.slice(0, 5).map((h) => h.id),
  };
}

/** What the store worker and the planner say to each other. */
type ToStore = { plan?: DayPlan };
type FromStore = { secrets?: SiteSecrets; stored?: { day: string; visits: number; events: number; heapMb: number }; closed?: true };
const STORE = 'seedHistoryStore';
/** Days the planner may run ahead of the store. */
const AHEAD = 3;

/** The store side, in a worker thread of its own so that its heap can be bounded (resourceLimits): it opens
 *  the store, hands out the site's secrets, stores each day's plan as it comes and closes the store at the end. */
async function runStore(dir: string): Promise<void> {
  const port = parentPort!;
  const next = inbox<ToStore>(port);
  // Enough idle days for the invitations being written (up to ten days ahead) to stay loaded.
  const store = await openLowdbStore(dir, { files: unsynced, cacheDays: 12 });
  const stored = { visits: 0, events: 0 };
  try {
    port.postMessage({ secrets: await store.secrets(makeSecrets) } satisfies FromStore);
    const flight = new InFlight();
    for (let m = await next(); m.plan; m = await next()) {
      storeDay(store, m.plan, flight);
      await flight.drain(IN_FLIGHT);
      stored.visits += m.plan.visits.length;
      stored.events += m.plan.events.length;
      port.postMessage({ stored: { day: m.plan.day, ...stored, heapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20) } } satisfies FromStore);
    }
    await flight.drain();
  } finally {
    await store.close();
  }
  port.postMessage({ closed: true } satisfies FromStore);
  port.close();
}

/** This file again, in a worker thread: workers do not inherit tsx's loader, so the worker registers it first. */
function startStore(dir: string, visits: number): Worker {
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
  // What stays in memory grows with the visits (the store keeps every day's search summary): room for that, no more.
  const maxOldGenerationSizeMb = Math.round(256 + (150 * visits) / 1e6);
  return new Worker(boot, { eval: true, workerData: { [STORE]: dir }, resourceLimits: { maxOldGenerationSizeMb, maxYoungGenerationSizeMb: 48 } });
}

/** A port's messages in order; with a worker, rejects once it fails or stops. */
function inbox<T>(port: Worker | MessagePort): () => Promise<T> {
  const queue: T[] = [];
  let waiting: { resolve: (m: T) => void; reject: (e: Error) => void } | undefined;
  let failure: Error | undefined;
  port.on('message', (m: T) => {
    if (!waiting) return queue.push(m);
    waiting.resolve(m);
    waiting = undefined;
  });
  const fail = (e: Error) => { failure ??= e; waiting?.reject(failure); };
  port.on('error', fail);
  port.on('exit', (code: number) => fail(new Error(`seed-history: the store worker stopped (exit code ${code})`)));
  return () => {
    if (queue.length) return Promise.resolve(queue.shift()!);
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => (waiting = { resolve, reject }));
  };
}

/** Store calls in flight, in chunks: waiting for the oldest chunk keeps the newer one going, so the store's
 *  group commits never run dry. A failure is kept (never unhandled) and rethrown by the next wait. */
class InFlight {
  #chunks: Promise<unknown>[][] = [[]];
  #failed: unknown;
  add(p: Promise<unknown>): void {
    p.catch((e) => { this.#failed ??= e; });
    this.#chunks.at(-1)!.push(p);
  }
  /** Waits until at most about `limit` calls are in flight (0: all done). */
  async drain(limit = 0): Promise<void> {
    if (this.#chunks.at(-1)!.length >= limit / 2) this.#chunks.push([]);
    while (this.#chunks.length > (limit ? 2 : 0)) await Promise.allSettled(this.#chunks.shift()!);
    if (!this.#chunks.length) this.#chunks.push([]);
    if (this.#failed) throw this.#failed;
  }
}

/** Hands one day's plan to the store, without waiting: the store runs its changes in call order. */
function storeDay(store: Store, plan: DayPlan, flight: InFlight): void {
  if (plan.directory) {
    for (const host of plan.directory.hosts) flight.add(store.put('hosts', host));
    for (const kiosk of plan.directory.kiosks) flight.add(store.put('kiosks', kiosk));
    for (const entry of plan.directory.watchlist) flight.add(store.put('watchlist', entry));
  }
  for (const a of plan.appointments) flight.add(store.insert('appointments', a).then((ok) => { if (!ok) throw new Error(`seed-history: invitation ${a.id} clashed`); }));
  for (const v of plan.visits) flight.add(store.putVisit(v));
  // The kiosk looks the code up (findInvite), then claimInvite() marks the invitation used. The look-up also lets
  // the store trim its invitation days: writes alone never do, so every day touched stayed in memory, its file open.
  for (const [id, code, visitId] of plan.claims) {
    flight.add(store.appointmentByCode(code));
    flight.add(store.update('appointments', id, (a) => (a ? { ...a, usedByVisitId: visitId } : undefined)));
  }
  for (const e of plan.events) flight.add(store.appendEvent(e));
}

/** nodeFiles without fsync: the seeder makes everything durable once at the end (syncTree). A folder is
 *  opened ('r') only to fsync it (syncFolder), so it is not opened at all. */
const unsynced: FileOps = {
  rename,
  async open(path, flags, mode) {
    const skip = async () => undefined;
    const unused = () => Promise.reject(new Error(`seed-history: ${path} was opened only to be synced`));
    if (flags === 'r') return { writeFile: unused, appendFile: unused, chmod: unused, sync: skip, datasync: skip, close: skip };
    const h = await open(path, flags, mode);
    return {
      writeFile: (d) => h.writeFile(d), appendFile: (d) => h.appendFile(d), chmod: (m) => h.chmod(m),
      sync: skip, datasync: skip, close: () => h.close(),
    };
  },
};

/** fsync of every file and folder under dir, deepest first. */
function syncTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) syncTree(join(dir, entry.name));
    else if (entry.isFile()) syncOne(join(dir, entry.name));
  }
  syncOne(dir);
}
function syncOne(path: string): void {
  const fd = openSync(path, 'r');
  try { fsyncSync(fd); } finally { closeSync(fd); }
}

/** As server/app.ts makes them, so a server started on the directory signs and checks with these keys. */
const makeSecrets = (): SiteSecrets => {
  const keys = makeBadgeKeys();
  return { badgePrivateKey: keys.privateKey, badgePublicKey: keys.publicKey, idHashKey: randomBytes(32).toString('base64'), tokenKey: randomBytes(32).toString('base64') };
};

export async function seedHistory(opts: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const { dir, visits, hosts = 2000, years = 3, now = new Date(), log = () => undefined } = opts;
  const invitations = opts.invitations ?? Math.round(visits / 10);
  for (const [name, n] of Object.entries({ visits, invitations, hosts })) {
    if (!Number.isSafeInteger(n) || n < (name === 'hosts' ? 1 : 0)) throw new Error(`seed-history: --${name} must be a whole number${name === 'hosts' ? ' of at least 1' : ''}, not ${n}`);
  }
  if (!(years > 0)) throw new Error(`seed-history: --years must be more than 0, not ${years}`);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new Error(`seed-history: ${dir} already holds data (${readdirSync(dir).slice(0, 4).join(', ')}…): seed into a new or empty directory`);
  }
  const days = pastDays(now, Math.max(1, Math.round(years * 365)));

  const worker = startStore(dir, visits);
  const next = inbox<FromStore>(worker);
  let stored = { day: '', visits: 0, events: 0, heapMb: 0 };
  let rssPeak = 0, report = 0.1, credits = AHEAD;
  const hear = async () => {
    const m = await next();
    if (!m.stored) return m;
    stored = m.stored;
    credits++;
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    if ((visits && stored.visits >= report * visits) || stored.day === days.at(-1)) {
      log(`seed-history: ${Math.round((100 * stored.visits) / Math.max(1, visits))}% ${stored.visits} visits, ${stored.events} events, through ${stored.day}, ${((performance.now() - started) / 1000).toFixed(0)} s, RSS ${(rssPeak / 2 ** 20).toFixed(0)} MB (store heap ${stored.heapMb} MB)`);
      while (report * visits <= stored.visits && report <= 1) report += 0.1;
    }
    return m;
  };
  let sample: Sample;
  try {
    const { secrets } = await hear();
    const credit = async () => {
      while (credits === 0) await hear();
      credits--;
    };
    sample = await planDays({ secrets: secrets!, visits, invitations, hosts, days, now: now.getTime() }, (plan) => worker.postMessage({ plan } satisfies ToStore), credit);
    worker.postMessage({} satisfies ToStore);
    while (!(await hear()).closed);
  } finally {
    await worker.terminate();
  }
  syncTree(dir);
  return { visits: stored.visits, events: stored.events, invitations, days: days.length, seconds: (performance.now() - started) / 1000, sample };
}

function parseArgs(argv: string[]): SeedOptions {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    if (!/^--(visits|dir|invitations|hosts|years)$/.test(argv[i]) || argv[i + 1] === undefined) {
      throw new Error(`seed-history: unexpected "${argv[i]}"\nusage: seed-history.ts --visits N --dir D [--invitations M] [--hosts H] [--years Y]`);
    }
    args.set(argv[i].slice(2), argv[i + 1]);
  }
  if (!args.has('visits') || !args.has('dir')) throw new Error('seed-history: --visits N and --dir D are required');
  const num = (k: string) => (args.has(k) ? Number(args.get(k)) : undefined);
  return { dir: args.get('dir')!, visits: num('visits')!, invitations: num('invitations'), hosts: num('hosts'), years: num('years'), log: (line) => console.log(line) };
}

const short = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(0)}k` : String(n));

if (!isMainThread && workerData?.[STORE]) await runStore(workerData[STORE] as string);

if (isMainThread && process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const r = await seedHistory(parseArgs(process.argv.slice(2)));
    console.log(`seeded ${r.visits} visits, ${short(r.events)} events, ${r.invitations} invitations over ${r.days} days in ${r.seconds.toFixed(0)} s (${Math.round(r.visits / r.seconds)} visits/s)`);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
