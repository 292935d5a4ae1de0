// Who is in the building now, counted as people (companions too), with badge reprints, check-out by hand and the
// muster list for an evacuation.
import { useState } from 'preact/hooks';
import type { Visit } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { useAction } from '../../ui/useAction.ts';
import { printMuster, reprintBadge } from '../calls.ts';
import { formatTime, useLang, useT } from '../i18n.ts';
import { failure, msg, type Message } from '../problems.ts';
import { Outcome, Panel } from '../forms.tsx';
import { companionsText, headcount, peopleIn } from '../visits.ts';
import { CheckOutDialog } from './CheckOutDialog.tsx';
import { LostBadgeDialog } from './LostBadgeDialog.tsx';
import { findOnsite, visitOfBadge } from './find-onsite.ts';
import { Field } from '../../ui/Field.tsx';

/** canReprint: reception's own actions (a reprint, a matter opened for the visitor on /matters/). */
export function Onsite({ visits, canReprint, onCheckedOut }: { visits: Visit[]; canReprint: boolean; onCheckedOut: (visit: Visit) => void }) {
  const t = useT();
  const lang = useLang();
  const [problem, setProblem] = useState<Message | null>(null);
  const [done, setDone] = useState<Message | null>(null);
  const [leaving, setLeaving] = useState<Visit | null>(null);
  const [lost, setLost] = useState<Visit | null>(null);
  const [query, setQuery] = useState('');
  // A badge scanned into the box (a wedge scanner types it and Enter) opens that visitor's check-out at once.
  const scan = () => {
    const scanned = visitOfBadge(query, visits);
    if (scanned?.status === 'on-site') { setQuery(''); setLeaving(scanned); }
  };
  const shown = visitOfBadge(query, visits) ? visits : findOnsite(visits, query);
  const onsite = visits.filter((v) => v.status === 'on-site');
  const settle = async (work: () => Promise<Message>) => {
    setProblem(null);
    setDone(null);
    try { setDone(await work()); } catch (error) { setProblem(failure(error)); }
  };
  const [muster, mustering] = useAction(() => settle(async () => {
    const printed = await printMuster();
    return msg('musterSent', { people: headcount(t, printed.people ?? peopleIn(onsite), printed.count).people });
  }));
  const [reprint, reprinting] = useAction((visit: Visit) => settle(async () => {
    await reprintBadge(visit.id);
    return msg('reprinted', { number: visit.number });
  }));
  const checkedOut = (visit: Visit) => {
    setLeaving(null);
    setProblem(null);
    setDone(msg('checkedOut', { name: visit.visitor.name, number: visit.number }));
    onCheckedOut(visit);
  };

  return (
    <Panel title={t('onsiteTitle', headcount(t, peopleIn(onsite), onsite.length))} class="wide-panel">
      <div class="panel-tools">
        <Button kind="secondary" busy={mustering} onClick={muster}>{t('muster')}</Button>
        <Outcome problem={problem} done={done} />
      </div>
      {visits.length > 0 && (
        <form class="onsite-find" onSubmit={(event) => { event.preventDefault(); scan(); }}>
          <Field label={t('onsiteFind')} hint={t('onsiteFindHint')} value={query} onInput={setQuery} inputMode="search" maxLength={300} />
        </form>
      )}
      {visits.length === 0 ? <p class="muted">{t('noneOnsite')}</p> : (
        <div class="table-wrap">
          <table class="table onsite-table">
            <thead>
              <tr>
                <th scope="col">{t('colNumber')}</th><th scope="col">{t('colVisitor')}</th><th scope="col">{t('colHost')}</th>
                <th scope="col">{t('colSince')}</th><th scope="col">{t('colItems')}</th>
                <th scope="col"><span class="visually-hidden">{t('checkOut')}</span></th>
              </tr>
            </thead>
            <tbody>
              {shown.map((visit) => {
                const companions = companionsText(t, visit);
                return (
                  <tr key={visit.id} data-visit={visit.id}>
                    <td class="mono">{visit.number}</td>
                    <td>
                      <strong>{visit.visitor.name}</strong>
                      {visit.visitor.company && <span class="cell-detail">{visit.visitor.company}</span>}
                      {companions && <span class="cell-detail companions">{companions}</span>}
                      {visit.status === 'approved' && <span class="tag tag-approved">{t('badgeNotPrinted')}</span>}
                      {visit.overstay && <span class="tag tag-escalated">{t('alertOverstay')}</span>}
                    </td>
                    <td data-label={t('colHost')}>{visit.host?.name ?? '—'}</td>
                    <td data-label={t('colSince')}>{formatTime(visit.checkedInAt ?? visit.decidedAt ?? visit.createdAt, lang)}</td>
                    <td data-label={t('colItems')}>{visit.items.join('、') || '—'}</td>
                    <td class="row-actions">
                      {canReprint && <Button kind="secondary" class="row-action" disabled={reprinting} onClick={() => reprint(visit)}>{t('reprint')}</Button>}
                      <Button kind="secondary" class="row-action" onClick={() => setLost(visit)}>{t('lostBadge')}</Button>
                      {visit.status === 'on-site' && <Button kind="secondary" class="row-action" onClick={() => setLeaving(visit)}>{t('checkOut')}</Button>}
                      {/* A visitor who comes to complain or ask: the matter is opened from the visit. */}
                      {canReprint && <a class="button button-secondary row-action" href={`/matters/?visit=${encodeURIComponent(visit.id)}`}>{t('visitOpenCase')}</a>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {lost && (
        <LostBadgeDialog visit={lost} onCancel={() => setLost(null)} onDone={(visit) => {
          setLost(null);
          setProblem(null);
          setDone(msg('lostBadgeDone', { name: visit.visitor.name }));
          onCheckedOut(visit);
        }} />
      )}
      {leaving && <CheckOutDialog visit={leaving} onCancel={() => setLeaving(null)} onCheckedOut={checkedOut} />}
    </Panel>
  );
}
