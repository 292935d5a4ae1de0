// Which screen a scanned code goes to: the one showing now registers itself as the scan handler.
import { createContext } from 'preact';
import { useContext, useLayoutEffect, useRef } from 'preact/hooks';
import type { ScanShapes } from './scanner.ts';

const BADGE_LEAD = 'FY1.'; // FY1.<visit>.<expiry>[.<issue>].<signature>, printed on every badge (server/domain/badges.ts)

/** What the USB scanner reads at this kiosk: badges, invite links and invite codes (ABCD-EFGH), which a person may also type. */
export const SCAN_SHAPES: ScanShapes = {
  leads: [BADGE_LEAD, 'https://', 'http://'],
  typeable: /^[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}$/,
};

/** A badge's code (to check its visitor out), not an invitation. */
export const isBadgeCode = (text: string) => text.startsWith(BADGE_LEAD);

export type ScanHandler = (code: string) => void;
export const ScanContext = createContext<{ current: ScanHandler | null }>({ current: null });

export function useScanHandler(handler: ScanHandler) {
  const slot = useContext(ScanContext);
  const latest = useRef(handler);
  latest.current = handler;
  // A layout effect takes the slot in the same task as the render that showed the screen: with a plain effect (after
  // paint) a scan right after tapping "Check out" found the screen changed but nobody listening, and was lost.
  useLayoutEffect(() => {
    const forward: ScanHandler = (code) => latest.current(code);
    slot.current = forward;
    return () => { if (slot.current === forward) slot.current = null; };
  }, [slot]);
}

/** The invite code inside whatever an invite QR holds: the code itself or a link carrying it. */
export function inviteCodeFrom(text: string): string {
  const trimmed = text.trim();
  if (!/^https?:\/\//i.test(trimmed)) return trimmed;
  const url = new URL(trimmed);
  return url.searchParams.get('code') ?? url.pathname.split('/').filter(Boolean).pop() ?? trimmed;
}
