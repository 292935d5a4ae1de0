// The settings of a second approval (the confidentiality office, 保密管理部门, for sensitive visits): which department's
// hosts give it, and on each purpose whether it needs one (after the host's approval, so only with it).
import { useEffect, useId, useState } from 'preact/hooks';
import type { VisitPurpose } from '../../../server/protocol.ts';
import { useT } from '../i18n.ts';
import { listDepartments } from './notification-calls.ts';

/** A touch target as big as the staff pages' others (48 px), as the purpose's other boxes. */
const BOX = { width: '48px', height: '48px', margin: 0, flex: 'none' };

/** The departments that have hosts (they are who decide), and the one chosen even if it has none any more. */
export function SecondApproverPicker({ value, onChange, error }: { value: string; onChange: (department: string) => void; error?: string | null }) {
  const t = useT();
  const id = useId();
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => { listDepartments().then((list) => setNames(list.filter((d) => d.hosts > 0).map((d) => d.name)), () => setNames([])); }, []);
  const options = value && !names.includes(value) ? [value, ...names] : names;
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label class="field-label" for={id}>{t('secondApprover')}</label>
      <p class="field-hint" id={`${id}-hint`}>{t('secondApproverHint')}</p>
      <select id={id} class="field-input second-approver" aria-describedby={`${id}-hint`} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        <option value="">{t('secondApproverNone')}</option>
        {options.map((name) => <option key={name} value={name}>{name}</option>)}
      </select>
      {error && <p class="field-error" role="alert">{error}</p>}
    </div>
  );
}

/** Needs the host's approval first: off and disabled while the purpose lets visitors in without it. */
export function SecondApprovalBox({ purpose, onChange }: { purpose: VisitPurpose; onChange: (secondApproval: true | undefined) => void }) {
  const t = useT();
  return (
    <label style={{ display: 'flex', alignItems: 'center', gap: '0.5rem', minHeight: '44px' }}>
      <input type="checkbox" class="purpose-second" style={BOX} disabled={!purpose.approval} checked={Boolean(purpose.approval && purpose.secondApproval)}
        onChange={(e) => onChange((e.target as HTMLInputElement).checked || undefined)} /> {t('purposeSecond')}
    </label>
  );
}
