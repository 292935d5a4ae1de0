// Adding hosts to the directory (with an optional delegate), and looking them up.
import { useState } from 'preact/hooks';
import type { Host, HostSummary } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { addHost } from '../calls.ts';
import { useT } from '../i18n.ts';
import { failure, msg, say, type FieldLabels, type Message } from '../problems.ts';
import { Outcome, Panel } from '../forms.tsx';
import { HostSearch } from '../HostSearch.tsx';
import { HostChannels } from './HostChannels.tsx';
import { HostsImport } from './HostsImport.tsx';
import { HostManage } from './HostManage.tsx';

const LABELS: FieldLabels = { name: 'hostName', department: 'department', email: 'email', phone: 'phone', delegateId: 'delegate' };
const EMPTY = { name: '', department: '', email: '', phone: '' };

export function Hosts() {
  const t = useT();
  const [form, setForm] = useState(EMPTY);
  const [delegate, setDelegate] = useState<HostSummary | null>(null);
  const [missing, setMissing] = useState<Partial<Record<'name' | 'department', Message>>>({});
  const [problem, setProblem] = useState<Message | null>(null);
  const [done, setDone] = useState<Message | null>(null);
  const [added, setAdded] = useState<{ host: Host; delegate?: string }[]>([]);
  const edit = (key: keyof typeof EMPTY) => (value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setMissing((m) => ({ ...m, [key]: undefined }));
    setProblem(null);
  };

  const [submit, busy] = useAction(async () => {
    const found: typeof missing = {};
    if (!form.name.trim()) found.name = msg('errRequired', { field: t('hostName') });
    if (!form.department.trim()) found.department = msg('errRequired', { field: t('department') });
    setMissing(found);
    setDone(null);
    if (found.name || found.department) return;
    try {
      const host = await addHost({
        name: form.name.trim(), department: form.department.trim(),
        ...(form.email.trim() ? { email: form.email.trim() } : {}),
        ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
        ...(delegate ? { delegateId: delegate.id } : {}),
      });
      setAdded((list) => [{ host, delegate: delegate?.name }, ...list]);
      setDone(msg('hostAdded', { name: host.name, department: host.department }));
      setForm(EMPTY);
      setDelegate(null);
    } catch (error) {
      setProblem(failure(error, LABELS));
    }
  });

  return (
    <div class="staff-grid">
      <Panel title={t('addHostTitle')}>
        <form noValidate onSubmit={(event) => { event.preventDefault(); submit(); }}>
          <Field label={t('hostName')} value={form.name} onInput={edit('name')} error={say(t, missing.name)} maxLength={64} />
          <Field label={t('department')} value={form.department} onInput={edit('department')} error={say(t, missing.department)} maxLength={64} />
          <Field label={t('email')} type="email" value={form.email} onInput={edit('email')} optional={t('optional')} maxLength={120} />
          <Field label={t('phone')} inputMode="tel" value={form.phone} onInput={edit('phone')} optional={t('optional')} maxLength={24} />
          <HostSearch label={t('delegate')} hint={t('delegateHint')} optional={t('optional')} picked={delegate} onPick={setDelegate} />
          <Outcome problem={problem} done={done} />
          <Button type="submit" busy={busy}>{t('addHost')}</Button>
        </form>
      </Panel>
      <div>
        <HostManage />
        <HostChannels />
        <HostsImport />
        {added.length > 0 && (
          <Panel title={t('addedThisSession')}>
            <ul class="rows">
              {added.map(({ host, delegate: delegateName }) => (
                <li key={host.id} class="row">
                  <span class="picked-name">{host.name}</span>
                  <span class="picked-detail">
                    {[host.department, host.email, host.phone, delegateName && t('delegateIs', { name: delegateName })].filter(Boolean).join(' · ')}
                  </span>
                </li>
              ))}
            </ul>
          </Panel>
        )}
      </div>
    </div>
  );
}
