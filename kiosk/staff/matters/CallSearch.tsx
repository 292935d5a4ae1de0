// Calls of earlier days: a range of days (today by default) and a text (caller, organisation, subject or phone
// digits), read from GET /api/calls; each shown as the day's list shows it.
import { useState } from 'preact/hooks';
import { Field } from '../../ui/Field.tsx';
import { DateField } from '../../ui/DateField.tsx';
import { Panel } from '../forms.tsx';
import { useLang, useT } from '../i18n.ts';
import { failure, say, type Message } from '../problems.ts';
import { findCalls, type Call } from './calls.ts';
import { CallCard } from './CallList.tsx';

export function CallSearch() {
  const t = useT();
  const lang = useLang();
  const [f, setF] = useState({ from: '', to: '', q: '' });
  const [found, setFound] = useState<Call[] | null>(null);
  const [problem, setProblem] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const put = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const search = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try { setFound(await findCalls(f)); } catch (error) { setProblem(failure(error)); } finally { setBusy(false); }
  };
  return (
    <Panel title={t('callsSearchTitle')} class="call-search">
      <form onSubmit={search}>
        <div class="matters-pair">
          <DateField label={t('casesFrom')} value={f.from} onInput={put('from')} lang={lang} optional={t('optional')} />
          <DateField label={t('casesTo')} value={f.to} onInput={put('to')} lang={lang} optional={t('optional')} />
        </div>
        <Field label={t('callsQuery')} value={f.q} onInput={put('q')} inputMode="search" maxLength={64} optional={t('optional')} />
        {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
        <div class="form-actions"><button type="submit" class={`button button-primary${busy ? ' busy' : ''}`} disabled={busy}>{t('casesSearch')}</button></div>
      </form>
      {found && found.length === 0 && <p class="lead">{t('callsNoneFound')}</p>}
      {found && found.length > 0 && <ul class="cards">{[...found].reverse().map((c) => <CallCard key={c.id} call={c} desk showDay />)}</ul>}
    </Panel>
  );
}
