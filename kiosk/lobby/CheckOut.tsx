// Leaving: the badge is read by the USB scanner (anywhere on this screen) or by the camera.
import { useState } from 'preact/hooks';
import { Button } from '../ui/Button.tsx';
import { useT, type StringKey } from '../ui/i18n.ts';
import { Icon } from '../ui/Icon.tsx';
import { Screen } from '../ui/Screen.tsx';
import { CameraScanner } from './CameraScanner.tsx';
import { useScanHandler } from './scans.ts';

export function CheckOut({ onScan, onBack, busy, problem }: {
  onScan: (code: string) => void; onBack: () => void; busy: boolean; problem: StringKey | null;
}) {
  const t = useT();
  const [camera, setCamera] = useState(false);
  useScanHandler(onScan);
  return (
    <Screen name="checkout" title={t('checkoutTitle')} actions={<Button kind="secondary" onClick={onBack}>{t('back')}</Button>}>
      <div class="scan-prompt" aria-busy={busy}>
        <Icon name="scan" size={160} />
        <p class="lead">{t('checkoutIntro')}</p>
      </div>
      <p class="form-problem" role="alert">{problem ? t(problem) : ''}</p>
      <div class="scan-alternative">
        {camera ? <CameraScanner onCode={onScan} />
          : <Button kind="quiet" onClick={() => setCamera(true)}>{t('checkoutCamera')}</Button>}
      </div>
    </Screen>
  );
}
