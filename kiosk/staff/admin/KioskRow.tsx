// One kiosk in the admin list: edit its name and place, turn it off and on, choose its printers, a new pairing code,
// or revoke or remove it (revoke and remove are asked once more, since the lobby stops).
import { useEffect, useState } from 'preact/hooks';
import type { Kiosk, PrinterView } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { removeKiosk, revokeKiosk } from '../calls.ts';
import { formatTime, useLang, useT } from '../i18n.ts';
import { failure, msg, say, type FieldLabels, type Message } from '../problems.ts';
import { editKiosk } from './manage-calls.ts';
import { sharedPrinters } from './printer-calls.ts';
import { PrintersRoute, routeNames } from './PrintersRoute.tsx';

const LABELS: FieldLabels = { name: 'kioskName', location: 'kioskLocation' };

interface Props {
  kiosk: Kiosk;
  renewing: boolean;
  onRenew: () => void;
  /** After a revocation or removal: reload the list and say what happened. */
  onChanged: (done: Message) => void;
}

export function KioskRow({ kiosk, renewing, onRenew, onChanged }: Props) {
  const t = useT();
  const lang = useLang();
  const [asking, setAsking] = useState<'revoke' | 'remove' | null>(null);
  const [printers, setPrinters] = useState<PrinterView[] | null>(null);
  const [choosing, setChoosing] = useState(false);
  useEffect(() => { sharedPrinters().then((l) => setPrinters(l.printers), () => setPrinters([])); }, []);
  const [problem, setProblem] = useState<Message | null>(null);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState({ name: kiosk.name, location: kiosk.location ?? '' });
  const openEdit = () => { setEditing((e) => !e); setDraft({ name: kiosk.name, location: kiosk.location ?? '' }); setProblem(null); };
  const [save, saving] = useAction(async () => {
    setProblem(null);
    if (!draft.name.trim()) return setProblem(msg('errRequired', { field: t('kioskName') }));
    try {
      const next = await editKiosk(kiosk.id, { name: draft.name.trim(), ...(draft.location.trim() ? { location: draft.location.trim() } : {}) });
      setEditing(false);
      onChanged(msg('kioskSaved', { name: next.name }));
    } catch (error) { setProblem(failure(error, LABELS)); }
  });
  const off = kiosk.active === false;
  const [toggle, toggling] = useAction(async () => {
    setProblem(null);
    try {
      const next = await editKiosk(kiosk.id, { active: off });
      onChanged(msg(next.active === false ? 'kioskDeactivated' : 'kioskReactivated', { name: next.name }));
    } catch (error) { setProblem(failure(error)); }
  });
  const [act, acting] = useAction(async () => {
    setProblem(null);
    try {
      if (asking === 'revoke') await revokeKiosk(kiosk.id);
      else await removeKiosk(kiosk.id);
      onChanged(msg(asking === 'revoke' ? 'kioskRevokedDone' : 'kioskRemovedDone', { name: kiosk.name }));
      setAsking(null);
    } catch (error) {
      setProblem(failure(error));
    }
  });
  const state = kiosk.revokedAt
    ? t('kioskRevoked', { time: formatTime(kiosk.revokedAt, lang, { day: true }) })
    : kiosk.pairedAt ? t('kioskPaired', { time: formatTime(kiosk.pairedAt, lang, { day: true }) }) : t('kioskNotPaired');

  return (
    <li class={`row${kiosk.revokedAt || off ? ' row-disabled' : ''}`}>
      <span class="picked-name">{kiosk.name}</span>
      <span class="picked-detail">{[kiosk.location, state].filter(Boolean).join(' · ')}</span>
      {printers && <span class="picked-detail kiosk-printers">{routeNames(kiosk.printerIds, printers, t)}</span>}
      {kiosk.revokedAt && <span class="tag tag-revoked">{t('kioskRevokedTag')}</span>}
      {off && <span class="tag tag-disabled">{t('kioskInactiveTag')}</span>}
      <span class="row-actions">
        <Button kind="secondary" pressed={editing} onClick={openEdit}>{t('edit')}</Button>
        {printers && <Button kind="secondary" pressed={choosing} onClick={() => setChoosing((c) => !c)}>{t('kioskPrinters')}</Button>}
        {!kiosk.revokedAt && <Button kind="secondary" busy={toggling} onClick={toggle}>{t(off ? 'reactivate' : 'deactivate')}</Button>}
        <Button kind="secondary" busy={renewing} onClick={onRenew}>{t('newPairing')}</Button>
        {!kiosk.revokedAt && <Button kind="secondary" pressed={asking === 'revoke'} onClick={() => setAsking('revoke')}>{t('revokeKiosk')}</Button>}
        <Button kind="secondary" pressed={asking === 'remove'} onClick={() => setAsking('remove')}>{t('removeKiosk')}</Button>
      </span>
      {problem && <p class="form-problem row-extra" role="alert">{say(t, problem)}</p>}
      {editing && (
        <form class="row-extra" noValidate onSubmit={(event) => { event.preventDefault(); save(); }}>
          <Field label={t('kioskName')} value={draft.name} onInput={(v) => setDraft((d) => ({ ...d, name: v }))} maxLength={64} autoFocus />
          <Field label={t('kioskLocation')} value={draft.location} onInput={(v) => setDraft((d) => ({ ...d, location: v }))} optional={t('optional')} maxLength={120} />
          <div class="dialog-actions">
            <Button kind="secondary" onClick={openEdit}>{t('cancel')}</Button>
            <Button type="submit" busy={saving}>{t('save')}</Button>
          </div>
        </form>
      )}
      {choosing && printers && (
        <div class="row-extra">
          <PrintersRoute
            label={t('kioskPrintersTitle', { name: kiosk.name })} printers={printers} value={kiosk.printerIds ?? []}
            onSave={(ids) => editKiosk(kiosk.id, { printerIds: ids }).then((next) => { setChoosing(false); onChanged(msg('kioskSaved', { name: next.name })); })}
          />
        </div>
      )}
      {asking && (
        <div class="row-extra" role="group" aria-label={t(asking === 'revoke' ? 'revokeKiosk' : 'removeKiosk')}>
          <p class="row-question">{t(asking === 'revoke' ? 'confirmRevoke' : 'confirmRemove', { name: kiosk.name })}</p>
          <div class="dialog-actions">
            <Button kind="secondary" onClick={() => setAsking(null)}>{t('cancel')}</Button>
            <Button busy={acting} onClick={act}>{t('confirm')}</Button>
          </div>
        </div>
      )}
    </li>
  );
}
