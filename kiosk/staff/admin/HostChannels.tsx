// Where a host is told of visitors besides the console: e-mail, WeCom, DingTalk, Feishu, Slack or a webhook, each
// with an optional signing secret (kept on the server, never shown again), and a "send test" per host.
import { useState } from 'preact/hooks';
import type { HostSummary } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { useAction } from '../../ui/useAction.ts';
import { getHost, saveChannels, testChannels, type ChannelDraft, type ChannelTest } from '../calls.ts';
import { useT } from '../i18n.ts';
import { ChannelRows, draftsOf, TestResults } from './ChannelEditor.tsx';
import { failure, msg, type Message } from '../problems.ts';
import { Outcome, Panel } from '../forms.tsx';
import { HostSearch } from '../HostSearch.tsx';

export function HostChannels() {
  const t = useT();
  const [picked, setPicked] = useState<HostSummary | null>(null);
  const [rows, setRows] = useState<ChannelDraft[]>([]);
  const [problem, setProblem] = useState<Message | null>(null);
  const [done, setDone] = useState<Message | null>(null);
  const [tests, setTests] = useState<ChannelTest[]>([]);
  const edit = (list: ChannelDraft[]) => { setRows(list); setDone(null); };

  const pick = async (host: HostSummary | null) => {
    setPicked(host); setRows([]); setTests([]); setProblem(null); setDone(null);
    if (!host) return;
    try { setRows(draftsOf((await getHost(host.id)).channels)); } catch (error) { setProblem(failure(error, {})); }
  };
  const [save, saving] = useAction(async () => {
    if (!picked) return;
    try {
      setRows(draftsOf((await saveChannels(picked.id, rows)).channels));
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
          <ChannelRows rows={rows} onChange={edit} />
          <Outcome problem={problem} done={done} />
          <div class="row-actions">
            <Button type="submit" busy={saving}>{t('channelsSave')}</Button>
            <Button kind="secondary" busy={testing} onClick={test}>{t('channelsTest')}</Button>
          </div>
          <TestResults results={tests} />
        </form>
      )}
    </Panel>
  );
}
