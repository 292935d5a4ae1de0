// The host's words to the visitor: a quick phrase in the language the visitor chose here, free text as they wrote
// it, and "coming in N minutes" as a countdown to the server's time (never below zero).
import { useContext, useEffect, useState } from 'preact/hooks';
import type { Visit } from '../../server/protocol.ts';
import { phraseText } from '../../server/phrases.ts';
import { LangContext, useT } from '../ui/i18n.ts';
import { serverNow } from './calls.ts';

export function HostMessage({ visit, countdown = true }: { visit: Visit; countdown?: boolean }) {
  const { t, lang } = useContext(LangContext);
  const host = visit.host?.name ?? '';
  const coming = countdown ? visit.hostComing : undefined;
  if (!visit.hostMessage && !visit.hostPhrase && !coming) return null;
  return (
    <figure class="host-message">
      <figcaption>{t('waitingMessageFrom', { host })}</figcaption>
      {visit.hostPhrase && <blockquote class="host-phrase" data-phrase={visit.hostPhrase}>{phraseText(visit.hostPhrase, lang)}</blockquote>}
      {visit.hostMessage && <blockquote class="host-text">{visit.hostMessage}</blockquote>}
      {coming && <Countdown until={coming.until} host={host} />}
    </figure>
  );
}

/** mm:ss left until `until` on the server's clock; at zero, that the host should be here any moment. */
function Countdown({ until, host }: { until: string; host: string }) {
  const t = useT();
  const left = () => Math.max(0, Math.ceil((Date.parse(until) - serverNow()) / 1000));
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    setSeconds(left());
    const timer = setInterval(() => setSeconds(left()), 250); // a quarter second, so a skipped tick never shows
    return () => clearInterval(timer);
  }, [until]);
  if (!(seconds > 0)) return <p class="countdown countdown-done" role="status">{t('comingAnyMoment', { host })}</p>;
  const mmss = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  return (
    <p class="countdown">
      <span>{t('comingIn', { host })}</span>
      <time class="countdown-time" dateTime={`PT${seconds}S`} aria-label={t('comingInMinutes', { minutes: Math.ceil(seconds / 60) })}>{mmss}</time>
    </p>
  );
}
