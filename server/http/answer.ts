// The pages behind a message's one-tap links (/answer/<token>): a GET only shows what the link would do and asks
// to confirm (mail systems' link scanners follow GETs), the confirmation's POST decides. Small, bilingual pages for
// a phone; no script, and the style from /answer.css (the site's policy allows no inline style).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Ctx } from '../context.ts';
import type { VisitRecord } from '../../data/store.ts';
import { readAnswer, type AnswerClaims } from '../notify/links.ts';
import { decideByLink } from '../flows/decide.ts';
import { DomainError } from '../domain/errors.ts';
import { siteTime } from '../domain/sitetime.ts';

const CSS = `body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:0;background:#f4f5f7;color:#1d2330}
main{max-width:26rem;margin:0 auto;padding:1.5rem 1.25rem}h1{font-size:1.35rem;margin:.2rem 0 1rem}
.card{background:#fff;border-radius:12px;padding:1rem 1.1rem;box-shadow:0 1px 3px #0002}
dl{display:grid;grid-template-columns:auto 1fr;gap:.35rem .9rem;margin:0}dt{color:#5b6475}dd{margin:0;overflow-wrap:anywhere}
button{width:100%;font-size:1.1rem;padding:.9rem;margin-top:1.2rem;border:0;border-radius:10px;background:#1f6feb;color:#fff}
button.deny{background:#c62828}.note{color:#5b6475;font-size:.95rem;margin-top:1rem}.done{font-size:1.1rem}`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What an action is called on the page, in both languages. */
function actionLabel(claims: AnswerClaims): { en: string; zh: string } {
  if (claims.action === 'approve') return { en: 'Approve', zh: '同意' };
  if (claims.action === 'deny') return { en: 'Deny', zh: '拒绝' };
  return { en: `Approve: coming in ${claims.minutes} min`, zh: `同意：${claims.minutes} 分钟后到` };
}

const STATUS = { approved: ['approved', '已同意'], 'on-site': ['approved, on site', '已同意，已入场'], denied: ['denied', '已拒绝'], expired: ['expired', '已过期'], 'checked-out': ['checked out', '已离开'], refused: ['refused', '已拒绝'] } as Record<string, [string, string]>;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="stylesheet" href="/answer.css"></head><body><main>${body}</main></body></html>`;
}

function details(ctx: Ctx, v: VisitRecord): string {
  const rows: Array<[string, string | undefined]> = [
    ['访客 Visitor', v.visitor.name], ['公司 Company', v.visitor.company], ['事由 Purpose', v.purpose],
    ['到达 Arrived', siteTime(v.createdAt, ctx.config.timeZone)], ['编号 No.', v.number],
  ];
  return `<dl>${rows.filter(([, x]) => x).map(([k, x]) => `<dt>${k}</dt><dd>${escapeHtml(x!)}</dd>`).join('')}</dl>`;
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

const notice = (title: string, en: string, zh: string) => page(title, `<h1>${escapeHtml(title)}</h1><div class="card"><p class="done">${zh}</p><p>${en}</p></div>`);
const invalidLink = () => notice('链接无效 · Link not valid', 'This link is not valid. Open the console to answer.', '此链接无效，请在控制台处理。');
const expiredLink = () => notice('链接已过期 · Link expired', 'This link has expired: the visitor is no longer waiting for an answer from it.', '此链接已过期，访客已不再等待此链接的答复。');
function answered(ctx: Ctx, v: VisitRecord): string {
  const [en, zh] = STATUS[v.status] ?? [v.status, v.status];
  return page('已处理 · Already answered', `<h1>已处理 · Already answered</h1><div class="card">${details(ctx, v)}
<p class="done">此来访已处理：${zh}</p><p>This visit has been answered: ${en}. Nothing was changed.</p></div>`);
}

/** The visit a link is for, while it can still be answered from it; otherwise the page to show instead. */
async function linkState(ctx: Ctx, token: string): Promise<{ claims: AnswerClaims; visit: VisitRecord } | { status: number; html: string }> {
  const claims = readAnswer(ctx.secrets.tokenKey, token);
  const visit = claims && (await ctx.store.getVisit(claims.visitId));
  if (!claims || !visit) return { status: 404, html: invalidLink() };
  if (visit.status !== 'awaiting-host') return { status: 409, html: answered(ctx, visit) };
  if (claims.exp * 1000 <= ctx.clock().getTime()) return { status: 410, html: expiredLink() };
  return { claims, visit };
}

export const isAnswerPath = (url: string) => url === '/answer.css' || url.startsWith('/answer/');

export async function answerPage(ctx: Ctx, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '';
  if (url === '/answer.css') {
    res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=3600' });
    res.end(CSS);
    return;
  }
  const token = decodeURIComponent(url.slice('/answer/'.length).split('?')[0]);
  if (req.method !== 'GET' && req.method !== 'POST') return send(res, 405, invalidLink());
  req.resume(); // the confirmation's form body carries nothing
  const state = await linkState(ctx, token);
  if ('html' in state) return send(res, state.status, state.html);
  const { claims, visit } = state;
  const label = actionLabel(claims);
  if (req.method === 'GET') {
    const title = `${label.zh} · ${label.en}`;
    return send(res, 200, page(title, `<h1>${escapeHtml(label.zh)}：${escapeHtml(visit.visitor.name)}？</h1><div class="card">${details(ctx, visit)}
<form method="post"><button type="submit"${claims.action === 'deny' ? ' class="deny"' : ''}>确认${escapeHtml(label.zh)} · Confirm: ${escapeHtml(label.en)}</button></form>
<p class="note">点按确认后才会生效。Nothing happens until you confirm.</p></div>`));
  }
  try {
    const decided = await decideByLink(ctx, claims.hostId, visit.id, {
      decision: claims.action === 'deny' ? 'deny' : 'approve',
      ...(claims.action === 'coming' ? { comingInMinutes: claims.minutes } : {}),
    });
    const done = decided.status === 'denied' ? ['已拒绝', 'Denied'] : ['已同意', 'Approved'];
    return send(res, 200, page(`${done[0]} · ${done[1]}`, `<h1>${done[0]} · ${done[1]}</h1><div class="card">${details(ctx, decided)}
<p class="done">登记处已收到您的答复。</p><p>The kiosk has your answer.</p></div>`));
  } catch (e) {
    // Someone else answered between the page and the tap: say so, change nothing.
    if (e instanceof DomainError && e.status === 409) {
      const now = await ctx.store.getVisit(visit.id);
      return send(res, 409, now ? answered(ctx, now) : invalidLink());
    }
    if (e instanceof DomainError && e.status === 403) return send(res, 403, invalidLink());
    throw e;
  }
}
