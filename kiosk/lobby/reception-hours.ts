// Whether the kiosk takes walk-in visitors now: the site's reception hours, by the server's clock in the site's zone.
import { useEffect, useState } from 'preact/hooks';
import type { PublicSettings } from '../../server/protocol.ts';
import { receptionOpen } from '../../server/domain/reception-hours.ts';
import { lastSite, serverNow } from './calls.ts';

const RECHECK_MS = 15_000;

export function useReceptionOpen(settings: PublicSettings | undefined): boolean {
  const [, setTick] = useState(0);
  const hours = settings?.receptionHours;
  useEffect(() => {
    if (!hours) return;
    const timer = setInterval(() => setTick((n) => n + 1), RECHECK_MS);
    return () => clearInterval(timer);
  }, [hours?.open, hours?.close]);
  const timeZone = lastSite()?.timeZone;
  // Without the site's zone (never reached the server) the kiosk does not guess: the server still refuses a walk-in.
  return !hours || !timeZone || receptionOpen(hours, serverNow(), timeZone);
}
