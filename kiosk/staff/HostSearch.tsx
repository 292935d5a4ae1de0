// Finds a host in the directory (GET /api/hosts?q=) by name, pinyin, initials or department; the lobby's picker look.
import { useEffect, useState } from 'preact/hooks';
import type { HostSummary } from '../../server/protocol.ts';
import { Button } from '../ui/Button.tsx';
import { Field } from '../ui/Field.tsx';
import { searchHosts } from './staff-api.ts';
import { useT } from './i18n.ts';

const TYPING_PAUSE_MS = 200;

type Search = { state: 'idle' } | { state: 'found'; q: string; hosts: HostSummary[] } | { state: 'failed' };

export function HostSearch({ label, hint, picked, onPick, error, optional }: {
  label: string; hint?: string; error?: string | null; optional?: string;
  picked?: HostSummary | null;
  /** Without it the results are only shown (a look-up, not a choice). */
  onPick?: (host: HostSummary | null) => void;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<Search>({ state: 'idle' });

  // Once a host is picked the search is done: un-picking (or a form reset) starts from an empty box.
  useEffect(() => { if (picked) setQuery(''); }, [picked]);

  useEffect(() => {
    const q = query.trim();
    if (!q) return setSearch({ state: 'idle' });
    let stale = false;
    const timer = setTimeout(() => {
      searchHosts(q)
        .then((hosts) => { if (!stale) setSearch({ state: 'found', q, hosts }); })
        .catch(() => { if (!stale) setSearch({ state: 'failed' }); });
    }, TYPING_PAUSE_MS);
    return () => { stale = true; clearTimeout(timer); };
  }, [query]);

  if (picked && onPick) {
    return (
      <div class="field">
        <p class="field-label">{label}</p>
        <div class="picked">
          <span class="picked-name">{picked.name}</span>
          <span class="picked-detail">{picked.department}</span>
          <Button kind="quiet" onClick={() => { onPick(null); setQuery(''); }}>{t('change')}</Button>
        </div>
      </div>
    );
  }
  return (
    <Field label={label} value={query} onInput={setQuery} inputMode="search" hint={hint ?? t('hostSearchHint')} error={error} optional={optional} maxLength={40}>
      {search.state === 'failed' && <p class="field-error" role="alert">{t('hostSearchFailed')}</p>}
      {search.state === 'found' && search.hosts.length === 0 && <p class="field-hint" role="status">{t('hostNoMatch', { q: search.q })}</p>}
      {search.state === 'found' && search.hosts.length > 0 && (
        <ul class="host-results" aria-label={label}>
          {search.hosts.map((host) => (
            <li key={host.id}>
              {onPick ? (
                <button type="button" class="host-result" onClick={() => onPick(host)}>
                  <span class="picked-name">{host.name}</span>
                  <span class="picked-detail">{host.department}</span>
                </button>
              ) : (
                <div class="host-result">
                  <span class="picked-name">{host.name}</span>
                  <span class="picked-detail">{host.department}</span>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Field>
  );
}
