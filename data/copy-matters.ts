// Calls and cases for copy-site.ts (npm run migrate): every call and case as stored, page by page through every
// day (never all in memory), cases with their numbers, and counted again on the target.
import type { Page } from './matters.ts';
import type { Store } from './store.ts';

const [FIRST, LAST] = ['0000-01-01', '9999-12-31'];

async function eachPage<T>(read: (after?: string) => Promise<Page<T>>, use: (items: T[]) => Promise<void>): Promise<number> {
  let count = 0;
  for (let after: string | undefined; ;) {
    const page = await read(after);
    await use(page.items);
    count += page.items.length;
    if (!(after = page.next)) return count;
  }
}

const countOf = <T>(read: (after?: string) => Promise<Page<T>>) => eachPage(read, async () => undefined);
const calls = (store: Store) => (after?: string) => store.callsBetween(FIRST, LAST, { limit: 500, after });
const cases = (store: Store) => (after?: string) => store.casesBetween(FIRST, LAST, { limit: 500, after });

/** What the target holds already, to be named in a refusal ([] when it holds no calls or cases). */
export async function mattersHeld(target: Store): Promise<string[]> {
  const [c, k] = [(await target.callsBetween(FIRST, LAST, { limit: 1 })).items.length, (await target.casesBetween(FIRST, LAST, { limit: 1 })).items.length];
  return [...(c ? ['calls'] : []), ...(k ? ['cases'] : [])];
}

/** Copies every call and case; throws (with what differs) when one is refused or the counts do not match after. */
export async function copyMatters(source: Store, target: Store): Promise<{ calls: number; cases: number }> {
  const copiedCalls = await eachPage(calls(source), async (items) => {
    for (const call of items) if (!(await target.insertCall(call))) throw new Error(`call ${call.id} could not be copied: its id is taken`);
  });
  const copiedCases = await eachPage(cases(source), async (items) => {
    for (const c of items) if (!(await target.insertCase(c))) throw new Error(`case ${c.number} could not be copied: its id is taken`);
  });
  const [storedCalls, storedCases] = [await countOf(calls(target)), await countOf(cases(target))];
  if (storedCalls !== copiedCalls) throw new Error(`calls: the source holds ${copiedCalls}, the target ${storedCalls}`);
  if (storedCases !== copiedCases) throw new Error(`cases: the source holds ${copiedCases}, the target ${storedCases}`);
  return { calls: copiedCalls, cases: copiedCases };
}
