// Which screen a scanned code goes to: the one showing now registers itself as the scan handler.
import { createContext } from 'preact';
import { useContext, useEffect, useRef } from 'preact/hooks';

export type ScanHandler = (code: string) => void;
export const ScanContext = createContext<{ current: ScanHandler | null }>({ current: null });

export function useScanHandler(handler: ScanHandler) {
  const slot = useContext(ScanContext);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
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
