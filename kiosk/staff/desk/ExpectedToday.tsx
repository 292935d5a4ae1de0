// Today's expected visitors: the invitations of the site's day, earliest first, with where each one stands.
import { useEffect, useState } from 'preact/hooks';
import type { VisitStatus } from '../../../server/protocol.ts';
import { STATUS_LABEL, formatTime, useLang, useT } from '../i18n.ts';
import { failure, say, type Message } from '../problems.ts';
import { Panel } from '../forms.tsx';
import { expectedToday, type Expected } from './exception-calls.ts';

/** Reloaded when the desk's visits change (someone arrived with their invitation). */
export function ExpectedToday({ changed }: { changed: number }) {
  const t = useT();
  const lang = useLang();
  const [list, setList] = useState<Expected[] | null>(null);
  const [problem, setProblem] = useState<Message | null>(null);
  useEffect(() => { expectedToday().then((found) => { setList(found); setProblem(null); }, (error) => setProblem(failure(error))); }, [changed]);
  const label = (status: Expected['status']) =>
    status === 'expected' ? t('expectedStatusExpected') : status === 'missed' ? t('expectedStatusMissed') : t(STATUS_LABEL[status as VisitStatus]);
  return (
    <Panel title={t('expectedTitle')}>
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      {list?.length === 0 && <p class="muted">{t('expectedNone')}</p>}
      <ul class="expected-list">
        {list?.map((a) => (
          <li key={a.id} class={`expected expected-${a.status}`} data-appointment={a.id}>
            <span class="expected-time mono">{formatTime(a.start, lang)}</span>
            <span class="expected-who">
              <strong>{a.visitor.name}</strong>
              {a.visitor.company && <span class="muted"> · {a.visitor.company}</span>}
              <span class="cell-detail">{a.host ? `${a.host.name} · ${a.host.department}` : '—'} · {a.purpose}</span>
            </span>
            <span class="tag">{label(a.status)}</span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
