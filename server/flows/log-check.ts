// At start-up: does the log still end where log-head.json says it ended? A cut-off tail is recorded in
// the log itself (and so stays visible to security) before anything else is written.
import type { Ctx } from '../context.ts';
import { record } from '../events.ts';

export async function checkLogHead(ctx: Ctx): Promise<void> {
  const [anchored, last] = await Promise.all([ctx.store.anchoredHead(), ctx.store.lastEvent()]);
  if (!last && !anchored) return; // a new site
  if (!anchored) {
    // A site from before the head was kept, or the head file was removed: it is kept from here on.
    await record(ctx, { kind: 'log-anchored', actor: 'system', data: { seq: last!.seq } });
    return;
  }
  const cut = !last || anchored.seq > last.seq || (anchored.seq === last.seq && anchored.hash !== last.hash);
  if (!cut) return;
  ctx.log(`log: the log ends at #${last?.seq ?? 0} but its head was #${anchored.seq}: newest events are missing or changed`);
  await record(ctx, {
    kind: 'log-truncated', actor: 'system',
    data: { headSeq: anchored.seq, headHash: anchored.hash, foundSeq: last?.seq ?? 0, foundHash: last?.hash ?? null },
  });
}
