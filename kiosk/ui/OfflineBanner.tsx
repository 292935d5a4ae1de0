// Shown while the server cannot be reached; a blip shorter than a second is not worth alarming anyone.
import { useEffect, useState } from 'preact/hooks';

const GRACE_MS = 1000;

export function OfflineBanner({ online, text }: { online: boolean; text: string }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (online) return setShown(false);
    const timer = setTimeout(() => setShown(true), GRACE_MS);
    return () => clearTimeout(timer);
  }, [online]);
  return shown ? <div class="offline-banner" role="alert">{text}</div> : null;
}
