// Counts down from the last touch; at zero the kiosk forgets the visitor.
import { useEffect, useRef, useState } from 'preact/hooks';

const ACTIVITY = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;

/** Seconds left while `active`, else null; calls onTimeout once when they run out. */
export function useIdle(seconds: number, active: boolean, onTimeout: () => void): number | null {
  const lastActivity = useRef(performance.now());
  const timeout = useRef(onTimeout);
  timeout.current = onTimeout;
  const [left, setLeft] = useState(seconds);

  useEffect(() => {
    const touch = () => { lastActivity.current = performance.now(); };
    for (const kind of ACTIVITY) document.addEventListener(kind, touch, true);
    return () => { for (const kind of ACTIVITY) document.removeEventListener(kind, touch, true); };
  }, []);

  useEffect(() => {
    if (!active) return;
    lastActivity.current = performance.now();
    setLeft(seconds);
    const timer = setInterval(() => {
      const remaining = seconds - (performance.now() - lastActivity.current) / 1000;
      setLeft(Math.max(0, Math.ceil(remaining)));
      if (remaining <= 0) {
        lastActivity.current = performance.now();
        timeout.current();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [active, seconds]);

  return active ? left : null;
}
