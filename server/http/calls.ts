// Calls (来电), messages (留言) and transfers (转接) over HTTP: reception writes them down, the desk's roles read
// them, a host reads only their own (GET /api/calls/mine) and marks a message read or acknowledges a transfer.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import { CALL_KINDS, CASE_CATEGORIES, type CaseCategory } from '../../data/matters.ts';
import { invalid } from '../domain/errors.ts';
import { acknowledgeCall, CALL_READERS, callsOfHost, listCalls, logCall, readCallMessage, type CallInput } from '../flows/calls.ts';
import { isoTime, obj, oneOf, PHONE, text } from './validate.ts';
import { matterNames } from './matter-names.ts';

type Body = Record<string, unknown>;
const CALLER_FIELDS = ['name', 'phone', 'organisation'];
const IMPORTANCES = ['normal', 'important'] as const;

/** The body of POST /api/calls, each refusal naming its field. */
export function parseCall(body: Body): CallInput {
  const caller = obj(body, 'caller')!;
  const extra = Object.keys(caller).find((k) => !CALLER_FIELDS.includes(k));
  if (extra !== undefined) throw invalid(`caller.${extra.slice(0, 40)}`, 'caller has name, phone and organisation only', 'unknown-field');
  const name = text(caller, 'caller.name', { max: 64, required: true })!;
  const phone = text(caller, 'caller.phone', { max: 24, pattern: PHONE, hint: 'caller.phone must be a phone number' });
  const organisation = text(caller, 'caller.organisation', { max: 120 });
  const subject = text(body, 'subject', { max: 200, required: true })!;
  if (body.category === undefined || body.category === null) throw invalid('category', `category is required (one of ${CASE_CATEGORIES.join(', ')})`, 'missing-field');
  if (typeof body.category !== 'string' || !CASE_CATEGORIES.includes(body.category as CaseCategory)) {
    throw invalid('category', `category must be one of ${CASE_CATEGORIES.join(', ')}`, 'unknown-category');
  }
  const importance = oneOf(body, 'importance', IMPORTANCES)!;
  const kind = oneOf(body, 'kind', CALL_KINDS, false) ?? 'call';
  const forHostId = text(body, 'forHostId', { max: 64 });
  const forDepartment = text(body, 'forDepartment', { max: 64 });
  if (forHostId && forDepartment) throw invalid('forDepartment', 'A call is for a host or for a department, not both');
  if (kind !== 'call' && !forHostId && !forDepartment) throw invalid('forHostId', `A ${kind} needs forHostId or forDepartment`, 'missing-field');
  const message = text(body, 'message', { max: 1000, required: kind === 'message' });
  if (message !== undefined && kind !== 'message') throw invalid('message', 'message goes with kind "message" only');
  const at = isoTime(body, 'at', false);
  return {
    caller: { name, ...(phone ? { phone } : {}), ...(organisation ? { organisation } : {}) },
    subject, category: body.category as CaseCategory, importance, kind,
    ...(forHostId ? { forHostId } : {}), ...(forDepartment ? { forDepartment } : {}),
    ...(message !== undefined ? { message } : {}), ...(at ? { at } : {}),
  };
}

export function callRoutes(ctx: Ctx, r: Router): void {
  r.add('POST', '/api/calls', ['reception'], async ({ body, who }) =>
    ({ status: 201, body: { call: await logCall(ctx, who, parseCall(body)) } }));

  r.add('GET', '/api/calls', CALL_READERS, async ({ query }) => {
    const page = await listCalls(ctx, query);
    return { body: { calls: page.items, ...(page.next ? { next: page.next } : {}), names: await matterNames(ctx, page.items, []) } };
  });

  r.add('GET', '/api/calls/mine', ['host'], async ({ who }) => {
    const calls = await callsOfHost(ctx, who);
    return { body: { calls, names: await matterNames(ctx, calls, []) } };
  });

  r.add('POST', '/api/calls/:id/read', ['host', 'reception'], async ({ params, who }) =>
    ({ body: { call: await readCallMessage(ctx, who, params.id) } }));

  r.add('POST', '/api/calls/:id/acknowledge', ['host', 'reception'], async ({ params, who }) =>
    ({ body: { call: await acknowledgeCall(ctx, who, params.id) } }));
}
