// The invite code, typed, scanned by the USB scanner or shown to the camera.
import { useState } from 'preact/hooks';
import type { InviteSummary } from '../../server/protocol.ts';
import { Button } from '../ui/Button.tsx';
import { Field } from '../ui/Field.tsx';
import { useT, type StringKey } from '../ui/i18n.ts';
import { Screen } from '../ui/Screen.tsx';
import { useAction } from '../ui/useAction.ts';
import { readInvite } from './calls.ts';
import { CameraScanner } from './CameraScanner.tsx';
import { problemKey } from './problems.ts';
import { inviteCodeFrom, useScanHandler } from './scans.ts';

const INVITE_PROBLEMS: Record<string, StringKey> = {
  'invite-not-found': 'inviteNotFound', 'invite-used': 'inviteUsed', 'invite-not-open': 'inviteNotOpen',
};

export function Invitation({ onBack, onFound }: {
  onBack: () => void; onFound: (code: string, invite: InviteSummary) => void;
}) {
  const t = useT();
  const [code, setCode] = useState('');
  const [camera, setCamera] = useState(false);
  const [problem, setProblem] = useState<StringKey | null>(null);
  const [lookUp, busy] = useAction(async (raw: string) => {
    const wanted = inviteCodeFrom(raw);
    if (!wanted) return setProblem('errRequired');
    setCode(wanted);
    try {
      onFound(wanted, await readInvite(wanted));
    } catch (error) {
      setCamera(false);
      setProblem(problemKey(error, INVITE_PROBLEMS));
    }
  });
  useScanHandler(lookUp);

  return (
    <Screen
      name="invitation" title={t('inviteTitle')} onSubmit={() => lookUp(code)}
      actions={<>
        <Button kind="secondary" onClick={onBack}>{t('back')}</Button>
        <Button type="submit" busy={busy}>{t('continue')}</Button>
      </>}
    >
      <Field
        label={t('inviteCode')} value={code} hint={t('inviteCodeHint')} maxLength={40} autoCapitalize="characters"
        onInput={(value) => { setCode(value); setProblem(null); }} error={problem && t(problem)}
      />
      <Button kind="quiet" onClick={() => setCamera(!camera)}>{camera ? t('inviteScanStop') : t('inviteScan')}</Button>
      {camera && <CameraScanner onCode={lookUp} />}
    </Screen>
  );
}
