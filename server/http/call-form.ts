// The call record as the regulations' paper form (《来电/来访接待记录表》): GET /api/calls.csv for a spreadsheet and
// GET /api/calls/form, a page the browser prints on A4 (landscape), both with the form's columns in Chinese and
// English. The page has no script and no inline style (the site's policy allows neither): its look is
// /api/calls/form.css, served from here as /trust serves its own. Each read is logged as an export.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { Principal } from '../auth.ts';
import { actorOf } from '../auth.ts';
import type { CallRecord } from '../../data/matters.ts';
import { toCsv } from '../domain/csv.ts';
import { invalid } from '../domain/errors.ts';
import { siteDay, siteTime } from '../domain/sitetime.ts';
import { record } from '../events.ts';
import { dateParam } from '../flows/visit-history.ts';
import { siteSettings } from '../flows/settings.ts';

const READERS = ['reception', 'supervisor', 'admin'] as const;
/** One form holds at most this many calls; `x-foyer-truncated: 1` says when more matched. */
const MAX_ROWS = 20_000;
const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

type Both = [zh: string, en: string];
/** The form's columns, in its order. */
const COLUMNS: ReadonlyArray<[key: string, zh: string, en: string]> = [
  ['date', '日期', 'Date'], ['time', '时间', 'Time'], ['caller', '来电/来访人', 'Caller'], ['organisation', '单位', 'Organisation'],
  ['phone', '电话', 'Phone'], ['subject', '事由', 'Subject'], ['category', '类别', 'Category'], ['importance', '重要程度', 'Importance'],
  ['for', '找谁/转给', 'For whom'], ['kind', '方式', 'Kind'], ['handled', '处理情况', 'Handled'], ['case', '事务编号', 'Matter no.'],
  ['sms', '短信', 'SMS'], ['by', '接待人', 'Received by'],
];
const HEADER = COLUMNS.map(([, zh, en]) => `${zh} ${en}`);

const CATEGORY: Record<CallRecord['category'], Both> = {
  inquiry: ['咨询', 'Inquiry'], help: ['求助', 'Help'], 'paid-service': ['有偿服务', 'Paid service'],
  suggestion: ['建议意见', 'Suggestion'], complaint: ['投诉', 'Complaint'], other: ['其他', 'Other'],
};
const IMPORTANCE: Record<CallRecord['importance'], Both> = { normal: ['一般', 'Normal'], important: ['重要', 'Important'], major: ['重大', 'Major'] };
const KIND: Record<CallRecord['kind'], Both> = { call: ['来电', 'Call'], message: ['留言', 'Message'], transfer: ['转接', 'Transfer'] };

/** One row: each cell in both languages where the form names something (a category, a state), else as written. */
type Row = Record<string, string | Both>;

export function callFormRoutes(ctx: Ctx, r: Router): void {
  r.add('GET', '/api/calls.csv', READERS, async ({ query, who }) => {
    const form = await readForm(ctx, query);
    await audit(ctx, who, 'csv', form);
    const rows = form.rows.map((row) => Object.fromEntries(COLUMNS.map(([key], i) => [HEADER[i], plain(row[key])])));
    return { raw: {
      type: 'text/csv; charset=utf-8', data: Buffer.from(toCsv(HEADER, rows), 'utf8'), filename: `foyer-calls-${form.from}-${form.to}.csv`,
      ...(form.truncated ? { headers: { 'x-foyer-truncated': '1' } } : {}),
    } };
  });

  r.add('GET', '/api/calls/form', READERS, async ({ query, who }) => {
    const form = await readForm(ctx, query);
    await audit(ctx, who, 'form', form);
    const settings = await siteSettings(ctx);
    const html = formHtml(form, settings.siteName, siteStampShort(ctx.clock().toISOString(), ctx.config.timeZone));
    return { raw: { type: 'text/html; charset=utf-8', data: Buffer.from(html, 'utf8'), ...(form.truncated ? { headers: { 'x-foyer-truncated': '1' } } : {}) } };
  });

  r.add('GET', '/api/calls/form.css', 'anyone', () =>
    ({ raw: { type: 'text/css; charset=utf-8', data: Buffer.from(CSS, 'utf8'), headers: { 'cache-control': 'max-age=3600' } } }));
}

interface Form { from: string; to: string; rows: Row[]; truncated: boolean }

/** `?from=&to=` (site days; default today, from default to), at most a year. */
async function readForm(ctx: Ctx, query: URLSearchParams): Promise<Form> {
  const tz = ctx.config.timeZone;
  const to = dateParam(query, 'to') ?? siteDay(ctx.clock(), tz);
  const from = dateParam(query, 'from') ?? to;
  if (from > to) throw invalid('from', 'from must not be after to');
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS >= MAX_DAYS) throw invalid('from', `At most ${MAX_DAYS} days in one form`, 'too-long');
  const calls: CallRecord[] = [];
  let after: string | undefined;
  let truncated = false;
  do {
    const page = await ctx.store.callsBetween(from, to, { limit: 500, ...(after ? { after } : {}) });
    calls.push(...page.items);
    after = page.next;
    if (calls.length > MAX_ROWS) { truncated = true; calls.length = MAX_ROWS; break; }
  } while (after);
  const [hosts, users] = await Promise.all([ctx.store.list('hosts'), ctx.store.list('users')]);
  const hostName = new Map(hosts.map((h) => [h.id, h.name]));
  const userName = new Map(users.map((u) => [`user:${u.id}`, u.name || u.username]));
  const caseIds = [...new Set(calls.map((c) => c.caseId).filter((id): id is string => Boolean(id)))];
  const numbers = new Map((await Promise.all(caseIds.map((id) => ctx.store.getCase(id)))).filter((c) => c).map((c) => [c!.id, c!.number]));
  const rows = calls.map((c) => rowOf(c, tz, {
    forWhom: c.forHostId ? hostName.get(c.forHostId) ?? c.forHostId : c.forDepartment ?? '',
    by: userName.get(c.by) ?? c.by,
    caseNumber: c.caseId ? numbers.get(c.caseId) ?? '' : '',
  }));
  return { from, to, rows, truncated };
}

function rowOf(c: CallRecord, tz: string, names: { forWhom: string; by: string; caseNumber: string }): Row {
  const when = (iso: string) => (siteDay(new Date(iso), tz) === c.day ? siteTime(iso, tz) : siteStampShort(iso, tz));
  return {
    date: c.day, time: siteTime(c.at, tz),
    caller: c.erasedAt ? ['（已删除）', '(erased)'] : c.caller.name, organisation: c.caller.organisation ?? '', phone: c.caller.phone ?? '',
    subject: c.subject, category: CATEGORY[c.category], importance: IMPORTANCE[c.importance], for: names.forWhom, kind: KIND[c.kind],
    handled: handled(c, when), case: names.caseNumber, sms: sms(c, when), by: names.by,
  };
}

function handled(c: CallRecord, when: (iso: string) => string): Both {
  if (c.kind === 'message') {
    if (c.message?.readAt) return [`已读 ${when(c.message.readAt)}`, `Read ${when(c.message.readAt)}`];
    return c.message?.remindedAt ? ['未读（已提醒）', 'Unread (reminded)'] : ['未读', 'Unread'];
  }
  if (c.kind === 'transfer') {
    if (c.transfer?.acknowledgedAt) return [`已接收 ${when(c.transfer.acknowledgedAt)}`, `Acknowledged ${when(c.transfer.acknowledgedAt)}`];
    return c.transfer?.returnedAt ? ['退回前台', 'Returned to the desk'] : ['待接收', 'Awaiting'];
  }
  return c.caseId ? ['已转事务', 'Matter opened'] : ['已记录', 'Recorded'];
}

function sms(c: CallRecord, when: (iso: string) => string): Both | '' {
  if (!c.sms) return '';
  if (c.sms.ok) return [`已发送 ${when(c.sms.at)}`, `Sent ${when(c.sms.at)}`];
  return c.sms.sending ? ['发送中', 'Sending'] : ['发送失败', 'Failed'];
}

/** 2026-12-01 14:05 on the site's clock. */
function siteStampShort(iso: string, tz: string): string {
  return `${siteDay(new Date(iso), tz)} ${siteTime(iso, tz)}`;
}

const plain = (v: string | Both | undefined): string => (Array.isArray(v) ? `${v[0]} ${v[1]}` : v ?? '');

/** Logged with the range and the count: never a caller. */
async function audit(ctx: Ctx, who: Principal | undefined, format: 'csv' | 'form', form: Form): Promise<void> {
  await record(ctx, { kind: 'calls-exported', actor: actorOf(who), data: { format, from: form.from, to: form.to, count: form.rows.length } });
}

// ---- the printable page ---------------------------------------------------------------------------------------

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Chinese, then English under it (a smaller, grey line). */
const both = ([zh, en]: Both) => `${escapeHtml(zh)}<span class="en">${escapeHtml(en)}</span>`;
const cell = (v: string | Both) => (Array.isArray(v) ? both(v) : escapeHtml(v));

function formHtml(form: Form, siteName: string, printedAt: string): string {
  const range = form.from === form.to ? form.from : `${form.from} — ${form.to}`;
  const head = `<tr><th class="no">${both(['序号', 'No.'])}</th>${COLUMNS.map(([key, zh, en]) => `<th class="c-${key}">${both([zh, en])}</th>`).join('')}</tr>`;
  const body = form.rows.map((row, i) => `<tr><td class="no">${i + 1}</td>${COLUMNS.map(([key, zh, en]) => `<td class="c-${key}" data-label="${zh} ${en}">${cell(row[key])}</td>`).join('')}</tr>`).join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>来电/来访接待记录表 · Call and visit record ${escapeHtml(range)}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/api/calls/form.css"></head>
<body><main class="sheet">
<header><h1>来电/来访接待记录表<span class="en">Call and visit reception record</span></h1>
<dl class="meta">
<div><dt>${both(['单位', 'Site'])}</dt><dd>${escapeHtml(siteName || '—')}</dd></div>
<div><dt>${both(['日期', 'Dates'])}</dt><dd>${escapeHtml(range)}</dd></div>
<div><dt>${both(['记录数', 'Records'])}</dt><dd>${form.rows.length}${form.truncated ? ' +' : ''}</dd></div>
<div><dt>${both(['打印时间', 'Printed'])}</dt><dd>${escapeHtml(printedAt)}</dd></div>
</dl></header>
<table><thead>${head}</thead><tbody>
${body || `<tr><td class="empty" colspan="${COLUMNS.length + 1}">${both(['本期间没有来电记录。', 'No calls were recorded in these days.'])}</td></tr>`}
</tbody></table>
${form.truncated ? `<p class="note">${both([`仅列出前 ${MAX_ROWS} 条：请缩小日期范围。`, `Only the first ${MAX_ROWS} are listed: choose fewer days.`])}</p>` : ''}
<footer class="sign"><p>${both(['接待员（签字）', 'Receptionist (signature)'])}<span class="line"></span></p><p>${both(['主管审核（签字）', 'Checked by the supervisor'])}<span class="line"></span></p></footer>
<p class="hint">${both(['用浏览器打印（Ctrl+P），A4 横向。', 'Print it with the browser (Ctrl+P): A4, landscape.'])}</p>
</main></body></html>`;
}

const CSS = `@page{size:A4 landscape;margin:10mm}
*{box-sizing:border-box}
body{font-family:"Noto Sans SC","Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d2330}
.sheet{max-width:297mm;margin:0 auto;padding:12mm 10mm;background:#fff}
h1{font-size:18pt;text-align:center;margin:0 0 4mm;letter-spacing:.08em}
h1 .en{font-size:10pt;letter-spacing:0}
.en{display:block;color:#5b6475;font-size:.78em;font-weight:normal}
.meta{display:flex;flex-wrap:wrap;gap:2mm 10mm;margin:0 0 4mm;font-size:9pt}
.meta div{display:flex;gap:2mm;align-items:baseline}.meta dt{color:#5b6475}.meta dt .en{display:inline;margin-left:.3em}.meta dd{margin:0;font-weight:600}
table{width:100%;border-collapse:collapse;font-size:8.5pt;table-layout:fixed}
thead{display:table-header-group}
th,td{border:1px solid #1d2330;padding:1.2mm 1.4mm;vertical-align:top;overflow-wrap:anywhere;text-align:left}
th{background:#eef0f4;font-weight:600}
tr{break-inside:avoid}
.no{width:9mm;text-align:center}.c-date{width:19mm}.c-time{width:11mm}.c-caller{width:19mm}.c-organisation{width:22mm}.c-phone{width:22mm}
.c-subject{width:auto}.c-category{width:16mm}.c-importance{width:17mm}.c-for{width:19mm}.c-kind{width:15mm}.c-handled{width:20mm}
.c-case{width:22mm}.c-sms{width:14mm}.c-by{width:16mm}
td.empty{text-align:center;padding:6mm}
.note{font-size:9pt;color:#8a4b00}
.sign{display:flex;gap:20mm;margin-top:8mm;font-size:9pt}.sign p{display:flex;align-items:flex-end;gap:3mm;margin:0}.sign .en{display:inline;margin-left:.3em}
.sign .line{display:inline-block;width:45mm;border-bottom:1px solid #1d2330;height:6mm}
.hint{font-size:9pt;color:#5b6475;margin-top:6mm}
@media screen and (max-width:700px){.sheet{padding:4mm}table,tbody,tr,td{display:block;width:auto}thead{display:none}
tr{border:1px solid #1d2330;margin:0 0 3mm}.sheet td{width:auto;border:0;border-bottom:1px solid #d5d9e0}td[data-label] .en{display:inline;margin-left:.4em}td.no{text-align:left;font-weight:600;background:#eef0f4}
td[data-label]::before{content:attr(data-label);display:block;color:#5b6475;font-size:.85em}td:empty{display:none}.sign{flex-direction:column;gap:6mm}}
@media print{body{background:#fff}.sheet{padding:0;max-width:none}.hint{display:none}}
`;
