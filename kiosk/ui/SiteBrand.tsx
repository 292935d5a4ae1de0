// The site's logo and name (PATCH /api/settings siteName, PUT /api/settings/logo), where a screen shows who it belongs
// to; nothing at all when neither is set, so a site without them keeps its look.
import type { PublicSettings } from '../../server/protocol.ts';
import { useState } from 'preact/hooks';

export const logoUrl = (version: string) => `/api/settings/logo?v=${encodeURIComponent(version)}`;

export function SiteBrand({ settings, class: extra = '' }: { settings: Pick<PublicSettings, 'siteName' | 'logoVersion'> | undefined; class?: string }) {
  const [broken, setBroken] = useState<string | null>(null); // the version that failed to load (offline): its box hides
  const name = settings?.siteName ?? '';
  const version = settings?.logoVersion && settings.logoVersion !== broken ? settings.logoVersion : '';
  if (!name && !version) return null;
  return (
    <div class={`site-brand ${extra}`}>
      {version && <img class="site-logo" src={logoUrl(version)} alt={name ? '' : 'logo'} onError={() => setBroken(version)} />}
      {name && <span class="site-name">{name}</span>}
    </div>
  );
}
