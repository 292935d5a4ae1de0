// Retention of calls and cases (事务): their personal fields are erased once they have been handled (a call no
// longer pending, a case closed) for longer than the retention period. Like visits, a watermark says which days
// are done, and calls and cases of those days not yet due wait in a held list for the next run.
import type { Ctx } from '../context.ts';
import type { CallRecord, CaseRecord, Page } from '../../data/matters.ts';
import { callErasable, caseErasable } from '../../data/matters.ts';

const DONE = 'retention-matters';
const HELD = 'retention-matters-held';

/** Handled before the cutoff: the last change of a call no longer pending, the closing of a case. */
const callDue = (c: CallRecord, cutoff: string) => callErasable(c) && c.updatedAt < cutoff;
const caseDue = (c: CaseRecord, cutoff: string) => caseErasable(c) && Boolean(c.closedAt) && c.closedAt! < cutoff;

async function allPages<T>(read: (after?: string) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  do {
    const page = await read(after);
    out.push(...page.items);
    after = page.next;
  } while (after);
  return out;
}

const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** One run over the days before `through` not yet done, and the held ones; counts what it erased. */
export async function retainMatters(ctx: Ctx, cutoff: string, through: string): Promise<{ calls: number; cases: number; held: number }> {
  const done = (await ctx.store.get('marks', DONE))?.value ?? '0000-01-01';
  const heldIds = ((await ctx.store.get('marks', HELD))?.value ?? '').split(',').filter(Boolean);
  const calls: CallRecord[] = [];
  const cases: CaseRecord[] = [];
  for (const id of heldIds) {
    const [kind, recordId] = id.split(':');
    const found = kind === 'call' ? await ctx.store.getCall(recordId) : await ctx.store.getCase(recordId);
    if (found && !found.erasedAt) (kind === 'call' ? calls.push(found as CallRecord) : cases.push(found as CaseRecord));
  }
  const last = dayBefore(through);
  if (done <= last) {
    calls.push(...(await allPages((after) => ctx.store.callsBetween(done, last, { limit: 500, ...(after ? { after } : {}) }))).filter((c) => !c.erasedAt));
    cases.push(...(await allPages((after) => ctx.store.casesBetween(done, last, { limit: 500, ...(after ? { after } : {}) }))).filter((c) => !c.erasedAt));
  }
  const dueCalls = calls.filter((c) => callDue(c, cutoff)).map((c) => c.id);
  const dueCases = cases.filter((c) => caseDue(c, cutoff)).map((c) => c.id);
  const held = [
    ...calls.filter((c) => !dueCalls.includes(c.id)).map((c) => `call:${c.id}`),
    ...cases.filter((c) => !dueCases.includes(c.id)).map((c) => `case:${c.id}`),
  ];
  const at = ctx.clock().toISOString();
  const erased = dueCalls.length || dueCases.length ? await ctx.store.eraseMatters({ calls: dueCalls, cases: dueCases }, at) : { calls: [], cases: [] };
  await ctx.store.put('marks', { id: HELD, value: [...new Set(held)].sort().join(','), at });
  if (through > done) await ctx.store.put('marks', { id: DONE, value: through, at });
  return { calls: erased.calls.length, cases: erased.cases.length, held: held.length };
}
