// A department's channels: told to its hosts who have none of their own. Listed with a "send test", and edited here
// (a secret, once saved, is kept on the server and never shown again).
import { useEffect, useState } from 'preact/hooks';
import { Button } from '../../ui/Button.tsx';
import { useAction } from '../../ui/useAction.ts';
import type { ChannelDraft, ChannelTest } from '../calls.ts';
import { useT } from '../i18n.ts';
import { failure, msg, say, type Message } from '../problems.ts';
import { Outcome, Panel } from '../forms.tsx';
import { ChannelRows, channelText, draftsOf, TestResults } from './ChannelEditor.tsx';
import { listDepartments, saveDepartment, testDepartment, type DepartmentChannels as Department } from './notification-calls.ts';

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
      {!editing && <Button kind="quiet" class="row-action" onClick={() => { setDone(null); setEditing(draftsOf(department.channels)); }}>{t('notifyEdit')}</Button>}
      {!editing && department.channels.length > 0 && <Button kind="secondary" class="row-action" busy={testing} onClick={test}>{t('channelsTest')}</Button>}
      {editing && (
        <form noValidate class="department-form" onSubmit={(event) => { event.preventDefault(); save(); }}>
          <ChannelRows rows={editing} onChange={setEditing} />
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
