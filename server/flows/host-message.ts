// The host's words to a waiting visitor: a quick phrase (a key, shown in the visitor's language), free text shown
// as typed, and "coming in N minutes" (an absolute time on the server's clock, so the kiosk's countdown survives a
// late event or a reconnect). Sent on its own while the visitor waits, or with a decision.
import type { Ctx } from '../context.ts';
import type { Principal } from '../auth.ts';
import { actorOf } from '../auth.ts';
import type { VisitRecord } from '../../data/store.ts';
import type { HostWords } from '../protocol.ts';
import { COMING_MAX_MINUTES, PHRASE_KEYS } from '../phrases.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { int, oneOf, text } from '../http/validate.ts';
import { record } from '../events.ts';
import { changeVisit } from './visit-lock.ts';
import { mayDecide } from './decide.ts';

export const MESSAGE_MAX = 200;

export function parseWords(body: Record<string, unknown>): HostWords {
  return {
    phrase: oneOf(body, 'phrase', PHRASE_KEYS, false),
    message: text(body, 'message', { max: MESSAGE_MAX }),
    comingInMinutes: int(body, 'comingInMinutes', 1, COMING_MAX_MINUTES),
  };
}

const said = (w: HostWords) => w.phrase !== undefined || w.message !== undefined;

/** The visit with the host's new words: a phrase or text replaces what was said before; a countdown only by a new one. */
export function withWords<V extends VisitRecord>(v: V, w: HostWords, now: Date): V {
  const next: V = { ...v };
  if (said(w)) {
    delete next.hostPhrase;
    delete next.hostMessage;
    if (w.phrase) next.hostPhrase = w.phrase;
    if (w.message) next.hostMessage = w.message;
  }
  if (w.comingInMinutes) {
    next.hostComing = { minutes: w.comingInMinutes, until: new Date(now.getTime() + w.comingInMinutes * 60_000).toISOString() };
  }
  return next;
}

/** What the log keeps of the words: never the free text itself. */
export const wordsData = (w: HostWords) => ({
  ...(w.phrase ? { phrase: w.phrase } : {}), ...(w.message ? { text: true } : {}), ...(w.comingInMinutes ? { comingInMinutes: w.comingInMinutes } : {}),
});

/** Those who may decide the visit may speak to its visitor, and only while the visitor waits for an answer. */
export async function sendWords(ctx: Ctx, who: Principal, visitId: string, w: HostWords): Promise<VisitRecord> {
  if (!said(w) && !w.comingInMinutes) throw invalid('phrase', 'Send a phrase, a message or comingInMinutes', 'missing-field');
  const before = await ctx.store.getVisit(visitId);
  if (!before) throw new DomainError('not-found', 'No visit has this id', 404);
  if (!(await mayDecide(ctx, who, before))) throw new DomainError('forbidden', 'Only the host, the delegate or reception may write to this visitor', 403);
  const visit = await changeVisit(ctx, visitId, (v) => {
    if (v.status !== 'awaiting-host') throw new DomainError('wrong-state', `Visit is ${v.status}; the visitor no longer waits for a message`, 409);
    return withWords(v, w, ctx.clock());
  });
  await record(ctx, { kind: 'host-message', visitId, actor: actorOf(who), data: wordsData(w) });
  return visit;
}
