// Security adds a person to the watchlist: any of ID, name or phone, and the reason.
import { useState } from 'preact/hooks';
import type { IdType } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { OneOf } from '../../ui/Choices.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { addWatch } from '../calls.ts';
import { ID_TYPE_LABEL, useT } from '../i18n.ts';
import { failure, msg, say, type FieldLabels, type Message } from '../problems.ts';
import { Outcome, Panel } from '../forms.tsx';

const LABELS: FieldLabels = { idType: 'idType', idNumber: 'idNumber', name: 'name', phone: 'phone', reason: 'reason' };
const EMPTY = { idNumber: '', name: '', phone: '', reason: '' };

/** onAdded: told after each entry is added (the security page reloads its list). */
export function WatchlistForm({ onAdded }: { onAdded?: () => void } = {}) {
  const t = useT();
  const [idType, setIdType] = useState<IdType | 'none'>('none');
  const [form, setForm] = useState(EMPTY);
  const [problem, setProblem] = useState<Message | null>(null);
  const [done, setDone] = useState<Message | null>(null);
  const [reasonMissing, setReasonMissing] = useState<Message | null>(null);
  const edit = (key: keyof typeof EMPTY) => (value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setProblem(null);
    setDone(null);
    if (key === 'reason') setReasonMissing(null);
  };

  const [submit, busy] = useAction(async () => {
    const id = idType !== 'none' && form.idNumber.trim();
    if (!id && !form.name.trim() && !form.phone.trim()) return setProblem(msg('errWatchNeedsOne'));
    if (!form.reason.trim()) return setReasonMissing(msg('errRequired', { field: t('reason') }));
    try {
      await addWatch({
        ...(id ? { idType, idNumber: form.idNumber.trim() } : {}),
        ...(form.name.trim() ? { name: form.name.trim() } : {}),
        ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
        reason: form.reason.trim(),
      });
      setForm(EMPTY);
      setIdType('none');
      setDone(msg('watchAdded'));
      onAdded?.();
    } catch (error) {
      setProblem(failure(error, LABELS));
    }
  });

  const types: { value: IdType | 'none'; label: string }[] = [
    { value: 'none', label: t('idNone') },
    ...(['cn-resident', 'passport', 'other'] as const).map((value) => ({ value, label: t(ID_TYPE_LABEL[value]) })),
  ];
  return (
    <Panel title={t('watchTitle')}>
      <p class="muted">{t('watchIntro')}</p>
      <form noValidate onSubmit={(event) => { event.preventDefault(); submit(); }}>
        <OneOf label={t('idType')} value={idType} options={types} onChange={setIdType} />
        {idType !== 'none' && <Field label={t('idNumber')} value={form.idNumber} onInput={edit('idNumber')} autoCapitalize="characters" maxLength={40} />}
        <Field label={t('name')} value={form.name} onInput={edit('name')} optional={t('optional')} maxLength={64} />
        <Field label={t('phone')} inputMode="tel" value={form.phone} onInput={edit('phone')} optional={t('optional')} maxLength={24} />
        <Field label={t('reason')} value={form.reason} onInput={edit('reason')} error={say(t, reasonMissing)} maxLength={200} />
        <Outcome problem={problem} done={done} />
        <Button type="submit" busy={busy}>{t('watchAdd')}</Button>
      </form>
    </Panel>
  );
}
