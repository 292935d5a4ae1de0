// Printers: add one, the list with each printer's live status (printer:status), a test page, edit, turn off, remove;
// the desk's printers; and the configured ones (FOYER_PRINTER) that print when nothing else is chosen.
import { useEffect, useState } from 'preact/hooks';
import type { PrinterStatus } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { useT } from '../i18n.ts';
import { failure, msg, say, type Message } from '../problems.ts';
import { Outcome, Panel } from '../forms.tsx';
import { connectStaff } from '../live.ts';
import { addPrinter, setDeskPrinters, sharedPrinters, type PrinterList } from './printer-calls.ts';
import { PaperField, PrintersRow, PRINTER_LABELS, StatusTag } from './PrintersRow.tsx';
import { PrintersRoute } from './PrintersRoute.tsx';

export function Printers() {
  const t = useT();
  const [list, setList] = useState<PrinterList | null>(null);
  const [listProblem, setListProblem] = useState<Message | null>(null);
  const [listDone, setListDone] = useState<Message | null>(null);
  const [form, setForm] = useState<{ name: string; address: string; paper: 80 | 58 }>({ name: '', address: '', paper: 80 });
  const [problem, setProblem] = useState<Message | null>(null);
  const [done, setDone] = useState<Message | null>(null);

  const reload = () => sharedPrinters(true).then((next) => { setList(next); setListProblem(null); }, (error) => setListProblem(failure(error)));
  useEffect(() => {
    // Live: each change of a printer's state; after a reconnection the whole list, which may have missed some.
    const live = connectStaff({ onConnected: (connected) => { if (connected) void reload(); } });
    live.socket.on('printer:status', ({ printer }) => setList((l) => l && {
      ...l,
      printers: l.printers.map((p) => (p.id === printer.id || (p.active && p.address === printer.address) ? { ...p, status: printer.status } : p)),
      defaults: l.defaults.map((d) => (d.address === printer.address ? { ...d, status: printer.status as PrinterStatus } : d)),
    }));
    void reload();
    return live.close;
  }, []);
  const edit = (key: 'name' | 'address') => (value: string) => { setForm((f) => ({ ...f, [key]: value })); setProblem(null); setDone(null); };

  const [submit, busy] = useAction(async () => {
    setProblem(null); setDone(null);
    if (!form.name.trim()) return setProblem(msg('errRequired', { field: t('printerName') }));
    if (!form.address.trim()) return setProblem(msg('errRequired', { field: t('printerAddress') }));
    try {
      const added = await addPrinter({ name: form.name.trim(), address: form.address.trim(), paper: form.paper });
      setForm({ name: '', address: '', paper: form.paper });
      setDone(msg('printerAdded', { name: added.name }));
      void reload();
    } catch (error) { setProblem(failure(error, PRINTER_LABELS)); }
  });

  return (
    <div class="staff-grid">
      <div>
        <Panel title={t('addPrinterTitle')}>
          <form noValidate onSubmit={(event) => { event.preventDefault(); submit(); }}>
            <Field label={t('printerName')} value={form.name} hint={t('printerNameHint')} onInput={edit('name')} maxLength={64} />
            <Field label={t('printerAddress')} value={form.address} hint={t('printerAddressHint')} autoCapitalize="off" onInput={edit('address')} maxLength={300} />
            <PaperField value={form.paper} onChange={(paper) => setForm((f) => ({ ...f, paper }))} />
            <Outcome problem={problem} done={done} />
            <Button type="submit" busy={busy}>{t('addPrinter')}</Button>
          </form>
        </Panel>
        {list && (
          <Panel title={t('deskPrintersTitle')} id="desk-printers">
            <p class="muted">{t('deskPrintersHint')}</p>
            <PrintersRoute
              label={t('deskPrintersTitle')} printers={list.printers} value={list.desk.printerIds}
              onSave={async (ids) => { const desk = await setDeskPrinters(ids); setList((l) => l && { ...l, desk }); }}
            />
          </Panel>
        )}
      </div>
      <div>
        <Panel title={t('printersTitle')} id="printer-list">
          <p class="muted">{t('printersIntro')}</p>
          {listProblem && <p class="form-problem" role="alert">{say(t, listProblem)}</p>}
          {list?.printers.length === 0 && <p class="muted">{t('noPrinters')}</p>}
          <Outcome done={listDone} />
          {list && list.printers.length > 0 && (
            <ul class="rows">
              {list.printers.map((printer) => (
                <PrintersRow key={printer.id} printer={printer} onChanged={(next) => { setListDone(next); void reload(); }} />
              ))}
            </ul>
          )}
        </Panel>
        {list && (
          <Panel title={t('defaultPrintersTitle')}>
            <p class="muted">{t('defaultPrintersHint')}</p>
            <ul class="rows">
              {list.defaults.map((d) => (
                <li key={d.address} class="row">
                  <span class="picked-name printer-address">{d.address}</span>
                  <StatusTag status={d.status} />
                  <span class="picked-detail">{t('paperMm', { paper: d.paper })}</span>
                </li>
              ))}
            </ul>
          </Panel>
        )}
      </div>
    </div>
  );
}
