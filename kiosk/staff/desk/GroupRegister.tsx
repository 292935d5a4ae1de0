// Reception registers a group: the visit once (host, purpose, company), then a row per visitor. Nothing is sent while a
// row has a problem; the server's answer about a row is shown on that row; one bad row registers nobody.
import { useRef, useState } from 'preact/hooks';
import type { Visit } from '../../../server/protocol.ts';
import { RequestError } from '../../api.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { checkRequired } from '../../ui/checks.ts';
import { focusFirstProblem } from '../../ui/focus.ts';
import { useAction } from '../../ui/useAction.ts';
import { HostSearch } from '../HostSearch.tsx';
import { useT, type StaffKey } from '../i18n.ts';
import { failure, msg, type FieldLabels, type Message } from '../problems.ts';
import { Outcome } from '../forms.tsx';
import { PurposeField } from './RegisterFields.tsx';
import { GroupRows, type RowsProps } from './GroupRows.tsx';
import { GroupRegistered } from './GroupRegistered.tsx';
import { Unprintable, unprintableOf, type UnprintableInfo } from './Unprintable.tsx';
import './group.css';
import { emptyGroup, emptyRow, groupBody, GROUP_MAX, GROUP_MIN, registerGroup, rowOf, rowProblems, withNames, type GroupDraft, type GroupRow, type RowField } from './group.ts';

const LABELS: FieldLabels = { hostId: 'host', purpose: 'purpose', company: 'company' };
const ROW_LABELS: Record<string, StaffKey> = { name: 'name', idType: 'idType', idNumber: 'idNumber', phone: 'mobilePhone' };

export function GroupRegister({ visits, onRegistered }: { visits: Map<string, Visit>; onRegistered: (visit: Visit) => void }) {
  const t = useT();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<GroupDraft>(emptyGroup);
  const [touched, setTouched] = useState(new Set<string>());
  const [tried, setTried] = useState(false);
  const [problem, setProblem] = useState<Message | null>(null);
  const [rowError, setRowError] = useState<RowsProps['rowError']>(null);
  const [unprintable, setUnprintable] = useState<UnprintableInfo | null>(null);
  const [registered, setRegistered] = useState<Visit[] | null>(null);

  const finished = (key: string) => tried || touched.has(key);
  const touch = (key: string) => setTouched((seen) => new Set(seen).add(key));
  const problems = rowProblems(draft.rows, (i, field) => finished(`${draft.rows[i].key}:${field}`));
  const hostProblem = finished('host') && !draft.host ? t('errHostRequired') : null;
  const purposeProblem = checkRequired(draft.purpose, finished('purpose'));
  /** Any change makes the last answer stale: it is cleared (a row's own, when that row changes). */
  const changed = () => { setProblem(null); setUnprintable(null); };
  const update = (patch: Partial<GroupDraft>) => { setDraft((d) => ({ ...d, ...patch })); changed(); };
  const setRows = (rows: (current: GroupRow[]) => GroupRow[]) => { setDraft((d) => ({ ...d, rows: rows(d.rows) })); changed(); };
  const rows: Omit<RowsProps, 'rows' | 'problems' | 'rowError'> = {
    onRow: (i, patch) => { setRows((list) => list.map((r, j) => (j === i ? { ...r, ...patch } : r))); if (rowError?.row === i) setRowError(null); },
    onTouch: (i, field: RowField) => touch(`${draft.rows[i].key}:${field}`),
    onRemove: (i) => { setRows((list) => list.filter((_, j) => j !== i)); setRowError(null); },
    onAdd: (names) => setRows((list) => (names.length === 1 && names[0] === '' ? [...list, emptyRow()] : withNames(list, names)).slice(0, GROUP_MAX)),
  };

  const [submit, submitting] = useAction(async (printAnyway: boolean) => {
    setTried(true);
    const count = draft.rows.length;
    const rowsBad = rowProblems(draft.rows, () => true).some((p) => Object.values(p).some(Boolean));
    if (count < GROUP_MIN || count > GROUP_MAX) return setProblem(msg(count < GROUP_MIN ? 'groupTooFew' : 'groupTooMany', { min: GROUP_MIN, max: GROUP_MAX }));
    if (rowsBad || !draft.host || !draft.purpose.trim()) {
      setProblem(msg('groupCheckRows'));
      return focusFirstProblem(form.current ?? document);
    }
    changed();
    setRowError(null);
    try {
      const { visits: made } = await registerGroup(groupBody(draft, printAnyway));
      made.forEach(onRegistered);
      setRegistered(made);
      setDraft(emptyGroup());
      setTouched(new Set());
      setTried(false);
    } catch (error) {
      // The draft and its requestId stay: sending again cannot register the group twice.
      const characters = unprintableOf(error);
      const at = error instanceof RequestError ? rowOf(error.field) : undefined;
      if (characters) {
        setUnprintable(characters);
        if (at) setRowError({ row: at.row, field: at.field, message: msg('unprintableTitle') }); // the row is marked too
      } else if (at && error instanceof RequestError) setRowError({ row: at.row, field: at.field, message: failure(error, { [error.field!]: ROW_LABELS[at.field] ?? 'name' }) });
      else setProblem(failure(error, LABELS));
    }
  });

  const labelOf = (field: string) => {
    const at = rowOf(field);
    return at ? `${t('groupRow', { n: at.row + 1 })} · ${t(ROW_LABELS[at.field] ?? 'name')}` : t(LABELS[field] ?? 'purpose');
  };
  const shown = registered?.map((v) => visits.get(v.id) ?? v);
  return (
    <>
      {shown && <GroupRegistered visits={shown} onClose={() => setRegistered(null)} />}
      <p class="muted">{t('groupIntro')}</p>
      <form ref={form} noValidate class="group-form" onSubmit={(event) => { event.preventDefault(); submit(false); }}>
        <h3 class="form-section">{t('groupSectionVisit')}</h3>
        <div class="form-columns">
          <div>
            <HostSearch label={t('host')} picked={draft.host} onPick={(host) => { update({ host }); touch('host'); }} error={hostProblem} />
            <Field label={t('company')} hint={t('groupCompanyHint')} value={draft.company} optional={t('optional')} maxLength={100} onInput={(company) => update({ company })} />
          </div>
          <PurposeField value={draft.purpose} onChange={(purpose) => update({ purpose })} onBlur={() => touch('purpose')} error={purposeProblem && t(purposeProblem.key, { field: t('purpose') })} />
        </div>
        <h3 class="form-section">{t('groupSectionVisitors', { n: draft.rows.length })}</h3>
        <GroupRows rows={draft.rows} problems={problems} rowError={rowError} {...rows} />
        {unprintable && <Unprintable info={unprintable} label={labelOf(unprintable.field)} busy={submitting} onPrintAnyway={() => submit(true)} />}
        <Outcome problem={problem} />
        <div class="form-actions">
          <Button type="submit" busy={submitting}>{t('groupRegister', { n: draft.rows.length })}</Button>
        </div>
      </form>
    </>
  );
}
