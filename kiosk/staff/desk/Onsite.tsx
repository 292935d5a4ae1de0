// Who is in the building now, with badge reprints and the muster list for an evacuation.
import { useState } from 'preact/hooks';
import type { Visit } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { useAction } from '../../ui/useAction.ts';
import { printMuster, reprintBadge } from '../calls.ts';
import { formatTime, useLang, useT } from '../i18n.ts';
import { failure, msg, type Message } from '../problems.ts';
import { Outcome, Panel } from '../forms.tsx';

export function Onsite({ visits, canReprint }: { visits: Visit[]; canReprint: boolean }) {
  const t = useT();
  const lang = useLang();
  const [problem, setProblem] = useState<Message | null>(null);
  const [done, setDone] = useState<Message | null>(null);
  const onsite = visits.filter((v) => v.status === 'on-site');
  const settle = async (work: () => Promise<Message>) => {
    setProblem(null);
    setDone(null);
    try { setDone(await work()); } catch (error) { setProblem(failure(error)); }
  };
  const [muster, mustering] = useAction(() => settle(async () => msg('musterSent', { n: (await printMuster()).count })));
  const [reprint, reprinting] = useAction((visit: Visit) => settle(async () => {
    await reprintBadge(visit.id);
    return msg('reprinted', { number: visit.number });
  }));

  return (
    <Panel title={t('onsiteTitle', { n: onsite.length })} class="wide-panel">
      <div class="panel-tools">
        <Button kind="secondary" busy={mustering} onClick={muster}>{t('muster')}</Button>
        <Outcome problem={problem} done={done} />
      </div>
      {visits.length === 0 ? <p class="muted">{t('noneOnsite')}</p> : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('colNumber')}</th><th scope="col">{t('colVisitor')}</th><th scope="col">{t('colHost')}</th>
                <th scope="col">{t('colSince')}</th><th scope="col">{t('colItems')}</th>
                {canReprint && <th scope="col"><span class="visually-hidden">{t('reprint')}</span></th>}
              </tr>
            </thead>
            <tbody>
              {visits.map((visit) => (
                <tr key={visit.id} data-visit={visit.id}>
                  <td class="mono">{visit.number}</td>
                  <td>
                    <strong>{visit.visitor.name}</strong>
                    {visit.visitor.company && <span class="cell-detail">{visit.visitor.company}</span>}
                    {visit.status === 'approved' && <span class="tag tag-approved">{t('badgeNotPrinted')}</span>}
                    {visit.overstay && <span class="tag tag-escalated">{t('alertOverstay')}</span>}
                  </td>
                  <td>{visit.host?.name ?? '—'}</td>
                  <td>{formatTime(visit.checkedInAt ?? visit.decidedAt ?? visit.createdAt, lang)}</td>
                  <td>{visit.items.join('、') || '—'}{visit.companions > 0 && <span class="cell-detail">{t('companionsCount', { n: visit.companions })}</span>}</td>
                  {canReprint && (
                    <td><Button kind="secondary" class="row-action" disabled={reprinting} onClick={() => reprint(visit)}>{t('reprint')}</Button></td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
