// One kiosk in the admin list: a new pairing code, or revoke or remove it (each asked once more, since the lobby stops).
import { useState } from 'preact/hooks';
import type { Kiosk } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { useAction } from '../../ui/useAction.ts';
import { removeKiosk, revokeKiosk } from '../calls.ts';
import { formatTime, useLang, useT } from '../i18n.ts';
import { failure, msg, say, type Message } from '../problems.ts';

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
  const [problem, setProblem] = useState<Message | null>(null);
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
    <li class={`row${kiosk.revokedAt ? ' row-disabled' : ''}`}>
      <span class="picked-name">{kiosk.name}</span>
      <span class="picked-detail">{[kiosk.location, state].filter(Boolean).join(' · ')}</span>
      {kiosk.revokedAt && <span class="tag tag-revoked">{t('kioskRevokedTag')}</span>}
      <span class="row-actions">
        <Button kind="secondary" busy={renewing} onClick={onRenew}>{t('newPairing')}</Button>
        {!kiosk.revokedAt && <Button kind="secondary" pressed={asking === 'revoke'} onClick={() => setAsking('revoke')}>{t('revokeKiosk')}</Button>}
        <Button kind="secondary" pressed={asking === 'remove'} onClick={() => setAsking('remove')}>{t('removeKiosk')}</Button>
      </span>
      {problem && <p class="form-problem row-extra" role="alert">{say(t, problem)}</p>}
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
