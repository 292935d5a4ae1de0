// Kiosks: add one and show its pairing code large, list them, issue a new code for one, revoke or remove one.
import { useEffect, useState } from 'preact/hooks';
import type { Kiosk } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { addKiosk, listKiosks, newPairing, type Pairing } from '../calls.ts';
import { formatTime, useLang, useT } from '../i18n.ts';
import { failure, msg, say, type FieldLabels, type Message } from '../problems.ts';
import { Outcome, Panel } from '../forms.tsx';
import { KioskRow } from './KioskRow.tsx';

const PAIRING_MS = 10 * 60 * 1000;
const LABELS: FieldLabels = { name: 'kioskName', location: 'kioskLocation' };

export function Kiosks() {
  const t = useT();
  const [name, setName] = useState('');
  const [where, setWhere] = useState('');
  const [missing, setMissing] = useState<Message | null>(null);
  const [problem, setProblem] = useState<Message | null>(null);
  const [pairing, setPairing] = useState<Pairing | null>(null);
  const [kiosks, setKiosks] = useState<Kiosk[] | null>(null);
  const [listProblem, setListProblem] = useState<Message | null>(null);
  const [listDone, setListDone] = useState<Message | null>(null);

  const reload = () => listKiosks().then((list) => { setKiosks(list); setListProblem(null); }, (error) => setListProblem(failure(error)));
  useEffect(() => { void reload(); }, []);
  const show = (next: Pairing) => {
    setPairing({ ...next, expiresAt: next.expiresAt ?? new Date(Date.now() + PAIRING_MS).toISOString() });
    void reload();
    requestAnimationFrame(() => document.getElementById('pairing')?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
  };

  const [submit, busy] = useAction(async () => {
    setProblem(null);
    if (!name.trim()) return setMissing(msg('errRequired', { field: t('kioskName') }));
    try {
      show(await addKiosk({ name: name.trim(), ...(where.trim() ? { location: where.trim() } : {}) }));
      setName('');
      setWhere('');
    } catch (error) {
      setProblem(failure(error, LABELS));
    }
  });
  const [renew, renewing] = useAction(async (kiosk: Kiosk) => {
    setListProblem(null);
    setListDone(null);
    try { show(await newPairing(kiosk.id)); } catch (error) { setListProblem(failure(error)); }
  });

  return (
    <div class="staff-grid">
      {pairing && <PairingCode pairing={pairing} onDone={() => setPairing(null)} />}
      <div>
        <Panel title={t('addKioskTitle')}>
          <form noValidate onSubmit={(event) => { event.preventDefault(); submit(); }}>
            <Field label={t('kioskName')} value={name} hint={t('kioskNameHint')} onInput={(v) => { setName(v); setMissing(null); }} error={say(t, missing)} maxLength={64} />
            <Field label={t('kioskLocation')} value={where} onInput={setWhere} optional={t('optional')} maxLength={120} />
            <Outcome problem={problem} />
            <Button type="submit" busy={busy}>{t('addKiosk')}</Button>
          </form>
        </Panel>
      </div>
      <Panel title={t('kiosksTitle')}>
        {listProblem && <p class="form-problem" role="alert">{say(t, listProblem)}</p>}
        {kiosks?.length === 0 && <p class="muted">{t('noKiosks')}</p>}
        <Outcome done={listDone} />
        {kiosks && kiosks.length > 0 && (
          <ul class="rows">
            {kiosks.map((kiosk) => (
              <KioskRow
                key={kiosk.id} kiosk={kiosk} renewing={renewing && pairing?.kiosk.id === kiosk.id} onRenew={() => renew(kiosk)}
                onChanged={(done) => { setListDone(done); if (pairing?.kiosk.id === kiosk.id) setPairing(null); void reload(); }}
              />
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}

/** The code as large as the screen allows, so it can be read from across the lobby while typing it in. */
function PairingCode({ pairing, onDone }: { pairing: Pairing; onDone: () => void }) {
  const t = useT();
  const lang = useLang();
  const expiresMs = Date.parse(pairing.expiresAt!);
  const [expired, setExpired] = useState(Date.now() >= expiresMs);
  useEffect(() => {
    setExpired(Date.now() >= expiresMs);
    const timer = setTimeout(() => setExpired(true), Math.max(0, expiresMs - Date.now()));
    return () => clearTimeout(timer);
  }, [expiresMs]);
  return (
    <section id="pairing" class={`panel code-panel wide-panel${expired ? ' code-expired' : ''}`} aria-labelledby="pairing-title" aria-live="polite">
      <h2 id="pairing-title" class="panel-title">{t('pairingFor', { name: pairing.kiosk.name })}</h2>
      <p class="big-code" data-testid="pairing-code">{pairing.pairingCode}</p>
      {expired ? (
        <p class="form-problem" role="alert">{t('pairingExpired')}</p>
      ) : (
        <>
          <p class="lead">{t('pairingHowTo')}</p>
          <p class="code-expiry">{t('pairingExpires', { time: formatTime(pairing.expiresAt, lang) })}</p>
        </>
      )}
      <Button kind="secondary" onClick={onDone}>{t('done')}</Button>
    </section>
  );
}
