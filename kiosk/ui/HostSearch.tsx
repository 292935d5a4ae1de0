// Finds a host from part of a name, pinyin, initials or department; shows nothing until something is typed.
import { useEffect, useState } from 'preact/hooks';
import type { HostSummary } from '../../server/protocol.ts';
import { Button } from './Button.tsx';
import { Field } from './Field.tsx';

const TYPING_PAUSE_MS = 200;

/** The page's own words, since the lobby and the staff pages keep separate string tables. */
export interface HostSearchTexts { change: string; failed: string; noMatch: (q: string) => string; inactive?: string }

type Search = { state: 'idle' } | { state: 'found'; q: string; hosts: HostSummary[] } | { state: 'failed' };

export function HostSearch({ search, texts, label, hint, optional, error, picked, onPick, max }: {
  /** The page's search call, made with its own token. */
  search: (q: string, signal: AbortSignal) => Promise<HostSummary[]>;
  texts: HostSearchTexts;
  label: string; hint?: string; optional?: string; error?: string | null;
  picked?: HostSummary | null;
  /** Without it the results are only shown (a look-up, not a choice). */
  onPick?: (host: HostSummary | null) => void;
  /** At most this many results. */
  max?: number;
}) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Search>({ state: 'idle' });

  // Once a host is picked the search is done: un-picking (or a form reset) starts from an empty box.
  useEffect(() => { if (picked) setQuery(''); }, [picked]);

  useEffect(() => {
    const q = query.trim();
    if (!q) return setFound({ state: 'idle' });
    const abort = new AbortController();
    const timer = setTimeout(() => {
      search(q, abort.signal)
        .then((hosts) => { if (!abort.signal.aborted) setFound({ state: 'found', q, hosts: hosts.slice(0, max) }); })
        .catch(() => { if (!abort.signal.aborted) setFound({ state: 'failed' }); });
    }, TYPING_PAUSE_MS);
    return () => { clearTimeout(timer); abort.abort(); };
  }, [query]);

  if (picked && onPick) {
    return (
      <div class="field">
        <p class="field-label">{label}</p>
        <div class="picked">
          <HostName host={picked} inactive={texts.inactive} />
          <Button kind="quiet" onClick={() => { onPick(null); setQuery(''); }}>{texts.change}</Button>
        </div>
      </div>
    );
  }
  return (
    <Field label={label} value={query} onInput={setQuery} inputMode="search" hint={hint} error={error} optional={optional} maxLength={40}>
      {found.state === 'failed' && <p class="field-error" role="alert">{texts.failed}</p>}
      {found.state === 'found' && found.hosts.length === 0 && <p class="field-hint" role="status">{texts.noMatch(found.q)}</p>}
      {found.state === 'found' && found.hosts.length > 0 && (
        <ul class="host-results" aria-label={label}>
          {found.hosts.map((host) => (
            <li key={host.id}>
              {onPick ? (
                <button type="button" class="host-result" onClick={() => onPick(host)}><HostName host={host} inactive={texts.inactive} /></button>
              ) : (
                <div class="host-result"><HostName host={host} inactive={texts.inactive} /></div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Field>
  );
}

/** A host's name and department; an inactive one (only admins are shown those) says so. */
const HostName = ({ host, inactive }: { host: HostSummary; inactive?: string }) => (
  <>
    <span class="picked-name">{host.name}</span>
    <span class="picked-detail">{host.department}{host.active === false && inactive ? ` · ${inactive}` : ''}</span>
  </>
);
