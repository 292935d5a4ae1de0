// Cases (事务) over HTTP: open one, list and read them, and take each step of their life. Reception, supervisors and
// admins see all; a host sees the cases assigned to them or their department and may accept, note and resolve them.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { CaseAction } from '../domain/cases.ts';
import { invalid } from '../domain/errors.ts';
import { CASE_ROLES, createCase, listCases, openCasesFor, readCase, stepCase } from '../flows/cases.ts';
import { matterNames } from './matter-names.ts';

type Body = Record<string, unknown>;

/** Each step's body, checked for unknown fields; the values are checked by the case's rules (domain/cases.ts). */
const STEPS: Record<CaseAction['kind'], { fields: string[]; read: (b: Body) => CaseAction }> = {
  assign: { fields: ['department', 'hostId'], read: (b) => ({ kind: 'assign', department: b.department as string, hostId: b.hostId as string }) },
  accept: { fields: [], read: () => ({ kind: 'accept' }) },
  note: { fields: ['text'], read: (b) => ({ kind: 'note', text: b.text as string }) },
  resolve: { fields: ['resolution'], read: (b) => ({ kind: 'resolve', resolution: b.resolution as string }) },
  callback: {
    fields: ['reachedContact', 'satisfaction', 'note'],
    read: (b) => ({ kind: 'callback', reachedContact: b.reachedContact as boolean, satisfaction: b.satisfaction as number | undefined, note: b.note as string | undefined }),
  },
  close: { fields: ['reason'], read: (b) => ({ kind: 'close', reason: b.reason as string | undefined }) },
};

export function caseRoutes(ctx: Ctx, r: Router): void {
  r.add('POST', '/api/cases', ['reception', 'supervisor', 'admin'], async ({ body, who }) => {
    const known = ['category', 'importance', 'subject', 'detail', 'contact', 'from'];
    for (const k of Object.keys(body)) if (!known.includes(k)) throw invalid(k.slice(0, 40), `${k.slice(0, 40)} is not a field of a case`);
    return { status: 201, body: { case: await createCase(ctx, who, body) } };
  });
  r.add('GET', '/api/cases', CASE_ROLES, async ({ query, who }) => {
    const page = await listCases(ctx, who, query);
    return { body: { ...page, names: await matterNames(ctx, [], page.cases) } };
  });
  // Before /api/cases/:id: "open" is not a case's id.
  r.add('GET', '/api/cases/open', CASE_ROLES, async ({ who }) => {
    const cases = await openCasesFor(ctx, who);
    return { body: { cases, names: await matterNames(ctx, [], cases) } };
  });
  r.add('GET', '/api/cases/:id', CASE_ROLES, async ({ params, who }) => {
    const found = await readCase(ctx, who, params.id);
    return { body: { case: found, names: await matterNames(ctx, [], [found]) } };
  });
  for (const [kind, step] of Object.entries(STEPS) as Array<[CaseAction['kind'], (typeof STEPS)[CaseAction['kind']]]>) {
    r.add('POST', `/api/cases/:id/${kind}`, CASE_ROLES, async ({ params, body, who }) => {
      for (const k of Object.keys(body)) if (!step.fields.includes(k)) throw invalid(k.slice(0, 40), `${k.slice(0, 40)} is not a field of ${kind}`);
      const stepped = await stepCase(ctx, who, params.id, step.read(body));
      return { body: { case: stepped, names: await matterNames(ctx, [], [stepped]) } };
    });
  }
}
