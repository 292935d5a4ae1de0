// 来电登记: reception writes a call down: who called, about what, for whom, and whether it was only written down,
// a message taken (留言) or a transfer (转接). Once logged, one tap opens a matter from it.
import { useState } from 'preact/hooks';
import type { HostSummary } from '../../../server/protocol.ts';
import { Field } from '../../ui/Field.tsx';
import { OneOf } from '../../ui/Choices.tsx';
import { HostSearch } from '../HostSearch.tsx';
import { Panel } from '../forms.tsx';
import { useT } from '../i18n.ts';
import { failure, msg, say, type Message } from '../problems.ts';
import { CATEGORIES, logCall, type Call, type CaseCategory, type NewCall } from './calls.ts';
import { learnHost } from './names.ts';
import { categoryKey } from './words.ts';

const LABELS = {
  caller: 'callerName', 'caller.name': 'callerName', 'caller.phone': 'callerPhone', 'caller.organisation': 'callerOrg', subject: 'callSubject',
  category: 'callCategory', importance: 'callImportance', kind: 'callKind', message: 'callMessage', forHostId: 'callFor', forDepartment: 'callFor',
} as const;

interface Draft { name: string; phone: string; organisation: string; subject: string; category: CaseCategory; importance: 'normal' | 'important'; host: HostSummary | null; toDepartment: boolean; kind: NewCall['kind']; message: string }
const EMPTY: Draft = { name: '', phone: '', organisation: '', subject: '', category: 'inquiry', importance: 'normal', host: null, toDepartment: false, kind: 'call', message: '' };

export function CallForm({ onLogged, onOpenCase }: { onLogged: (call: Call) => void; onOpenCase: (call: Call) => Promise<void> }) {
  const t = useT();
  const [d, setD] = useState<Draft>(EMPTY);
  const [problem, setProblem] = useState<Message | null>(null);
  const [done, setDone] = useState<Message | null>(null);
  const [logged, setLogged] = useState<Call | null>(null);
  const [busy, setBusy] = useState(false);
  const put = <K extends keyof Draft>(k: K) => (v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));

  const submit = async (e: Event) => {
    e.preventDefault();
    if (d.kind !== 'call' && !d.host) return setProblem(msg('callNeedsFor'));
    setBusy(true);
    setProblem(null);
    try {
      const body: NewCall = {
        caller: { name: d.name.trim(), ...(d.phone.trim() ? { phone: d.phone.trim() } : {}), ...(d.organisation.trim() ? { organisation: d.organisation.trim() } : {}) },
        subject: d.subject.trim(), category: d.category, importance: d.importance, kind: d.kind,
        ...(d.host ? (d.toDepartment ? { forDepartment: d.host.department } : { forHostId: d.host.id }) : {}),
        ...(d.kind === 'message' ? { message: d.message.trim() } : {}),
      };
      const call = await logCall(body);
      onLogged(call);
      setLogged(call);
      setDone(msg('callSaved', { name: call.caller.name }));
      setD(EMPTY);
    } catch (error) { setProblem(failure(error, LABELS)); } finally { setBusy(false); }
  };
  const openCase = async () => {
    if (!logged) return;
    setBusy(true);
    try { await onOpenCase(logged); setLogged(null); setDone(null); } catch (error) { setProblem(failure(error)); } finally { setBusy(false); }
  };

  return (
    <Panel title={t('callLogTitle')} class="call-form">
      <form onSubmit={submit}>
        <Field label={t('callerName')} value={d.name} onInput={put('name')} maxLength={64} />
        <div class="matters-pair">
          <Field label={t('callerPhone')} value={d.phone} onInput={put('phone')} inputMode="tel" maxLength={24} optional={t('optional')} />
          <Field label={t('callerOrg')} value={d.organisation} onInput={put('organisation')} maxLength={120} optional={t('optional')} />
        </div>
        <Field label={t('callSubject')} value={d.subject} onInput={put('subject')} maxLength={200} />
        <OneOf label={t('callCategory')} value={d.category} onChange={put('category')} options={CATEGORIES.map((c) => ({ value: c, label: t(categoryKey(c)) }))} />
        <OneOf label={t('callImportance')} value={d.importance} onChange={put('importance')}
          options={[{ value: 'normal', label: t('importance_normal') }, { value: 'important', label: t('importance_important') }]} />
        <HostSearch label={t('callFor')} optional={t('optional')} picked={d.host} onPick={(host) => { if (host) learnHost(host); put('host')(host); }} />
        {d.host && (
          <OneOf label={t('callForChoice')} value={d.toDepartment ? 'department' : 'host'} onChange={(v) => put('toDepartment')(v === 'department')} options={[
            { value: 'host', label: `${t('callForHost')}: ${d.host.name}` },
            { value: 'department', label: t('callForDepartment', { department: d.host.department }) },
          ]} />
        )}
        <OneOf label={t('callKind')} value={d.kind} onChange={put('kind')} options={[
          { value: 'call', label: t('callKindCall') }, { value: 'message', label: t('callKindMessage') }, { value: 'transfer', label: t('callKindTransfer') },
        ]} />
        {d.kind === 'message' && <Field label={t('callMessage')} value={d.message} onInput={put('message')} maxLength={1000} />}
        {problem && <p class="form-problem" role="alert">{say(t, problem)}</p>}
        {done && <p class="form-done" role="status">{say(t, done)}</p>}
        <div class="form-actions">
          <button type="submit" class={`button button-primary${busy ? ' busy' : ''}`} disabled={busy}>{t('callSave')}</button>
          {logged && !logged.caseId && <button type="button" class="button button-secondary" disabled={busy} onClick={openCase}>{t('callOpenCase')}</button>}
        </div>
      </form>
    </Panel>
  );
}
