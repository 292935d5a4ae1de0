// The watchlist for security: search it, add an entry (the desk's form), change name, phone, reason and expiry (the
// end of a site day), remove one; each entry says who added it and who changed it last, and when (site time).
import { useEffect, useState } from 'preact/hooks';
import { RequestError } from '../../api.ts';
import { DateField } from '../../ui/DateField.tsx';
import { Field } from '../../ui/Field.tsx';
import { WatchlistForm } from '../desk/WatchlistForm.tsx';
import { useLang, useT } from '../i18n.ts';
import { failure, msg, say, type FieldLabels, type Message } from '../problems.ts';
import { changeEntry, listWatchlist, removeEntry, type Actors, type ListedEntry } from './calls.ts';
import { endOfDay, siteDayOf, siteStampOf, siteToday, useSiteZone } from './site-time.ts';

const LABELS: FieldLabels = { name: 'watchName', phone: 'watchPhone', reason: 'watchReason', expiresAt: 'watchExpires' };

export function Watchlist() {
  const zone = useSiteZone();
  return zone ? <WatchlistIn zone={zone} /> : null;
}

function WatchlistIn({ zone }: { zone: string }) {
  const t = useT();
  const [q, setQ] = useState('');
  const [entries, setEntries] = useState<ListedEntry[]>([]);
  const [actors, setActors] = useState<Actors>({});
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [problem, setProblem] = useState<Message | null>(null);
  const [notice, setNotice] = useState<Message | null>(null); // kept as a key, so it follows a change of language
  const reload = () => listWatchlist(q.trim()).then(({ entries: found, actors: names }) => { setEntries(found); setActors(names ?? {}); }, (e) => setProblem(failure(e)));
  useEffect(() => { const timer = setTimeout(() => void reload(), 250); return () => clearTimeout(timer); }, [q]);
  const gone = (e: unknown) => { if (e instanceof RequestError && e.status === 404) { setProblem(msg('watchGone')); void reload(); } else setProblem(failure(e)); };
  const remove = async (id: string) => {
    if (!confirm(t('watchRemoveConfirm'))) return;
    try { await removeEntry(id); setNotice(msg('watchRemoved')); setProblem(null); void reload(); } catch (e) { gone(e); }
  };
  const who = (actor: string | undefined) => (actor ? actors[actor] ?? actor : '');
  return (
    <section class="security-section" aria-label={t('secTabWatchlist')}>
      <div class="watch-top">
        <label class="security-search">{t('watchSearch')}<input type="search" value={q} maxLength={64} onInput={(e) => setQ(e.currentTarget.value)} /></label>
        <button type="button" class="button button-secondary" aria-expanded={adding} onClick={() => setAdding(!adding)}>{adding ? t('cancel') : t('watchAddOpen')}</button>
      </div>
      {adding && <div class="watch-add"><WatchlistForm onAdded={() => void reload()} /></div>}
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      {notice && <p class="form-done" role="status">{say(t, notice)}</p>}
      {entries.length === 0 && <p class="lead">{t('watchNone')}</p>}
      <ul class="security-cards">
        {entries.map((e) => (
          <li class={`security-card${e.expired ? ' watch-expired' : ''}`} data-entry={e.id}>
            <p class="security-card-head">
              <strong class="security-name">{e.name ?? e.idNumberMasked ?? e.phone}</strong>
              <span>{e.expired ? t('watchExpired') : e.expiresAt ? `${t('watchExpires')} ${siteDayOf(e.expiresAt, zone)}` : t('watchNoExpiry')}</span>
            </p>
            <p class="security-card-note">{[e.idNumberMasked, e.phone].filter(Boolean).join(' · ')}</p>
            {editing === e.id ? (
              <EntryEdit entry={e} zone={zone} onDone={(saved) => { setEditing(null); if (saved) { setNotice(msg('watchSaved')); setProblem(null); } void reload(); }} onGone={gone} />
            ) : (
              <>
                <p class="security-card-text">{t('watchReason')}: {e.reason}</p>
                <p class="security-card-note watch-who">
                  {t('watchAddedBy', { time: siteStampOf(e.createdAt, zone), who: who(e.createdBy) })}
                  {e.updatedAt && <><br />{t('watchChangedBy', { time: siteStampOf(e.updatedAt, zone), who: who(e.updatedBy) })}</>}
                </p>
                <div class="security-actions">
                  <button type="button" class="button button-secondary" onClick={() => { setEditing(e.id); setNotice(null); }}>{t('watchEdit')}</button>
                  <button type="button" class="button button-quiet" onClick={() => void remove(e.id)}>{t('watchRemove')}</button>
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Only what was changed is sent; an emptied name or phone is cleared (the server keeps an entry matchable). */
function EntryEdit({ entry, zone, onDone, onGone }: { entry: ListedEntry; zone: string; onDone: (saved: boolean) => void; onGone: (e: unknown) => void }) {
  const t = useT();
  const lang = useLang();
  const before = { name: entry.name ?? '', phone: entry.phone ?? '', reason: entry.reason, expires: entry.expiresAt ? siteDayOf(entry.expiresAt, zone) : '' };
  const [form, setForm] = useState(before);
  const [problem, setProblem] = useState<Message | null>(null);
  const edit = (k: keyof typeof before) => (value: string) => { setForm((f) => ({ ...f, [k]: value })); setProblem(null); };
  const save = async () => {
    const change: Record<string, string | null> = {};
    for (const k of ['name', 'phone', 'reason'] as const) if (form[k].trim() !== before[k]) change[k] = form[k].trim() || (k === 'reason' ? '' : null);
    if (form.expires !== before.expires) change.expiresAt = form.expires ? endOfDay(form.expires, zone) : null;
    if (!Object.keys(change).length) return onDone(false);
    try { await changeEntry(entry.id, change); onDone(true); }
    catch (e) { if (e instanceof RequestError && e.status === 404) onGone(e); else setProblem(failure(e, LABELS)); }
  };
  return (
    <form class="watch-edit" noValidate onSubmit={(ev) => { ev.preventDefault(); if (ev.currentTarget.checkValidity()) void save(); }}>
      <Field label={t('watchName')} value={form.name} onInput={edit('name')} optional={t('optional')} maxLength={64} />
      <Field label={t('watchPhone')} inputMode="tel" value={form.phone} onInput={edit('phone')} optional={t('optional')} maxLength={24} />
      <Field label={t('watchReason')} value={form.reason} onInput={edit('reason')} maxLength={200} />
      <DateField label={t('watchExpires')} value={form.expires} onInput={edit('expires')} lang={lang} optional={t('optional')} today={siteToday(zone)} />
      {!entry.name && !entry.phone && entry.idNumberMasked && <p class="security-card-note">{t('watchIdOnly')}</p>}
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      <div class="security-actions">
        <button type="submit" class="button button-primary">{t('watchSave')}</button>
        <button type="button" class="button button-secondary" onClick={() => onDone(false)}>{t('cancel')}</button>
      </div>
    </form>
  );
}
