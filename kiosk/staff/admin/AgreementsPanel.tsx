// Agreements a visitor signs at the kiosk, on the settings page: short name, titles and texts in both languages.
// Saved with the rest of the settings; a purpose chooses one (Settings.tsx).
import type { Agreement } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { useT, type StaffKey } from '../i18n.ts';
import { Panel } from '../forms.tsx';

export const MAX_AGREEMENT_TEXT = 6000;

export function AgreementsPanel({ agreements, onChange }: { agreements: Agreement[]; onChange: (next: Agreement[]) => void }) {
  const t = useT();
  const set = (i: number, part: Partial<Agreement>) => onChange(agreements.map((a, j) => (j === i ? { ...a, ...part } : a)));
  const area = (label: StaffKey, value: string, input: (v: string) => void) => (
    <label class="field">
      <span class="field-label">{t(label)}</span>
      <textarea class="field-input agreement-textarea" rows={5} value={value} maxLength={MAX_AGREEMENT_TEXT} onInput={(e) => input((e.target as HTMLTextAreaElement).value)} />
    </label>
  );
  return (
    <Panel title={t('settingsAgreements')} class="agreements-panel">
      <p class="muted">{t('agreementsHint')}</p>
      <ul class="rows">
        {agreements.map((a, i) => (
          <li key={i} class="row agreement-row">
            <Field label={t('agreementIdLabel')} value={a.id} onInput={(id) => set(i, { id: id.toLowerCase() })} maxLength={32} />
            <Field label={t('agreementTitleZh')} value={a.title.zh} onInput={(zh) => set(i, { title: { ...a.title, zh } })} maxLength={80} />
            <Field label={t('agreementTitleEn')} value={a.title.en} onInput={(en) => set(i, { title: { ...a.title, en } })} maxLength={80} />
            {area('agreementTextZh', a.text.zh, (zh) => set(i, { text: { ...a.text, zh } }))}
            {area('agreementTextEn', a.text.en, (en) => set(i, { text: { ...a.text, en } }))}
            <Button kind="quiet" class="row-action" onClick={() => onChange(agreements.filter((_, j) => j !== i))}>{t('agreementRemove')}</Button>
          </li>
        ))}
      </ul>
      <Button kind="secondary" onClick={() => onChange([...agreements, { id: `agreement-${agreements.length + 1}`, title: { zh: '', en: '' }, text: { zh: '', en: '' } }])}>{t('agreementAdd')}</Button>
    </Panel>
  );
}
