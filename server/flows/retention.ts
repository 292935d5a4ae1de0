// Retention: once a day, personal data of visits and invitations that ended retentionDays ago is erased.
// A watermark (marks "retention") says which visit days are done, so a run reads only the days that
// became due; visits of those days that were still open or ended later wait in "retention-held".
import type { Ctx } from '../context.ts';
import type { VisitRecord } from '../../data/store.ts';
import { appointmentDue, retentionCutoff, visitDue } from '../domain/erasure.ts';
import { siteDay } from '../domain/visits.ts';
import { record } from '../events.ts';
import { inTurn } from '../serial.ts';
import { countAll, eraseAppointment, erasePrinted, eraseVisit, forgetErased, printJobsOf } from './erase.ts';
import { sweepLeftovers } from './leftovers.ts';
import { siteSettings } from './settings.ts';
import { retainMatters } from './matter-retention.ts';

const DONE = 'retention';
const HELD = 'retention-held';
const HOUR = 3600_000;

export interface RetentionRun {
  cutoff: string;
  /** Every visit day before this one has been through retention. */
  through: string;
  days: number;
  visits: number;
  appointments: number;
  prints: number;
  held: number;
  leftovers: number;
  /** Calls and cases (事务) handled before the cutoff whose personal fields were erased. */
  calls: number;
  cases: number;
}

/** One run; runs never overlap. stopping() is asked between days (the server is closing). */
/** The first start day to look at: a month before the last run's watermark (invitations may last weeks), or all. */
const appointmentsFrom = (done: string) => (done ? new Date(Date.parse(`${done}T00:00:00Z`) - 31 * 86_400_000).toISOString().slice(0, 10) : '');

export function runRetention(ctx: Ctx, stopping: () => boolean = () => false): Promise<RetentionRun | undefined> {
  return inTurn(ctx.store, 'retention', async () => {
    const now = ctx.clock();
    const cutoff = retentionCutoff(now, (await siteSettings(ctx)).retentionDays).toISOString();
    const through = siteDay(new Date(cutoff), ctx.config.timeZone);
    const done = (await ctx.store.get('marks', DONE))?.value ?? '';
    const days = (await ctx.store.visitDays()).filter((d) => d >= done && d < through);
    const due = (v: VisitRecord) => visitDue(v, cutoff);

    const held = new Set<string>();
    const printJobs = new Set<string>();
    const erasedVisits: string[] = [];
    let visits = 0;
    const tryVisits = async (candidates: VisitRecord[]) => {
      for (const job of await printJobsOf(ctx, candidates.filter(due))) printJobs.add(job);
      visits += await countAll(candidates, async ({ id }) => {
        const outcome = await eraseVisit(ctx, id, due);
        if (outcome === 'open' || outcome === 'not-due') held.add(id);
        if (outcome === 'erased') erasedVisits.push(id);
        return outcome === 'erased';
      });
    };
    const heldBefore = await Promise.all(splitIds((await ctx.store.get('marks', HELD))?.value).map((id) => ctx.store.getVisit(id)));
    await tryVisits(heldBefore.filter((v): v is VisitRecord => Boolean(v)));
    for (const day of days) {
      if (stopping()) return undefined; // the watermark stays: the next run does these days again
      await tryVisits((await ctx.store.visitsOfDay(day)).filter((v) => !v.erasedAt));
    }

    const erasedAppointments: string[] = [];
    const appointments = await countAll(
      // Invitations end after they start: those due started before the cutoff, after the last run's (a month's margin).
      (await ctx.store.appointmentsStarting(appointmentsFrom(done), cutoff.slice(0, 10))).filter((a) => appointmentDue(a, cutoff)),
      async (a) => {
        const erased = await eraseAppointment(ctx, a.id, (current) => appointmentDue(current, cutoff));
        if (erased) erasedAppointments.push(a.id);
        return erased;
      },
    );
    await forgetErased(ctx, erasedVisits, erasedAppointments);
    const matters = await retainMatters(ctx, cutoff, through);
    // Badges of the visits erased now, and whatever was printed before the cutoff (muster lists too).
    const prints = await erasePrinted(ctx, (p) => printJobs.has(p.id) || p.at < cutoff);
    // File times come from the machine's clock, not the site's: a temp file an hour old by it is a crash's leftover.
    const leftovers = await sweepLeftovers(ctx.config.dataDir, Date.now() - HOUR);

    const at = now.toISOString();
    await ctx.store.put('marks', { id: HELD, value: [...held].sort().join(','), at });
    const watermark = through > done ? through : done;
    await ctx.store.put('marks', { id: DONE, value: watermark, at });
    const run = { cutoff, through: watermark, days: days.length, visits, appointments, prints, held: held.size, leftovers, calls: matters.calls, cases: matters.cases };
    await record(ctx, { kind: 'retention-run', actor: 'system', data: { ...run } });
    return run;
  });
}

const splitIds = (value: string | undefined): string[] => (value ? value.split(',').filter(Boolean) : []);

/** What every server of a site erases from its own data directory each day, whichever of them runs retention:
 *  the badges it saved before the cutoff (a badge shows a name) and the leftovers of a crashed write. */
export async function runLocalRetention(ctx: Ctx): Promise<{ prints: number; leftovers: number }> {
  const cutoff = retentionCutoff(ctx.clock(), (await siteSettings(ctx)).retentionDays).toISOString();
  const prints = await erasePrinted(ctx, (p) => p.at < cutoff);
  const leftovers = await sweepLeftovers(ctx.config.dataDir, Date.now() - HOUR);
  if (prints || leftovers) ctx.log(`retention: this server erased ${prints} saved prints and ${leftovers} leftover files`);
  return { prints, leftovers };
}

/** Runs retention at start-up and then whenever the site's day changes (the app's timer calls check()): the
 *  whole run on the server that runs the clock's jobs (shared), the local part on every other one. */
export function scheduleRetention(ctx: Ctx) {
  const lastDay = { shared: '', local: '' };
  let retryAt = 0;
  let running: Promise<void> | undefined;
  let stopped = false;
  return {
    check(shared = true): void {
      const now = ctx.clock();
      const today = siteDay(now, ctx.config.timeZone);
      const mode = shared ? 'shared' : 'local';
      if (stopped || running || today === lastDay[mode] || now.getTime() < retryAt) return;
      lastDay[mode] = today;
      const run = shared ? runRetention(ctx, () => stopped) : runLocalRetention(ctx);
      running = run
        .then(() => undefined, (e: Error) => {
          ctx.log(`retention: run failed, retrying in 10 minutes: ${e.message}`);
          lastDay[mode] = '';
          retryAt = now.getTime() + 10 * 60_000;
        })
        .finally(() => { running = undefined; });
    },
    /** Waits for a run in progress, which stops at its next day. */
    async stop(): Promise<void> {
      stopped = true;
      await running;
    },
  };
}
