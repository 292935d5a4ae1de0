// A group's visitors, a row each: name, ID and phone, the row's problems on the row; add, remove, or paste many names.
import { useId, useState } from 'preact/hooks';
import type { IdType } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { ID_TYPE_LABEL, useT } from '../i18n.ts';
import { say, type Message } from '../problems.ts';
import { GROUP_MAX, GROUP_MIN, splitNames, type GroupRow, type RowField, type RowProblems } from './group.ts';

export interface RowsProps {
  rows: GroupRow[];
  problems: RowProblems[];
  /** The server's answer about one row (`visitors[i].field`), shown on that row until it is changed. */
  rowError: { row: number; field: string; message: Message } | null;
  onRow: (i: number, patch: Partial<GroupRow>) => void;
  onTouch: (i: number, field: RowField) => void;
  onRemove: (i: number) => void;
  onAdd: (names: string[]) => void;
}

export function GroupRows(props: RowsProps) {
  const { rows, onAdd } = props;
  const t = useT();
  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState('');
  const addPasted = () => { onAdd(splitNames(pasted)); setPasted(''); setPasting(false); };
  return (
    <>
      <ol class="group-rows">
        {rows.map((row, i) => <RowFields key={row.key} i={i} {...props} />)}
      </ol>
      <div class="group-tools">
        <Button kind="secondary" disabled={rows.length >= GROUP_MAX} onClick={() => onAdd([''])}>{t('groupAddRow')}</Button>
        <Button kind="secondary" pressed={pasting} onClick={() => setPasting(!pasting)}>{t('groupPaste')}</Button>
      </div>
      {pasting && (
        <div class="group-paste">
          <PasteBox value={pasted} onInput={setPasted} />
          <Button kind="secondary" disabled={!splitNames(pasted).length} onClick={addPasted}>{t('groupPasteAdd')}</Button>
        </div>
      )}
    </>
  );
}

function PasteBox({ value, onInput }: { value: string; onInput: (text: string) => void }) {
  const t = useT();
  const id = useId();
  return (
    <div class="field">
      <label for={id} class="field-label">{t('groupPasteLabel')}</label>
      <textarea id={id} class="field-input group-paste-text" rows={4} value={value} maxLength={4000}
        onInput={(event) => onInput((event.currentTarget as HTMLTextAreaElement).value)} />
    </div>
  );
}

const ID_TYPES: IdType[] = ['cn-resident', 'passport', 'other'];

function RowFields({ i, rows, problems, rowError, onRow, onTouch, onRemove }: RowsProps & { i: number }) {
  const t = useT();
  const typeId = useId();
  const row = rows[i];
  const mine = rowError?.row === i ? rowError : null;
  const server = (field: string) => (mine?.field === field ? say(t, mine.message) : null);
  const check = (field: RowField, label: string) => {
    const p = problems[i]?.[field];
    return p ? t(p.key, { field: label, ...p.vars }) : server(field);
  };
  const invalid = Boolean(mine) || Object.values(problems[i] ?? {}).some(Boolean);
  return (
    <li class={`group-row${invalid ? ' group-row-invalid' : ''}`} data-row={i}>
      <fieldset class="group-row-set">
        <legend class="group-row-title">{t('groupRow', { n: i + 1 })}</legend>
        <div class="group-row-fields">
          <Field label={t('name')} value={row.name} maxLength={64} onInput={(name) => onRow(i, { name })} onBlur={() => onTouch(i, 'name')} error={check('name', t('name'))} />
          <div class={`field${server('idType') ? ' field-invalid' : ''}`}>
            <label for={typeId} class="field-label">{t('idType')}</label>
            <select id={typeId} class="field-input" value={row.idType} onChange={(event) => onRow(i, { idType: (event.currentTarget as HTMLSelectElement).value as IdType })}>
              {ID_TYPES.map((type) => <option key={type} value={type}>{t(ID_TYPE_LABEL[type])}</option>)}
            </select>
            <p class="field-error" role="alert">{server('idType') ?? ''}</p>
          </div>
          <Field
            label={t('idNumber')} value={row.idNumber} maxLength={40} autoCapitalize="characters" onBlur={() => onTouch(i, 'idNumber')}
            onInput={(idNumber) => onRow(i, { idNumber: row.idType === 'cn-resident' ? idNumber.toUpperCase() : idNumber })} error={check('idNumber', t('idNumber'))}
          />
          <Field
            label={t('mobilePhone')} optional={t('optional')} value={row.phone} inputMode="tel" maxLength={24}
            onInput={(phone) => onRow(i, { phone })} onBlur={() => onTouch(i, 'phone')} error={check('phone', t('mobilePhone'))}
          />
        </div>
        {rows.length > GROUP_MIN && (
          <Button kind="quiet" class="group-row-remove" label={t('groupRemoveRow', { n: i + 1 })} onClick={() => onRemove(i)}>
            <span aria-hidden="true">✕</span>
          </Button>
        )}
      </fieldset>
    </li>
  );
}
