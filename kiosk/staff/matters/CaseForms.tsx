// A matter opened by hand (a visitor at the desk, a letter), and the search of past matters.
import { useEffect, useState } from 'preact/hooks';
import type { User, Visit } from '../../../server/protocol.ts';
import { Field } from '../../ui/Field.tsx';
import { OneOf } from '../../ui/Choices.tsx';
import { DateField } from '../../ui/DateField.tsx';
import { Panel } from '../forms.tsx';
import { useLang, useT } from '../i18n.ts';
import { failure, say, type Message } from '../problems.ts';
import { CATEGORIES, findCases, openCase, readVisit, STATUSES, type CaseCategory, type CaseImportance, type CaseRecord } from './calls.ts';
import { CaseCard } from './CaseCard.tsx';
import { categoryKey, importanceKey, statusKey } from './words.ts';

const LABELS = { subject: 'caseSubject', detail: 'caseDetail', contact: 'caseContactName', 'contact.name': 'caseContactName', 'contact.phone': 'caseContactPhone', category: 'callCategory', importance: 'callImportance' } as const;

/** fromVisit: the visit the desk opened this page for (/matters/?visit=…): the form opens with the visitor as the
 *  contact, and the matter is made from the visit. */
export function NewCaseForm({ onCreated, fromVisit }: { onCreated: (c: CaseRecord) => void; fromVisit?: string }) {
  const t = useT();
  const [d, setD] = useState({ subject: '', detail: '', name: '', phone: '', category: 'complaint' as CaseCategory, importance: 'normal' as CaseImportance });
  const [problem, setProblem] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const [visit, setVisit] = useState<Visit | null>(null);
  useEffect(() => {
    if (!fromVisit) return;
    readVisit(fromVisit).then((v) => { setVisit(v); setD((x) => ({ ...x, name: v.visitor.name, phone: v.visitor.phone ?? '' })); }, (error) => setProblem(failure(error)));
  }, [fromVisit]);
  const put = <K extends keyof typeof d>(k: K) => (v: (typeof d)[K]) => setD((x) => ({ ...x, [k]: v }));
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      onCreated(await openCase({
        category: d.category, importance: d.importance, subject: d.subject.trim(), ...(d.detail.trim() ? { detail: d.detail.trim() } : {}),
        contact: { name: d.name.trim(), ...(d.phone.trim() ? { phone: d.phone.trim() } : {}) },
        ...(visit ? { from: { visitId: visit.id } } : {}),
      }));
      setD((x) => ({ ...x, subject: '', detail: '', name: '', phone: '' }));
      setVisit(null);
    } catch (error) { setProblem(failure(error, LABELS)); } finally { setBusy(false); }
  };
  return (
    <details class="panel case-new" open={Boolean(fromVisit)}>
      <summary class="panel-title">{t('caseNewByHand')}</summary>
      <form onSubmit={submit}>
        {visit && <p class="form-hint" role="status">{t('caseFromVisit', { number: visit.number })}</p>}
        <Field label={t('caseSubject')} value={d.subject} onInput={put('subject')} maxLength={200} />
        <Field label={t('caseDetail')} value={d.detail} onInput={put('detail')} maxLength={2000} optional={t('optional')} />
        <div class="matters-pair">
          <Field label={t('caseContactName')} value={d.name} onInput={put('name')} maxLength={200} />
          <Field label={t('caseContactPhone')} value={d.phone} onInput={put('phone')} inputMode="tel" maxLength={40} optional={t('optional')} />
        </div>
        <OneOf label={t('callCategory')} value={d.category} onChange={put('category')} options={CATEGORIES.map((c) => ({ value: c, label: t(categoryKey(c)) }))} />
        <OneOf label={t('callImportance')} value={d.importance} onChange={put('importance')}
          options={(['normal', 'important', 'major'] as const).map((i) => ({ value: i, label: t(importanceKey(i)) }))} />
        {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
        <div class="form-actions"><button type="submit" class={`button button-primary${busy ? ' busy' : ''}`} disabled={busy}>{t('caseCreate')}</button></div>
      </form>
    </details>
  );
}

export function CaseSearch({ user, now, onChanged }: { user: User; now: number; onChanged: (c: CaseRecord) => void }) {
  const t = useT();
  const lang = useLang();
  const [f, setF] = useState({ from: '', to: '', status: '', category: '', q: '' });
  const [found, setFound] = useState<CaseRecord[] | null>(null);
  const [problem, setProblem] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const put = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const search = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try { setFound(await findCases(f)); } catch (error) { setProblem(failure(error)); } finally { setBusy(false); }
  };
  const changed = (c: CaseRecord) => { setFound((list) => list?.map((x) => (x.id === c.id ? c : x)) ?? null); onChanged(c); };
  return (
    <Panel title={t('casesSearchTitle')} class="case-search">
      <form onSubmit={search}>
        <div class="matters-pair">
          <DateField label={t('casesFrom')} value={f.from} onInput={put('from')} lang={lang} optional={t('optional')} />
          <DateField label={t('casesTo')} value={f.to} onInput={put('to')} lang={lang} optional={t('optional')} />
        </div>
        <OneOf label={t('casesStatus')} value={f.status} onChange={put('status')} options={[{ value: '', label: t('casesAll') }, ...STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) }))]} />
        <OneOf label={t('casesCategory')} value={f.category} onChange={put('category')} options={[{ value: '', label: t('casesAll') }, ...CATEGORIES.map((c) => ({ value: c, label: t(categoryKey(c)) }))]} />
        <Field label={t('casesQuery')} value={f.q} onInput={put('q')} inputMode="search" maxLength={100} optional={t('optional')} />
        {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
        <div class="form-actions"><button type="submit" class={`button button-primary${busy ? ' busy' : ''}`} disabled={busy}>{t('casesSearch')}</button></div>
      </form>
      {found && <p role="status">{t('casesFound', { n: found.length })}</p>}
      {found && (
        <ul class="cards">
          {[...found].reverse().map((c) => <li key={c.id}><CaseCard value={c} user={user} now={now} onChanged={changed} /></li>)}
        </ul>
      )}
    </Panel>
  );
}
