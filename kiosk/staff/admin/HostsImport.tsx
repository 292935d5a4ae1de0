// Directory import (CSV or .xlsx): a preview that names each bad row, then the good rows applied; and the export.
import { useState } from 'preact/hooks';
import { Button } from '../../ui/Button.tsx';
import { useAction } from '../../ui/useAction.ts';
import { useT, type StaffKey, type Translate } from '../i18n.ts';
import { failure, msg, type Message } from '../problems.ts';
import { Outcome, Panel } from '../forms.tsx';
import { exportHosts, importHosts, type ImportResult, type RowError } from './site-calls.ts';

const MAX_BYTES = 2 * 1024 * 1024;
const FIELD: Record<string, StaffKey> = {
  name: 'hostName', department: 'department', email: 'email', phone: 'phone', delegate: 'delegate',
  employeeNo: 'colEmployeeNo', wecomUserId: 'colWecom', dingtalkUserId: 'colDingtalk', feishuUserId: 'colFeishu',
};
const BY_CODE: Record<string, StaffKey> = {
  'missing-field': 'rowErrRequired', 'too-long': 'rowErrTooLong', 'duplicate-row': 'rowErrDuplicate', 'unknown-delegate': 'rowErrUnknownDelegate',
  'own-delegate': 'rowErrOwnDelegate', 'two-hosts': 'rowErrTwoHosts', 'missing-key': 'rowErrMissingKey',
};
const sayRowError = (t: Translate, e: RowError) => t(BY_CODE[e.code] ?? 'rowErrInvalid', { field: FIELD[e.field] ? t(FIELD[e.field]) : e.field });

export function HostsImport() {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problem, setProblem] = useState<Message | null>(null);

  const [run, busy] = useAction(async (dryRun: boolean) => {
    setProblem(null);
    if (!file) return setProblem(msg('importNoFile'));
    if (file.size > MAX_BYTES) return setProblem(msg('importTooBig'));
    try {
      setResult(await importHosts(file, dryRun));
    } catch (error) {
      setResult(null);
      setProblem(failure(error));
    }
  });
  const [download, downloading] = useAction(async (format: 'csv' | 'xlsx') => {
    try { await exportHosts(format); } catch (error) { setProblem(failure(error)); }
  });
  const counts = result && { added: result.added, updated: result.updated, errors: result.errors.length };

  return (
    <Panel title={t('importTitle')} id="hosts-import">
      <p class="muted">{t('importHint')}</p>
      <label class="field">
        <span class="field-label">{t('importFile')}</span>
        <input
          type="file" class="field-input" style={{ minHeight: '48px', paddingTop: '0.6rem' }} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(event) => { setFile((event.target as HTMLInputElement).files?.[0] ?? null); setResult(null); setProblem(null); }}
        />
      </label>
      <div class="form-actions">
        <Button kind="secondary" busy={busy} onClick={() => run(true)}>{t('importPreview')}</Button>
        <Button busy={busy} disabled={!result?.dryRun || result.added + result.updated === 0} onClick={() => run(false)}>{t('importApply')}</Button>
      </div>
      <Outcome problem={problem} done={counts ? msg(result.dryRun ? 'importPreviewResult' : 'importApplied', counts) : null} />
      {result && result.ignoredColumns.length > 0 && <p class="muted">{t('importIgnored', { columns: result.ignoredColumns.join(', ') })}</p>}
      {result && result.errors.length > 0 && (
        <>
          <h3 class="form-section">{t('importRowErrors')}</h3>
          <ul class="rows import-errors">
            {result.errors.map((e) => (
              <li key={`${e.row}-${e.field}`} class="row">
                <span class="picked-name">{t('importRow', { row: e.row })}</span>
                <span class="picked-detail">{sayRowError(t, e)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <div class="form-actions">
        <Button kind="quiet" busy={downloading} onClick={() => download('csv')}>{t('exportCsv')}</Button>
        <Button kind="quiet" busy={downloading} onClick={() => download('xlsx')}>{t('exportXlsx')}</Button>
      </div>
    </Panel>
  );
}
