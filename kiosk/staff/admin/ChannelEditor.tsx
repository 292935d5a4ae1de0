// The one editor of a list of channels (a host's or a department's): kind, address or URL, and a signing secret that,
// once saved, is kept on the server and never shown again; and the list of a "send test"'s outcomes.
import type { Host } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import type { ChannelDraft, ChannelTest } from '../calls.ts';
import { useT, type StaffKey, type Translate } from '../i18n.ts';

export const KIND_LABEL: Record<ChannelDraft['kind'], StaffKey> = {
  email: 'channelEmail', wecom: 'channelWecom', dingtalk: 'channelDingtalk', feishu: 'channelFeishu', slack: 'channelSlack', webhook: 'channelWebhook',
};
const signed = (kind: ChannelDraft['kind']) => kind === 'dingtalk' || kind === 'feishu' || kind === 'webhook';
type Channel = NonNullable<Host['channels']>[number];

export const channelText = (t: Translate, c: Channel) => `${t(KIND_LABEL[c.kind])}: ${c.target}`;
/** Saved channels as rows to edit: secrets are not sent back, only whether one is kept. */
export const draftsOf = (channels: Channel[] = []): ChannelDraft[] => channels.map((c) => ({ kind: c.kind, target: c.target, secret: '', secretSet: c.secretSet }));

export function ChannelRows({ rows, onChange }: { rows: ChannelDraft[]; onChange: (rows: ChannelDraft[]) => void }) {
  const t = useT();
  const change = (i: number, part: Partial<ChannelDraft>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...part } : r)));
  return (
    <>
      <ul class="rows">
        {rows.map((row, i) => (
          <li key={i} class="row channel-row">
            <label class="field">
              <span class="field-label">{t('channelKind')}</span>
              <select class="field-input" value={row.kind} onChange={(e) => change(i, { kind: (e.target as HTMLSelectElement).value as ChannelDraft['kind'] })}>
                {Object.entries(KIND_LABEL).map(([kind, label]) => <option key={kind} value={kind}>{t(label)}</option>)}
              </select>
            </label>
            <Field label={row.kind === 'email' ? t('channelAddress') : t('channelUrl')} value={row.target} onInput={(v) => change(i, { target: v })} maxLength={500} />
            {signed(row.kind) && (
              <Field label={t('channelSecret')} type="password" value={row.secret} optional={row.secretSet ? t('channelSecretKept') : t('optional')} onInput={(v) => change(i, { secret: v })} maxLength={200} />
            )}
            <Button kind="quiet" class="row-action" onClick={() => onChange(rows.filter((_, j) => j !== i))}>{t('channelRemove')}</Button>
          </li>
        ))}
      </ul>
      <Button kind="secondary" onClick={() => onChange([...rows, { kind: 'wecom', target: '', secret: '' }])}>{t('channelAdd')}</Button>
    </>
  );
}

export function TestResults({ results }: { results: ChannelTest[] }) {
  const t = useT();
  if (results.length === 0) return null;
  return (
    <ul class="rows channel-tests" aria-live="polite">
      {results.map((r, i) => (
        <li key={i} class="row">
          <span class="picked-name">{r.ok ? t('channelTestOk') : t('channelTestFailed')}</span>
          <span class="picked-detail">{[t(KIND_LABEL[r.kind]), r.target, r.error].filter(Boolean).join(' · ')}</span>
        </li>
      ))}
    </ul>
  );
}
