// /admin/: the directory of hosts, staff accounts and kiosk pairing, one tab each.
import { useEffect, useState } from 'preact/hooks';
import type { User } from '../../../server/protocol.ts';
import { mountPage } from '../Shell.tsx';
import { useT, type StaffKey } from '../i18n.ts';
import { Hosts } from './Hosts.tsx';
import { Accounts } from './Accounts.tsx';
import { Kiosks } from './Kiosks.tsx';
import { Notifications } from './Notifications.tsx';
import { Settings } from './Settings.tsx';
import { Printers } from './Printers.tsx';

const TABS = ['hosts', 'accounts', 'kiosks', 'printers', 'notifications', 'settings'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL: Record<Tab, StaffKey> = { hosts: 'tabHosts', accounts: 'tabAccounts', kiosks: 'tabKiosks', printers: 'tabPrinters', notifications: 'tabNotifications', settings: 'tabSettings' };

const tabOfHash = (): Tab => (TABS as readonly string[]).includes(location.hash.slice(1)) ? (location.hash.slice(1) as Tab) : 'hosts';

function Admin({ user }: { user: User }) {
  const t = useT();
  const [tab, setTab] = useState<Tab>(tabOfHash);
  useEffect(() => {
    const follow = () => setTab(tabOfHash());
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  const open = (next: Tab) => { history.replaceState(null, '', `#${next}`); setTab(next); };
  return (
    <div class="staff-page">
      <div class="tabs">
        <div class="tab-list" role="tablist" aria-label={t('adminTitle')}>
        {TABS.map((name) => (
          <button
            key={name} type="button" role="tab" id={`tab-${name}`} aria-controls={`panel-${name}`} aria-selected={tab === name}
            class={`tab${tab === name ? ' tab-on' : ''}`} onClick={() => open(name)}
          >
            {t(TAB_LABEL[name])}
          </button>
        ))}
        </div>
        {/* Not a tab: the reports are a page of their own. */}
        <a class="tab tab-link" href="/reports/">{t('reportsLink')}</a>
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'hosts' && <Hosts />}
        {tab === 'accounts' && <Accounts me={user} />}
        {tab === 'kiosks' && <Kiosks />}
        {tab === 'printers' && <Printers />}
        {tab === 'notifications' && <Notifications />}
        {tab === 'settings' && <Settings />}
      </div>
    </div>
  );
}

mountPage({ title: 'adminTitle', roles: ['admin'], page: ({ user }) => <Admin user={user} /> });
