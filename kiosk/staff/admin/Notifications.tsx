// The notifications page: is the site's e-mail set up (with a test mail), how each host is told (with a send test),
// the departments' channels, and the last deliveries and failures from the log.
import { useEffect, useState } from 'preact/hooks';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { testChannels, type ChannelTest } from '../calls.ts';
import { formatTime, useLang, useT } from '../i18n.ts';
import { failure, msg, say, type Message } from '../problems.ts';
import { Outcome, Panel } from '../forms.tsx';
import { listDeliveries, mailStatus, testMail, type DeliveryRow, type HostReached, type MailStatus } from './notification-calls.ts';
import { DepartmentChannels } from './DepartmentChannels.tsx';
import { KIND_LABEL, TestResults, channelText } from './ChannelEditor.tsx';

export function Notifications() {
  const t = useT();
  const [status, setStatus] = useState<{ mail: MailStatus; hosts: HostReached[] } | null>(null);
  const [problem, setProblem] = useState<Message | null>(null);
  const reload = () => mailStatus().then(setStatus, (error) => setProblem(failure(error)));
  useEffect(() => { void reload(); }, []);
  return (
    <div class="staff-grid notifications">
      <div>
        {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
        {status && <MailPanel mail={status.mail} />}
        {status && <HostsPanel hosts={status.hosts} />}
      </div>
      <div>
        <DepartmentChannels onChanged={() => void reload()} />
        <DeliveriesPanel />
      </div>
    </div>
  );
}

function MailPanel({ mail }: { mail: MailStatus }) {
  const t = useT();
  const [to, setTo] = useState('');
  const [problem, setProblem] = useState<Message | null>(null);
  const [done, setDone] = useState<Message | null>(null);
  const [send, sending] = useAction(async () => {
    setProblem(null); setDone(null);
    if (!to.trim()) return setProblem(msg('errRequired', { field: t('notifyTestTo') }));
    try {
      const result = await testMail(to.trim());
      if (result.ok) setDone(msg('notifyTestSent', { to: to.trim() }));
      else setProblem(msg('notifyTestFailed', { error: result.error ?? String(result.status ?? '') }));
    } catch (error) { setProblem(failure(error, { to: 'notifyTestTo' })); }
  });
  return (
    <Panel title={t('notifyMailTitle')} id="smtp-status">
      <p class={mail.configured ? 'lead' : 'form-problem'} data-testid="smtp-status">
        {mail.configured ? t('notifyMailOn', { from: mail.from ?? '', server: mail.server ?? '' }) : t('notifyMailOff')}
      </p>
      {mail.configured && (
        <form noValidate onSubmit={(event) => { event.preventDefault(); send(); }}>
          <Field label={t('notifyTestTo')} type="email" value={to} onInput={(v) => { setTo(v); setProblem(null); }} maxLength={120} />
          <Outcome problem={problem} done={done} />
          <Button type="submit" busy={sending}>{t('notifyTestSend')}</Button>
        </form>
      )}
    </Panel>
  );
}

function HostsPanel({ hosts }: { hosts: HostReached[] }) {
  const t = useT();
  return (
    <Panel title={t('notifyHostsTitle')} id="host-reach">
      {hosts.length === 0 && <p class="muted">{t('notifyNoHosts')}</p>}
      <ul class="rows">{hosts.map((h) => <HostRow key={h.id} host={h} />)}</ul>
    </Panel>
  );
}

function HostRow({ host }: { host: HostReached }) {
  const t = useT();
  const [results, setResults] = useState<ChannelTest[]>([]);
  const [problem, setProblem] = useState<Message | null>(null);
  const [test, testing] = useAction(async () => {
    setProblem(null);
    try { setResults(await testChannels(host.id)); } catch (error) { setProblem(failure(error)); }
  });
  return (
    <li class="row host-reach">
      <span class="picked-name">{host.name}</span>
      <span class="picked-detail">
        {host.department}
        {' · '}
        {host.channels.length === 0 ? t('notifyNoChannel') : host.channels.map((c) => channelText(t, c)).join(', ')}
        {host.from === 'department' && ` (${t('notifyFromDepartment')})`}
      </span>
      {host.channels.length > 0 && <Button kind="secondary" class="row-action" busy={testing} onClick={test}>{t('channelsTest')}</Button>}
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      <TestResults results={results} />
    </li>
  );
}

function DeliveriesPanel() {
  const t = useT();
  const lang = useLang();
  const [rows, setRows] = useState<DeliveryRow[] | null>(null);
  const [problem, setProblem] = useState<Message | null>(null);
  const reload = () => listDeliveries(30).then((list) => { setRows(list); setProblem(null); }, (error) => setProblem(failure(error)));
  useEffect(() => { void reload(); }, []);
  return (
    <Panel title={t('notifyDeliveriesTitle')} id="deliveries">
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      {rows?.length === 0 && <p class="muted">{t('notifyNoDeliveries')}</p>}
      {rows && rows.length > 0 && (
        <div class="table-wrap log-wrap">
          <table class="table" data-testid="deliveries">
            <thead><tr><th>{t('colTime')}</th><th>{t('colHost')}</th><th>{t('colChannel')}</th><th>{t('colResult')}</th></tr></thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id} class={d.kind.endsWith('failed') ? 'delivery-failed' : 'delivery-sent'}>
                  <td>{formatTime(d.at, lang, { day: true, seconds: true })}</td>
                  <td>{d.hostName ?? d.host ?? ''}</td>
                  <td>{d.channel ? t(KIND_LABEL[d.channel as keyof typeof KIND_LABEL] ?? 'channelWebhook') : ''}{d.appointment && <span class="cell-detail">{t('notifyInvitation')}</span>}</td>
                  <td>
                    {d.kind.endsWith('failed') ? t('notifyFailed') : t('notifySent')}
                    <span class="cell-detail">{[d.attempt ? t('notifyAttempt', { n: d.attempt }) : '', d.final && d.kind.endsWith('failed') ? t('notifyGaveUp') : '', d.error ?? ''].filter(Boolean).join(' · ')}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Button kind="secondary" onClick={() => void reload()}>{t('refresh')}</Button>
    </Panel>
  );
}

