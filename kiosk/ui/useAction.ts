// Runs an async action at most once at a time: a second tap while it runs does nothing.
import { useRef, useState } from 'preact/hooks';

export function useAction<A extends unknown[]>(action: (...args: A) => Promise<void>): [(...args: A) => void, boolean] {
  const running = useRef(false); // a ref, not state: two taps in one frame both see the first one's lock
  const [busy, setBusy] = useState(false);
  const run = (...args: A) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    action(...args).finally(() => {
      running.current = false;
      setBusy(false);
    });
  };
  return [run, busy];
}
