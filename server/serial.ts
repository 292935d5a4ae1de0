// One at a time per key (and per store): the log's single writer, one visit's read-change-write, one registration's retries.
const queues = new WeakMap<object, Map<string, Promise<unknown>>>();

/** Runs work after every earlier work of the same owner and key has settled; never nest the same key. */
export function inTurn<T>(owner: object, key: string, work: () => Promise<T>): Promise<T> {
  let perOwner = queues.get(owner);
  if (!perOwner) queues.set(owner, (perOwner = new Map()));
  const map = perOwner;
  const run = (map.get(key) ?? Promise.resolve()).then(work);
  const settled = run.catch(() => undefined);
  map.set(key, settled);
  void settled.then(() => { if (map.get(key) === settled) map.delete(key); });
  return run;
}
