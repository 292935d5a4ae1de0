// Find a host and edit them in place, deactivate or reactivate them, or remove them (asked once more; a refusal is
// explained: visits, invitations, an account or a delegate still refer to the host).
import { useEffect, useState } from 'preact/hooks';
import type { Host, HostSummary } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { getHost } from '../calls.ts';
import { useT } from '../i18n.ts';
import { failure, msg, say, type FieldLabels, type Message } from '../problems.ts';
import { Outcome, Panel } from '../forms.tsx';
import { HostSearch } from '../HostSearch.tsx';
import { editHost, removeHost } from './manage-calls.ts';

const LABELS: FieldLabels = { name: 'hostName', department: 'department', email: 'email', phone: 'phone' };
type Form = { name: string; department: string; email: string; phone: string };
const formOf = (h: Host): Form => ({ name: h.name, department: h.department, email: h.email ?? '', phone: h.phone ?? '' });

export function HostManage() {
  const t = useT();
  const [picked, setPicked] = useState<HostSummary | null>(null);
  const [host, setHost] = useState<Host | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<Message | null>(null);
  const [done, setDone] = useState<Message | null>(null);

  useEffect(() => {
    setHost(null); setForm(null); setAsking(false); setProblem(null);
    if (picked) getHost(picked.id).then((h) => { setHost(h); setForm(formOf(h)); }, (error) => setProblem(failure(error)));
  }, [picked?.id]);
  const edit = (key: keyof Form) => (value: string) => { setForm((f) => f && { ...f, [key]: value }); setProblem(null); setDone(null); };

  const [save, saving] = useAction(async () => {
    if (!host || !form) return;
    setDone(null);
    try {
      const next = await editHost(host.id, {
        name: form.name.trim(), department: form.department.trim(),
        ...(form.email.trim() ? { email: form.email.trim() } : {}), ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
      });
      setHost(next);
      setDone(msg('hostSaved', { name: next.name }));
    } catch (error) { setProblem(failure(error, LABELS)); }
  });
  const [toggle, toggling] = useAction(async () => {
    if (!host) return;
    setDone(null); setProblem(null);
    try {
      const next = await editHost(host.id, { active: host.active === false });
      setHost(next);
      setDone(msg(next.active === false ? 'hostDeactivated' : 'hostReactivated', { name: next.name }));
    } catch (error) { setProblem(failure(error)); }
  });
  const [remove, removing] = useAction(async () => {
    if (!host) return;
    setDone(null); setProblem(null);
    try {
      await removeHost(host.id);
      setAsking(false);
      setPicked(null);
      setDone(msg('hostRemoved', { name: host.name }));
    } catch (error) { setAsking(false); setProblem(failure(error)); }
  });

  return (
    <Panel title={t('manageHostTitle')}>
      <p class="muted">{t('manageHostHint')}</p>
      <HostSearch label={t('findHost')} picked={picked} onPick={(h) => { setPicked(h); setDone(null); }} />
      {host && form && (
        <form class="host-edit" noValidate data-testid="host-edit" onSubmit={(event) => { event.preventDefault(); save(); }}>
          {host.active === false && <p><span class="tag tag-disabled">{t('inactiveTag')}</span></p>}
          <Field label={t('hostName')} value={form.name} onInput={edit('name')} maxLength={64} />
          <Field label={t('department')} value={form.department} onInput={edit('department')} maxLength={64} />
          <Field label={t('email')} type="email" value={form.email} onInput={edit('email')} optional={t('optional')} maxLength={120} />
          <Field label={t('phone')} inputMode="tel" value={form.phone} onInput={edit('phone')} optional={t('optional')} maxLength={24} />
          <div class="dialog-actions">
            <Button type="submit" busy={saving}>{t('save')}</Button>
            <Button kind="secondary" busy={toggling} onClick={toggle}>{t(host.active === false ? 'reactivate' : 'deactivate')}</Button>
            <Button kind="secondary" pressed={asking} onClick={() => setAsking(true)}>{t('remove')}</Button>
          </div>
          {asking && (
            <div role="group" aria-label={t('remove')}>
              <p class="row-question">{t('confirmRemoveHost', { name: host.name })}</p>
              <div class="dialog-actions">
                <Button kind="secondary" onClick={() => setAsking(false)}>{t('cancel')}</Button>
                <Button busy={removing} onClick={remove}>{t('confirm')}</Button>
              </div>
            </div>
          )}
        </form>
      )}
      <Outcome problem={problem} done={done} />
    </Panel>
  );
}
