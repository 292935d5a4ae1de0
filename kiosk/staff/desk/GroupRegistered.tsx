// What became of a group reception just registered: each visitor's number and status, kept current by live updates.
import { useEffect, useRef } from 'preact/hooks';
import type { Visit } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { STATUS_LABEL, useT } from '../i18n.ts';

export function GroupRegistered({ visits, onClose }: { visits: Visit[]; onClose: () => void }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [visits[0]?.group?.id]); // the form below was just cleared: say what happened, here
  const held = visits.filter((v) => v.status === 'awaiting-host' && v.group?.alone).length;
  const stopped = visits.some((v) => v.status === 'refused' || v.status === 'denied');
  const done = visits.every((v) => v.status === 'approved' || v.status === 'on-site');
  const tone = stopped ? 'stop' : done ? 'good' : 'wait';
  return (
    <div ref={box} tabIndex={-1} class={`registered registered-${tone}`} role={stopped ? 'alert' : 'status'} data-group={visits[0]?.group?.id}>
      <h3 class="registered-title">{t('groupRegisteredTitle', { n: visits.length, host: visits[0]?.host?.name ?? '—' })}</h3>
      <p class="registered-body">{t('groupRegisteredBody')}{held > 0 && ` ${t('groupHeldNote', { n: held })}`}</p>
      <ol class="rows group-result">
        {visits.map((v) => (
          <li key={v.id} class="row" data-visit={v.id} data-status={v.status}>
            <span class="mono">{v.number}</span>
            <span class="picked-name">{v.visitor.name}</span>
            <span class={`tag tag-${v.status}`}>{t(STATUS_LABEL[v.status])}</span>
          </li>
        ))}
      </ol>
      <Button kind="secondary" onClick={onClose}>{t('done')}</Button>
    </div>
  );
}
