// What became of a visitor reception just registered, kept current by the desk's live updates.
import { useEffect, useRef } from 'preact/hooks';
import type { Visit } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { ID_TYPE_LABEL, STATUS_LABEL, useT, type StaffKey } from '../i18n.ts';

type Tone = 'wait' | 'good' | 'stop';

function outcome(visit: Visit): { tone: Tone; title: StaffKey; body?: StaffKey } {
  switch (visit.status) {
    case 'awaiting-host': return { tone: 'wait', title: 'resultWaitingTitle', body: 'resultWaiting' };
    case 'approved': case 'on-site': {
      const print = visit.badge?.print;
      const body = print === 'failed' ? 'resultPrintFailed' : print === 'printed' || visit.status === 'on-site' ? 'resultPrinted' : 'resultPrinting';
      return { tone: 'good', title: 'resultApprovedTitle', body };
    }
    // The watchlist's reason is for security: the server does not send it, and the desk does not guess.
    case 'refused': return { tone: 'stop', title: 'resultRefusedTitle', body: 'resultRefused' };
    default: return { tone: 'stop', title: 'resultOtherTitle' };
  }
}

export function Registered({ visit, onClose }: { visit: Visit; onClose: () => void }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [visit.id]); // the form below was just cleared: say what happened, here
  const { tone, title, body } = outcome(visit);
  const vars = { name: visit.visitor.name, host: visit.host?.name ?? '—', status: t(STATUS_LABEL[visit.status]) };
  return (
    <div ref={box} tabIndex={-1} class={`registered registered-${tone}`} role={tone === 'stop' ? 'alert' : 'status'} data-visit={visit.id} data-status={visit.status}>
      <h3 class="registered-title">{t(title, vars)}</h3>
      {body && <p class="registered-body">{t(body, vars)}</p>}
      <dl class="facts">
        <dt>{t('visitNumber')}</dt><dd class="mono">{visit.number}</dd>
        <dt>{t('idMasked')}</dt><dd><span class="muted">{t(ID_TYPE_LABEL[visit.visitor.idType])}</span> <span class="mono">{visit.visitor.idNumberMasked}</span></dd>
        {visit.host && <><dt>{t('host')}</dt><dd>{visit.host.name} · {visit.host.department}</dd></>}
      </dl>
      <Button kind="secondary" onClick={onClose}>{t('done')}</Button>
    </div>
  );
}
