// /security/: security's own page. Alerts to acknowledge (live), visit history over any range with exports, and
// the watchlist to search, add to, edit, expire and remove. Cards at every width, so a phone at 390 px never scrolls
// sideways. Days and times are the site's (its time zone), as in the exports, wherever this browser is.
import './security.css';
import { useEffect, useState } from 'preact/hooks';
import { OfflineBanner } from '../../ui/OfflineBanner.tsx';
import { mountPage } from '../Shell.tsx';
import { useT } from '../i18n.ts';
import { AlertList } from './AlertList.tsx';
import { History } from './History.tsx';
import { Watchlist } from './Watchlist.tsx';

type Tab = 'alerts' | 'history' | 'watchlist';

function SecurityPage() {
  const t = useT();
  const [tab, setTab] = useState<Tab>(() => (location.hash.slice(1) as Tab) || 'alerts');
  const [online, setOnline] = useState(true);
  useEffect(() => { history.replaceState(null, '', `#${tab}`); }, [tab]);
  return (
    <div class="staff-page security">
      <OfflineBanner online={online} text={t('offline')} />
      <nav class="security-tabs" role="tablist">
        {(['alerts', 'history', 'watchlist'] as const).map((k) => (
          <button type="button" role="tab" aria-selected={tab === k} class={`button ${tab === k ? 'button-primary' : 'button-secondary'}`} onClick={() => setTab(k)}>
            {t(k === 'alerts' ? 'secTabAlerts' : k === 'history' ? 'secTabHistory' : 'secTabWatchlist')}
          </button>
        ))}
      </nav>
      {/* Kept mounted so its socket stays. */}
      <AlertList visible={tab === 'alerts'} onOnline={setOnline} />
      {tab === 'history' && <History />}
      {tab === 'watchlist' && <Watchlist />}
    </div>
  );
}

mountPage({ title: 'securityTitle', roles: ['security', 'admin'], page: () => <SecurityPage /> });
