// Finds the host from part of a name, pinyin, initials or department; shows nothing until something is typed.
import { useEffect, useId, useState } from 'preact/hooks';
import type { HostSummary } from '../../server/protocol.ts';
import { searchHosts } from '../api.ts';
import { Button } from '../ui/Button.tsx';
import { Field } from '../ui/Field.tsx';
import { useT } from '../ui/i18n.ts';

const TYPING_PAUSE_MS = 200;
const MAX_SHOWN = 6;

type Search = { state: 'idle' } | { state: 'found'; q: string; hosts: HostSummary[] } | { state: 'failed' };

export function HostPicker({ host, onPick, error }: {
  host: HostSummary | null; onPick: (host: HostSummary | null) => void; error?: string | null;
}) {
  const t = useT();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<Search>({ state: 'idle' });

  useEffect(() => {
    const q = query.trim();
    if (!q) return setSearch({ state: 'idle' });
    const abort = new AbortController();
    const timer = setTimeout(() => {
      searchHosts(q, abort.signal)
        .then((hosts) => setSearch({ state: 'found', q, hosts: hosts.slice(0, MAX_SHOWN) }))
        .catch(() => { if (!abort.signal.aborted) setSearch({ state: 'failed' }); });
    }, TYPING_PAUSE_MS);
    return () => { clearTimeout(timer); abort.abort(); };
  }, [query]);

  if (host) {
    return (
      <div class="field">
        <p class="field-label">{t('host')}</p>
        <div class="picked">
          <span class="picked-name">{host.name}</span>
          <span class="picked-detail">{host.department}</span>
          <Button kind="quiet" onClick={() => { onPick(null); setQuery(''); }}>{t('hostChange')}</Button>
        </div>
      </div>
    );
  }
  return (
    <Field label={t('host')} value={query} onInput={setQuery} inputMode="search" hint={t('hostHint')} error={error} maxLength={40}>
      {search.state === 'failed' && <p class="field-error" role="alert">{t('hostSearchFailed')}</p>}
      {search.state === 'found' && search.hosts.length === 0 && (
        <p class="field-hint" role="status">{t('hostNoMatch', { q: search.q })}</p>
      )}
      {search.state === 'found' && search.hosts.length > 0 && (
        <ul id={listId} class="host-results">
          {search.hosts.map((found) => (
            <li key={found.id}>
              <button type="button" class="host-result" onClick={() => onPick(found)}>
                <span class="picked-name">{found.name}</span>
                <span class="picked-detail">{found.department}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Field>
  );
}
