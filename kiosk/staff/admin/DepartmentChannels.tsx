// A department's channels: told to its hosts who have none of their own. Listed with a "send test", and edited here
// (a secret, once saved, is kept on the server and never shown again).
import { useEffect, useState } from 'preact/hooks';
import type { Host } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import type { ChannelDraft, ChannelTest } from '../calls.ts';
import { useT, type StaffKey, type Translate } from '../i18n.ts';
import { failure, msg, say, type Message } from '../problems.ts';
import { Outcome, Panel } from '../forms.tsx';
import { listDepartments, saveDepartment, testDepartment, type DepartmentChannels as Department } from './notification-calls.ts';

export const KIND_LABEL: Record<ChannelDraft['kind'], StaffKey> = {
  email: 'channelEmail', wecom: 'channelWecom', dingtalk: 'channelDingtalk', feishu: 'channelFeishu', slack: 'channelSlack', webhook: 'channelWebhook',
};
const signed = (kind: ChannelDraft['kind']) => kind === 'dingtalk' || kind === 'feishu' || kind === 'webhook';
type Channel = NonNullable<Host['channels']>[number];

export const channelText = (t: Translate, c: Channel) => `${t(KIND_LABEL[c.kind])}: ${c.target}`;

export function TestResults({ results }: { results: ChannelTest[] }) {
  const t = useT();
  if (results.length === 0) return null;
  return (
    <ul class="rows channel-tests" aria-live="polite">
      {results.map((r, i) => (
        <li key={i} class="row">
          <span class="picked-name">{r.ok ? t('channelTestOk') : t('channelTestFailed')}</span>
          <span class="picked-detail">{[t(KIND_LABEL[r.kind]), r.target, r.error].filter(Boolean).join(' · ')}</span>
        </li>
      ))}
    </ul>
  );
}

export function DepartmentChannels({ onChanged }: { onChanged: () => void }) {
  const t = useT();
  const [list, setList] = useState<Department[] | null>(null);
  const [problem, setProblem] = useState<Message | null>(null);
  const reload = () => listDepartments().then((l) => { setList(l); setProblem(null); }, (error) => setProblem(failure(error)));
  useEffect(() => { void reload(); }, []);
  return (
    <Panel title={t('notifyDepartmentsTitle')} id="department-channels">
      <p class="field-hint">{t('notifyDepartmentsHint')}</p>
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      <ul class="rows">
        {list?.map((d) => <DepartmentRow key={d.name} department={d} onSaved={() => { void reload(); onChanged(); }} />)}
      </ul>
    </Panel>
  );
}

function DepartmentRow({ department, onSaved }: { department: Department; onSaved: () => void }) {
  const t = useT();
  const [editing, setEditing] = useState<ChannelDraft[] | null>(null);
  const [results, setResults] = useState<ChannelTest[]>([]);
  const [problem, setProblem] = useState<Message | null>(null);
  const [done, setDone] = useState<Message | null>(null);
  const change = (i: number, part: Partial<ChannelDraft>) => setEditing((rows) => rows && rows.map((r, j) => (j === i ? { ...r, ...part } : r)));
  const [test, testing] = useAction(async () => {
    setProblem(null);
    try { setResults(await testDepartment(department.name)); } catch (error) { setProblem(failure(error)); }
  });
  const [save, saving] = useAction(async () => {
    if (!editing) return;
    try {
      await saveDepartment(department.name, editing.map(({ kind, target, secret }) => ({ kind, target: target.trim(), ...(secret ? { secret } : {}) })));
      setEditing(null); setProblem(null);
      setDone(msg('notifyDeptSaved', { name: department.name }));
      onSaved();
    } catch (error) { setProblem(failure(error)); }
  });
  return (
    <li class="row department-row">
      <span class="picked-name">{department.name}</span>
      <span class="picked-detail">
        {t('notifyDeptHosts', { n: department.hosts })}
        {' · '}
        {department.channels.length === 0 ? t('notifyNoChannel') : department.channels.map((c) => channelText(t, c)).join(', ')}
      </span>
      {!editing && <Button kind="quiet" class="row-action" onClick={() => { setDone(null); setEditing(department.channels.map((c) => ({ kind: c.kind, target: c.target, secret: '', secretSet: c.secretSet }))); }}>{t('notifyEdit')}</Button>}
      {!editing && department.channels.length > 0 && <Button kind="secondary" class="row-action" busy={testing} onClick={test}>{t('channelsTest')}</Button>}
      {editing && (
        <form noValidate class="department-form" onSubmit={(event) => { event.preventDefault(); save(); }}>
          <ul class="rows">
            {editing.map((row, i) => (
              <li key={i} class="row channel-row">
                <label class="field">
                  <span class="field-label">{t('channelKind')}</span>
                  <select class="field-input" value={row.kind} onChange={(e) => change(i, { kind: (e.target as HTMLSelectElement).value as ChannelDraft['kind'] })}>
                    {Object.entries(KIND_LABEL).map(([kind, label]) => <option key={kind} value={kind}>{t(label)}</option>)}
                  </select>
                </label>
                <Field label={row.kind === 'email' ? t('channelAddress') : t('channelUrl')} value={row.target} onInput={(v) => change(i, { target: v })} maxLength={500} />
                {signed(row.kind) && (
                  <Field label={t('channelSecret')} type="password" value={row.secret} optional={row.secretSet ? t('channelSecretKept') : t('optional')} onInput={(v) => change(i, { secret: v })} maxLength={200} />
                )}
                <Button kind="quiet" class="row-action" onClick={() => setEditing((rows) => rows && rows.filter((_, j) => j !== i))}>{t('channelRemove')}</Button>
              </li>
            ))}
          </ul>
          <Button kind="secondary" onClick={() => setEditing((rows) => [...(rows ?? []), { kind: 'wecom', target: '', secret: '' }])}>{t('channelAdd')}</Button>
          <div class="row-actions">
            <Button type="submit" busy={saving}>{t('channelsSave')}</Button>
            <Button kind="quiet" onClick={() => { setEditing(null); setProblem(null); }}>{t('cancel')}</Button>
          </div>
        </form>
      )}
      <Outcome problem={problem} done={done} />
      <TestResults results={results} />
    </li>
  );
}
