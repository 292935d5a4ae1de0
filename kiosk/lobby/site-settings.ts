// The site's public settings on the kiosk: the last heard (kept for offline starts), replaced live when an admin saves.
import { useEffect, useState } from 'preact/hooks';
import type { PublicSettings } from '../../server/protocol.ts';
import { lastSite, onSiteSettings } from './calls.ts';

export function useSiteSettings(): PublicSettings | undefined {
  const [settings, setSettings] = useState<PublicSettings | undefined>(() => lastSite()?.settings);
  useEffect(() => onSiteSettings(setSettings), []);
  return settings;
}
