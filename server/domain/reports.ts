// The front desk's periodic report (每月事务统计、分析、汇报): counted from the visits, calls and cases of a range of
// site days, one day at a time (a tally holds counters, never the records), with the same counts of the range
// before it and a short written analysis computed from the numbers.
import type { Visit } from '../protocol.ts';
import type { CallRecord, CaseRecord } from '../../data/matters.ts';
import { answeredInTime, calledBackInTime } from './cases.ts';

export interface Count { key: string; count: number }
export interface HostCount { hostId: string; name: string; department: string; count: number }
export interface CaseCategoryCount { key: string; count: number; due: number; met: number; missed: number }

export interface VisitSection {
  total: number;
  /** People on site with the visitors (not counted in total). */
  companions: number;
  byDay: Count[];
  byPurpose: Count[];
  byDepartment: Count[];
  /** The 20 hosts with the most visitors. */
  byHost: HostCount[];
  byStatus: Count[];
  /** Minutes from registration to a person's decision (invitations, decided at once, are left out). */
  hostResponseMinutes: { decided: number; median: number | null; p90: number | null };
  /** Shares (0–1) of the visits decided by a person: approved, denied; escalated: of all visits, passed on past the host. */
  rates: { approved: number | null; denied: number | null; escalated: number | null };
  overstays: number;
}

export interface CallSection { total: number; byKind: Count[]; byCategory: Count[]; transfersReturned: number }

export interface CaseSection {
  total: number;
  byCategory: CaseCategoryCount[];
  byDepartment: Count[];
  /** Cases whose answer was due: met = resolved by dueAt; missed = resolved late or still open past it. */
  deadlines: { due: number; met: number; missed: number; share: number | null };
  /** Resolved cases: called back (the person reached) within 24 hours of the resolution. */
  callbacks: { resolved: number; within24h: number; share: number | null };
  satisfaction: { responses: number; average: number | null; distribution: number[] };
}

export interface ReportNumbers { visits: VisitSection; calls: CallSection; cases: CaseSection }

export interface Report extends ReportNumbers {
  /** 'month' (YYYY-MM) or 'week' (its Monday). */
  period: { kind: 'month' | 'week'; label: string; from: string; to: string };
  previous: { label: string; from: string; to: string; visits: number; calls: number; cases: number; deadlineShare: number | null; callbackShare: number | null; medianResponse: number | null };
  analysis: { 'zh-CN': string[]; en: string[] };
}

const sorted = (m: Map<string, number>): Count[] =>
  [...m].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
const bump = (m: Map<string, number>, key: string, by = 1) => m.set(key, (m.get(key) ?? 0) + by);
const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Nearest-rank percentile of sorted values. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** decidedBy of a visit decided at registration, not by a person: a purpose needing no approval, an invitation,
 *  the watchlist (server/flows/register.ts, screening.ts). */
const DECIDED_AT_ONCE = /^(purpose$|watchlist$|appointment:)/;
const NO_DEPARTMENT = '—';

export function visitTally(days: string[]) {
  const byDay = new Map(days.map((d) => [d, 0]));
  const byPurpose = new Map<string, number>(), byDepartment = new Map<string, number>(), byStatus = new Map<string, number>();
  const hosts = new Map<string, HostCount>();
  const minutes: number[] = [];
  let total = 0, companions = 0, approved = 0, denied = 0, escalated = 0, overstays = 0;
  return {
    add(visits: readonly Visit[]): void {
      for (const v of visits) {
        total++;
        companions += v.companions ?? 0;
        bump(byDay, v.day);
        bump(byPurpose, v.purpose || NO_DEPARTMENT);
        bump(byDepartment, v.host?.department || NO_DEPARTMENT);
        bump(byStatus, v.status);
        if (v.hostId) {
          const h = hosts.get(v.hostId) ?? { hostId: v.hostId, name: v.host?.name ?? '', department: v.host?.department ?? '', count: 0 };
          h.count++;
          hosts.set(v.hostId, h);
        }
        if (v.escalation && v.escalation.level !== 'host') escalated++;
        if (v.overstay) overstays++;
        const byPerson = v.decidedAt && v.decidedBy && !DECIDED_AT_ONCE.test(v.decidedBy);
        if (byPerson) {
          minutes.push(Math.max(0, (Date.parse(v.decidedAt!) - Date.parse(v.createdAt)) / 60_000));
          if (v.status === 'denied') denied++;
          else approved++;
        }
      }
    },
    result(): VisitSection {
      const decided = minutes.length;
      const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
      return {
        total, companions,
        byDay: [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => ({ key, count })),
        byPurpose: sorted(byPurpose), byDepartment: sorted(byDepartment), byStatus: sorted(byStatus),
        byHost: [...hosts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).slice(0, 20),
        hostResponseMinutes: { decided, median: round1(percentile(minutes, 50)), p90: round1(percentile(minutes, 90)) },
        rates: { approved: share(approved, decided), denied: share(denied, decided), escalated: share(escalated, total) },
        overstays,
      };
    },
  };
}

export function callTally() {
  const byKind = new Map<string, number>(), byCategory = new Map<string, number>();
  let total = 0, returned = 0;
  return {
    add(calls: readonly CallRecord[]): void {
      for (const c of calls) {
        total++;
        bump(byKind, c.kind);
        bump(byCategory, c.category);
        if (c.transfer?.returnedAt) returned++;
      }
    },
    result: (): CallSection => ({ total, byKind: sorted(byKind), byCategory: sorted(byCategory), transfersReturned: returned }),
  };
}

/** departmentOf: the department a case belongs to (its assignee's, or the assigned host's). */
export function caseTally(now: Date, departmentOf: (c: CaseRecord) => string | undefined) {
  const categories = new Map<string, CaseCategoryCount>();
  const byDepartment = new Map<string, number>();
  const distribution = [0, 0, 0, 0, 0];
  let total = 0, due = 0, met = 0, missed = 0, resolved = 0, within = 0, responses = 0, sum = 0;
  return {
    add(cases: readonly CaseRecord[]): void {
      for (const c of cases) {
        total++;
        const cat = categories.get(c.category) ?? { key: c.category, count: 0, due: 0, met: 0, missed: 0 };
        cat.count++;
        categories.set(c.category, cat);
        bump(byDepartment, departmentOf(c) || NO_DEPARTMENT);
        // A case is counted against its deadline once the deadline has come or it was answered.
        const isDue = Boolean(c.resolvedAt) || Date.parse(c.dueAt) <= now.getTime();
        if (isDue) {
          due++; cat.due++;
          if (answeredInTime(c)) { met++; cat.met++; } else { missed++; cat.missed++; }
        }
        if (c.resolvedAt) {
          resolved++;
          if (calledBackInTime(c)) within++;
        }
        const score = c.callback?.reachedContact ? c.callback.satisfaction : undefined;
        if (score && score >= 1 && score <= 5) { responses++; sum += score; distribution[score - 1]++; }
      }
    },
    result: (): CaseSection => ({
      total,
      byCategory: [...categories.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
      byDepartment: sorted(byDepartment),
      deadlines: { due, met, missed, share: share(met, due) },
      callbacks: { resolved, within24h: within, share: share(within, resolved) },
      satisfaction: { responses, average: responses ? Math.round((sum / responses) * 100) / 100 : null, distribution },
    }),
  };
}

const CATEGORY_NAMES: Record<string, { 'zh-CN': string; en: string }> = {
  inquiry: { 'zh-CN': '咨询', en: 'inquiries' },
  help: { 'zh-CN': '求助', en: 'requests for help' },
  'paid-service': { 'zh-CN': '有偿服务', en: 'paid services' },
  suggestion: { 'zh-CN': '建议意见', en: 'suggestions' },
  complaint: { 'zh-CN': '投诉', en: 'complaints' },
  other: { 'zh-CN': '其他', en: 'other matters' },
};
export const categoryName = (key: string, lang: 'zh-CN' | 'en') => CATEGORY_NAMES[key]?.[lang] ?? key;

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** One sentence per measure, in both languages: what rose or fell against the range before, and the deadlines missed
 *  most. Every number in it is one of the report's. */
export function analyse(now: ReportNumbers, before: Report['previous']): Report['analysis'] {
  const zh: string[] = [], en: string[] = [];
  const change = (label: { zh: string; en: string }, current: number, previous: number) => {
    if (previous === 0 && current === 0) { zh.push(`${label.zh}：本期与上期均为 0。`); en.push(`${label.en}: none this period or the one before.`); return; }
    if (previous === 0) { zh.push(`${label.zh} ${current} 次，上期为 0。`); en.push(`${label.en}: ${current}, none the period before.`); return; }
    const diff = (current - previous) / previous;
    if (diff === 0) { zh.push(`${label.zh} ${current} 次，与上期持平。`); en.push(`${label.en}: ${current}, the same as the period before.`); return; }
    const up = diff > 0;
    zh.push(`${label.zh} ${current} 次，比上期${up ? '增加' : '减少'} ${pct(Math.abs(diff))}（上期 ${previous}）。`);
    en.push(`${label.en}: ${current}, ${up ? 'up' : 'down'} ${pct(Math.abs(diff))} on the period before (${previous}).`);
  };
  change({ zh: '来访', en: 'Visits' }, now.visits.total, before.visits);
  change({ zh: '来电', en: 'Calls' }, now.calls.total, before.calls);
  change({ zh: '受理事务', en: 'Matters opened' }, now.cases.total, before.cases);

  const r = now.visits.hostResponseMinutes;
  if (r.median !== null) {
    const was = before.medianResponse === null ? '' : `（上期 ${before.medianResponse} 分钟）`;
    const wasEn = before.medianResponse === null ? '' : ` (${before.medianResponse} min the period before)`;
    zh.push(`接待人响应时间中位数 ${r.median} 分钟，90% 在 ${r.p90} 分钟内${was}。`);
    en.push(`Hosts answered in ${r.median} min (median), 90% within ${r.p90} min${wasEn}.`);
  }
  const d = now.cases.deadlines;
  if (d.due > 0) {
    zh.push(`按时答复 ${d.met}/${d.due}（${pct(d.share!)}）。`);
    en.push(`Answered by the deadline: ${d.met} of ${d.due} (${pct(d.share!)}).`);
    const worst = now.cases.byCategory.filter((c) => c.missed > 0).sort((a, b) => b.missed - a.missed || b.missed / b.due - a.missed / a.due)[0];
    if (worst) {
      zh.push(`逾期最多的是${categoryName(worst.key, 'zh-CN')}：${worst.due} 件中 ${worst.missed} 件未按时答复。`);
      en.push(`Most missed deadlines: ${categoryName(worst.key, 'en')}, ${worst.missed} of ${worst.due} answered late or not yet.`);
    } else {
      zh.push('所有到期事务均按时答复。');
      en.push('Every matter due was answered in time.');
    }
  }
  const cb = now.cases.callbacks;
  if (cb.resolved > 0) {
    zh.push(`24 小时内回访 ${cb.within24h}/${cb.resolved}（${pct(cb.share!)}）。`);
    en.push(`Called back within 24 hours: ${cb.within24h} of ${cb.resolved} (${pct(cb.share!)}).`);
  }
  const s = now.cases.satisfaction;
  if (s.responses > 0) {
    zh.push(`回访满意度平均 ${s.average} 分（${s.responses} 人评分，满分 5 分）。`);
    en.push(`Satisfaction from callbacks: ${s.average} of 5 on average (${s.responses} ${s.responses === 1 ? 'answer' : 'answers'}).`);
  }
  if (now.visits.overstays > 0) {
    zh.push(`超时未离开 ${now.visits.overstays} 人次。`);
    en.push(`Overstays: ${now.visits.overstays}.`);
  }
  return { 'zh-CN': zh, en };
}
