// Where a host is told of visitors besides the console: e-mail, WeCom, DingTalk, Feishu, Slack or a webhook, each
// with an optional signing secret (kept on the server, never shown again), and a "send test" per host.
import { useState } from 'preact/hooks';
import type { Host, HostSummary } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { useAction } from '../../ui/useAction.ts';
import { getHost, saveChannels, testChannels, type ChannelDraft, type ChannelTest } from '../calls.ts';
import { useT, type StaffKey } from '../i18n.ts';
import { failure, msg, type Message } from '../problems.ts';
import { Outcome, Panel } from '../forms.tsx';
import { HostSearch } from '../HostSearch.tsx';

const KINDS: Array<[ChannelDraft['kind'], StaffKey]> = [
  ['email', 'channelEmail'], ['wecom', 'channelWecom'], ['dingtalk', 'channelDingtalk'],
  ['feishu', 'channelFeishu'], ['slack', 'channelSlack'], ['webhook', 'channelWebhook'],
];
const signed = (kind: ChannelDraft['kind']) => kind === 'dingtalk' || kind === 'feishu' || kind === 'webhook';
const draftsOf = (host: Host): ChannelDraft[] => (host.channels ?? []).map((c) => ({ kind: c.kind, target: c.target, secret: '', secretSet: c.secretSet }));

export function HostChannels() {
  const t = useT();
  const [picked, setPicked] = useState<HostSummary | null>(null);
  const [rows, setRows] = useState<ChannelDraft[]>([]);
  const [problem, setProblem] = useState<Message | null>(null);
  const [done, setDone] = useState<Message | null>(null);
  const [tests, setTests] = useState<ChannelTest[]>([]);
  const change = (i: number, part: Partial<ChannelDraft>) => { setRows((list) => list.map((r, j) => (j === i ? { ...r, ...part } : r))); setDone(null); };

  const pick = async (host: HostSummary | null) => {
    setPicked(host); setRows([]); setTests([]); setProblem(null); setDone(null);
    if (!host) return;
    try { setRows(draftsOf(await getHost(host.id))); } catch (error) { setProblem(failure(error, {})); }
  };
  const [save, saving] = useAction(async () => {
    if (!picked) return;
    try {
      setRows(draftsOf(await saveChannels(picked.id, rows)));
      setProblem(null);
      setDone(msg('channelsSaved', { name: picked.name }));
    } catch (error) { setProblem(failure(error, {})); }
  });
  const [test, testing] = useAction(async () => {
    if (!picked) return;
    try { setTests(await testChannels(picked.id)); } catch (error) { setProblem(failure(error, {})); }
  });

  return (
    <Panel title={t('channelsTitle')} id="host-channels">
      <p class="field-hint">{t('channelsHint')}</p>
      <HostSearch label={t('findHostLabel')} picked={picked} onPick={(h) => void pick(h)} />
      {picked && (
        <form noValidate onSubmit={(event) => { event.preventDefault(); save(); }}>
          <ul class="rows">
            {rows.map((row, i) => (
              <li key={i} class="row channel-row">
                <label class="field">
                  <span class="field-label">{t('channelKind')}</span>
                  <select class="field-input" value={row.kind} onChange={(e) => change(i, { kind: (e.target as HTMLSelectElement).value as ChannelDraft['kind'] })}>
                    {KINDS.map(([kind, label]) => <option key={kind} value={kind}>{t(label)}</option>)}
                  </select>
                </label>
                <Field label={row.kind === 'email' ? t('channelAddress') : t('channelUrl')} value={row.target} onInput={(v) => change(i, { target: v })} maxLength={500} />
                {signed(row.kind) && (
                  <Field label={t('channelSecret')} type="password" value={row.secret} optional={row.secretSet ? t('channelSecretKept') : t('optional')} onInput={(v) => change(i, { secret: v })} maxLength={200} />
                )}
                <Button kind="quiet" class="row-action" onClick={() => setRows((list) => list.filter((_, j) => j !== i))}>{t('channelRemove')}</Button>
              </li>
            ))}
          </ul>
          <Button kind="secondary" onClick={() => setRows((list) => [...list, { kind: 'wecom', target: '', secret: '' }])}>{t('channelAdd')}</Button>
          <Outcome problem={problem} done={done} />
          <div class="row-actions">
            <Button type="submit" busy={saving}>{t('channelsSave')}</Button>
            <Button kind="secondary" busy={testing} onClick={test}>{t('channelsTest')}</Button>
          </div>
          {tests.length > 0 && (
            <ul class="rows channel-tests" aria-live="polite">
              {tests.map((r, i) => (
                <li key={i} class="row">
                  <span class="picked-name">{r.ok ? t('channelTestOk') : t('channelTestFailed')}</span>
                  <span class="picked-detail">{[t(KINDS.find(([k]) => k === r.kind)![1]), r.target, r.error].filter(Boolean).join(' · ')}</span>
                </li>
              ))}
            </ul>
          )}
        </form>
      )}
    </Panel>
  );
}
