// One printer in the admin list: its live status, edit its name, address and paper, a test page with what came of
// it, turn it off and on, or remove it (asked once more; a refusal says a kiosk or the desk still prints on it).
import { useState } from 'preact/hooks';
import type { PrinterStatus, PrinterView } from '../../../server/protocol.ts';
import { RequestError } from '../../api.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { useT, type StaffKey } from '../i18n.ts';
import { failure, msg, say, type FieldLabels, type Message } from '../problems.ts';
import { editPrinter, removePrinter, testPrinter } from './printer-calls.ts';

export const PRINTER_LABELS: FieldLabels = { name: 'printerName', address: 'printerAddress', paper: 'printerPaper' };
const TAG: Record<PrinterStatus, string> = { ok: 'tag-on-site', 'paper-out': 'tag-escalated', 'cover-open': 'tag-escalated', offline: 'tag-disabled', off: '' };

export function StatusTag({ status }: { status: PrinterStatus }) {
  const t = useT();
  return <span class={`tag ${TAG[status]}`} data-status={status}>{t(`printerStatus_${status}` as StaffKey)}</span>;
}

/** The paper width as a select, like the other admin selects. */
export function PaperField({ value, onChange }: { value: 80 | 58; onChange: (paper: 80 | 58) => void }) {
  const t = useT();
  return (
    <label class="field">
      <span class="field-label">{t('printerPaper')}</span>
      <select class="field-input" value={String(value)} onChange={(e) => onChange(Number((e.target as HTMLSelectElement).value) as 80 | 58)}>
        <option value="80">{t('paperMm', { paper: 80 })}</option>
        <option value="58">{t('paperMm', { paper: 58 })}</option>
      </select>
    </label>
  );
}

interface Props {
  printer: PrinterView;
  /** After a change: reload the list and say what happened. */
  onChanged: (done: Message) => void;
}

export function PrintersRow({ printer, onChanged }: Props) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<Message | null>(null);
  const [result, setResult] = useState<Message | null>(null);
  const [draft, setDraft] = useState({ name: printer.name, address: printer.address, paper: printer.paper });
  const openEdit = () => { setEditing((e) => !e); setDraft({ name: printer.name, address: printer.address, paper: printer.paper }); setProblem(null); };

  const [save, saving] = useAction(async () => {
    setProblem(null);
    if (!draft.name.trim()) return setProblem(msg('errRequired', { field: t('printerName') }));
    if (!draft.address.trim()) return setProblem(msg('errRequired', { field: t('printerAddress') }));
    try {
      const next = await editPrinter(printer.id, { name: draft.name.trim(), address: draft.address.trim(), paper: draft.paper });
      setEditing(false);
      onChanged(msg('printerSaved', { name: next.name }));
    } catch (error) { setProblem(failure(error, PRINTER_LABELS)); }
  });
  const [toggle, toggling] = useAction(async () => {
    setProblem(null);
    try {
      const next = await editPrinter(printer.id, { active: !printer.active });
      onChanged(msg(next.active ? 'printerTurnedOn' : 'printerTurnedOff', { name: next.name }));
    } catch (error) { setProblem(failure(error)); }
  });
  const [test, testing] = useAction(async () => {
    setProblem(null); setResult(null);
    try {
      const job = await testPrinter(printer.id);
      // A printer's known state in words; anything else (a network error) as the server said it.
      const state = /^printer (paper-out|cover-open|offline)$/.exec(job.error ?? '')?.[1];
      const error = state ? t(`printerStatus_${state}` as StaffKey) : job.error ?? '';
      setResult(job.status === 'printed' ? msg('testPrinted', { name: printer.name }) : msg('testFailed', { name: printer.name, error }));
    } catch (error) { setProblem(failure(error)); }
  });
  const [remove, removing] = useAction(async () => {
    setProblem(null);
    try {
      await removePrinter(printer.id);
      setAsking(false);
      onChanged(msg('printerRemoved', { name: printer.name }));
    } catch (error) {
      setAsking(false);
      setProblem(error instanceof RequestError && error.code === 'in-use' ? msg('printerInUse', { name: printer.name }) : failure(error));
    }
  });
  const failedTest = result && 'key' in result && result.key === 'testFailed';

  return (
    <li class={`row printer-row${printer.active ? '' : ' row-disabled'}`} data-printer={printer.id}>
      <span class="picked-name">{printer.name}</span>
      <StatusTag status={printer.status} />
      <span class="picked-detail printer-address">{`${printer.address} · ${t('paperMm', { paper: printer.paper })}`}</span>
      <span class="row-actions">
        <Button kind="secondary" busy={testing} onClick={test}>{t('testPrint')}</Button>
        <Button kind="secondary" pressed={editing} onClick={openEdit}>{t('edit')}</Button>
        <Button kind="secondary" busy={toggling} onClick={toggle}>{t(printer.active ? 'deactivate' : 'reactivate')}</Button>
        <Button kind="secondary" pressed={asking} onClick={() => setAsking(true)}>{t('remove')}</Button>
      </span>
      {result && <p class={`row-extra ${failedTest ? 'form-problem' : 'form-done'}`} role="status" data-testid="test-result">{say(t, result)}</p>}
      {problem && <p class="form-problem row-extra" role="alert">{say(t, problem)}</p>}
      {editing && (
        <form class="row-extra" noValidate onSubmit={(event) => { event.preventDefault(); save(); }}>
          <Field label={t('printerName')} value={draft.name} onInput={(v) => setDraft((d) => ({ ...d, name: v }))} maxLength={64} autoFocus />
          <Field label={t('printerAddress')} value={draft.address} hint={t('printerAddressHint')} autoCapitalize="off" onInput={(v) => setDraft((d) => ({ ...d, address: v }))} maxLength={300} />
          <PaperField value={draft.paper} onChange={(paper) => setDraft((d) => ({ ...d, paper }))} />
          <div class="dialog-actions">
            <Button kind="secondary" onClick={openEdit}>{t('cancel')}</Button>
            <Button type="submit" busy={saving}>{t('save')}</Button>
          </div>
        </form>
      )}
      {asking && (
        <div class="row-extra" role="group" aria-label={t('remove')}>
          <p class="row-question">{t('confirmRemovePrinter', { name: printer.name })}</p>
          <div class="dialog-actions">
            <Button kind="secondary" onClick={() => setAsking(false)}>{t('cancel')}</Button>
            <Button busy={removing} onClick={remove}>{t('confirm')}</Button>
          </div>
        </div>
      )}
    </li>
  );
}
