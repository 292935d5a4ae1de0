// The log's head to write down elsewhere, and a check of one written down before: a log cut short or rewritten since
// no longer holds that entry with that hash, however well its own chain checks out.
import { useEffect, useState } from 'preact/hooks';
import type { LogEvent } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { useAction } from '../../ui/useAction.ts';
import { checkAnchor, readLogHead, type Anchor, type LogHead as Head } from '../calls.ts';
import { formatTime, useLang, useT, type StaffKey } from '../i18n.ts';
import { failure, say, type Message } from '../problems.ts';

const SHORT_HEX = 16; // what a person writes down; the server accepts it for the whole hash

const shortHash = (hash: string) => `${hash.slice(0, 4)}…${hash.slice(-4)}`;
/** The first 16 hex characters in groups of four, easier to copy by hand. */
const toWriteDown = (hash: string) => hash.slice(0, SHORT_HEX).replace(/(.{4})(?=.)/g, '$1 ');

/** `latest`: the newest event seen live, which moves the head on without asking the server again. */
export function LogHead({ latest, reloads }: { latest?: LogEvent; reloads: number }) {
  const t = useT();
  const lang = useLang();
  const [fetched, setFetched] = useState<Head | null | undefined>(undefined);
  const [problem, setProblem] = useState<Message | null>(null);
  useEffect(() => { readLogHead().then((found) => { setFetched(found.head); setProblem(null); }, (error) => setProblem(failure(error))); }, [reloads]);
  const head = latest && (!fetched || latest.seq > fetched.seq) ? { seq: latest.seq, at: latest.at, hash: latest.hash } : fetched;

  return (
    <div class="log-head">
      {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
      {head === null && <p class="muted">{t('logHeadNone')}</p>}
      {head && (
        <>
          <p class="log-head-line" data-seq={head.seq}>
            <strong title={head.hash}>{t('logHead', { seq: head.seq, hash: shortHash(head.hash) })}</strong>
            <span class="muted"> {formatTime(head.at, lang, { day: true, seconds: true })}</span>
          </p>
          <p class="log-head-note mono" data-testid="log-head-note">#{head.seq} {toWriteDown(head.hash)}</p>
          <p class="field-hint">{t('logHeadHint')}</p>
        </>
      )}
    </div>
  );
}

type Outcome = { anchor: Anchor } | { unsupported: true } | { problem: Message };

/** A head written down earlier, checked against the log as it is now. */
export function AnchorCheck() {
  const t = useT();
  const [seq, setSeq] = useState('');
  const [hash, setHash] = useState('');
  const [errors, setErrors] = useState<{ seq?: StaffKey; hash?: StaffKey }>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [check, checking] = useAction(async () => {
    const wanted = { seq: seq.trim(), hash: hash.replace(/\s+/g, '').toLowerCase() };
    const found = {
      seq: /^\d{1,15}$/.test(wanted.seq) ? undefined : 'errAnchorSeq' as const,
      hash: /^[0-9a-f]{16,64}$/.test(wanted.hash) ? undefined : 'errAnchorHash' as const,
    };
    setErrors(found);
    setOutcome(null);
    if (found.seq || found.hash) return;
    try {
      const { anchor } = await checkAnchor(Number(wanted.seq), wanted.hash);
      setOutcome(anchor ? { anchor } : { unsupported: true });
    } catch (error) {
      setOutcome({ problem: failure(error) });
    }
  });

  return (
    <form class="anchor-check" noValidate onSubmit={(event) => { event.preventDefault(); check(); }}>
      <h3 class="form-section">{t('anchorTitle')}</h3>
      <div class="anchor-fields">
        <Field label={t('anchorSeq')} value={seq} onInput={setSeq} inputMode="numeric" maxLength={15} error={errors.seq && t(errors.seq)} />
        <Field label={t('anchorHash')} hint={t('anchorHashHint')} value={hash} onInput={setHash} maxLength={80} error={errors.hash && t(errors.hash)} />
        <Button type="submit" busy={checking}>{t('anchorCheck')}</Button>
      </div>
      <AnchorOutcome outcome={outcome} />
    </form>
  );
}

function AnchorOutcome({ outcome }: { outcome: Outcome | null }) {
  const t = useT();
  if (!outcome) return <p role="status" />;
  if ('problem' in outcome) return <p class="form-problem" role="alert">{say(t, outcome.problem)}</p>;
  if ('unsupported' in outcome) return <p class="muted" role="status">{t('anchorUnsupported')}</p>;
  const { anchor } = outcome;
  const holds = anchor.found && anchor.matches;
  return (
    <p class={`chain anchor-outcome ${holds ? 'chain-ok' : 'chain-broken'}`} role={holds ? 'status' : 'alert'} data-anchor={holds ? 'ok' : 'bad'}>
      <Icon name={holds ? 'good' : 'cross'} size={24} />
      {t(holds ? 'anchorOk' : 'anchorBad', { seq: anchor.seq })}
    </p>
  );
}
