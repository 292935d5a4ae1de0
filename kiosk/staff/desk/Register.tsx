// Reception registers a visitor at the desk: a walk-in typed in full, or an invitation looked up by its code plus the ID.
import { useRef, useState } from 'preact/hooks';
import type { Visit } from '../../../server/protocol.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { focusFirstProblem } from '../../ui/focus.ts';
import { useAction } from '../../ui/useAction.ts';
import { readInvite, registerVisit } from '../calls.ts';
import { useT, type Translate } from '../i18n.ts';
import { failure, msg, say, type FieldLabels, type Message } from '../problems.ts';
import { Outcome, Panel } from '../forms.tsx';
import { emptyDraft, draftFromInvite, hasProblems, problemsOf, registerBody, type Checked, type DeskDraft } from './registration.ts';
import { IdFields, InviteSummaryList, WalkInFields } from './RegisterFields.tsx';
import { Registered } from './Registered.tsx';
import { OneOf } from '../../ui/Choices.tsx';
import { GroupRegister } from './GroupRegister.tsx';
import { Unprintable, unprintableOf, type UnprintableInfo } from './Unprintable.tsx';

const LABELS: FieldLabels = {
  'visitor.name': 'name', 'visitor.idType': 'idType', 'visitor.idNumber': 'idNumber', 'visitor.phone': 'mobilePhone',
  'visitor.company': 'company', purpose: 'purpose', hostId: 'host', inviteCode: 'inviteCode',
  companions: 'companions', items: 'items', plate: 'plate',
};

export function Register({ visits, onRegistered }: { visits: Map<string, Visit>; onRegistered: (visit: Visit) => void }) {
  const t = useT();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<DeskDraft>(emptyDraft);
  const [touched, setTouched] = useState<Partial<Record<Checked, boolean>>>({});
  const [tried, setTried] = useState(false);
  const [problem, setProblem] = useState<Message | null>(null);
  const [registered, setRegistered] = useState<Visit | null>(null);
  const [code, setCode] = useState('');
  const [codeProblem, setCodeProblem] = useState<Message | null>(null);
  const [mode, setMode] = useState<'one' | 'group'>('one');
  const [unprintable, setUnprintable] = useState<UnprintableInfo | null>(null);

  const update = (patch: Partial<DeskDraft>) => { setDraft((current) => ({ ...current, ...patch })); setProblem(null); setUnprintable(null); };
  const touch = (field: Checked) => () => setTouched((seen) => ({ ...seen, [field]: true }));
  const problems = problemsOf(draft, (field) => tried || !!touched[field]);
  /** A new, empty form: nothing of the last visitor (least of all an ID number) stays on screen. */
  const start = (next: DeskDraft = emptyDraft()) => {
    setDraft(next);
    setTouched({});
    setTried(false);
    setProblem(null);
  };

  const [lookUp, looking] = useAction(async () => {
    const wanted = code.trim();
    if (!wanted) return setCodeProblem(msg('errRequired', { field: t('inviteCode') }));
    setCodeProblem(null);
    try {
      const invite = await readInvite(wanted);
      start(draftFromInvite(wanted, invite));
      setCode('');
    } catch (error) {
      setCodeProblem(failure(error, LABELS));
    }
  });

  const [submit, submitting] = useAction(async (printAnyway: boolean) => {
    setTried(true);
    if (hasProblems(problemsOf(draft, () => true))) return focusFirstProblem(form.current ?? document);
    setProblem(null);
    setUnprintable(null);
    try {
      // After a 400 unprintable, "Print as it is" sends the same registration (and requestId) again, as the kiosk does.
      const visit = await registerVisit({ ...registerBody(draft, t), ...(printAnyway && { printAnyway }) });
      onRegistered(visit);
      setRegistered(visit);
      start();
    } catch (error) {
      const characters = unprintableOf(error);
      if (characters) setUnprintable(characters);
      else setProblem(failure(error, LABELS)); // the form and its requestId stay: a retry cannot register twice
    }
  });

  const current = registered ? visits.get(registered.id) ?? registered : null;
  return (
    <Panel title={t('registerTitle')} id="register" class="register-panel">
      {current && <Registered visit={current} onClose={() => setRegistered(null)} />}
      <OneOf<'one' | 'group'>
        label={t('registerMode')} value={mode} onChange={setMode}
        options={[{ value: 'one', label: t('registerModeOne') }, { value: 'group', label: t('registerModeGroup') }]}
      />
      {mode === 'group' ? <GroupRegister visits={visits} onRegistered={onRegistered} /> : (<>
      <p class="muted">{t('registerIntro')}</p>
      {!draft.invite && (
        <form class="lookup" noValidate onSubmit={(event) => { event.preventDefault(); lookUp(); }}>
          <Field
            label={t('inviteCode')} hint={t('inviteCodeHint')} value={code} maxLength={40} autoCapitalize="characters"
            onInput={(value) => { setCode(value); setCodeProblem(null); }} error={say(t, codeProblem)}
          />
          <Button type="submit" kind="secondary" busy={looking}>{t('inviteLookUp')}</Button>
        </form>
      )}
      <form ref={form} noValidate onSubmit={(event) => { event.preventDefault(); submit(false); }}>
        {draft.invite ? (
          <div class="form-columns">
            <div>
              <h3 class="form-section">{t('inviteFor', { name: draft.invite.visitor.name })}</h3>
              <InviteSummaryList invite={draft.invite} />
            </div>
            <div>
              <h3 class="form-section">{t('sectionVisitor')}</h3>
              <IdFields draft={draft} problems={problems} update={update} touch={touch} />
            </div>
          </div>
        ) : (
          <WalkInFields draft={draft} problems={problems} update={update} touch={touch} />
        )}
        {unprintable && <Unprintable info={unprintable} label={unprintableLabel(unprintable.field, t)} busy={submitting} onPrintAnyway={() => submit(true)} />}
        <Outcome problem={problem} />
        <div class="form-actions">
          <Button type="submit" busy={submitting}>{t('register')}</Button>
          {draft.invite && <Button kind="secondary" disabled={submitting} onClick={() => start()}>{t('inviteDrop')}</Button>}
        </div>
      </form>
      </>)}
    </Panel>
  );
}

/** The field the badge cannot print, in the desk's words ("Name", "Name of person 2 with them"). */
function unprintableLabel(field: string, t: Translate): string {
  const companion = /^companionNames\[(\d+)\]$/.exec(field);
  if (companion) return t('companionName', { n: Number(companion[1]) + 1 });
  return LABELS[field] ? t(LABELS[field]) : field;
}
